import type { Worksheet } from 'exceljs';
import { needKindNames } from '@ronghe/domain/need';
import { trainingBaseKindNames } from '@ronghe/domain/training-base';
import type { AnnualReport } from './annual-report.ts';
import { newWorkbook } from './spreadsheet.ts';

// The annual report as an Excel workbook: one print-ready sheet per section (A4, fitted to width, header rows
// repeated on every page), numbers stored as numbers.

const sum = <T>(rows: T[], f: (r: T) => number) => rows.reduce((a, r) => a + f(r), 0);

type Lang = 'zh-CN' | 'en';
type Cell = string | number | null;
type Col = { header: string; numFmt?: string; wrap?: boolean };

const words = {
  'zh-CN': {
    title: (year: number) => `${year}年度北京职业教育产教融合行动计划实施报告`,
    sheets: ['概览', '指标', '建设任务', '共同体', '实训基地', '合作需求', '实习与项目'],
    asOf: '统计截至',
    generated: '生成时间',
    page: '第 &P 页，共 &N 页',
    rag: { green: '正常', amber: '预警', red: '滞后' },
    source: { computed: '自动统计', reported: '填报' },
    taskStatus: { not_started: '未开始', in_progress: '进行中', done: '已完成', cancelled: '已取消' },
    flag: { overdue: '逾期', at_risk: '有风险', on_track: '按期推进', done: '已完成', cancelled: '已取消' },
    consortiumKind: { city_union: '市域产教联合体', industry_community: '行业产教融合共同体' } as Record<string, string>,
    baseKind: trainingBaseKindNames['zh-CN'] as Record<string, string>,
    needKind: needKindNames['zh-CN'] as Record<string, string>,
    indicatorStatus: '指标状态',
    items: '项数',
    total: '合计',
    subtotal: '小计',
    none: '无',
    noIndustry: '未填行业',
    tasks: '建设任务',
    taskCounts: { done: '已完成', late: '逾期未完成', open: '进行中（按期）', atRisk: '其中有风险', cancelled: '已取消', total: '合计' },
    key: '主要数据',
    keyRows: [
      '运行中的共同体（个）',
      '共同体成员单位（家次）',
      '已发布实训基地（个）',
      '实训工位（个）',
      '本年发布合作需求（项）',
      '本年需求人数（人）',
      '本年实习安排学生（人）',
      '本年完成合作项目（项）',
    ],
    ind: ['编号', '指标', '单位', '目标值', '当前值', '应达值', '完成度', '状态', '来源', '最近填报日期'],
    yearEnd: (y: number) => `${y}年末`,
    trend: '各月末数值（趋势）',
    indicator: '指标',
    month: (m: string) => `${Number(m.slice(5))}月`,
    task: ['序号', '任务', '牵头单位', '责任人', '开始日期', '截止日期', '进度', '状态', '完成日期', '提示'],
    consortia: ['省市', '区县（河北为地级市）', '市域产教联合体', '行业产教融合共同体', '合计', '成员单位', '其中学校', '企业', '其他'],
    bases: ['基地类型', '合计', '工位数', '本年新发布'],
    needsByIndustry: ['行业门类', '合计', '需求人数'],
    needsByKind: '按需求类型',
    needsKindCols: ['需求类型', '需求数', '需求人数', '已接收'],
    needsByProvince: '按需求所在省市',
    needsProvinceCols: ['省市', '需求数', '需求人数'],
    placements: ['省市（学校所在地）', '本年实习安排', '本年实习学生', '累计安排', '累计学生'],
    projects: '合作项目',
    projectCols: ['项目类型', '进行中', '已完成', '已取消', '合计', '本年新增', '本年完成'],
    font: '宋体',
  },
  en: {
    title: (year: number) => `Implementation report of the Beijing vocational education action plan, ${year}`,
    sheets: ['Overview', 'Indicators', 'Tasks', 'Consortia', 'Training bases', 'Needs', 'Placements and projects'],
    asOf: 'As of',
    generated: 'Generated',
    page: 'Page &P of &N',
    rag: { green: 'On track', amber: 'Warning', red: 'Behind' },
    source: { computed: 'Counted', reported: 'Reported' },
    taskStatus: { not_started: 'Not started', in_progress: 'In progress', done: 'Done', cancelled: 'Cancelled' },
    flag: { overdue: 'Overdue', at_risk: 'At risk', on_track: 'On track', done: 'Done', cancelled: 'Cancelled' },
    consortiumKind: { city_union: 'City union', industry_community: 'Industry community' } as Record<string, string>,
    baseKind: trainingBaseKindNames['en'] as Record<string, string>,
    needKind: needKindNames['en'] as Record<string, string>,
    indicatorStatus: 'Indicator status',
    items: 'Indicators',
    total: 'Total',
    subtotal: 'subtotal',
    none: 'None',
    noIndustry: 'Industry not given',
    tasks: 'Tasks',
    taskCounts: {
      done: 'Done',
      late: 'Overdue',
      open: 'Open (on schedule)',
      atRisk: 'of which at risk',
      cancelled: 'Cancelled',
      total: 'Total',
    },
    key: 'Key figures',
    keyRows: [
      'Active consortia',
      'Consortium members',
      'Published training bases',
      'Training stations',
      'Needs published this year',
      'Places wanted this year',
      'Students placed this year',
      'Projects completed this year',
    ],
    ind: ['Code', 'Indicator', 'Unit', 'Target', 'Value', 'Expected', 'Progress', 'Status', 'Source', 'Last reported'],
    yearEnd: (y: number) => `End ${y}`,
    trend: 'Month-end values (trend)',
    indicator: 'Indicator',
    month: (m: string) => m,
    task: ['No.', 'Task', 'Owner', 'Responsible', 'Starts', 'Deadline', 'Progress', 'Status', 'Completed', 'Flag'],
    consortia: [
      'Province',
      'District (Hebei: prefecture)',
      'City unions',
      'Industry communities',
      'Total',
      'Members',
      'Schools',
      'Enterprises',
      'Others',
    ],
    bases: ['Kind', 'Total', 'Stations', 'Published this year'],
    needsByIndustry: ['Industry section', 'Total', 'Places wanted'],
    needsByKind: 'By kind of need',
    needsKindCols: ['Kind', 'Needs', 'Places wanted', 'Accepted'],
    needsByProvince: 'By province of the need',
    needsProvinceCols: ['Province', 'Needs', 'Places wanted'],
    placements: ['Province (school)', 'Placements this year', 'Students this year', 'Placements to date', 'Students to date'],
    projects: 'Cooperation projects',
    projectCols: ['Kind', 'Active', 'Completed', 'Cancelled', 'Total', 'Started this year', 'Completed this year'],
    font: 'Arial',
  },
} as const;

const INT = '#,##0';
const DEC = '#,##0.0';
const PCT = '0.0%';
const headerFill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E2F3' } } as const;
const totalFill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } } as const;
const thin = { style: 'thin', color: { argb: 'FF808080' } } as const;
const border = { top: thin, left: thin, bottom: thin, right: thin };

/** Display width of text in Excel's column units: CJK characters take two. */
const textWidth = (s: string) => [...s].reduce((w, c) => w + (/[\u2e80-\u9fff\uff00-\uffef\u3000-\u303f]/.test(c) ? 2.1 : 1.1), 0);

/** A sheet that tracks the widths its cells need and lays out titled tables. */
class SheetWriter {
  private row = 1;
  private widths: number[] = [];
  private lastCol = 1;
  constructor(
    readonly sheet: Worksheet,
    private font: string,
  ) {}

  title(text: string, span: number) {
    const r = this.sheet.getRow(this.row);
    r.getCell(1).value = text;
    r.font = { name: this.font, size: 14, bold: true };
    r.height = 24;
    r.alignment = { vertical: 'middle' };
    this.sheet.mergeCells(this.row, 1, this.row, Math.max(1, span));
    this.row += 1;
  }

  caption(text: string) {
    if (this.row > 2) this.row += 1;
    const r = this.sheet.getRow(this.row);
    r.getCell(1).value = text;
    r.font = { name: this.font, size: 12, bold: true };
    this.row += 1;
  }

  /** A bordered table: header row bold on a fill; rows whose index is in `bold` are totals. */
  table(cols: Col[], rows: Cell[][], opts: { bold?: Set<number>; mergeFirst?: number } = {}) {
    const head = this.sheet.getRow(this.row);
    cols.forEach((c, i) => {
      const cell = head.getCell(i + 1);
      cell.value = c.header;
      cell.font = { name: this.font, bold: true };
      cell.fill = headerFill;
      cell.border = border;
      cell.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
      this.fit(i, c.header, 24);
    });
    this.row += 1;
    rows.forEach((values, ri) => {
      const r = this.sheet.getRow(this.row);
      const total = opts.bold?.has(ri) ?? false;
      cols.forEach((c, i) => {
        const cell = r.getCell(i + 1);
        const v = values[i] ?? null;
        cell.value = v;
        cell.font = { name: this.font, bold: total };
        cell.border = border;
        if (total) cell.fill = totalFill;
        if (typeof v === 'number') cell.numFmt = c.numFmt ?? (Number.isInteger(v) ? INT : DEC);
        const merged = i === 0 && (opts.mergeFirst ?? 1) > 1;
        cell.alignment = { vertical: 'top', wrapText: merged || (c.wrap ?? false), horizontal: typeof v === 'number' ? 'right' : 'left' };
        // a cell merged across columns takes their widths: it does not widen its own
        if (v !== null && !merged) this.fit(i, typeof v === 'number' ? v.toLocaleString('en') : v, c.wrap ? 40 : 60);
      });
      if (opts.mergeFirst && opts.mergeFirst > 1) this.sheet.mergeCells(this.row, 1, this.row, opts.mergeFirst);
      this.row += 1;
    });
    this.lastCol = Math.max(this.lastCol, cols.length);
  }

  private fit(i: number, text: string, max: number) {
    this.widths[i] = Math.min(max, Math.max(this.widths[i] ?? 6, textWidth(text) + 2));
  }

  /** Column widths, A4 page setup fitted to the page width, the header rows repeated on every page. */
  finish(opts: { landscape: boolean; repeat: string; header: string; footer: string }) {
    this.widths.forEach((w, i) => {
      // exceljs takes a width of exactly 9 for "default" and leaves it out of the file
      const width = Math.ceil(w);
      this.sheet.getColumn(i + 1).width = width === 9 ? 10 : width;
    });
    const ps = this.sheet.pageSetup;
    ps.paperSize = 9; // A4
    ps.orientation = opts.landscape ? 'landscape' : 'portrait';
    ps.fitToPage = true;
    ps.fitToWidth = 1;
    ps.fitToHeight = 0;
    ps.horizontalCentered = true;
    ps.margins = { left: 0.5, right: 0.5, top: 0.75, bottom: 0.75, header: 0.3, footer: 0.3 };
    ps.printTitlesRow = opts.repeat;
    ps.printArea = `A1:${this.sheet.getColumn(this.lastCol).letter}${Math.max(1, this.row - 1)}`;
    this.sheet.headerFooter.oddHeader = opts.header;
    this.sheet.headerFooter.oddFooter = opts.footer;
  }
}

/** The report as an .xlsx: 概览 then one sheet per section, each formatted for A4 printing. */
export async function annualReportWorkbook(report: AnnualReport, lang: Lang): Promise<Buffer> {
  const w = words[lang];
  const workbook = await newWorkbook();
  const title = w.title(report.year);
  workbook.title = title;
  workbook.creator = 'Ronghe';
  workbook.created = new Date(report.generatedAt);
  const header = `&L${title}&R${w.asOf} ${report.asOf}`;
  const [overviewName, indicatorsName, tasksName, consortiaName, basesName, needsName, placementsName] = w.sheets;
  const sheetOf = (name: string, frozen: boolean) =>
    new SheetWriter(workbook.addWorksheet(name, { views: frozen ? [{ state: 'frozen', ySplit: 2 }] : [] }), w.font);
  const finish = (s: SheetWriter, landscape: boolean, repeat = '1:2') => s.finish({ landscape, repeat, header, footer: `&C${w.page}` });
  const sectionTitle = (name: string) => `${name}（${w.asOf} ${report.asOf}）`;

  // 概览
  const cover = sheetOf(overviewName ?? 'Overview', false);
  cover.title(title, 4);
  cover.table([{ header: w.asOf }, { header: w.generated }], [[report.asOf, report.generatedAt.slice(0, 16).replace('T', ' ') + ' UTC']]);
  cover.caption(w.indicatorStatus);
  cover.table(
    [{ header: w.ind[7] ?? '' }, { header: w.items }],
    [
      [w.rag.green, report.rag.green],
      [w.rag.amber, report.rag.amber],
      [w.rag.red, report.rag.red],
      [w.total, report.indicators.length],
    ],
    { bold: new Set([3]) },
  );
  const c = report.tasks.counts;
  cover.caption(w.tasks);
  cover.table(
    [{ header: w.tasks }, { header: w.items }],
    [
      [w.taskCounts.done, c.done],
      [w.taskCounts.late, c.late],
      [w.taskCounts.open, c.open],
      [w.taskCounts.atRisk, c.atRisk],
      [w.taskCounts.cancelled, c.cancelled],
      [w.taskCounts.total, c.total],
    ],
    { bold: new Set([5]) },
  );
  cover.caption(w.key);
  const keyValues = [
    report.consortia.count,
    report.consortia.members,
    report.bases.count,
    report.bases.stations,
    report.needs.count,
    report.needs.headcount,
    report.placements.studentsInYear,
    report.projects.completedInYear,
  ];
  cover.table(
    [{ header: w.key }, { header: w.total }],
    w.keyRows.map((label, i) => [label, keyValues[i] ?? 0]),
  );
  finish(cover, false, '1:1');

  // 指标
  const ind = sheetOf(indicatorsName ?? 'Indicators', true);
  const past = report.trend.yearEnds.filter((y) => y.day < report.asOf);
  const indCols: Col[] = [
    ...w.ind.map((h, i) => ({ header: h, wrap: i === 1, numFmt: i === 6 ? PCT : undefined })),
    ...past.map((y) => ({ header: w.yearEnd(y.year) })),
  ];
  ind.title(sectionTitle(indicatorsName ?? ''), indCols.length);
  ind.table(
    indCols,
    report.indicators.map((i) => [
      i.code,
      lang === 'en' && i.nameEn ? i.nameEn : i.name,
      i.unit,
      i.target,
      i.value,
      i.expected,
      i.progress,
      w.rag[i.rag],
      w.source[i.source],
      i.reportedOn,
      ...past.map((y) => i.yearEnds[report.trend.yearEnds.indexOf(y)] ?? null),
    ]),
  );
  ind.caption(w.trend);
  ind.table(
    [{ header: w.indicator }, { header: '' }, ...report.trend.months.map((m) => ({ header: w.month(m.month) }))],
    report.indicators.map((i) => [`${i.code} ${lang === 'en' && i.nameEn ? i.nameEn : i.name}`, null, ...i.months]),
    { mergeFirst: 2 },
  );
  finish(ind, true);

  // 建设任务
  const tasks = sheetOf(tasksName ?? 'Tasks', true);
  tasks.title(sectionTitle(tasksName ?? ''), w.task.length);
  tasks.table(
    w.task.map((h, i) => ({ header: h, wrap: i === 1 || i === 2, numFmt: i === 6 ? '0"%"' : undefined })),
    report.tasks.items.length > 0
      ? report.tasks.items.map((t, n) => [
          n + 1,
          t.title,
          t.ownerName,
          t.responsibleName,
          t.startsOn,
          t.deadline,
          t.progress,
          w.taskStatus[t.status],
          t.completedOn,
          w.flag[t.flag],
        ])
      : [[w.none]],
  );
  finish(tasks, true);

  // 共同体: by district within province, province subtotals, the total
  const con = sheetOf(consortiaName ?? 'Consortia', true);
  con.title(sectionTitle(consortiaName ?? ''), w.consortia.length);
  const conRows: Cell[][] = [];
  const conBold = new Set<number>();
  const conTotals = { cityUnion: 0, industryCommunity: 0, count: 0, members: 0, schools: 0, enterprises: 0, partners: 0 };
  for (const p of report.consortia.byProvince) {
    const inP = report.consortia.byRegion.filter((r) => r.provinceCode === p.code);
    if (inP.length === 0) continue;
    for (const r of inP)
      conRows.push([p.name, r.name, r.cityUnion, r.industryCommunity, r.count, r.members, r.schools, r.enterprises, r.partners]);
    const s = (f: (r: (typeof inP)[number]) => number) => sum(inP, f);
    conBold.add(conRows.length);
    conRows.push([
      p.name,
      w.subtotal,
      s((r) => r.cityUnion),
      s((r) => r.industryCommunity),
      s((r) => r.count),
      s((r) => r.members),
      s((r) => r.schools),
      s((r) => r.enterprises),
      s((r) => r.partners),
    ]);
    for (const k of Object.keys(conTotals) as Array<keyof typeof conTotals>) conTotals[k] += s((r) => r[k]);
  }
  conBold.add(conRows.length);
  conRows.push([
    w.total,
    null,
    conTotals.cityUnion,
    conTotals.industryCommunity,
    conTotals.count,
    conTotals.members,
    conTotals.schools,
    conTotals.enterprises,
    conTotals.partners,
  ]);
  con.table(
    w.consortia.map((h) => ({ header: h })),
    conRows,
    { bold: conBold },
  );
  finish(con, true);

  // 实训基地: kind × province
  const bases = sheetOf(basesName ?? 'Bases', true);
  const provs = report.bases.byProvince;
  const [baseKindHeader, ...baseRest] = w.bases;
  const baseCols: Col[] = [
    { header: baseKindHeader ?? '', wrap: true },
    ...provs.map((p) => ({ header: p.name })),
    ...baseRest.map((h) => ({ header: h })),
  ];
  bases.title(sectionTitle(basesName ?? ''), baseCols.length);
  const baseRows: Cell[][] = Object.keys(w.baseKind).map((k) => {
    const b = report.bases.byKind.find((x) => x.kind === k);
    return [w.baseKind[k] ?? k, ...provs.map((p) => b?.byProvince[p.code] ?? 0), b?.count ?? 0, b?.stations ?? 0, b?.newInYear ?? 0];
  });
  baseRows.push([w.total, ...provs.map((p) => p.count), report.bases.count, report.bases.stations, report.bases.newInYear]);
  bases.table(baseCols, baseRows, { bold: new Set([baseRows.length - 1]) });
  finish(bases, false);

  // 合作需求: industry × kind, then by kind and by province
  const needs = sheetOf(needsName ?? 'Needs', true);
  const needKinds = Object.keys(w.needKind);
  const [industryHeader, ...needRest] = w.needsByIndustry;
  const needCols: Col[] = [
    { header: industryHeader ?? '', wrap: true },
    ...needKinds.map((k) => ({ header: w.needKind[k] ?? k })),
    ...needRest.map((h) => ({ header: h })),
  ];
  needs.title(sectionTitle(needsName ?? ''), needCols.length);
  const needRows: Cell[][] = report.needs.byIndustry.map((g) => [
    g.code ? `${g.code} ${g.name}` : w.noIndustry,
    ...needKinds.map((k) => g.byKind[k] ?? 0),
    g.count,
    g.headcount,
  ]);
  needRows.push([
    w.total,
    ...needKinds.map((k) => report.needs.byKind.find((x) => x.kind === k)?.count ?? 0),
    report.needs.count,
    report.needs.headcount,
  ]);
  needs.table(needCols, needRows, { bold: new Set([needRows.length - 1]) });
  needs.caption(w.needsByKind);
  const kindRows: Cell[][] = needKinds.map((k) => {
    const g = report.needs.byKind.find((x) => x.kind === k);
    return [w.needKind[k] ?? k, g?.count ?? 0, g?.headcount ?? 0, g?.accepted ?? 0];
  });
  kindRows.push([w.total, report.needs.count, report.needs.headcount, report.needs.accepted]);
  needs.table(
    w.needsKindCols.map((h) => ({ header: h })),
    kindRows,
    { bold: new Set([kindRows.length - 1]) },
  );
  needs.caption(w.needsByProvince);
  const provRows: Cell[][] = report.needs.byProvince.map((p) => [p.name, p.count, p.headcount]);
  provRows.push([w.total, report.needs.count, report.needs.headcount]);
  needs.table(
    w.needsProvinceCols.map((h) => ({ header: h })),
    provRows,
    { bold: new Set([provRows.length - 1]) },
  );
  finish(needs, true);

  // 实习与项目
  const pl = sheetOf(placementsName ?? 'Placements', true);
  pl.title(sectionTitle(placementsName ?? ''), w.projectCols.length);
  const plRows: Cell[][] = report.placements.byProvince.map((p) => [p.name, p.countInYear, p.studentsInYear, p.count, p.students]);
  plRows.push([
    w.total,
    report.placements.countInYear,
    report.placements.studentsInYear,
    report.placements.count,
    report.placements.students,
  ]);
  pl.table(
    w.placements.map((h) => ({ header: h })),
    plRows,
    { bold: new Set([plRows.length - 1]) },
  );
  pl.caption(w.projects);
  const prRows: Cell[][] = needKinds
    .filter((k) => k !== 'internship')
    .map((k) => {
      const g = report.projects.byKind.find((x) => x.kind === k);
      return [
        w.needKind[k] ?? k,
        g?.active ?? 0,
        g?.completed ?? 0,
        g?.cancelled ?? 0,
        g?.count ?? 0,
        g?.newInYear ?? 0,
        g?.completedInYear ?? 0,
      ];
    });
  const pt = (f: (g: AnnualReport['projects']['byKind'][number]) => number) => sum(report.projects.byKind, f);
  prRows.push([
    w.total,
    pt((g) => g.active),
    pt((g) => g.completed),
    pt((g) => g.cancelled),
    report.projects.count,
    report.projects.newInYear,
    report.projects.completedInYear,
  ]);
  pl.table(
    w.projectCols.map((h) => ({ header: h })),
    prRows,
    { bold: new Set([prRows.length - 1]) },
  );
  finish(pl, false);

  return Buffer.from(await workbook.xlsx.writeBuffer());
}
