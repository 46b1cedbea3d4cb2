import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { png } from '@ronghe/db/test-files';
import { addDays, todayInChina } from '@ronghe/domain/training-base';
import { callApi, verifiedOwner } from './support/api.ts';
import { expectOutcome, screenshot, seriousA11yViolations } from './support/browser.ts';

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
import { startJourney } from './support/journey.ts';
import { clickAndConfirm, pickRegion, typeRange } from './support/forms.ts';

// Issue 5's journey: a Beijing school publishes an open practice centre; a Hebei enterprise finds it
// by a two-character keyword and on the map, books 10 stations for three days; the owner approves;
// a second request that no longer fits is refused, naming the full days.

const journey = startJourney();
const NAME = '海淀焊接与智能制造开放实践中心（测试）';
const from = addDays(todayInChina(), 10);
const to = addDays(from, 2);

const pick = (page: Page, text: string | RegExp) => page.locator('.ant-select-item-option', { hasText: text }).first().click();

describe('an open practice centre, found and booked across 京津冀', () => {
  let baseUrl = '';

  it('a Beijing school publishes an open practice centre', async () => {
    const page = await journey.browser.newPage();
    await journey.signIn(page, 'school@demo.ronghe.cn');
    await page.goto(`${journey.server.url}/bases/new`);
    await page.getByRole('heading', { name: '发布实训基地', level: 1 }).waitFor();
    await page.getByLabel('基地类型').click();
    await pick(page, '开放性区域产教融合实践中心');
    await page.getByLabel('基地名称').fill(NAME);
    await page.getByLabel('简介').fill('面向京津冀院校开放的焊接、数控加工与工业机器人实训中心');
    await page.getByLabel('服务专业').fill('数控');
    await pick(page, /数控技术/);
    await page.keyboard.press('Escape');
    await pickRegion(page, '所在地区', '海淀', '海淀区');
    await page.getByLabel('详细地址').fill('北京市海淀区学院路 37 号');
    await page.getByLabel('经度').fill('116.35');
    await page.getByLabel('纬度').fill('39.98');
    await page.getByLabel('工位数').fill('30');
    await page.getByLabel('日接待能力（人）').fill('60');
    await page.getByRole('switch', { name: '对外开放' }).click();
    await page.getByRole('radio', { name: '免费开放' }).check();
    // one photo, uploaded as soon as it is picked
    await page
      .locator('input[type=file]')
      .first()
      .setInputFiles({ name: '焊接车间.png', mimeType: 'image/png', buffer: Buffer.from(png(4, 3)) });
    await expectOutcome(page, 'upload-photo', () => page.locator('.ant-upload-list-item-done').first().waitFor());
    await page.getByRole('button', { name: '保存草稿' }).click();
    await expectOutcome(page, 'save-draft', () => page.waitForURL(/\/bases\/[0-9a-f-]{36}$/));
    baseUrl = page.url();
    await page.getByRole('heading', { name: NAME, level: 1 }).waitFor();
    // the photo shows on the base's page, loaded from /api/files
    const photo = page.getByRole('img', { name: `${NAME} 照片1` });
    await expectOutcome(page, 'photo-shown', () => photo.waitFor());
    await expect.poll(() => photo.evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBe(4);

    // confirmed again if the page is still a draft: a re-render can swallow the popconfirm's click
    await clickAndConfirm(page, '发布', {
      exact: true,
      until: (ms) => page.getByRole('button', { name: '下线', exact: true }).waitFor({ timeout: ms }),
    });
    // published: the page shows 下线 (after a reload at the latest: the state is the server's)
    await expectOutcome(page, 'publish', async () => {
      try {
        await page.getByRole('button', { name: '下线', exact: true }).waitFor({ timeout: 15_000 });
      } catch {
        await page.reload();
        await page.getByRole('button', { name: '下线', exact: true }).waitFor();
      }
    });
    await page.locator('.ant-popconfirm').last().waitFor({ state: 'hidden' });
    await page.waitForLoadState('networkidle');
    expect(await settledA11yViolations(page)).toEqual([]);
    await screenshot(page, 'base-published');
    await page.close();
  });

  it('a Hebei enterprise finds it by a two-character keyword and on the map, and books 10 stations for three days', async () => {
    const url = journey.server.url;
    await verifiedOwner(
      url,
      { identifier: 'zhao@sjzzz.example.com', password: 'Hebei2027x', name: '赵经理' },
      {
        kind: 'enterprise',
        name: '石家庄焊接装备有限公司（测试）',
        regionCode: '130102',
        uscc: '911301007000123456',
        industryCode: '34',
        staffCount: 260,
      },
    );

    const page = await journey.browser.newPage();
    await journey.signIn(page, 'zhao@sjzzz.example.com', 'Hebei2027x');
    await page.goto(`${url}/bases`);
    await page.getByRole('searchbox', { name: '关键词' }).fill('焊接');
    await page.getByRole('searchbox', { name: '关键词' }).press('Enter');
    await page.getByRole('link', { name: NAME }).waitFor();
    expect(page.url()).toContain(`q=${encodeURIComponent('焊接')}`);
    await page.waitForLoadState('networkidle');
    expect(await settledA11yViolations(page)).toEqual([]);
    await screenshot(page, 'bases-search');

    // on the map: Haidian counts it; its region link lists it
    await page.goto(`${url}/bases/map`);
    await page.getByRole('heading', { name: '地图上的基地' }).waitFor();
    await page.getByRole('link', { name: NAME }).waitFor();
    await page.locator('figcaption summary').first().click();
    await page.getByRole('link', { name: /海淀区/ }).click();
    await page.waitForURL(/regionCode=110108/);
    await page.getByRole('link', { name: NAME }).waitFor();
    await page.waitForLoadState('networkidle');
    await screenshot(page, 'bases-region');

    await page.getByRole('link', { name: NAME }).click();
    await page.waitForURL(baseUrl);
    await page.getByRole('heading', { name: '预约工位' }).waitFor();
    // the enterprise's own requests, through the API with the page's session: a re-run finds its first attempt's
    // request and sends no second one; a confirmation shown and gone before it was looked for still counts
    const cookie = (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
    const me = await callApi<{ memberships: Array<{ organizationId: string }> }>(url, 'account.me', undefined, { cookie, query: true });
    const organizationId = me.data.memberships[0]?.organizationId ?? '';
    const requested = async () =>
      (await callApi<unknown[]>(url, 'baseBookings.outgoing', { organizationId }, { cookie, query: true })).data.length > 0;
    const sent = page.getByText('预约已提交，等待基地审批').first();
    for (let attempt = 0; attempt < 3 && !(await requested()); attempt++) {
      await typeRange(page, from, to);
      await page.getByLabel('工位数').fill('10');
      await page.getByLabel('用途').click();
      await pick(page, '实训教学');
      await page.getByRole('button', { name: '提交预约' }).click();
      const outcome = await expect
        .poll(async () => (await sent.isVisible()) || (await requested()), { timeout: 15_000 })
        .toBe(true)
        .then(
          () => true,
          () => false,
        );
      if (outcome) break;
      const errors = (await page.locator('.ant-form-item-explain-error, .ant-alert-error').allInnerTexts()).filter((t) => t.trim());
      if (errors.length) throw new Error(`request-booking: the form refused it: ${errors.join(' | ')}`);
    }
    await expectOutcome(page, 'request-booking', () => expect.poll(requested, { timeout: 30_000 }).toBe(true));
    await page.close();
  });

  it('the school approves; a second request that no longer fits is refused, naming the full days', async () => {
    const page = await journey.browser.newPage();
    await journey.signIn(page, 'school@demo.ronghe.cn');
    await page.goto(`${journey.server.url}/bases/bookings`);
    await page.getByRole('heading', { name: '预约管理', level: 1 }).waitFor();
    await page.getByText('石家庄焊接装备有限公司（测试）').first().waitFor();
    // the request and its buttons render together; a re-run of this step finds it approved by its first attempt, and
    // the calendar below checks the approval either way
    const approve = page.getByRole('button', { name: '批准' }).first();
    if (await approve.isVisible()) {
      await approve.click();
      await page.getByText('已批准预约').first().waitFor();
    }
    await page.waitForLoadState('networkidle');
    expect(await settledA11yViolations(page)).toEqual([]);
    await screenshot(page, 'bookings-incoming');

    // the calendar shows 20 of 30 stations left on the booked days
    const { data: calendar } = await callApi<Array<{ day: string; booked: number }>>(
      journey.server.url,
      'trainingBases.calendar',
      { id: baseUrl.split('/').pop(), from, to },
      { query: true },
    );
    expect(calendar.map((d) => d.booked)).toEqual([10, 10, 10]);

    // 亦庄智造 asks for 25 stations over days that overlap: only 20 are left on two of them
    await journey.signIn(page, 'enterprise@demo.ronghe.cn');
    await page.goto(baseUrl);
    await page.getByRole('heading', { name: '预约工位' }).waitFor();
    await typeRange(page, addDays(from, 1), addDays(to, 2));
    await page.getByLabel('工位数').fill('25');
    await page.getByLabel('用途').click();
    await pick(page, '竞赛集训');
    await page.getByRole('button', { name: '提交预约' }).click();
    const alert = page.getByRole('alert').filter({ hasText: '以下日期剩余工位不足' });
    await alert.waitFor();
    expect(await alert.textContent()).toContain(`以下日期剩余工位不足：${addDays(from, 1)}、${to}`);
    await page.waitForLoadState('networkidle');
    expect(await settledA11yViolations(page)).toEqual([]);
    await screenshot(page, 'base-booking-refused');

    // on a phone
    await page.setViewportSize({ width: 375, height: 800 });
    await page.goto(baseUrl);
    await page.getByRole('heading', { name: '工位日历' }).waitFor();
    await page.waitForLoadState('networkidle');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    expect(await settledA11yViolations(page)).toEqual([]);
    await screenshot(page, 'base-detail-phone');
    await page.close();
  });
});
