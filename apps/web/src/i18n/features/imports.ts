export const zhCN = {
  title: '单位批量导入',
  intro:
    '上传 Excel（.xlsx）或 CSV 文件批量导入单位。系统逐行校验；只要有一行有误，就不会写入任何数据，并给出可下载的错误报告（行号、列、原因）。管理员导入的单位直接视为已认证。',
  template: '下载导入模板',
  file: '选择文件',
  fileHint: '支持 .xlsx 与 .csv（UTF-8 或 GBK），最多 5000 行、5 MB',
  dryRun: '仅校验，不写入',
  submit: '开始导入',
  validated: '校验通过：共 {{rows}} 行，可以导入',
  imported: '导入成功：已创建 {{created}} 家单位',
  failed: '共 {{count}} 处错误，未写入任何数据',
  report: '下载错误报告',
  row: '行号',
  column: '列',
  reason: '原因',
  adminOnly: '仅平台管理员可以批量导入单位。',
  chooseFirst: '请先选择文件',
};

export const en: typeof zhCN = {
  title: 'Import organisations',
  intro:
    'Upload an Excel (.xlsx) or CSV file of organisations. Every row is checked; if any row is wrong nothing is written, and you get an error report ' +
    '(row, column, reason) to download. Organisations imported by an admin count as verified.',
  template: 'Download the template',
  file: 'Choose a file',
  fileHint: '.xlsx or .csv (UTF-8 or GBK), up to 5,000 rows and 5 MB',
  dryRun: 'Check only, write nothing',
  submit: 'Import',
  validated: 'All {{rows}} rows are valid and can be imported',
  imported: 'Imported: {{created}} organisations created',
  failed: '{{count}} errors; nothing was written',
  report: 'Download the error report',
  row: 'Row',
  column: 'Column',
  reason: 'Reason',
  adminOnly: 'Only platform admins can import organisations.',
  chooseFirst: 'Choose a file first',
};
