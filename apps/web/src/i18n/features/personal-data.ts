export const zhCN = {
  title: '个人数据',
  intro: '下载平台保存的您的全部数据，或注销账户。注销后姓名、邮箱和手机号即被删除，无法恢复；您的操作记录以匿名编号保留。',
  downloadJson: '下载我的数据（JSON）',
  downloadExcel: '下载我的数据（Excel）',
  delete: '注销账户',
  deleteTitle: '注销账户',
  deleteWarning: '注销后您将退出所有设备，姓名、邮箱和手机号被删除且无法恢复。如果您是某个单位唯一的所有者，请先把所有者身份交给其他成员。',
  password: '当前密码',
  confirm: '确认注销',
  cancel: '取消',
  deleted: '账户已注销',
};

export const en: typeof zhCN = {
  title: 'Your data',
  intro:
    'Download everything Ronghe holds about you, or delete your account. Deleting erases your name, email and ' +
    'mobile number for good; your actions stay in the log under a pseudonym.',
  downloadJson: 'Download my data (JSON)',
  downloadExcel: 'Download my data (Excel)',
  delete: 'Delete account',
  deleteTitle: 'Delete your account',
  deleteWarning:
    'You will be signed out everywhere and your name, email and mobile number erased for good. If you are the only ' +
    'owner of an organisation, make another member an owner first.',
  password: 'Current password',
  confirm: 'Delete for good',
  cancel: 'Cancel',
  deleted: 'Your account has been deleted',
};
