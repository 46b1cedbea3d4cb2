import type { Workbook, Worksheet } from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { indicatorSnapshots, needs, planTasks } from '@ronghe/db/schema';
import { addDays, todayInChina } from '@ronghe/domain/training-base';
import { annualReportWorkbook, buildAnnualReport } from '../services/annual-report.ts';
import { newWorkbook } from '../services/spreadsheet.ts';
import { createTestEnv, errorOf, makeAdmin, signUpUser, verifiedOrganization, type TestEnv, type TestUser } from '../test-support.ts';

// The yearly implementation report: the indicators exactly as the dashboard shows them for the report's
// date, the year's tasks and activity by region and industry, and the same as a print-ready workbook.

let env: TestEnv;
let admin: TestUser;
const today = todayInChina();
const year = Number(today.slice(0, 4));
let n = 0;

async function activeConsortium(kind: 'city_union' | 'industry_community', anchorRegionCode: string) {
  const school = await verifiedOrganization(env, admin, 'school', anchorRegionCode);
  const enterprise = await verifiedOrganization(env, admin, 'enterprise', anchorRegionCode);
  const { id } = await school.caller.consortia.propose({
    organizationId: school.organizationId,
    kind,
    level: 'municipal',
    name: `年报测试共同体${++n}`,
    industryCode: '34',
    anchorRegionCode,
    goals: '',
  });
  await school.caller.consortia.invite({
    consortiumId: id,
    actingOrganizationId: school.organizationId,
    organizationId: enterprise.organizationId,
    role: 'lead',
  });
  await enterprise.caller.consortia.respond({ consortiumId: id, organizationId: enterprise.organizationId, accept: true });
  await school.caller.consortia.submit({ consortiumId: id, organizationId: school.organizationId });
  await admin.caller.consortia.review({ consortiumId: id, decision: 'approve' });
  return { school, enterprise };
}

async function readBack(base64: string): Promise<Workbook> {
  const workbook = await newWorkbook();
  await workbook.xlsx.load(Buffer.from(base64, 'base64') as unknown as ArrayBuffer);
  return workbook;
}

/** The table rows of a sheet by the text in column A, with the header row's labels as keys. */
function rowsByCode(sheet: Worksheet, headerRow = 2): Map<string, Record<string, unknown>> {
  const headers = Array.from({ length: sheet.columnCount }, (_, c) => String(sheet.getRow(headerRow).getCell(c + 1).value ?? ''));
  const rows = new Map<string, Record<string, unknown>>();
  sheet.eachRow((row, i) => {
    if (i <= headerRow) return;
    const key = String(row.getCell(1).value ?? '');
    if (!key || rows.has(key)) return;
    rows.set(key, Object.fromEntries(headers.map((h, c) => [h, row.getCell(c + 1).value])));
  });
  return rows;
}

beforeAll(async () => {
  env = await createTestEnv();
  admin = await makeAdmin(env, await signUpUser(env, { identifier: 'report-admin@example.gov.cn', name: '市教委年报员' }));
  const { school, enterprise } = await activeConsortium('city_union', '110115');
  await activeConsortium('industry_community', '120116');
  const t13 = (await admin.caller.monitoring.indicators()).find((i) => i.code === 'T13');
  if (!t13) throw new Error('no T13');
  await admin.caller.monitoring.report({ indicatorId: t13.id, value: 3, asOf: today, evidenceText: '丝路学堂认定名单', evidenceUrl: '' });
  // tasks: one done, one overdue, one still open
  const task = {
    ownerOrganizationId: school.organizationId,
    responsibleName: '张老师',
    expectedOutcome: '形成方案',
    startsOn: addDays(today, -40),
  };
  await env.db.orm.insert(planTasks).values([
    { ...task, title: '完成共同体章程', deadline: addDays(today, 100), status: 'done', progress: 100, completedOn: today },
    { ...task, title: '逾期的任务', deadline: addDays(today, -1), status: 'in_progress', progress: 40 },
    { ...task, title: '尚在进行的任务', deadline: addDays(today, 200), status: 'in_progress', progress: 60 },
  ]);
  await env.db.orm.insert(needs).values({
    organizationId: enterprise.organizationId,
    kind: 'internship',
    title: '数控岗位实习',
    regionCode: '110115',
    deadline: addDays(today, 30),
    headcount: 12,
    status: 'published',
    publishedAt: new Date(),
  });
});
afterAll(async () => {
  await env.close();
});

describe('the yearly implementation report', () => {
  it('shows the indicators as the dashboard does on the report date, with tasks and activity by region', async () => {
    const started = performance.now();
    const report = await admin.caller.annualReport.data({ year });
    // the budget is 10 s on a large PostgreSQL (bench); here, a handful of rows
    expect(performance.now() - started).toBeLessThan(10_000);
    expect(report.asOf).toBe(today);
    const dashboard = await admin.caller.monitoring.indicators({ day: report.asOf });
    expect(report.indicators.map((i) => [i.code, i.value, i.expected, i.rag])).toEqual(
      dashboard.map((i) => [i.code, i.value, i.expected, i.rag]),
    );
    expect(report.indicators.find((i) => i.code === 'T13')).toMatchObject({ value: 3, source: 'reported', reportedOn: today });
    expect(report.rag.green + report.rag.amber + report.rag.red).toBe(dashboard.length);
    expect(report.tasks.counts).toMatchObject({ total: 3, done: 1, late: 1, open: 1 });
    expect(report.consortia.count).toBe(2);
    expect(report.consortia.byProvince.map((p) => [p.code, p.count])).toEqual([
      ['11', 1],
      ['12', 1],
      ['13', 0],
    ]);
    expect(report.consortia.byRegion.find((r) => r.code === '110115')).toMatchObject({ cityUnion: 1, count: 1, members: 2 });
    expect(report.needs).toMatchObject({ count: 1, headcount: 12 });
    expect(report.needs.byIndustry[0]).toMatchObject({ code: 'C', count: 1, byKind: { internship: 1 } });
    // month-ends of the year so far, the last on the report date
    expect(report.trend.months.at(-1)?.day).toBe(today);
    const t01 = report.indicators.find((i) => i.code === 'T01');
    expect(t01?.months.at(-1)).toBe(t01?.value);
  });

  it('downloads as a print-ready workbook whose 指标 equal the dashboard', async () => {
    const { filename, base64 } = await admin.caller.annualReport.excel({ year });
    expect(filename).toBe(`ronghe-annual-report-${year}.xlsx`);
    const workbook = await readBack(base64);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['概览', '指标', '建设任务', '共同体', '实训基地', '合作需求', '实习与项目']);

    const dashboard = await admin.caller.monitoring.indicators({ day: today });
    const sheet = workbook.getWorksheet('指标');
    if (!sheet) throw new Error('no 指标 sheet');
    const rows = rowsByCode(sheet);
    for (const code of ['T01', 'T02', 'T13']) {
      const row = rows.get(code);
      const live = dashboard.find((i) => i.code === code);
      expect(row?.['当前值']).toBe(live?.value);
      expect(row?.['目标值']).toBe(live?.target);
      expect(row?.['应达值']).toBe(live?.expected);
    }
    expect(rows.get('T13')).toMatchObject({ 来源: '填报', 最近填报日期: today });
    expect(rows.get('T01')?.['来源']).toBe('自动统计');
    expect(['正常', '预警', '滞后']).toContain(rows.get('T01')?.['状态']);

    for (const s of workbook.worksheets) {
      expect(s.pageSetup).toMatchObject({ paperSize: 9, fitToPage: true, fitToWidth: 1 });
      expect(s.pageSetup.printTitlesRow).toMatch(/^\$?1:\$?[12]$/);
      expect(s.headerFooter.oddHeader).toContain(`${year}年度北京职业教育产教融合行动计划实施报告`);
    }
    expect(sheet.pageSetup.orientation).toBe('landscape');
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 2 });
    expect(sheet.getRow(2).font?.bold ?? sheet.getCell('A2').font.bold).toBe(true);

    const cover = workbook.getWorksheet('概览');
    if (!cover) throw new Error('no cover');
    expect(cover.getCell('A1').value).toBe(`${year}年度北京职业教育产教融合行动计划实施报告`);
    const counts = new Map<string, unknown>();
    cover.eachRow((row) => counts.set(String(row.getCell(1).value), row.getCell(2).value));
    const rag = { green: 0, amber: 0, red: 0 };
    for (const i of dashboard) rag[i.rag] += 1;
    expect([counts.get('正常'), counts.get('预警'), counts.get('滞后')]).toEqual([rag.green, rag.amber, rag.red]);

    const consortia = workbook.getWorksheet('共同体');
    const total = consortia?.getColumn(1).values.findIndex((v) => v === '合计') ?? -1;
    expect(consortia?.getRow(total).getCell(5).value).toBe(2);
  });

  it('reports a past year as of its last day, from the snapshots', async () => {
    const t01 = (await admin.caller.monitoring.indicators()).find((i) => i.code === 'T01');
    if (!t01) throw new Error('no T01');
    const last = `${year - 1}-12-31`;
    await env.db.orm.insert(indicatorSnapshots).values({ indicatorId: t01.id, day: last, value: 7 });
    if (year - 1 >= 2025) {
      const past = await admin.caller.annualReport.data({ year: year - 1 });
      expect(past.asOf).toBe(last);
      const dashboard = await admin.caller.monitoring.indicators({ day: last });
      expect(past.indicators.map((i) => i.value)).toEqual(dashboard.map((i) => i.value));
      expect(past.indicators.find((i) => i.code === 'T01')?.value).toBe(7);
      // approved this year: not yet active on last year's last day
      expect(past.consortia.count).toBe(0);
    }
    const now = await buildAnnualReport(env.db, year);
    if (year - 1 >= 2025)
      expect(now.indicators.find((i) => i.code === 'T01')?.yearEnds).toEqual([7, now.indicators.find((i) => i.code === 'T01')?.value]);
  });

  it('words the workbook in English on request', async () => {
    const workbook = await newWorkbook();
    await workbook.xlsx.load((await annualReportWorkbook(await buildAnnualReport(env.db, year), 'en')) as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((s) => s.name)).toEqual([
      'Overview',
      'Indicators',
      'Tasks',
      'Consortia',
      'Training bases',
      'Needs',
      'Placements and projects',
    ]);
  });

  it('is for platform admins only, for the plan years up to this one', async () => {
    const school = await verifiedOrganization(env, admin, 'school');
    expect((await errorOf(school.caller.annualReport.data({ year }))).code).toBe('FORBIDDEN');
    expect((await errorOf(school.caller.annualReport.excel({ year }))).code).toBe('FORBIDDEN');
    for (const bad of [2024, year + 1, 2025.5]) {
      const e = await errorOf(admin.caller.annualReport.data({ year: bad }));
      expect(e.code).toBe('BAD_REQUEST');
      expect(e.message).toContain('report.yearOutOfRange');
    }
    await expect(buildAnnualReport(env.db, year + 1)).rejects.toMatchObject({ key: 'report.yearOutOfRange' });
  });
});
