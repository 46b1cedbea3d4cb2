import { describe, expect, it } from 'vitest';
import { addDays, todayInChina } from '@ronghe/domain/training-base';
import { callApi } from './support/api.ts';
import { screenshot, seriousA11yViolations } from './support/browser.ts';
import { DEMO_PASSWORD, startJourney } from './support/journey.ts';

// Issue 6, the rest: anyone browses the open needs on a phone; the enterprise edits a published need from its page.

const journey = startJourney();
const TITLE = '数控检索测试岗位（合格率100%_达标）';
const start = addDays(todayInChina(), 45);

describe('browsing and editing needs', () => {
  let needId = '';

  it('an anonymous visitor finds an open need by keyword on a 375 px screen, without contacts', async () => {
    const url = journey.server.url;
    const enterprise = await callApi(url, 'account.signIn', { identifier: 'enterprise@demo.ronghe.cn', password: DEMO_PASSWORD });
    const me = await callApi<{ memberships: Array<{ organizationId: string; kind: string }> }>(url, 'account.me', undefined, {
      cookie: enterprise.cookie,
      query: true,
    });
    const organizationId = me.data.memberships.find((m) => m.kind === 'enterprise')?.organizationId ?? '';
    const need = {
      kind: 'internship',
      title: TITLE,
      regionCode: '110115',
      deadline: addDays(todayInChina(), 30),
      post: '数控车工',
      majorCodes: ['460103'],
      headcount: 10,
      periodFrom: start,
      periodTo: addDays(start, 90),
      dailyHours: 8,
      monthlyPay: 4000,
      probationWage: 5000,
      postStaffCount: 100,
    };
    needId = (await callApi<{ id: string }>(url, 'needs.create', { organizationId, need }, { cookie: enterprise.cookie })).data.id;
    await callApi(url, 'needs.publish', { id: needId }, { cookie: enterprise.cookie });

    await journey.browser.context.clearCookies();
    const page = await journey.browser.newPage({ width: 375, height: 812 });
    await page.goto(`${url}/needs`);
    await page.getByLabel('关键词').fill('100%_');
    await page.getByLabel('关键词').press('Enter');
    const link = page.getByRole('link', { name: TITLE });
    await expect.poll(() => link.count(), { timeout: 15_000 }).toBe(1);
    await expect.poll(() => page.locator('main').innerText()).toContain('剩余 10/10 个名额');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    expect(await page.locator('main').innerText()).not.toMatch(/1[3-9]\d{9}/);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'needs-browse-375');
    await page.close();
  });

  it('the enterprise edits the published need from its page: pay up, saved and shown', async () => {
    const url = journey.server.url;
    const page = await journey.browser.newPage();
    await journey.signIn(page, 'enterprise@demo.ronghe.cn');
    await page.goto(`${url}/needs/${needId}`);
    await page.getByRole('link', { name: '编辑', exact: true }).click(); // a button that is a link (it opens in a new tab too)
    await page.waitForURL(/\/edit$/);
    const pay = page.getByLabel('月薪（元）');
    await expect.poll(() => pay.inputValue()).toBe('4000');
    await pay.fill('4600');
    await page.getByRole('button', { name: '保存修改' }).click();
    await page.waitForURL(new RegExp(`/needs/${needId}$`), { timeout: 30_000 });
    await expect.poll(() => page.locator('main').innerText()).toContain('4,600');
    await page.close();
  });
  it('an enterprise sees a school’s cohort with its teachers’ contacts masked; the school edits it from its list', async () => {
    const url = journey.server.url;
    const school = await callApi(url, 'account.signIn', { identifier: 'school@demo.ronghe.cn', password: DEMO_PASSWORD });
    const me = await callApi<{ memberships: Array<{ organizationId: string; kind: string }> }>(url, 'account.me', undefined, {
      cookie: school.cookie,
      query: true,
    });
    const organizationId = me.data.memberships.find((m) => m.kind === 'school')?.organizationId ?? '';
    const cohort = {
      organizationId,
      majorCode: '460103',
      level: 'gaozhi',
      year: 2024,
      students: 30,
      windowFrom: start,
      windowTo: addDays(start, 120),
      regionCodes: ['110000'],
      teachers: 2,
      note: '带队教师李老师 13912345678',
    };
    const { id } = (await callApi<{ id: string }>(url, 'cohorts.create', cohort, { cookie: school.cookie })).data;

    await journey.browser.context.clearCookies();
    const page = await journey.browser.newPage({ width: 375, height: 812 });
    const signIn = (identifier: string) => journey.signIn(page, identifier);
    await signIn('enterprise@demo.ronghe.cn');
    await page.goto(`${url}/cohorts/${id}`);
    await expect.poll(() => page.locator('main').innerText(), { timeout: 15_000 }).toContain('139****5678');
    expect(await page.locator('main').innerText()).not.toContain('13912345678');
    expect(await page.getByRole('button', { name: '编辑' }).count()).toBe(0);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);

    await signIn('school@demo.ronghe.cn');
    await page.goto(`${url}/cohorts`);
    await page.locator(`a[href="/cohorts/${id}"]`).first().click();
    await page.waitForURL(new RegExp(`/cohorts/${id}$`));
    await expect.poll(() => page.locator('main').innerText()).toContain('13912345678');
    await page.getByRole('button', { name: '编辑' }).click();
    await page.getByLabel('学生人数').fill('25');
    await page.getByRole('button', { name: '保存修改' }).click();
    await expect.poll(() => page.getByRole('button', { name: '保存修改' }).count(), { timeout: 15_000 }).toBe(0);
    await expect.poll(() => page.locator('main').innerText()).toContain('25 人');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.close();
  });
});
