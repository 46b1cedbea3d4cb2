import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { screenshot, seriousA11yViolations } from './support/browser.ts';
import { codeFromOutbox } from './support/api.ts';
import { startJourney } from './support/journey.ts';
import { clickAndConfirm, pickRegion } from './support/forms.ts';

// Issue 3's journey: an enterprise signs up, registers with a real USCC and waits, pending; an
// admin verifies it; the enterprise sees itself verified and invites a colleague, who joins.

const journey = startJourney();

const SINOPEC = { uscc: '91110000710926094P', name: '中国石油化工股份有限公司' };
const ENTERPRISE_EMAIL = 'liwei@sinopec.example.com';
const COLLEAGUE_EMAIL = 'zhangmin@sinopec.example.com';
const PASSWORD = 'Sinopec2027pw';

async function expectAccessible(page: Page, label: string) {
  await page.waitForLoadState('networkidle');
  expect(await seriousA11yViolations(page), label).toEqual([]);
}

async function signIn(page: Page, identifier: string, password: string) {
  await journey.browser.context.clearCookies();
  await page.goto(`${journey.server.url}/login`);
  await page.getByLabel('邮箱或手机号').fill(identifier);
  await page.getByLabel('密码', { exact: true }).fill(password);
  await page.getByRole('button', { name: '登录', exact: true }).click();
  await page.waitForURL(/\/account$/);
}

/** Enters the code a sign-up sent to `identifier`, on the sign-up form, and finishes the sign-up. */
async function enterSignUpCode(page: Page, identifier: string) {
  await page.getByRole('status').filter({ hasText: '验证码已发送至' }).waitFor();
  const code = await codeFromOutbox(journey.server.url, identifier);
  await page.getByLabel('验证码').fill(code);
  await expectAccessible(page, 'sign-up code');
  await screenshot(page, `sign-up-code-${identifier.split('@')[0] ?? ''}`);
  await page.getByRole('button', { name: '完成注册' }).click();
}

describe('an enterprise joins Ronghe and is verified', () => {
  let orgUrl = '';

  it('signs up and registers with a real USCC, waiting pending', async () => {
    const page = await journey.browser.newPage();
    await page.goto(`${journey.server.url}/login?tab=signup`);
    await expectAccessible(page, 'sign-up');
    await page.getByLabel('姓名').fill('李伟');
    await page.getByLabel('邮箱或手机号').fill(ENTERPRISE_EMAIL);
    await page.getByLabel('密码', { exact: true }).fill(PASSWORD);
    await page.getByLabel('确认密码').fill(PASSWORD);
    await page.getByRole('checkbox', { name: /个人信息保护政策/ }).check();
    await page.getByRole('button', { name: '注册', exact: true }).click();
    // nobody is signed in until the code sent to the address comes back (read where an admin reads it: no SMTP here)
    await enterSignUpCode(page, ENTERPRISE_EMAIL);
    await page.waitForURL(/\/account$/);
    await page.getByRole('heading', { name: '我的账户' }).waitFor();
    await page.getByText('已验证').first().waitFor();
    await expectAccessible(page, 'account verified');

    await page
      .getByRole('link', { name: '注册单位' })
      .or(page.getByRole('button', { name: '注册单位' }))
      .first()
      .click();
    await page.waitForURL(/\/orgs\/new$/);
    await page.getByRole('radio', { name: /^企业/ }).check();
    await page.getByLabel('单位名称').fill(SINOPEC.name);
    await pickRegion(page, '所在地区', '西城', '西城区');
    await page.getByLabel('统一社会信用代码').fill('91110000710926094Q'); // wrong check character first
    await page.getByLabel('所属行业').fill('25');
    await page.locator('.ant-select-item-option', { hasText: /^25/ }).first().click();
    await page.getByLabel('职工人数').fill('5000');
    await page.getByRole('button', { name: '提交登记' }).click();
    await page.getByText('统一社会信用代码校验位不正确').waitFor();
    await screenshot(page, 'org-new-uscc-error');

    await page.getByLabel('统一社会信用代码').fill(SINOPEC.uscc);
    await page.getByRole('button', { name: '提交登记' }).click();
    await page.waitForURL(/\/orgs\/[0-9a-f-]{36}$/);
    orgUrl = page.url();
    await page.getByRole('heading', { name: SINOPEC.name }).waitFor();
    await page.getByText('待审核').first().waitFor();
    await expectAccessible(page, 'profile pending');
    await screenshot(page, 'org-pending');
    await page.close();
  });

  it('an admin verifies it from the queue', async () => {
    const page = await journey.browser.newPage();
    await signIn(page, 'admin@demo.ronghe.cn', 'ronghe2027demo');
    await page.goto(`${journey.server.url}/admin/verification`);
    const row = page.getByRole('row', { name: new RegExp(SINOPEC.name) }).or(page.getByRole('listitem').filter({ hasText: SINOPEC.name }));
    await row.first().waitFor();
    await expectAccessible(page, 'verification queue');
    await screenshot(page, 'admin-queue');
    // the row's 通过 and its popconfirm's 通过: confirmed in the popconfirm itself, never a same-named button elsewhere
    await clickAndConfirm(page, '通过', {
      exact: true,
      within: row.first(),
      until: (ms) => row.first().waitFor({ state: 'detached', timeout: ms }),
    });
    await page.close();
  });

  it('the enterprise sees itself verified and invites a colleague, who joins', async () => {
    const page = await journey.browser.newPage();
    await signIn(page, ENTERPRISE_EMAIL, PASSWORD);
    await page.getByText('已认证').first().waitFor();
    await expectAccessible(page, 'account');
    await screenshot(page, 'account-verified');

    await page.goto(orgUrl);
    await page.getByText('已认证').first().waitFor();
    await page.getByLabel('邮箱或手机号').fill(COLLEAGUE_EMAIL);
    await page.getByRole('button', { name: '发送邀请' }).click();
    const link = page.getByText(/\/invitations\/[\w-]{20,}/).first();
    await link.waitFor();
    const invitationUrl = ((await link.textContent()) ?? '').match(/https?:\/\/\S+\/invitations\/[\w-]+/)?.[0] ?? '';
    expect(invitationUrl).toMatch(/\/invitations\//);
    await screenshot(page, 'org-invited');

    // the colleague opens the link, signs up with the invited address and accepts
    await journey.browser.context.clearCookies();
    const token = invitationUrl.split('/invitations/')[1] ?? '';
    await page.goto(`${journey.server.url}/login?tab=signup&next=${encodeURIComponent(`/invitations/${token}`)}`);
    await page.getByLabel('姓名').fill('张敏');
    await page.getByLabel('邮箱或手机号').fill(COLLEAGUE_EMAIL);
    await page.getByLabel('密码', { exact: true }).fill(PASSWORD);
    await page.getByLabel('确认密码').fill(PASSWORD);
    await page.getByRole('checkbox', { name: /个人信息保护政策/ }).check();
    await page.getByRole('button', { name: '注册', exact: true }).click();
    // an address typed at sign-up is not yet proof of holding it: the code sent to it is
    await enterSignUpCode(page, COLLEAGUE_EMAIL);
    await page.waitForURL(/\/invitations\//);
    await page.getByRole('button', { name: '接受邀请' }).click();
    await page.waitForURL(orgUrl);
    await page.getByRole('cell', { name: /张敏/ }).waitFor();
    await screenshot(page, 'org-colleague-joined');
    await page.close();
  });

  it('an admin finds the invitation email held in the outbox, with its link, on a desktop and a phone', async () => {
    const page = await journey.browser.newPage();
    await signIn(page, 'admin@demo.ronghe.cn', 'ronghe2027demo');
    await page.goto(`${journey.server.url}/admin/outbox`);
    await page.getByRole('heading', { name: '消息发件箱', level: 1 }).waitFor();
    // no SMTP in this server: the invitation waits for an admin, its text (and link) readable here
    const row = page.getByRole('row').filter({ hasText: COLLEAGUE_EMAIL }).filter({ hasText: '邀请您加入' });
    await row.first().waitFor();
    await row.getByText('待人工转交').first().waitFor();
    expect(await row.first().textContent()).toMatch(/\/invitations\/[\w-]{20,}/);
    await expectAccessible(page, 'outbox');
    await screenshot(page, 'admin-outbox');
    await page.setViewportSize({ width: 375, height: 760 });
    await row.first().waitFor();
    // nothing reaches past the window's right edge (what makes a phone page scroll sideways)
    const overflowing = () =>
      page.evaluate(() =>
        [...document.querySelectorAll('body *')]
          .filter((e) => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
          .slice(0, 3)
          .map((e) => `${e.tagName.toLowerCase()}.${e.className}: ${(e.textContent ?? '').slice(0, 40)}`),
      );
    await expect.poll(overflowing).toEqual([]);
    await expectAccessible(page, 'outbox phone');
    await screenshot(page, 'admin-outbox-phone');
    await page.close();
  });
});
