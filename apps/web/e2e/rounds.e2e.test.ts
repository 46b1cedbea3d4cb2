import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { addDays, todayInChina } from '@ronghe/domain/training-base';
import { usccCheckChar } from '@ronghe/domain/uscc';
import { callApi, signUpAndIn } from './support/api.ts';
import { screenshot, seriousA11yViolations } from './support/browser.ts';
import { typeDate } from './support/forms.ts';
import { DEMO_PASSWORD, startJourney } from './support/journey.ts';

// Issue 7's journey: the commission opens a round for 亦庄 with 3 enterprises and 4 schools; schools rank; the
// round closes; the results show placements and reasons; running it again gives the same result.
// Places: 3 + 3 + 2 = 8. Students: 3 + 3 + 3 (数控) and 2 (护理, who fit none of the posts) = 11.
// Issue 18: the commission invites; the demo enterprise accepts its need's invitation on the round page (taking
// unranked cohorts, which is off until it ticks it); a school sees only its own cohort's preferences.

const journey = startJourney();
const start = addDays(todayInChina(), 60);
const end = addDays(start, 90);

/** axe on a page at rest: pointer away from any button, popups and toasts gone. */
async function settledA11yViolations(page: Page) {
  await page.mouse.move(0, 0);
  await page
    .locator('.ant-select-dropdown:visible, .ant-picker-dropdown:visible, .ant-message-notice')
    .first()
    .waitFor({ state: 'hidden', timeout: 10_000 })
    .catch(() => undefined);
  await page.waitForTimeout(400);
  return seriousA11yViolations(page);
}

let usccSerial = 0;
function uscc(): string {
  usccSerial += 1;
  const body = `91110115${String(760_000_000 + usccSerial * 7919).padStart(9, '0')}`;
  return body + (usccCheckChar(body) ?? '');
}

type Org = { cookie: string; organizationId: string; name: string };

async function demoOrg(email: string): Promise<Org> {
  const url = journey.server.url;
  const session = await callApi(url, 'account.signIn', { identifier: email, password: DEMO_PASSWORD });
  const me = await callApi<{ memberships: Array<{ organizationId: string; name: string }> }>(url, 'account.me', undefined, {
    cookie: session.cookie,
    query: true,
  });
  const m = me.data.memberships[0];
  return { cookie: session.cookie, organizationId: m?.organizationId ?? '', name: m?.name ?? '' };
}

// a fresh suffix per call, so that a retried journey signs up new people rather than failing on the earlier ones
const fresh = () => Math.random().toString(36).slice(2, 7);

async function newOrg(adminCookie: string, email: string, org: Record<string, unknown>): Promise<Org> {
  const url = journey.server.url;
  const identifier = email.replace('@', `+${fresh()}@`);
  const owner = { cookie: await signUpAndIn(url, { identifier, password: 'Yizhuang2027x', name: '联系人' }) };
  const created = await callApi<{ id: string }>(url, 'organizations.create', org, { cookie: owner.cookie });
  await callApi(url, 'admin.verify', { id: created.data.id }, { cookie: adminCookie });
  return { cookie: owner.cookie, organizationId: created.data.id, name: String(org.name) };
}

async function pickOptions(page: Page, selectId: string, labels: RegExp[]) {
  await page.locator(`#${selectId}`).click();
  for (const label of labels)
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: label }).first().click();
  await page.keyboard.press('Escape');
}

type RoundView = {
  round: { status: string };
  needs: Array<{ needId: string; title: string; organizationId: string; status: string; ranking: string[] }>;
  cohorts: Array<{ cohortId: string; organizationId: string; status: string; preferences: string[]; submittedAt: string | null }>;
  results: { placed: Array<{ cohortId: string; choice: number | null }>; unplaced: Array<{ cohortId: string; choices: unknown[] }> } | null;
};

describe('a 双选 round for 亦庄', () => {
  let roundUrl = '';
  const run = fresh();
  const needTitles = ['亦庄数控车工岗位', '亦庄加工中心操作岗位', '亦庄数控设备装调岗位'].map((t) => `${t}（双选${run}）`);
  const needPattern = (t: string) => new RegExp(t.replace(/[（）]/g, '.'));
  const today = todayInChina();

  // set up once, in a step of its own: a retried round step (CI retries a failed step once) reuses it
  let admin: { cookie: string } = { cookie: '' };
  let enterprises: Org[] = [];
  let schools: Org[] = [];
  const roundId = () => roundUrl.split('/').pop() ?? '';
  const view = async (who: { cookie: string }) =>
    (await callApi<RoundView>(journey.server.url, 'rounds.get', { id: roundId() }, { cookie: who.cookie, query: true })).data;

  it('three enterprises post 8 places and four schools offer 11 students (set up through the API)', async () => {
    const url = journey.server.url;
    admin = await callApi(url, 'account.signIn', { identifier: 'admin@demo.ronghe.cn', password: DEMO_PASSWORD });
    enterprises = [
      await demoOrg('enterprise@demo.ronghe.cn'),
      await newOrg(admin.cookie, 'hr@yzjm.example.com', {
        kind: 'enterprise',
        name: `亦庄精密机床有限公司（测试${run}）`,
        regionCode: '110115',
        uscc: uscc(),
        industryCode: '34',
        staffCount: 600,
      }),
      await newOrg(admin.cookie, 'hr@yzzb.example.com', {
        kind: 'enterprise',
        name: `亦庄智能装备有限公司（测试${run}）`,
        regionCode: '110115',
        uscc: uscc(),
        industryCode: '34',
        staffCount: 400,
      }),
    ];
    schools = [
      await demoOrg('school@demo.ronghe.cn'),
      await newOrg(admin.cookie, 'jw@dxzz.example.com', {
        kind: 'school',
        name: `大兴职业技术学校（测试${run}）`,
        regionCode: '110115',
        schoolLevel: 'zhongzhi',
      }),
      await newOrg(admin.cookie, 'jw@tjjd.example.com', {
        kind: 'school',
        name: `天津机电工艺学院（测试${run}）`,
        regionCode: '120116',
        schoolLevel: 'gaozhi',
      }),
      await newOrg(admin.cookie, 'jw@bjws.example.com', {
        kind: 'school',
        name: `北京卫生职业学院（测试${run}）`,
        regionCode: '110102',
        schoolLevel: 'gaozhi',
      }),
    ];
    const places = [3, 3, 2];
    for (const [i, e] of enterprises.entries()) {
      const need = await callApi<{ id: string }>(
        url,
        'needs.create',
        {
          organizationId: e.organizationId,
          need: {
            kind: 'internship',
            title: needTitles[i],
            regionCode: '110115',
            deadline: addDays(today, 30),
            post: '数控车工',
            majorCodes: ['460103'],
            headcount: places[i],
            periodFrom: start,
            periodTo: end,
            dailyHours: 8,
            monthlyPay: 4500,
            probationWage: 5000,
            postStaffCount: 50,
          },
        },
        { cookie: e.cookie },
      );
      await callApi(url, 'needs.publish', { id: need.data.id }, { cookie: e.cookie });
    }
    const cohort = { level: 'gaozhi', year: 2024, windowFrom: addDays(start, -7), windowTo: addDays(end, 7), regionCodes: ['110000'] };
    for (const [i, s] of schools.entries()) {
      await callApi(
        url,
        'cohorts.create',
        { organizationId: s.organizationId, majorCode: i === 3 ? '520201' : '460103', students: i === 3 ? 2 : 3, ...cohort },
        { cookie: s.cookie },
      );
    }
  });

  it('the commission sets up a round for 亦庄 and invites 3 enterprises’ needs and 4 schools’ cohorts', async () => {
    const url = journey.server.url;
    const page = await journey.browser.newPage();
    await journey.signIn(page, 'admin@demo.ronghe.cn');
    await page.goto(`${url}/rounds`);
    await page.getByLabel('名称').fill(`2027年亦庄岗位实习双选 ${run}`);
    await page.getByLabel('地区').fill('110115');
    // preferences open and close today and results are due today, so that the journey can close and publish
    await typeDate(page, '开始填报', today);
    await typeDate(page, '截止填报', today);
    await typeDate(page, '公布结果', today);
    await page.getByRole('button', { name: '新建双选' }).click();
    await page.waitForURL(/\/rounds\/[0-9a-f-]{36}$/);
    roundUrl = page.url();

    await pickOptions(page, 'round-add-needs', needTitles.map(needPattern));
    await page.getByRole('button', { name: '邀请需求' }).click();
    await expect.poll(() => page.getByText('待答复').count(), { timeout: 15_000 }).toBe(3);
    await pickOptions(
      page,
      'round-add-cohorts',
      schools.map((s) => new RegExp(s.name.replace(/[（）]/g, '.'))),
    );
    await page.getByRole('button', { name: '邀请学生批次' }).click();
    await expect.poll(() => page.getByText('待答复').count(), { timeout: 15_000 }).toBe(7);
    await screenshot(page, 'round-draft');
    expect(await settledA11yViolations(page)).toEqual([]);

    // the other owners accept through the API (the demo enterprise answers on the page, next step)
    const round = await view(admin);
    for (const e of enterprises.slice(1)) {
      const n = round.needs.find((x) => x.organizationId === e.organizationId);
      await callApi(
        url,
        'rounds.respond',
        { roundId: roundId(), kind: 'need', id: n?.needId, accept: true, acceptUnranked: true },
        { cookie: e.cookie },
      );
    }
    for (const s of schools) {
      const c = round.cohorts.find((x) => x.organizationId === s.organizationId);
      await callApi(url, 'rounds.respond', { roundId: roundId(), kind: 'cohort', id: c?.cohortId, accept: true }, { cookie: s.cookie });
    }
  });

  it('the demo enterprise finds the invitation and accepts it for its need on the round page', async () => {
    const url = journey.server.url;
    const page = await journey.browser.newPage({ width: 1366, height: 900 });
    await journey.signIn(page, 'enterprise@demo.ronghe.cn');
    await page.goto(`${url}/rounds`);
    await page
      .getByRole('link', { name: new RegExp(`亦庄岗位实习双选 ${run}`) })
      .first()
      .click();
    await page.waitForURL(roundUrl);
    const answer = page.getByRole('group', { name: new RegExp(`邀请「${needTitles[0]?.replace(/[（）]/g, '.') ?? ''}」`) });
    await answer.waitFor({ timeout: 15_000 });
    const unranked = answer.getByRole('checkbox', { name: '也接收未排序但符合条件的批次' });
    expect(await unranked.isChecked()).toBe(false); // off until the enterprise says so
    await screenshot(page, 'round-invitation-1366');
    const phone = await journey.browser.newPage({ width: 375, height: 800 });
    await phone.goto(roundUrl);
    await phone.getByRole('button', { name: '接受邀请' }).waitFor({ timeout: 15_000 });
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await screenshot(phone, 'round-invitation-375');
    expect(await settledA11yViolations(page)).toEqual([]);

    await unranked.check();
    await answer.getByRole('button', { name: '接受邀请' }).click();
    await answer.waitFor({ state: 'detached', timeout: 15_000 });
    const mine = (await view(enterprises[0] ?? admin)).needs.find((n) => n.title === needTitles[0]);
    expect(mine?.status).toBe('accepted');
  });

  it('the commission opens the round; schools and enterprises submit', async () => {
    const url = journey.server.url;
    const page = await journey.browser.newPage();
    await journey.signIn(page, 'admin@demo.ronghe.cn');
    await page.goto(roundUrl);
    await expect.poll(() => page.getByText('待答复').count(), { timeout: 15_000 }).toBe(0);
    await page.getByRole('button', { name: '开放填报' }).click();
    await expect(page.getByText('填报中').first().waitFor({ timeout: 15_000 })).resolves.toBeUndefined();

    // the other three schools rank through the API: every 数控 cohort asks for all three posts, 护理 for the first;
    // each enterprise submits an empty ranking that takes any cohort that qualifies
    const round = await view(admin);
    const needIds = needTitles.map((t) => round.needs.find((n) => n.title === t)?.needId ?? '');
    for (const s of schools.slice(1)) {
      const c = round.cohorts.find((x) => x.organizationId === s.organizationId);
      await callApi(
        url,
        'rounds.submitPreferences',
        {
          roundId: roundId(),
          cohortId: c?.cohortId,
          needIds: s === schools[3] ? needIds.slice(0, 1) : [needIds[2], needIds[0], needIds[1]],
        },
        { cookie: s.cookie },
      );
    }
    for (const [i, e] of enterprises.entries())
      await callApi(
        url,
        'rounds.submitRanking',
        { roundId: roundId(), needId: needIds[i], cohortIds: [], acceptUnranked: true },
        { cookie: e.cookie },
      );
  });

  it('the demo school ranks its cohort on the round page, and sees no other school’s preferences', async () => {
    const page = await journey.browser.newPage();
    await journey.signIn(page, 'school@demo.ronghe.cn');
    await page.goto(roundUrl);
    const selectId = await page.locator('[id^="prefs-"]').first().getAttribute('id');
    await pickOptions(page, selectId ?? '', needTitles.map(needPattern));
    await expect.poll(() => page.locator('ol li').allTextContents()).toEqual(needTitles.map((t) => expect.stringContaining(t)));
    await page.getByRole('button', { name: '保存志愿' }).click();
    await expect.poll(() => page.getByText('已填报').count(), { timeout: 15_000 }).toBe(1);
    // the page shows one preference list, its own, and no other cohort's submission state
    expect(await page.locator('ol').count()).toBe(1);
    expect(await page.getByText('未填报').count()).toBe(0);
    // and the API the page uses hands it nothing else: the other three schools have submitted, but that is sealed
    const seen = await view(schools[0] ?? admin);
    const others = seen.cohorts.filter((c) => c.organizationId !== schools[0]?.organizationId);
    expect(others).toHaveLength(3);
    for (const c of others) expect([c.preferences, c.submittedAt]).toEqual([[], null]);
    for (const n of seen.needs) expect(n.ranking).toEqual([]);
    await screenshot(page, 'round-preferences');
    expect(await settledA11yViolations(page)).toEqual([]);
  });

  it('the round closes; the results show placements and reasons; running it again gives the same result; publishing shows each school its own', async () => {
    const page = await journey.browser.newPage({ width: 1366, height: 900 });
    await journey.signIn(page, 'admin@demo.ronghe.cn');
    await page.goto(roundUrl);
    await page.getByRole('button', { name: '截止并匹配' }).click();
    await expect(
      page.getByRole('status').filter({ hasText: '匹配完成：录取8人，未录取3人' }).waitFor({ timeout: 20_000 }),
    ).resolves.toBeUndefined();
    const results = page.getByRole('list', { name: '匹配结果' });
    await expect.poll(() => results.locator('li').count(), { timeout: 15_000 }).toBeGreaterThanOrEqual(3);
    expect(await results.textContent()).not.toMatch(/志愿）/); // the organiser sees placements, not the schools' choice numbers
    await expect(page.getByText('所填志愿均不符合条件').first().waitFor()).resolves.toBeUndefined(); // 护理: no eligible choice
    await expect(page.getByText('所填志愿均已被排序更靠前的学生录满').first().waitFor()).resolves.toBeUndefined(); // one 数控 student: all full
    await screenshot(page, 'round-results');

    await page.getByRole('button', { name: '用相同输入重新运行' }).click();
    await expect(
      page.getByRole('status').filter({ hasText: '重新运行结果与已存结果一致' }).waitFor({ timeout: 20_000 }),
    ).resolves.toBeUndefined();
    expect(await settledA11yViolations(page)).toEqual([]);
    await page.getByRole('button', { name: '公布结果' }).click();
    await expect(page.getByText('已公布').first().waitFor({ timeout: 15_000 })).resolves.toBeUndefined();

    // the 天津 school sees its own placement and choice, nobody else's
    const tianjin = schools[2];
    const published = await view(tianjin ?? admin);
    expect(published.results?.placed.length).toBeGreaterThan(0);
    expect(
      published.results?.placed.every(
        (p) => published.cohorts.find((c) => c.cohortId === p.cohortId)?.organizationId === tianjin?.organizationId,
      ),
    ).toBe(true);
    expect(published.results?.placed.every((p) => p.choice !== null)).toBe(true);
    for (const c of published.cohorts.filter((x) => x.organizationId !== tianjin?.organizationId)) expect(c.preferences).toEqual([]);

    // a phone-sized screen: the round page fits without sideways scrolling
    const phone = await journey.browser.newPage({ width: 375, height: 800 });
    await phone.goto(roundUrl);
    await phone.getByRole('list', { name: '匹配结果' }).waitFor();
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await screenshot(phone, 'round-results-375');
  });
});
