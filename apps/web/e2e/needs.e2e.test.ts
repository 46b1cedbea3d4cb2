import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { addDays, todayInChina } from '@ronghe/domain/training-base';
import { callApi, verifiedOwner } from './support/api.ts';
import { screenshot, seriousA11yViolations } from './support/browser.ts';

/** axe on a page at rest: pointer away from any button (hover colours), popups and toasts gone. */
async function settledA11yViolations(page: Page) {
  await page.mouse.move(0, 0);
  await page
    .locator('.ant-popover:visible, .ant-popconfirm:visible, .ant-message-notice')
    .first()
    .waitFor({ state: 'hidden', timeout: 10_000 })
    .catch(() => undefined);
  await page.waitForTimeout(400);
  return seriousA11yViolations(page);
}
import { DEMO_PASSWORD, startJourney } from './support/journey.ts';
import { pickRegion, typeDate, typeRange } from './support/forms.ts';

// Issue 6's journey: an enterprise posts 20 internship places for 数控技术 students in 亦庄; the top
// recommendation explains its score; a school applies with 12 students, another with 15; the
// enterprise accepts 12 and 8 of 15; the second school sees a partial acceptance.

const journey = startJourney();
const TITLE = '亦庄数控车工岗位实习（测试）';
const start = addDays(todayInChina(), 45);

const pick = (page: Page, text: string | RegExp) =>
  page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: text }).first().click();

/** Submits the form and waits for the need's page; on a refusal, fails with what the form says. */
async function submitNeed(page: Page) {
  await page.getByRole('button', { name: '保存并发布' }).click();
  try {
    await page.waitForURL(/\/needs\/[0-9a-f-]{36}$/, { timeout: 30_000 });
  } catch (error) {
    const said = await page.locator('.ant-form-item-explain-error, [role="alert"]').allTextContents();
    throw new Error(`the need was not published: ${said.join(' | ') || 'no message on the page'}`, { cause: error });
  }
}

describe('an internship need, matched and filled', () => {
  let needUrl = '';
  let secondSchool = { cookie: '', organizationId: '' };

  it('an enterprise posts 20 internship places for 数控技术 students in 亦庄, and the top recommendation explains its score', async () => {
    const url = journey.server.url;
    // setup through the API: cohorts of the demo school (Beijing) and of a Tianjin school
    const school = await callApi(url, 'account.signIn', { identifier: 'school@demo.ronghe.cn', password: DEMO_PASSWORD });
    const me = await callApi<{ memberships: Array<{ organizationId: string }> }>(url, 'account.me', undefined, {
      cookie: school.cookie,
      query: true,
    });
    const schoolOrg = me.data.memberships[0]?.organizationId ?? '';
    const cohort = { level: 'gaozhi', year: 2024, windowFrom: start, windowTo: addDays(start, 150), regionCodes: ['110000'] };
    await callApi(
      url,
      'cohorts.create',
      { organizationId: schoolOrg, majorCode: '460103', students: 30, ...cohort },
      { cookie: school.cookie },
    );
    const second = await verifiedOwner(
      url,
      { identifier: 'liu@tjjd.example.com', password: 'Tianjin2027x', name: '刘老师' },
      { kind: 'school', name: '天津机电职业学院（测试）', regionCode: '120116', schoolLevel: 'gaozhi' },
    );
    await callApi(
      url,
      'cohorts.create',
      { organizationId: second.organizationId, majorCode: '460301', students: 20, ...cohort, regionCodes: ['110000', '120000'] },
      { cookie: second.cookie },
    );
    secondSchool = second;

    const page = await journey.browser.newPage();
    await journey.signIn(page, 'enterprise@demo.ronghe.cn');
    await page.goto(`${url}/needs/new`);
    await page.getByRole('heading', { name: '发布合作需求', level: 1 }).waitFor();
    await page.getByLabel('标题').fill(TITLE);
    await pickRegion(page, '所在地区', '大兴', '大兴区');
    await typeDate(page, '截止日期', addDays(todayInChina(), 30));
    await page.getByLabel('专业').fill('数控');
    await pick(page, /数控技术$/);
    await page.keyboard.press('Escape');
    await page.getByLabel('岗位', { exact: true }).fill('数控车工');
    await page.getByLabel('人数', { exact: true }).fill('20');
    await typeRange(page, start, addDays(start, 119));
    await page.getByLabel('每日工时').fill('8');
    await page.getByLabel('月薪（元）').fill('4500');
    await page.getByLabel('同岗位试用期工资（元）').fill('5000');
    await page.getByLabel('该岗位在岗人数').fill('120');
    await submitNeed(page);
    needUrl = page.url();
    await page.getByRole('heading', { name: TITLE, level: 1 }).waitFor();
    await page.getByRole('heading', { name: '推荐学生批次' }).waitFor();
    // the top recommendation is the Beijing 数控技术 cohort, and its parts say why
    const top = page.getByText(/匹配度 \d+(\.\d)? 分/).first();
    await top.waitFor();
    await page.getByText('专业 40/40（同一专业）').first().waitFor();
    await page.getByText('北京科技职业大学').first().waitFor();
    await page.waitForLoadState('networkidle');
    expect(await settledA11yViolations(page)).toEqual([]);
    await screenshot(page, 'need-recommendations');
    await page.close();
  });

  it('two schools apply with 12 and 15; the enterprise accepts 12 and 8 of 15; the second school sees a partial acceptance', async () => {
    const page = await journey.browser.newPage();
    await journey.signIn(page, 'school@demo.ronghe.cn');
    await page.goto(needUrl);
    await page.getByRole('heading', { name: '申请该需求' }).waitFor();
    await page.getByLabel('人数', { exact: true }).fill('12');
    await page.getByRole('button', { name: '提交申请' }).click();
    await page.getByText('申请已提交').first().waitFor();

    const needId = needUrl.split('/').pop() ?? '';
    await callApi(
      journey.server.url,
      'needs.applyFor',
      { needId, organizationId: secondSchool.organizationId, students: 15 },
      { cookie: secondSchool.cookie },
    );

    await journey.signIn(page, 'enterprise@demo.ronghe.cn');
    await page.goto(needUrl);
    await page.getByRole('heading', { name: '收到的申请' }).waitFor();
    await page.getByLabel('北京科技职业大学的接收人数').waitFor();
    await page.getByRole('button', { name: '接收' }).first().waitFor();
    // accept the 12 of the Beijing school in full
    await page
      .locator('li, tr, .ant-list-item, .ant-card')
      .filter({ has: page.getByLabel('北京科技职业大学的接收人数') })
      .last()
      .getByRole('button', { name: '接收', exact: true })
      .click();
    await page.getByText('已接收 12 / 12 人').first().waitFor();
    // 8 of the 15 from Tianjin
    await page.getByLabel('天津机电职业学院（测试）的接收人数').fill('8');
    await page
      .locator('li, tr, .ant-list-item, .ant-card')
      .filter({ has: page.getByLabel('天津机电职业学院（测试）的接收人数') })
      .last()
      .getByRole('button', { name: '接收', exact: true })
      .click();
    await page.getByText('已接收 8 / 15 人').first().waitFor();
    await page
      .getByText(/名额：已接收 20 \/ 共 20/)
      .first()
      .waitFor();
    await page.waitForLoadState('networkidle');
    expect(await settledA11yViolations(page)).toEqual([]);
    await screenshot(page, 'need-applications');

    await journey.signIn(page, 'liu@tjjd.example.com', 'Tianjin2027x');
    await page.goto(`${journey.server.url}/cohorts`);
    await page.getByRole('tab', { name: '我的申请' }).click();
    await page.getByText('部分接收').first().waitFor();
    await page.getByText('已接收 8 / 15 人').first().waitFor();
    await page.waitForLoadState('networkidle');
    expect(await settledA11yViolations(page)).toEqual([]);
    await screenshot(page, 'cohort-applications');
    await page.close();
  });
});
