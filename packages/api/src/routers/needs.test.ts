import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { needs } from '@ronghe/db/schema';
import { DomainError } from '@ronghe/domain/errors';
import { addDays, todayInChina } from '@ronghe/domain/training-base';
import type { Database, Drizzle } from '@ronghe/db/client';
import { runHousekeeping } from '../services/housekeeping.ts';
import { publish as publishNeed } from '../services/needs.ts';
import {
  anonymous,
  cohortInput,
  createTestEnv,
  errorOf,
  fieldOf,
  internshipInput,
  keyOf,
  makeAdmin,
  signUpUser,
  verifiedOrganization,
  type TestEnv,
  type TestUser,
} from '../test-support.ts';

let env: TestEnv;
let admin: TestUser;
let enterprise: TestUser & { organizationId: string };
let yizhuangSchool: TestUser & { organizationId: string };
let tianjinSchool: TestUser & { organizationId: string };
beforeAll(async () => {
  env = await createTestEnv();
  admin = await makeAdmin(env, await signUpUser(env, { identifier: 'needs-admin@example.gov.cn' }));
  enterprise = await verifiedOrganization(env, admin, 'enterprise', '110115'); // 500 staff
  yizhuangSchool = await verifiedOrganization(env, admin, 'school', '110115');
  tianjinSchool = await verifiedOrganization(env, admin, 'school', '120116');
});
afterAll(async () => {
  await env.close();
});

const from = addDays(todayInChina(), 60);
const internship = internshipInput;
const cohort = cohortInput;

describe('needs and cohorts', () => {
  it('an enterprise drafts and publishes an internship need; the rules refuse, naming the field', async () => {
    const { id } = await enterprise.caller.needs.create({ organizationId: enterprise.organizationId, need: internship() });
    expect((await errorOf(anonymous(env).needs.get({ id }))).code).toBe('NOT_FOUND');
    expect((await enterprise.caller.needs.publish({ id })).status).toBe('published');
    expect((await anonymous(env).needs.get({ id })).headcount).toBe(20);

    const lowPay = await enterprise.caller.needs.create({
      organizationId: enterprise.organizationId,
      need: internship({ monthlyPay: 3999 }),
    });
    const e1 = await errorOf(enterprise.caller.needs.publish({ id: lowPay.id }));
    expect([keyOf(e1), fieldOf(e1)]).toEqual(['internship.pay', 'monthlyPay']);
    const crowded = await enterprise.caller.needs.create({
      organizationId: enterprise.organizationId,
      need: internship({ headcount: 21 }),
    });
    const e2 = await errorOf(enterprise.caller.needs.publish({ id: crowded.id }));
    expect([keyOf(e2), fieldOf(e2)]).toEqual(['internship.postShare', 'headcount']);
    const bigPost = await enterprise.caller.needs.create({
      organizationId: enterprise.organizationId,
      need: internship({ headcount: 60, postStaffCount: 1000 }),
    });
    expect(keyOf(await errorOf(enterprise.caller.needs.publish({ id: bigPost.id })))).toBe('internship.enterpriseShare');
  });

  it('refuses to publish a need that asks interns for a deposit or night shifts, naming the field and the term', async () => {
    const { id } = await enterprise.caller.needs.create({
      organizationId: enterprise.organizationId,
      need: internship({ description: '入职需交服装押金200元' }),
    });
    const e = await errorOf(enterprise.caller.needs.publish({ id }));
    expect([keyOf(e), fieldOf(e), (e.cause as DomainError).params]).toEqual(['need.bannedContent', 'description', { term: '押金' }]);
    const night = await enterprise.caller.needs.create({
      organizationId: enterprise.organizationId,
      need: internship({ post: '数控车工（夜班）' }),
    });
    expect(fieldOf(await errorOf(enterprise.caller.needs.publish({ id: night.id })))).toBe('post');
  });

  it('publishing checks the rules on the row it locks: an edit landing between the first read and the lock is caught', async () => {
    const { id } = await enterprise.caller.needs.create({
      organizationId: enterprise.organizationId,
      need: internship({ title: '锁后复查的实习' }),
    });
    // a database whose transactions first let a change land, as a concurrent edit would after publish's first read
    const racing: Database = {
      ...env.db,
      orm: new Proxy(env.db.orm, {
        get(target, key, receiver) {
          if (key !== 'transaction') return Reflect.get(target, key, receiver);
          return async (fn: Parameters<Drizzle['transaction']>[0]) => {
            await target.update(needs).set({ description: '实习期间需缴纳押金' }).where(eq(needs.id, id));
            return target.transaction(fn);
          };
        },
      }),
    };
    const e = await publishNeed(racing, enterprise.session, id).then(
      () => null,
      (error: unknown) => error,
    );
    expect(e instanceof DomainError && [e.key, e.field]).toEqual(['need.bannedContent', 'description']);
    expect((await enterprise.caller.needs.get({ id })).status).toBe('draft');
  });

  it('rejects bad input with field errors, and lets only enterprises post needs and schools publish cohorts', async () => {
    for (const bad of [{ headcount: 0 }, { periodTo: addDays(from, -1) }, { majorCodes: ['999999'] }]) {
      const e = await errorOf(enterprise.caller.needs.create({ organizationId: enterprise.organizationId, need: internship(bad) }));
      expect(['BAD_REQUEST', 'FORBIDDEN']).toContain(e.code);
      expect(e.code).toBe('BAD_REQUEST');
    }
    expect(
      keyOf(await errorOf(yizhuangSchool.caller.needs.create({ organizationId: yizhuangSchool.organizationId, need: internship() }))),
    ).toBe('need.enterpriseOnly');
    expect(keyOf(await errorOf(enterprise.caller.cohorts.create({ organizationId: enterprise.organizationId, ...cohort() })))).toBe(
      'cohort.schoolOnly',
    );
    expect(
      (
        await errorOf(
          yizhuangSchool.caller.cohorts.create({
            organizationId: yizhuangSchool.organizationId,
            ...cohort({ windowTo: addDays(from, -1) }),
          }),
        )
      ).code,
    ).toBe('BAD_REQUEST');
  });

  it('recommends cohorts for a need and needs for a cohort, best first, each with the parts of its score', async () => {
    const { id: needId } = await enterprise.caller.needs.create({
      organizationId: enterprise.organizationId,
      need: internship({ title: '亦庄数控岗位实习' }),
    });
    await enterprise.caller.needs.publish({ id: needId });
    const near = await yizhuangSchool.caller.cohorts.create({ organizationId: yizhuangSchool.organizationId, ...cohort() });
    const far = await tianjinSchool.caller.cohorts.create({
      organizationId: tianjinSchool.organizationId,
      ...cohort({ majorCode: '460301', regionCodes: ['110000', '120000'] }),
    });
    const otherField = await yizhuangSchool.caller.cohorts.create({
      organizationId: yizhuangSchool.organizationId,
      ...cohort({ majorCode: '520201' }),
    });

    const ranked = await enterprise.caller.needs.recommendCohorts({ needId });
    const ids = ranked.map((r) => r.cohort.id);
    expect(ids.indexOf(near.id)).toBe(0);
    expect(ids).toContain(far.id);
    expect(ids).not.toContain(otherField.id); // a different 专业大类 is not a candidate
    const top = ranked[0];
    expect(top?.score.parts.find((p) => p.key === 'major')).toMatchObject({ points: 40, level: 'same' });
    expect(top?.score.parts.find((p) => p.key === 'region')).toMatchObject({ points: 20, level: 'district' });
    expect(top?.score.total).toBe(top?.score.parts.reduce((n, p) => n + p.points, 0));
    const second = ranked.find((r) => r.cohort.id === far.id);
    expect(second?.score.parts.find((p) => p.key === 'major')).toMatchObject({ points: 16, level: 'category' });

    const forCohort = await yizhuangSchool.caller.cohorts.recommendNeeds({ cohortId: near.id });
    expect(forCohort.map((r) => r.need.id)).toContain(needId);
    expect(forCohort[0]?.score.total).toBeGreaterThan(0);

    expect((await errorOf(tianjinSchool.caller.needs.recommendCohorts({ needId }))).code).toBe('FORBIDDEN');
    expect((await errorOf(enterprise.caller.cohorts.recommendNeeds({ cohortId: near.id }))).code).toBe('FORBIDDEN');
  });

  it('two schools apply with 12 and 15 students; the enterprise accepts 12 and 8 of 15; the second school sees a partial acceptance', async () => {
    const { id: needId } = await enterprise.caller.needs.create({
      organizationId: enterprise.organizationId,
      need: internship({ title: '数控岗位实习（20人）' }),
    });
    await enterprise.caller.needs.publish({ id: needId });
    const a = await yizhuangSchool.caller.needs.applyFor({ needId, organizationId: yizhuangSchool.organizationId, students: 12 });
    const b = await tianjinSchool.caller.needs.applyFor({ needId, organizationId: tianjinSchool.organizationId, students: 15 });
    expect((await enterprise.caller.needs.applications({ needId })).map((x) => x.students).sort()).toEqual([12, 15]);
    expect((await enterprise.caller.needs.decide({ id: a.id, accept: 12 })).status).toBe('accepted');
    const more = await errorOf(enterprise.caller.needs.decide({ id: b.id, accept: 9 }));
    expect(keyOf(more)).toBe('need.full');
    expect((more.cause as DomainError).params).toEqual({ headcount: 20, left: 8 });
    expect((await enterprise.caller.needs.decide({ id: b.id, accept: 8 })).status).toBe('partly_accepted');
    const seen = await tianjinSchool.caller.needs.myApplications({ organizationId: tianjinSchool.organizationId });
    expect(seen.find((x) => x.id === b.id)).toMatchObject({ status: 'partly_accepted', students: 15, accepted: 8 });
    expect((await anonymous(env).needs.get({ id: needId })).status).toBe('filled');
    expect(keyOf(await errorOf(enterprise.caller.needs.decide({ id: b.id, accept: 1 })))).toBe('need.applicationDecided');
    expect((await errorOf(yizhuangSchool.caller.needs.decide({ id: b.id, accept: 1 }))).code).toBe('FORBIDDEN');
    const notes = await tianjinSchool.caller.notifications.list({});
    expect(notes.some((x) => x.type === 'need.partly_accepted')).toBe(true);
  });

  it('refuses an acceptance that would take the enterprise past 10 % of its staff in interns, across its needs', async () => {
    // 500 staff: at most 50 interns at once; two needs of 30 (posts of 150) in the same period
    const ids = [];
    for (const title of ['数控实习甲', '数控实习乙']) {
      const { id } = await enterprise.caller.needs.create({
        organizationId: enterprise.organizationId,
        need: internship({ title, headcount: 30, postStaffCount: 150, periodFrom: addDays(from, 200), periodTo: addDays(from, 260) }),
      });
      await enterprise.caller.needs.publish({ id });
      ids.push(id);
    }
    const [first, second] = ids as [string, string];
    const a = await yizhuangSchool.caller.needs.applyFor({ needId: first, organizationId: yizhuangSchool.organizationId, students: 30 });
    const b = await tianjinSchool.caller.needs.applyFor({ needId: second, organizationId: tianjinSchool.organizationId, students: 30 });
    await enterprise.caller.needs.decide({ id: a.id, accept: 30 });
    const e = await errorOf(enterprise.caller.needs.decide({ id: b.id, accept: 21 }));
    expect([keyOf(e), fieldOf(e)]).toEqual(['internship.enterpriseShare', 'accept']);
    expect((await enterprise.caller.needs.decide({ id: b.id, accept: 20 })).status).toBe('partly_accepted');
  });

  it('expires published needs past their deadline by itself', async () => {
    const { id } = await enterprise.caller.needs.create({
      organizationId: enterprise.organizationId,
      need: internship({ title: '即将截止的实习' }),
    });
    await enterprise.caller.needs.publish({ id });
    await env.db.orm
      .update(needs)
      .set({ deadline: addDays(todayInChina(), -1) })
      .where(eq(needs.id, id));
    expect((await runHousekeeping(env.db)).expiredNeeds).toBeGreaterThanOrEqual(1);
    expect((await anonymous(env).needs.get({ id })).status).toBe('expired');
  });
});

describe('editing a need', () => {
  const published = async (overrides: Record<string, unknown> = {}) => {
    const { id } = await enterprise.caller.needs.create({ organizationId: enterprise.organizationId, need: internship(overrides) });
    await enterprise.caller.needs.publish({ id });
    return id;
  };

  it('changes a draft freely, even its kind', async () => {
    const { id } = await enterprise.caller.needs.create({
      organizationId: enterprise.organizationId,
      need: internship({ title: '草稿实习' }),
    });
    const r = await enterprise.caller.needs.update({
      id,
      data: {
        kind: 'order_class',
        title: '数控订单班',
        regionCode: '110108',
        deadline: addDays(todayInChina(), 10),
        majorCodes: ['460103'],
        intake: 40,
        years: 3,
      },
    });
    expect(r.status).toBe('draft');
    const n = await enterprise.caller.needs.get({ id });
    expect([n.kind, n.regionCode, n.headcount]).toEqual(['order_class', '110108', 40]);
  });

  it('changes a published need only in the applicants’ favour and checks it again, naming the field', async () => {
    const id = await published({ title: '已发布的数控实习' });
    const refused: Array<[Record<string, unknown>, string, string]> = [
      [{ regionCode: '110108' }, 'need.lockedAfterPublish', 'regionCode'],
      [{ periodTo: addDays(from, 100) }, 'need.lockedAfterPublish', 'periodTo'],
      [{ monthlyPay: 3900 }, 'need.notLower', 'monthlyPay'],
      [{ dailyHours: 8, accommodation: false, deadline: addDays(todayInChina(), 29) }, 'need.deadlineEarlier', 'deadline'],
      [{ majorCodes: ['460301'] }, 'need.majorsRemoved', 'majorCodes'],
      [{ headcount: 21 }, 'internship.postShare', 'headcount'], // the publishing rules, again
      [{ probationWage: 6000 }, 'internship.pay', 'monthlyPay'],
      [{ description: '需交住宿押金' }, 'need.bannedContent', 'description'],
    ];
    for (const [change, key, field] of refused) {
      const e = await errorOf(enterprise.caller.needs.update({ id, data: internship({ title: '已发布的数控实习', ...change }) }));
      expect([e.code, keyOf(e), fieldOf(e)]).toEqual(['BAD_REQUEST', key, field]);
    }
    const ok = await enterprise.caller.needs.update({
      id,
      data: internship({
        title: '已发布的数控实习',
        monthlyPay: 4500,
        dailyHours: 6,
        majorCodes: ['460103', '460301'],
        deadline: addDays(todayInChina(), 40),
        description: '包午餐',
      }),
    });
    expect(ok.status).toBe('published');
    expect(ok.changed.sort()).toEqual(['dailyHours', 'deadline', 'description', 'majorCodes', 'monthlyPay']);
    expect((await anonymous(env).needs.get({ id })).majorCodes).toEqual(['460103', '460301']);
    expect((await errorOf(yizhuangSchool.caller.needs.update({ id, data: internship() }))).code).toBe('FORBIDDEN');
    await enterprise.caller.needs.close({ id });
    expect(
      keyOf(await errorOf(enterprise.caller.needs.update({ id, data: internship({ title: '已发布的数控实习', monthlyPay: 4500 }) }))),
    ).toBe('need.wrongStatus');
  });

  it('refuses places below those accepted, naming the field; cut to them it is filled, raised it opens again', async () => {
    const id = await published({ title: '名额调整的实习', headcount: 20 });
    const a = await yizhuangSchool.caller.needs.applyFor({ needId: id, organizationId: yizhuangSchool.organizationId, students: 12 });
    await enterprise.caller.needs.decide({ id: a.id, accept: 12 });
    const e = await errorOf(enterprise.caller.needs.update({ id, data: internship({ title: '名额调整的实习', headcount: 11 }) }));
    expect([keyOf(e), fieldOf(e), (e.cause as DomainError).params]).toEqual(['need.belowAccepted', 'headcount', { accepted: 12 }]);
    expect((await enterprise.caller.needs.update({ id, data: internship({ title: '名额调整的实习', headcount: 12 }) })).status).toBe(
      'filled',
    );
    expect((await enterprise.caller.needs.update({ id, data: internship({ title: '名额调整的实习', headcount: 15 }) })).status).toBe(
      'published',
    );
    expect((await anonymous(env).needs.get({ id })).headcount).toBe(15);
  });

  it('keeps the history of edits and tells schools with pending applications of a material change', async () => {
    const id = await published({ title: '有人申请的实习' });
    await tianjinSchool.caller.needs.applyFor({ needId: id, organizationId: tianjinSchool.organizationId, students: 5 });
    const noticesOf = async () =>
      (await tianjinSchool.caller.notifications.list({})).filter((x) => x.type === 'need.updated' && x.link === `/needs/${id}`);
    await enterprise.caller.needs.update({ id, data: internship({ title: '有人申请的实习', description: '欢迎报名' }) });
    expect(await noticesOf()).toHaveLength(0); // wording only
    await enterprise.caller.needs.update({ id, data: internship({ title: '有人申请的实习', description: '欢迎报名', monthlyPay: 4800 }) });
    const notices = await noticesOf();
    expect(notices).toHaveLength(1);
    expect(notices[0]?.title).toContain('月薪');
    expect((await yizhuangSchool.caller.notifications.list({})).some((x) => x.link === `/needs/${id}` && x.type === 'need.updated')).toBe(
      false,
    );

    const history = await enterprise.caller.needs.history({ id });
    expect(history.map((h) => h.action)).toEqual(['need.update', 'need.update', 'need.publish']);
    expect(history[0]).toMatchObject({ before: { monthlyPay: 4000 }, after: { monthlyPay: 4800 } });
    expect(history[1]).toMatchObject({ before: { description: '' }, after: { description: '欢迎报名' } });
    expect((await errorOf(tianjinSchool.caller.needs.history({ id }))).code).toBe('FORBIDDEN');
    expect((await admin.caller.needs.history({ id })).length).toBe(3);
  });
});

describe('the public list of needs', () => {
  let searchEnterprise: TestUser & { organizationId: string };
  const ids: Record<string, string> = {};
  beforeAll(async () => {
    searchEnterprise = await verifiedOrganization(env, admin, 'enterprise', '120116');
    const post = async (key: string, need: Record<string, unknown>, publish = true) => {
      const { id } = await searchEnterprise.caller.needs.create({
        organizationId: searchEnterprise.organizationId,
        need: internship(need),
      });
      if (publish) await searchEnterprise.caller.needs.publish({ id });
      ids[key] = id;
    };
    await post('percent', { title: '检索甲 合格率100%_达标', regionCode: '120116', headcount: 5 });
    await post('plain', { title: '检索甲 合格率100X达标', regionCode: '120116', headcount: 5, majorCodes: ['520201'] });
    await post('beijing', { title: '检索甲 北京岗位', regionCode: '110108', headcount: 5, deadline: addDays(todayInChina(), 5) });
    await post('draft', { title: '检索甲 草稿' }, false);
    const { id: course } = await searchEnterprise.caller.needs.create({
      organizationId: searchEnterprise.organizationId,
      need: {
        kind: 'curriculum',
        title: '检索甲 课程开发',
        regionCode: '130102',
        deadline: addDays(todayInChina(), 20),
        majorCodes: ['460301'],
        courseName: '数控编程',
      },
    });
    await searchEnterprise.caller.needs.publish({ id: course });
    ids.course = course;
  });

  it('finds open needs by keyword, with % and _ taken literally, and leaves drafts out', async () => {
    const found = async (q: string) => (await anonymous(env).needs.search({ q })).items.map((i) => i.id).sort();
    expect(await found('检索甲')).toEqual([ids.percent, ids.plain, ids.beijing, ids.course].sort());
    expect(await found('100%')).toEqual([ids.percent]);
    expect(await found('%_')).toEqual([ids.percent]);
    expect(await found('100_达')).toEqual([]);
    expect(await found('率100X')).toEqual([ids.plain]);
  });

  it('filters by region at any level, by major code or its start, and by kind', async () => {
    const found = async (f: Record<string, string>) =>
      (await anonymous(env).needs.search({ q: '检索甲', ...f })).items.map((i) => i.id).sort();
    expect(await found({ regionCode: '120000' })).toEqual([ids.percent, ids.plain].sort());
    expect(await found({ regionCode: '110000' })).toEqual([ids.beijing]);
    expect(await found({ regionCode: '110108' })).toEqual([ids.beijing]);
    expect(await found({ regionCode: '130100' })).toEqual([ids.course]); // a Hebei prefecture takes in its districts
    expect(await found({ major: '46' })).toEqual([ids.percent, ids.beijing, ids.course].sort());
    expect(await found({ major: '4601' })).toEqual([ids.percent, ids.beijing].sort());
    expect(await found({ major: '460103' })).toEqual([ids.percent, ids.beijing].sort());
    expect(await found({ major: '52' })).toEqual([ids.plain]);
    expect(await found({ kind: 'curriculum' })).toEqual([ids.course]);
    expect((await errorOf(anonymous(env).needs.search({ major: '4' }))).code).toBe('BAD_REQUEST');
  });

  it('pages through every match once, by deadline or newest, and shows anonymous callers no contacts', async () => {
    for (const sort of ['deadline', 'newest'] as const) {
      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await anonymous(env).needs.search({ q: '检索甲', sort, limit: 1, cursor });
        seen.push(...page.items.map((i) => i.id));
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      expect(seen).toHaveLength(4);
      expect(new Set(seen).size).toBe(4);
      if (sort === 'deadline') expect(seen[0]).toBe(ids.beijing);
      else expect(seen[0]).toBe(ids.course);
    }
    const [first] = (await anonymous(env).needs.search({ q: '合格率100%' })).items;
    expect(Object.keys(first ?? {}).sort()).toEqual([
      'accepted',
      'deadline',
      'headcount',
      'id',
      'kind',
      'majorCodes',
      'organizationName',
      'publishedAt',
      'regionCode',
      'regionName',
      'remaining',
      'title',
    ]);
    expect(first).toMatchObject({ headcount: 5, remaining: 5, regionName: expect.any(String) });
    expect((await errorOf(anonymous(env).needs.search({ cursor: 'not-a-cursor' }))).code).toBe('BAD_REQUEST');
  });

  it('leaves out needs past their deadline and filled ones', async () => {
    await env.db.orm
      .update(needs)
      .set({ deadline: addDays(todayInChina(), -1) })
      .where(eq(needs.id, ids.beijing ?? ''));
    await env.db.orm
      .update(needs)
      .set({ status: 'filled' })
      .where(eq(needs.id, ids.plain ?? ''));
    expect((await anonymous(env).needs.search({ q: '检索甲' })).items.map((i) => i.id).sort()).toEqual([ids.percent, ids.course].sort());
  });
});
