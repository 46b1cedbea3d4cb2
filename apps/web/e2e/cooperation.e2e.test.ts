import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { addDays, todayInChina } from '@ronghe/domain/training-base';
import { callApi } from './support/api.ts';
import { screenshot, seriousA11yViolations } from './support/browser.ts';
import { DEMO_PASSWORD, startJourney } from './support/journey.ts';
import { typeDate } from './support/forms.ts';

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

// Issue 6, after the match: an enterprise invites a recommended cohort to 10 internship places; the school
// takes 8; the tripartite agreement is recorded by the school and confirmed by the enterprise. A curriculum
// need accepted through the API becomes a project, whose milestones the school marks done until it completes.

const journey = startJourney();
const TITLE = '亦庄数控车工邀请制实习（测试）';
const COURSE = '数控编程课程共建（测试）';
const SCHOOL = '北京科技职业大学';
const start = addDays(todayInChina(), 45);
const demo = { enterprise: 'enterprise@demo.ronghe.cn', school: 'school@demo.ronghe.cn' };

/** Signs in through the API and returns the cookie and the first organisation. */
async function apiSession(identifier: string) {
  const url = journey.server.url;
  const { cookie } = await callApi(url, 'account.signIn', { identifier, password: DEMO_PASSWORD });
  const me = await callApi<{ memberships: Array<{ organizationId: string }> }>(url, 'account.me', undefined, { cookie, query: true });
  return { cookie, organizationId: me.data.memberships[0]?.organizationId ?? '' };
}

async function noHorizontalScroll(page: Page) {
  return page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth);
}

describe('invitations, placements and projects', () => {
  let needUrl = '';
  let setup = { needId: '', cohortId: '', enterpriseCookie: '' };

  it('an enterprise invites a recommended cohort to 10 of its 20 internship places', async () => {
    const url = journey.server.url;
    const school = await apiSession(demo.school);
    const cohort = await callApi<{ id: string }>(
      url,
      'cohorts.create',
      {
        organizationId: school.organizationId,
        majorCode: '460103',
        students: 30,
        level: 'gaozhi',
        year: 2024,
        windowFrom: start,
        windowTo: addDays(start, 150),
        regionCodes: ['110000'],
      },
      { cookie: school.cookie },
    );
    const enterprise = await apiSession(demo.enterprise);
    const need = {
      kind: 'internship',
      title: TITLE,
      regionCode: '110115',
      deadline: addDays(todayInChina(), 30),
      majorCodes: ['460103'],
      post: '数控车工',
      headcount: 20,
      periodFrom: start,
      periodTo: addDays(start, 119),
      dailyHours: 8,
      monthlyPay: 4500,
      probationWage: 5000,
      postStaffCount: 120,
    };
    const created = await callApi<{ id: string }>(
      url,
      'needs.create',
      { organizationId: enterprise.organizationId, need },
      { cookie: enterprise.cookie },
    );
    await callApi(url, 'needs.publish', { id: created.data.id }, { cookie: enterprise.cookie });
    needUrl = `${url}/needs/${created.data.id}`;
    setup = { needId: created.data.id, cohortId: cohort.data.id, enterpriseCookie: enterprise.cookie };

    const page = await journey.browser.newPage();
    await journey.signIn(page, demo.enterprise);
    await page.goto(needUrl);
    await page.getByRole('heading', { name: TITLE, level: 1 }).waitFor();
    await page.getByRole('heading', { name: '推荐学生批次' }).waitFor();
    await page.getByText('剩余名额 20 个').waitFor();
    await page
      .getByRole('button', { name: new RegExp(`^邀请${SCHOOL}的数控技术批次`) })
      .first()
      .click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText(`邀请「${SCHOOL}」的学生批次`).waitFor();
    // the places left (20) and the cohort (30): 20 offered unless changed
    expect(await dialog.getByLabel('人数', { exact: true }).inputValue()).toBe('20');
    expect(await dialog.getByLabel('答复期限（天）').inputValue()).toBe('7');
    await dialog.getByLabel('人数', { exact: true }).fill('10');
    await dialog.getByLabel('留言').fill('欢迎贵校数控技术专业学生来亦庄实习。');
    await page.waitForTimeout(300);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'need-invite-modal');
    await dialog.getByRole('button', { name: '发出邀请' }).click();
    await page
      .getByText(/邀请已发出，名额保留至/)
      .first()
      .waitFor();
    await dialog.waitFor({ state: 'hidden' });

    // the invitation is listed with its expiry, without accept/decline buttons: the school answers
    await page.getByRole('heading', { name: '收到的申请' }).waitFor();
    await page.getByText('待学校答复').first().waitFor();
    await page.getByText('邀请 10 人').first().waitFor();
    await page
      .getByText(/请于 .+ 前答复/)
      .first()
      .waitFor();
    expect(await page.getByRole('button', { name: '接收', exact: true }).count()).toBe(0);
    // the 10 places are held
    await page
      .getByText(/名额：已接收 10 \/ 共 20/)
      .first()
      .waitFor();
    await page.waitForLoadState('networkidle');
    expect(await settledA11yViolations(page)).toEqual([]);
    await screenshot(page, 'need-invitation');
    await page.close();
  });

  it('the school declines a second offer and accepts 8 of the 10 under 我的申请; the need shows 8 accepted', async () => {
    // a second, smaller offer through the API, for the school to decline
    await callApi(
      journey.server.url,
      'needs.invite',
      { needId: setup.needId, cohortId: setup.cohortId, students: 5, expiresInDays: 3 },
      { cookie: setup.enterpriseCookie },
    );
    const page = await journey.browser.newPage();
    await journey.signIn(page, demo.school);
    await page.goto(`${journey.server.url}/cohorts`);
    await page.getByRole('tab', { name: '我的申请' }).click();
    await page.getByText('企业邀请').first().waitFor();
    await page.getByText('邀请人数：10 人').first().waitFor();
    await page
      .getByText(/请于 .+ 前答复/)
      .first()
      .waitFor();
    await page.waitForLoadState('networkidle');
    expect(await settledA11yViolations(page)).toEqual([]);
    await screenshot(page, 'cohort-invitation');
    const second = page.locator('.ant-list-item').filter({ hasText: '邀请人数：5 人' });
    await second.getByRole('button', { name: '谢绝' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('谢绝原因').fill('名额已满足');
    await dialog.getByRole('button', { name: '谢绝' }).click();
    await page.getByText('已答复邀请').first().waitFor();
    await second.getByText('未接收').waitFor();
    await second.getByText('原因：名额已满足').waitFor();
    await page.getByLabel(`「${TITLE}」的接受人数`).fill('8');
    await page.getByRole('button', { name: '接受', exact: true }).click();
    await page.getByText('已答复邀请').first().waitFor();
    await page.getByText('部分接收').first().waitFor();
    await page.getByText('已接收 8 / 10 人').first().waitFor();

    await journey.signIn(page, demo.enterprise);
    await page.goto(needUrl);
    await page
      .getByText(/名额：已接收 8 \/ 共 20/)
      .first()
      .waitFor();
    await page.getByText('已接收 8 / 10 人').first().waitFor();
    await page.close();
  });

  it('on 合作实施 the school records the tripartite agreement and the enterprise confirms it', async () => {
    const url = journey.server.url;
    const page = await journey.browser.newPage();
    await journey.signIn(page, demo.school);
    await page.goto(`${url}/cooperation`);
    await page.getByRole('heading', { name: '合作实施', level: 1 }).waitFor();
    // in the header's menu (wide screens may fold some sections under "…", so hidden entries count too)
    expect(await page.getByRole('navigation').getByRole('link', { name: '合作实施', includeHidden: true }).count()).toBeGreaterThan(0);
    await page.getByRole('heading', { name: TITLE }).waitFor();
    await page.getByText('待登记').first().waitFor();
    await page.getByText('8 人').first().waitFor();
    await page.waitForLoadState('networkidle');
    expect(await settledA11yViolations(page)).toEqual([]);
    await page.getByRole('button', { name: '登记三方协议' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('协议编号').fill('JD-2026-0815');
    await typeDate(page, '签订日期', todayInChina());
    await page.waitForTimeout(300);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'agreement-modal');
    await dialog.getByRole('button', { name: '登记三方协议' }).click();
    await page.getByText('三方协议已登记，等待企业确认').first().waitFor();
    await page.getByText('待企业确认').first().waitFor();
    await page.getByText(`编号 JD-2026-0815，${todayInChina()} 签订`).waitFor();

    await journey.signIn(page, demo.enterprise);
    await page.goto(`${url}/cooperation`);
    await page.getByRole('heading', { name: TITLE }).waitFor();
    await page.getByRole('button', { name: `确认「${TITLE}」的三方协议` }).click();
    await page.getByText('三方协议已确认').first().waitFor();
    await page.locator('.ant-tag', { hasText: '已确认' }).first().waitFor();
    await page.getByText('可按期开始').first().waitFor();
    await page.waitForLoadState('networkidle');
    expect(await settledA11yViolations(page)).toEqual([]);
    await screenshot(page, 'cooperation-placements');
    await page.close();

    // on a phone: nothing wider than the screen
    const phone = await journey.browser.newPage({ width: 375, height: 812 });
    await phone.goto(`${url}/cooperation`);
    await phone.getByRole('heading', { name: TITLE }).waitFor();
    await phone.waitForLoadState('networkidle');
    expect(await noHorizontalScroll(phone)).toBe(true);
    expect(await settledA11yViolations(phone)).toEqual([]);
    await screenshot(phone, 'cooperation-375');
    await phone.close();
  });

  it('an accepted curriculum need becomes a project; the school marks every milestone done and it completes', async () => {
    const url = journey.server.url;
    const enterprise = await apiSession(demo.enterprise);
    const school = await apiSession(demo.school);
    const need = {
      kind: 'curriculum',
      title: COURSE,
      regionCode: '110115',
      deadline: addDays(todayInChina(), 30),
      majorCodes: ['460103'],
      courseName: '数控编程与加工',
    };
    const created = await callApi<{ id: string }>(
      url,
      'needs.create',
      { organizationId: enterprise.organizationId, need },
      { cookie: enterprise.cookie },
    );
    await callApi(url, 'needs.publish', { id: created.data.id }, { cookie: enterprise.cookie });
    const applied = await callApi<{ id: string }>(
      url,
      'needs.applyFor',
      { needId: created.data.id, organizationId: school.organizationId, students: 3 },
      { cookie: school.cookie },
    );
    await callApi(url, 'needs.decide', { id: applied.data.id, accept: 3 }, { cookie: enterprise.cookie });

    const page = await journey.browser.newPage();
    await journey.signIn(page, demo.school);
    await page.goto(`${url}/cooperation`);
    await page.getByRole('tab', { name: '合作项目' }).click();
    await page.getByText('里程碑 0/3').first().waitFor();
    await page.waitForLoadState('networkidle');
    expect(await settledA11yViolations(page)).toEqual([]);
    await page.getByRole('link', { name: COURSE }).first().click(); // the newest first (a retried journey adds another)
    await page.waitForURL(/\/projects\/[0-9a-f-]{36}$/);
    await page.getByRole('heading', { name: COURSE, level: 1 }).waitFor();
    await page.getByText('1. 确定课程标准').waitFor();
    // the two sides may add their own milestones
    const due = addDays(todayInChina(), 120);
    await page.getByLabel('里程碑名称').fill('第二轮开课');
    await typeDate(page, '计划完成日期', due);
    await page.getByRole('button', { name: '添加', exact: true }).click();
    await page.getByText('里程碑已添加').first().waitFor();
    await page.getByText('4. 第二轮开课').waitFor();
    await page.getByText(`计划 ${due}`).waitFor();
    await page.getByText('里程碑 0/4').first().waitFor();
    await page.waitForLoadState('networkidle');
    expect(await settledA11yViolations(page)).toEqual([]);
    await screenshot(page, 'project-open');

    for (const [i, title] of ['确定课程标准', '共同开发教学资源', '首轮开课', '第二轮开课'].entries()) {
      await page.getByRole('button', { name: `将「${title}」标记完成` }).click();
      await page
        .getByText(`里程碑 ${i + 1}/4`)
        .first()
        .waitFor();
    }
    await page.getByText('全部里程碑已完成，合作项目已完成').first().waitFor();
    await page.getByText('项目已结束，不能再修改里程碑。').waitFor();
    expect(await page.getByRole('button', { name: '标记完成' }).count()).toBe(0);
    await page.waitForLoadState('networkidle');
    expect(await settledA11yViolations(page)).toEqual([]);
    await screenshot(page, 'project-completed');

    await page.getByRole('link', { name: '返回合作实施' }).click();
    await page.getByText('里程碑 4/4').first().waitFor();
    await page.locator('.ant-tag', { hasText: '已完成' }).first().waitFor();
    await page.close();
  });
});
