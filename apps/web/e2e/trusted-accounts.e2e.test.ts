import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { callApi, signUpAndIn, verifiedOwner } from './support/api.ts';
import { screenshot, seriousA11yViolations } from './support/browser.ts';
import { startJourney } from './support/journey.ts';
import { startMailbox, type Mailbox } from './support/mailbox.ts';

// Issue 20's journey, with email delivered to a real SMTP server this test starts: a teacher signs up with an email,
// reads the code from the mail, verifies, accepts an invitation sent to that address, signs out, resets the password
// through the emailed link and finds every older session gone.

let mailbox: Mailbox;
beforeAll(async () => {
  mailbox = await startMailbox();
});
afterAll(async () => {
  await mailbox?.close();
});
const journey = startJourney({ serverEnv: () => ({ SMTP_URL: mailbox.url }) });

const SCHOOL = { kind: 'school', name: '北京信息职业技术学院（测试）', regionCode: '110108', schoolLevel: 'gaozhi' } as const;
const OWNER = { identifier: 'dean@bitc.example.cn', password: 'Beijing2027x', name: '赵院长' };
const codeIn = (text: string) => /\b(\d{6})\b/.exec(text)?.[1] ?? '';

/** Each run of the first step signs up a new address, so that a retried step starts clean. */
let email = '';
let password = 'Teacher2027a';
/** a session of the same account on "another device", made through the API in the first step */
let otherDevice = '';

async function expectAccessible(page: Page, label: string) {
  await page.waitForLoadState('networkidle');
  expect(await seriousA11yViolations(page), label).toEqual([]);
}

/** nothing reaches past the window's right edge (what makes a phone page scroll sideways) */
const overflowing = (page: Page) =>
  page.evaluate(() =>
    [...document.querySelectorAll('body *')]
      .filter((e) => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
      .slice(0, 3)
      .map((e) => `${e.tagName.toLowerCase()}.${e.className}`),
  );

describe('an account people can trust, from sign-up to a forgotten password', () => {
  it('signs up with an email and verifies it with the code from the mail', async () => {
    email = `wang.fang.${Date.now().toString(36)}@bitc.example.cn`;
    password = 'Teacher2027a';
    await journey.browser.context.clearCookies();
    const page = await journey.browser.newPage();
    await page.goto(`${journey.server.url}/login?tab=signup`);
    await page.getByLabel('姓名').fill('王芳');
    await page.getByLabel('邮箱或手机号').fill(email);
    await page.getByLabel('密码', { exact: true }).fill(password);
    await page.getByLabel('确认密码').fill(password);
    await page.getByRole('checkbox', { name: /个人信息保护政策/ }).check();
    await page.getByRole('button', { name: '注册', exact: true }).click();
    await page.getByRole('status').filter({ hasText: '验证码已发送至' }).waitFor();

    const mail = await mailbox.waitFor(email, (m) => m.subject.startsWith('融合平台验证码'));
    expect(mail.from).toContain('noreply@ronghe.local');
    expect(mail.text).toContain('10 分钟内有效');
    await page.getByLabel('验证码').fill(codeIn(mail.subject));
    await page.getByRole('button', { name: '完成注册' }).click();
    await page.waitForURL(/\/account$/);
    await page.getByText('已验证').first().waitFor();
    await expectAccessible(page, 'account verified');

    // the same account signed in elsewhere: this session must not survive the reset at the end
    otherDevice = (await callApi(journey.server.url, 'account.signIn', { identifier: email, password })).cookie;
    await page.reload();
    await page.getByRole('listitem').filter({ hasText: '登录时间' }).nth(1).waitFor();
    await screenshot(page, 'trusted-account-devices');

    // invitations also by email: chosen on the account page, kept with the account
    await page.getByLabel('邀请（需求、双选、共同体）').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '站内 + 邮件' }).click();
    await page.getByText('已保存').first().waitFor();
    const { data: prefs } = await callApi<{ noticeChannels: Record<string, string> }>(
      journey.server.url,
      'account.preferences',
      undefined,
      {
        cookie: otherDevice,
        query: true,
      },
    );
    expect(prefs.noticeChannels).toEqual({ invitations: 'email' });
    await page.setViewportSize({ width: 375, height: 760 });
    await page.getByText('通知方式').first().scrollIntoViewIfNeeded();
    await expect.poll(() => overflowing(page)).toEqual([]);
    await expectAccessible(page, 'account at 375');
    await screenshot(page, 'account-notices-phone');
    await page.close();
  });

  it('accepts the invitation mailed to that address', async () => {
    const { cookie } = await verifiedOwner(journey.server.url, OWNER, SCHOOL, async (_url, to) =>
      codeIn((await mailbox.waitFor(to, (m) => m.subject.startsWith('融合平台验证码'))).subject),
    );
    const { data: me } = await callApi<{ memberships: Array<{ organizationId: string }> }>(journey.server.url, 'account.me', undefined, {
      cookie,
      query: true,
    });
    const organizationId = me.memberships[0]?.organizationId ?? '';
    await callApi(journey.server.url, 'organizations.invite', { organizationId, identifier: email, role: 'member' }, { cookie }).catch(
      () => undefined, // invited already (a retried step)
    );
    const invitation = await mailbox.waitFor(email, (m) => m.subject.includes('邀请您加入'));
    expect(invitation.text).toMatch(/\/invitations\/[\w-]{20,}/);

    const page = await journey.browser.newPage();
    await page.goto(`${journey.server.url}/account`);
    const organizations = page.getByRole('cell', { name: SCHOOL.name });
    const accept = page.getByRole('button', { name: '接受', exact: true });
    await accept.or(organizations).first().waitFor();
    if (await accept.isVisible()) await accept.click();
    await organizations.first().waitFor();
    await screenshot(page, 'trusted-account-joined');
    await page.close();
  });

  it('signs out, resets the password through the emailed link, and finds every older session gone', async () => {
    const page = await journey.browser.newPage();
    // signed in with the password of the moment (a retried step finds it already reset)
    await journey.signIn(page, email, password);
    await page.goto(`${journey.server.url}/account`);
    await page.getByRole('main').getByRole('button', { name: '退出登录', exact: true }).click();
    await page.waitForURL((u) => !u.pathname.startsWith('/account'));

    await page.goto(`${journey.server.url}/login`);
    await page.getByRole('link', { name: '忘记密码？' }).click();
    await page.waitForURL(/\/forgot-password$/);
    // the sign-in page stays up while the next page's chunk loads: wait for the new page itself
    await page.getByRole('heading', { name: '找回密码', level: 1 }).waitFor();
    await page.getByLabel('邮箱或手机号').fill(email);
    const asked = mailbox.received.length;
    await page.getByRole('button', { name: '发送' }).click();
    await page.getByRole('status').filter({ hasText: '重置链接' }).waitFor();
    await expectAccessible(page, 'forgot password');
    await screenshot(page, 'forgot-password');
    await page.setViewportSize({ width: 375, height: 760 });
    await expect.poll(() => overflowing(page)).toEqual([]);
    await screenshot(page, 'forgot-password-phone');
    await page.setViewportSize({ width: 1366, height: 900 });

    const mail = await mailbox.waitFor(email, (m) => m.subject === '融合平台：重置密码' && mailbox.received.indexOf(m) >= asked);
    expect(mail.text).toContain('30 分钟内有效');
    const link = /https?:\/\/\S+\/reset-password\?token=[\w-]+/.exec(mail.text)?.[0] ?? '';
    // the server's public address (RONGHE_PUBLIC_URL; here its default, http://localhost and its port)
    expect(new URL(link).port).toBe(new URL(journey.server.url).port);
    await page.goto(link);
    await page.getByRole('heading', { name: '设置新密码', level: 1 }).waitFor();
    const newPassword = 'Teacher2027b';
    await page.getByLabel('新密码', { exact: true }).fill(newPassword);
    await page.getByLabel('再次输入新密码').fill(newPassword);
    await expectAccessible(page, 'reset password');
    await screenshot(page, 'reset-password');
    await page.getByRole('button', { name: '重置密码' }).click();
    await page.getByText('密码已重置，所有设备均已退出登录。').waitFor();
    password = newPassword;
    await screenshot(page, 'reset-password-done');
    // the link worked once
    await page.goto(link);
    await page.getByRole('heading', { name: '设置新密码', level: 1 }).waitFor();
    await page.getByLabel('新密码', { exact: true }).fill('Teacher2027c');
    await page.getByLabel('再次输入新密码').fill('Teacher2027c');
    await page.getByRole('button', { name: '重置密码' }).click();
    await page.getByText('重置链接或验证码无效、已使用或已过期').waitFor();

    // the session on the other device ended with the reset
    const other = await callApi<unknown>(journey.server.url, 'account.me', undefined, { cookie: otherDevice, query: true });
    expect(other.data).toBeNull();
    // signing in with the new password: this browser is the only device left
    await page.goto(`${journey.server.url}/login`);
    await page.getByLabel('邮箱或手机号').fill(email);
    await page.getByLabel('密码', { exact: true }).fill(password);
    await page.getByRole('button', { name: '登录', exact: true }).click();
    await page.waitForURL(/\/account$/);
    const devices = page.getByRole('listitem').filter({ hasText: '登录时间' });
    await devices.first().getByText('当前设备').waitFor();
    expect(await devices.count()).toBe(1);
    await expectAccessible(page, 'account after reset');
    await page.setViewportSize({ width: 375, height: 760 });
    await devices.first().waitFor();
    await expect.poll(() => overflowing(page)).toEqual([]);
    await screenshot(page, 'account-devices-phone');
    await page.close();
  });

  it('downloads everything held about them, then deletes the account: the address signs nobody in', async () => {
    // a person of their own per run, so that a retried step starts clean
    const leaving = `li.na.${Date.now().toString(36)}@bitc.example.cn`;
    const cookie = await signUpAndIn(
      journey.server.url,
      { identifier: leaving, password: 'Leaving2027x', name: '李娜' },
      async (_url, to) => codeIn((await mailbox.waitFor(to, (m) => m.subject.startsWith('融合平台验证码'))).subject),
    );
    expect(cookie).toContain('session_token');
    const page = await journey.browser.newPage();
    await journey.signIn(page, leaving, 'Leaving2027x');
    await page.goto(`${journey.server.url}/account`);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: '下载我的数据（JSON）' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^ronghe-my-data-\d{4}-\d{2}-\d{2}\.json$/);
    const data = JSON.parse(readFileSync(await download.path(), 'utf8')) as { account: { email: string; name: string } };
    expect(data.account).toMatchObject({ email: leaving, name: '李娜' });

    await page.getByRole('button', { name: '注销账户' }).click();
    const dialog = page.getByRole('dialog', { name: '注销账户' });
    await dialog.getByLabel('当前密码').fill('Leaving2027x');
    await expectAccessible(page, 'delete account');
    await screenshot(page, 'delete-account');
    await dialog.getByRole('button', { name: '确认注销' }).click();
    await page.waitForURL((u) => u.pathname === '/');
    const again = await callApi(journey.server.url, 'account.signIn', { identifier: leaving, password: 'Leaving2027x' }).catch(
      (e: Error) => e,
    );
    expect(String(again)).toContain('401');
    await page.close();
  });
});
