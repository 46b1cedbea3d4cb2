import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { addDays, todayInChina } from '@ronghe/domain/training-base';
import { callApi } from './support/api.ts';
import { screenshot, seriousA11yViolations } from './support/browser.ts';
import { DEMO_PASSWORD, startJourney } from './support/journey.ts';
import { submitDialog } from './support/forms.ts';

// Issue 8's journey (one file, steps in order): an admin opens the dashboard, sees T01/T02 equal to the consortium directory's counts,
// reports a value for T13 with evidence, adds a task with a deadline, and downloads the annual report,
// whose Excel file holds the same numbers.

const journey = startJourney();
// a fresh name per attempt of the step that adds it, so that its re-run finds one row of its own
let TASK = '丝路学堂海外分校建设';
const start = todayInChina();
const deadline = addDays(todayInChina(), 120);
const demo = { school: 'school@demo.ronghe.cn', enterprise: 'enterprise@demo.ronghe.cn', admin: 'admin@demo.ronghe.cn' };

async function apiSession(identifier: string) {
  const url = journey.server.url;
  const { cookie } = await callApi(url, 'account.signIn', { identifier, password: DEMO_PASSWORD });
  const me = await callApi<{ memberships: Array<{ organizationId: string }> }>(url, 'account.me', undefined, { cookie, query: true });
  return { cookie, organizationId: me.data.memberships[0]?.organizationId ?? '' };
}

/** A city union the demo school proposes with the demo enterprise as co-lead, approved by the admin (setup through the API). */
async function approvedCityUnion(name: string) {
  const url = journey.server.url;
  const school = await apiSession(demo.school);
  const enterprise = await apiSession(demo.enterprise);
  const admin = await apiSession(demo.admin);
  const { data } = await callApi<{ id: string }>(
    url,
    'consortia.propose',
    {
      organizationId: school.organizationId,
      kind: 'city_union',
      level: 'municipal',
      name,
      industryCode: '34',
      anchorRegionCode: '110115',
      goals: '',
    },
    { cookie: school.cookie },
  );
  await callApi(
    url,
    'consortia.invite',
    { consortiumId: data.id, actingOrganizationId: school.organizationId, organizationId: enterprise.organizationId, role: 'lead' },
    { cookie: school.cookie },
  );
  await callApi(
    url,
    'consortia.respond',
    { consortiumId: data.id, organizationId: enterprise.organizationId, accept: true },
    { cookie: enterprise.cookie },
  );
  await callApi(url, 'consortia.submit', { consortiumId: data.id, organizationId: school.organizationId }, { cookie: school.cookie });
  await callApi(url, 'consortia.review', { consortiumId: data.id, decision: 'approve' }, { cookie: admin.cookie });
}

/** The directory's two headline counts: "市域产教联合体 N/ 20" and "行业产教融合共同体 N/ 50". */
async function directoryCounts(page: Page): Promise<[number, number]> {
  await page.goto(`${journey.server.url}/consortia`);
  await page
    .getByText(/市域产教联合体\s*\d+\s*\/\s*20/)
    .first()
    .waitFor();
  const text = await page.locator('main').innerText();
  const city = /市域产教联合体\s*(\d+)\s*\/\s*20/.exec(text);
  const industry = /行业产教融合共同体\s*(\d+)\s*\/\s*50/.exec(text);
  expect(city, text.slice(0, 400)).not.toBeNull();
  expect(industry, text.slice(0, 400)).not.toBeNull();
  return [Number(city?.[1]), Number(industry?.[1])];
}

/** serious and critical axe findings, each named with where it is */
const a11yFaults = async (page: Page) => (await seriousA11yViolations(page)).map((v) => `${v.id}: ${v.targets.join(' | ')}`);

/** Elements reaching past the right edge of the window (what makes a phone page scroll sideways), outermost first. */
const overflowing = (page: Page) =>
  page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    if (document.documentElement.scrollWidth <= width) return [];
    const wide = [...document.querySelectorAll('body *')].filter(
      (e) => e.getBoundingClientRect().right > width + 1 && !e.closest('[style*="overflow"], .ant-table-content, .ant-table-body'),
    );
    return wide
      .filter((e) => !wide.includes(e.parentElement as Element))
      .slice(0, 5)
      .map((e) => `${e.tagName.toLowerCase()}.${[...e.classList].join('.')} (${Math.round(e.getBoundingClientRect().right)} px)`);
  });

const valueOf = async (page: Page, code: string) => (await page.getByTestId(`value-${code}`).innerText()).split('/')[0]?.trim() ?? '';

describe('monitoring the plan', () => {
  it('the dashboard shows T01 and T02 equal to the consortium directory, and T13 reported with evidence', async () => {
    // a fresh name per attempt: consortium names are unique and CI retries a failed step once
    await approvedCityUnion(`通州区市域产教联合体（监测${Date.now().toString(36)}）`);
    const page = await journey.browser.newPage();
    await journey.signIn(page, demo.admin);
    const [city, industry] = await directoryCounts(page);
    expect(city).toBeGreaterThan(0);

    await page.goto(`${journey.server.url}/admin/monitoring`);
    await page.getByRole('heading', { name: '行动计划指标监测', level: 1 }).waitFor();
    await page.getByTestId('value-T01').waitFor();
    expect(await valueOf(page, 'T01')).toBe(String(city));
    expect(await valueOf(page, 'T02')).toBe(String(industry));
    // T13 starts unreported; a re-run of this step finds its earlier report and reports one more
    const before = await valueOf(page, 'T13');
    const reported = before === '未填报' ? 2 : Number(before) + 1;
    expect(Number.isInteger(reported), `T13 shows ${before}`).toBe(true);

    // T13 is reported by the commission, with evidence
    await page.getByRole('button', { name: '填报 T13' }).click();
    const drawer = page.getByRole('dialog');
    await drawer.getByLabel('数值').fill(String(reported));
    await drawer.getByLabel('佐证材料说明').fill('北京电子科技职业学院在泰国设立丝路学堂，见市教委2026年第12号文');
    await drawer.getByLabel('佐证链接（可不填）').fill('https://jw.beijing.gov.cn/example/silu');
    await drawer.getByRole('button', { name: '提交填报' }).click();
    // taken: the form empties, and the report is listed (a re-run of this step lists its earlier one too)
    await expect.poll(() => drawer.getByLabel('佐证材料说明').inputValue(), { timeout: 30_000 }).toBe('');
    await drawer
      .getByRole('listitem')
      .filter({ hasText: '北京电子科技职业学院在泰国设立丝路学堂，见市教委2026年第12号文' })
      .first()
      .waitFor();
    await drawer
      .getByText(/填报人/)
      .first()
      .waitFor();
    await page.keyboard.press('Escape');
    await expect.poll(() => valueOf(page, 'T13')).toBe(String(reported));

    // T02's drawer: its trend and its breakdown by province
    await page.getByRole('button', { name: '行业产教融合共同体' }).click();
    await drawer.getByRole('heading', { name: '按省市' }).waitFor();
    await page.waitForLoadState('networkidle');
    expect(await a11yFaults(page)).toEqual([]);
    await screenshot(page, 'monitoring-indicator');
    await page.keyboard.press('Escape');
    await page.mouse.move(0, 0); // a hovered link is lighter: check the page at rest
    expect(await a11yFaults(page)).toEqual([]);
    await screenshot(page, 'monitoring-dashboard');

    // a phone-sized screen: the table scrolls inside itself, the page does not
    await page.setViewportSize({ width: 375, height: 760 });
    await page.getByTestId('value-T01').waitFor();
    // the table reflows after the resize: wait for the page to stop reaching past the window's edge
    await expect.poll(() => overflowing(page), { timeout: 10_000 }).toEqual([]);
    await screenshot(page, 'monitoring-dashboard-phone');
    await page.close();
  });

  it('adds a task with a deadline, linked to T13; it is listed with its owner and flagged on track', async () => {
    TASK = `丝路学堂海外分校建设（${Date.now().toString(36)}）`;
    const page = await journey.browser.newPage();
    await journey.signIn(page, demo.admin);
    await page.goto(`${journey.server.url}/admin/tasks`);
    await page.getByRole('button', { name: '新增任务' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('任务名称').fill(TASK);
    await dialog.getByLabel('牵头单位').fill('亦庄');
    await page.locator('.ant-select-item-option', { hasText: '亦庄智造数控装备有限公司' }).first().click();
    await dialog.getByLabel('责任人').fill('张主任');
    for (const [label, day] of [
      ['开始日期', start],
      ['完成时限', deadline],
    ] as const) {
      const input = dialog.getByLabel(label);
      await input.click();
      await input.fill(day);
      await input.press('Tab'); // never Enter in a date field inside a form: it also submits
      await expect.poll(() => input.inputValue()).toBe(day);
    }
    await dialog.getByLabel('预期成效').fill('在泰国、埃及各设立一所丝路学堂并招收首批学员');
    await dialog.getByLabel('关联指标').fill('T13');
    await page.locator('.ant-select-item-option', { hasText: 'T13' }).first().click();
    // close the list by clicking the title: Escape would close the dialog itself if the list had already closed
    await dialog.locator('.ant-modal-title').click();
    await submitDialog(page, '保存任务');
    await page.getByRole('cell', { name: TASK, exact: true }).waitFor();
    const row = page.getByRole('row', { name: new RegExp(TASK) }).first();
    await expect.poll(() => row.innerText()).toContain(deadline);
    expect(await row.innerText()).toContain('亦庄智造数控装备有限公司');
    expect(await row.innerText()).toContain('正常'); // 120 days left and just begun: on track
    await page.mouse.move(0, 0);
    expect(await a11yFaults(page)).toEqual([]);
    await screenshot(page, 'monitoring-tasks');
    await page.close();
  });

  it("downloads the annual report; the Excel file holds the dashboard's numbers", async () => {
    const url = journey.server.url;
    const admin = await apiSession(demo.admin);
    const { data: indicators } = await callApi<Array<{ code: string; value: number | null; target: number }>>(
      url,
      'monitoring.indicators',
      {},
      { cookie: admin.cookie, query: true },
    );
    const dashboard = new Map(indicators.map((i) => [i.code, i]));

    const page = await journey.browser.newPage();
    await journey.signIn(page, demo.admin);
    await page.goto(`${url}/admin/monitoring`);
    await page.getByRole('link', { name: '年度报告' }).click();
    const year = todayInChina().slice(0, 4);
    await page.waitForURL(new RegExp(`/admin/report/${year}$`));
    await page.getByRole('heading', { level: 1, name: new RegExp(year) }).waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: /Excel/ }).click()]);
    expect(download.suggestedFilename()).toBe(`ronghe-annual-report-${year}.xlsx`);
    const file = await download.path();

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    const sheet = workbook.getWorksheet('指标');
    expect(sheet, workbook.worksheets.map((w) => w.name).join(', ')).toBeDefined();
    // the row of each code: its value and target are the dashboard's, as numbers
    const rows = new Map<string, unknown[]>();
    let header: string[] = [];
    sheet?.eachRow((row) => {
      const values = (row.values as unknown[]).slice(1);
      if (values[0] === '编号' && header.length === 0) header = values.map(String);
      if (typeof values[0] === 'string' && /^T\d\d$/.test(values[0]) && !rows.has(values[0])) rows.set(values[0], values);
    });
    const col = (name: string) => header.findIndex((h) => h.includes(name));
    for (const code of ['T01', 'T02', 'T13']) {
      const row = rows.get(code);
      expect(row, code).toBeDefined();
      expect(row?.[col('目标值')], `${code} target`).toBe(dashboard.get(code)?.target);
      expect(row?.[col('当前值')] ?? null, `${code} value`).toBe(dashboard.get(code)?.value);
    }
    expect(rows.get('T13')?.[col('当前值')]).toBeGreaterThanOrEqual(2); // reported by the first step (once more on its re-run)
    expect(workbook.worksheets.map((w) => w.name)).toEqual(expect.arrayContaining(['概览', '指标', '建设任务', '共同体']));
    const tasks = workbook.getWorksheet('建设任务');
    let listed = false;
    tasks?.eachRow((row) => {
      if ((row.values as unknown[]).includes(TASK)) listed = true;
    });
    expect(listed).toBe(true);

    await page.waitForLoadState('networkidle');
    await page.mouse.move(0, 0);
    expect(await a11yFaults(page)).toEqual([]);
    await screenshot(page, 'monitoring-annual-report');
    await page.close();
  });

  it('shows the supply-and-demand map and the 百校百业 matrix, on a desktop and a phone', async () => {
    const page = await journey.browser.newPage();
    await journey.signIn(page, demo.admin);
    for (const [path, title] of [
      ['/admin/supply-demand', '供需地图'],
      ['/admin/matrix', '百校百业'],
    ] as const) {
      await page.setViewportSize({ width: 1280, height: 800 });
      await page.goto(`${journey.server.url}${path}`);
      await page.getByRole('heading', { level: 1, name: new RegExp(title) }).waitFor();
      await page.locator('.ant-table').first().waitFor();
      await page.waitForLoadState('networkidle');
      expect(await a11yFaults(page)).toEqual([]);
      await screenshot(page, `monitoring-${path.split('/').at(-1) ?? ''}`);
      await page.setViewportSize({ width: 375, height: 760 });
      await expect.poll(() => overflowing(page), { timeout: 10_000 }).toEqual([]);
      await screenshot(page, `monitoring-${path.split('/').at(-1) ?? ''}-phone`);
    }
    await page.close();
  });
});
