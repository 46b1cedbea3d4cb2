import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allocationRounds, auditLog, needApplications, needs, notifications, placements, roundNeeds } from '@ronghe/db/schema';
import type { DomainError } from '@ronghe/domain/errors';
import { translate } from '@ronghe/domain/messages';
import { addDays, todayInChina } from '@ronghe/domain/training-base';
import {
  createTestEnv,
  errorOf,
  fieldOf,
  keyOf,
  makeAdmin,
  signUpUser,
  verifiedOrganization,
  type TestEnv,
  type TestUser,
} from '../test-support.ts';

// A 亦庄 round small enough to work out by hand: three enterprises' needs A (2 places), B and C (1 each); five
// cohorts. A ranks S2 before S1 and takes nobody else; B ranks S3 first; C takes anyone eligible.
//   S1 (2 students): A, B     S2 (1): A     S3 (1): B, C     S4 (1): A, C     S5 (1, 护理 — no fit): A
// Deferred acceptance: A holds S2 and one S1 slot (the tie inside S1 goes by lottery) and refuses S4 (not
// acceptable); the other S1 slot tries B, where S3 ranks higher: it ends unplaced, all choices full. S4 gets C
// (its 2nd choice); S5 has no eligible choice.
// Since issue 18 every need and cohort is invited by the organiser and accepted by its owner, whether a need takes
// unranked cohorts is its owner's choice (C says so), and the dates hold (the hand-worked round opens and closes
// today and publishes today).

let env: TestEnv;
let admin: TestUser;
const enterprises: Array<TestUser & { organizationId: string }> = [];
const schools: Array<TestUser & { organizationId: string }> = [];
beforeAll(async () => {
  env = await createTestEnv();
  admin = await makeAdmin(env, await signUpUser(env, { identifier: 'rounds-admin@example.gov.cn' }));
  for (let i = 0; i < 3; i++) enterprises.push(await verifiedOrganization(env, admin, 'enterprise', '110115'));
  for (let i = 0; i < 4; i++) schools.push(await verifiedOrganization(env, admin, 'school', '110115'));
});
afterAll(async () => {
  await env.close();
});

const from = addDays(todayInChina(), 60);
const to = addDays(from, 90);
const at = <T>(xs: readonly T[], i: number): T => {
  const x = xs[i];
  if (x === undefined) throw new Error(`no element ${i}`);
  return x;
};

async function need(owner: TestUser & { organizationId: string }, title: string, headcount: number) {
  const { id } = await owner.caller.needs.create({
    organizationId: owner.organizationId,
    need: {
      kind: 'internship',
      title,
      regionCode: '110115',
      deadline: addDays(todayInChina(), 30),
      post: '数控车工',
      majorCodes: ['460103'],
      headcount,
      periodFrom: from,
      periodTo: to,
      dailyHours: 8,
      monthlyPay: 4000,
      probationWage: 5000,
      postStaffCount: 100,
    },
  });
  await owner.caller.needs.publish({ id });
  return id;
}

type Owner = TestUser & { organizationId: string };
const today = todayInChina();

/** The admin invites the needs and cohorts; each owner accepts (a need's owner says whether it takes unranked cohorts). */
async function enrol(
  roundId: string,
  ns: Array<{ owner: Owner; id: string; acceptUnranked?: boolean }>,
  cs: Array<{ owner: Owner; id: string }>,
  organiser: TestUser = admin,
) {
  await organiser.caller.rounds.invite({ roundId, needIds: ns.map((n) => n.id), cohortIds: cs.map((c) => c.id) });
  for (const n of ns)
    await n.owner.caller.rounds.respond({ roundId, kind: 'need', id: n.id, accept: true, acceptUnranked: n.acceptUnranked ?? false });
  for (const c of cs) await c.owner.caller.rounds.respond({ roundId, kind: 'cohort', id: c.id, accept: true });
}

let consortiumSerial = 0;
/** A consortium proposed by `school` (its lead) with `enterprise` as co-lead; approved unless `draft`. */
async function consortium(school: Owner, enterprise: Owner, draft = false) {
  const { id } = await school.caller.consortia.propose({
    organizationId: school.organizationId,
    kind: 'industry_community',
    level: 'municipal',
    name: `亦庄双选测试共同体${++consortiumSerial}-${Math.random().toString(36).slice(2, 6)}`,
    industryCode: '34',
    anchorRegionCode: '110115',
  });
  if (draft) return id;
  await school.caller.consortia.invite({
    consortiumId: id,
    actingOrganizationId: school.organizationId,
    organizationId: enterprise.organizationId,
    role: 'lead',
  });
  await enterprise.caller.consortia.respond({ consortiumId: id, organizationId: enterprise.organizationId, accept: true });
  await school.caller.consortia.submit({ consortiumId: id, organizationId: school.organizationId });
  await admin.caller.consortia.review({ consortiumId: id, decision: 'approve' });
  return id;
}

async function cohort(owner: TestUser & { organizationId: string }, students: number, majorCode = '460103') {
  return (
    await owner.caller.cohorts.create({
      organizationId: owner.organizationId,
      majorCode,
      level: 'gaozhi',
      year: 2024,
      students,
      windowFrom: addDays(from, -10),
      windowTo: addDays(to, 10),
      regionCodes: ['110000'],
    })
  ).id;
}

describe('allocation rounds', () => {
  it('runs a hand-worked round: placements, reasons, unfilled places; re-running reproduces it; publishing makes placements', async () => {
    const [e1, e2, e3] = [at(enterprises, 0), at(enterprises, 1), at(enterprises, 2)];
    const [s1, s2, s3, s4] = [at(schools, 0), at(schools, 1), at(schools, 2), at(schools, 3)];
    const A = await need(e1, '需求A', 2);
    const B = await need(e2, '需求B', 1);
    const C = await need(e3, '需求C', 1);
    const S1 = await cohort(s1, 2);
    const S2 = await cohort(s2, 1);
    const S3 = await cohort(s3, 1);
    const S4 = await cohort(s4, 1);
    const S5 = await cohort(s4, 1, '520201');

    const dates = { preferencesOpenOn: today, preferencesCloseOn: today, resultsOn: today };
    expect((await errorOf(e1.caller.rounds.create({ title: '亦庄双选', regionCode: '110115', ...dates }))).code).toBe('FORBIDDEN');
    const bad = await errorOf(
      admin.caller.rounds.create({
        title: '亦庄双选',
        regionCode: '110115',
        ...dates,
        preferencesCloseOn: addDays(today, 7),
        resultsOn: addDays(today, 1),
      }),
    );
    expect(bad.code).toBe('BAD_REQUEST');
    const { id } = await admin.caller.rounds.create({ title: '2027年亦庄岗位实习双选', regionCode: '110115', ...dates });
    const candidates = await admin.caller.rounds.candidates({ id });
    expect(candidates.needs.map((n) => n.id)).toEqual(expect.arrayContaining([A, B, C]));
    await enrol(
      id,
      [
        { owner: e1, id: A },
        { owner: e2, id: B, acceptUnranked: true },
        { owner: e3, id: C, acceptUnranked: true },
      ],
      [
        { owner: s1, id: S1 },
        { owner: s2, id: S2 },
        { owner: s3, id: S3 },
        { owner: s4, id: S4 },
        { owner: s4, id: S5 },
      ],
    );
    expect(keyOf(await errorOf(s1.caller.rounds.submitPreferences({ roundId: id, cohortId: S1, needIds: [A, B] })))).toBe('round.notOpen');
    expect((await admin.caller.rounds.open({ id })).status).toBe('open');

    // bad input: duplicates, a need outside the round, someone else's cohort
    expect((await errorOf(s1.caller.rounds.submitPreferences({ roundId: id, cohortId: S1, needIds: [A, A] }))).code).toBe('BAD_REQUEST');
    const outside = await need(e1, '轮外需求', 1);
    const e = await errorOf(s1.caller.rounds.submitPreferences({ roundId: id, cohortId: S1, needIds: [A, outside] }));
    expect([keyOf(e), (e.cause as DomainError).field]).toEqual(['round.needNotInRound', 'needIds.1']);
    expect((await errorOf(s2.caller.rounds.submitPreferences({ roundId: id, cohortId: S1, needIds: [A] }))).code).toBe('FORBIDDEN');

    await s1.caller.rounds.submitPreferences({ roundId: id, cohortId: S1, needIds: [A, B] });
    await s2.caller.rounds.submitPreferences({ roundId: id, cohortId: S2, needIds: [A] });
    await s3.caller.rounds.submitPreferences({ roundId: id, cohortId: S3, needIds: [B, C] });
    await s4.caller.rounds.submitPreferences({ roundId: id, cohortId: S4, needIds: [A, C] });
    await s4.caller.rounds.submitPreferences({ roundId: id, cohortId: S5, needIds: [A] });
    await e1.caller.rounds.submitRanking({ roundId: id, needId: A, cohortIds: [S2, S1], acceptUnranked: false });
    await e2.caller.rounds.submitRanking({ roundId: id, needId: B, cohortIds: [S3], acceptUnranked: true });
    await e3.caller.rounds.submitRanking({ roundId: id, needId: C, cohortIds: [], acceptUnranked: true });
    expect((await errorOf(e2.caller.rounds.submitRanking({ roundId: id, needId: A, cohortIds: [S1], acceptUnranked: true }))).code).toBe(
      'FORBIDDEN',
    );

    // sealed while open: each participant sees its own lists only; the organiser sees who submitted, not what
    const asS1 = await s1.caller.rounds.get({ id });
    expect(asS1.cohorts.find((c) => c.cohortId === S1)).toMatchObject({ preferences: [A, B], mine: true });
    for (const c of asS1.cohorts.filter((x) => x.cohortId !== S1)) expect([c.preferences, c.submittedAt]).toEqual([[], null]);
    for (const n of asS1.needs) expect([n.ranking, n.acceptUnranked, n.rankedAt]).toEqual([[], false, null]);
    const asE1 = await e1.caller.rounds.get({ id });
    expect(asE1.needs.find((n) => n.needId === A)).toMatchObject({ ranking: [S2, S1], acceptUnranked: false, mine: true });
    expect(asE1.needs.find((n) => n.needId === B)?.ranking).toEqual([]);
    for (const c of asE1.cohorts) expect(c.preferences).toEqual([]);
    const asAdmin = await admin.caller.rounds.get({ id });
    for (const c of asAdmin.cohorts) expect([c.preferences.length, c.submittedAt instanceof Date]).toEqual([0, true]);
    for (const n of asAdmin.needs) expect([n.ranking.length, n.rankedAt instanceof Date]).toEqual([0, true]);
    const outsider = await verifiedOrganization(env, admin, 'school', '110115');
    expect((await errorOf(outsider.caller.rounds.get({ id }))).code).toBe('FORBIDDEN');

    // every participant submitted, so the organiser may close before the closing date has passed
    const closed = await admin.caller.rounds.close({ id });
    expect(closed).toMatchObject({ status: 'closed', applicants: 6, placed: 4, unplaced: 2 });
    expect(keyOf(await errorOf(admin.caller.rounds.close({ id })))).toBe('round.wrongStatus'); // closed twice
    expect(keyOf(await errorOf(s1.caller.rounds.submitPreferences({ roundId: id, cohortId: S1, needIds: [B] })))).toBe('round.notOpen'); // after close
    expect((await s1.caller.rounds.get({ id })).results).toBeNull();

    const { results, needs: roundNeedRows } = await admin.caller.rounds.get({ id });
    const placed = (results?.placed ?? []).map((p) => [p.cohortId, p.needId, p.students]);
    expect(placed).toEqual(
      expect.arrayContaining([
        [S1, A, 1],
        [S2, A, 1],
        [S3, B, 1],
        [S4, C, 1],
      ]),
    );
    expect(placed).toHaveLength(4);
    expect(results?.placed.every((p) => p.choice === null)).toBe(true); // a choice number is part of the school's list
    const unplaced = (results?.unplaced ?? []).map((u) => [u.cohortId, u.reason, u.students]);
    expect(unplaced).toEqual(
      expect.arrayContaining([
        [S1, 'choices_full', 1],
        [S5, 'no_eligible_choice', 1],
      ]),
    );
    for (const n of roundNeedRows) expect(n.placed).toBeLessThanOrEqual(n.capacity);

    const rerun = await admin.caller.rounds.rerun({ id });
    expect(rerun).toMatchObject({ identical: true, digest: closed.digest });

    // publishing: placements as accepted applications, holding the needs' places
    expect((await admin.caller.rounds.publish({ id })).status).toBe('published');
    const [a] = await env.db.orm.select({ accepted: needs.accepted, status: needs.status }).from(needs).where(eq(needs.id, A));
    expect(a).toEqual({ accepted: 2, status: 'filled' });
    expect((await s4.caller.placements.list({ organizationId: s4.organizationId })).map((p) => [p.needId, p.students])).toEqual([[C, 1]]);
    expect((await s1.caller.rounds.list()).map((r) => r.id)).toContain(id);
    expect(keyOf(await errorOf(admin.caller.rounds.publish({ id })))).toBe('round.wrongStatus');

    // after publication each participant sees its own results and reasons, never another's lists
    const s4view = await s4.caller.rounds.get({ id });
    expect(s4view.results?.placed.map((p) => [p.cohortId, p.needId, p.choice])).toEqual([[S4, C, 2]]);
    expect(s4view.results?.unplaced.find((u) => u.cohortId === S5)?.choices).toEqual([{ programId: A, outcome: 'ineligible' }]);
    const s1view = await s1.caller.rounds.get({ id });
    expect(s1view.results?.placed.map((p) => [p.cohortId, p.needId, p.choice])).toEqual([[S1, A, 1]]);
    expect(s1view.results?.unplaced.map((u) => u.cohortId)).toEqual([S1]);
    for (const c of s1view.cohorts.filter((x) => x.cohortId !== S1)) expect(c.preferences).toEqual([]);
    const e1view = await e1.caller.rounds.get({ id });
    expect(e1view.results?.placed.map((p) => [p.cohortId, p.choice]).sort()).toEqual(
      [
        [S1, null],
        [S2, null],
      ].sort(),
    );
    expect(e1view.results?.unplaced).toEqual([]);
  });

  it('a crash while writing results leaves the round closing, and closing it again completes it with the same result', async () => {
    const [e1] = [at(enterprises, 0)];
    const s1 = at(schools, 0);
    const A = await need(e1, '崩溃恢复需求', 3);
    const S1 = await cohort(s1, 5);
    const dates = { preferencesOpenOn: today, preferencesCloseOn: addDays(today, 7), resultsOn: addDays(today, 10) };
    const { id } = await admin.caller.rounds.create({ title: '恢复测试双选', regionCode: '110115', ...dates });
    await enrol(id, [{ owner: e1, id: A, acceptUnranked: true }], [{ owner: s1, id: S1 }]);
    await admin.caller.rounds.open({ id });
    await s1.caller.rounds.submitPreferences({ roundId: id, cohortId: S1, needIds: [A] });
    // the state a process killed between the two transactions of close() leaves behind
    await env.db.orm.update(allocationRounds).set({ status: 'closing' }).where(eq(allocationRounds.id, id));
    expect(keyOf(await errorOf(s1.caller.rounds.submitPreferences({ roundId: id, cohortId: S1, needIds: [A] })))).toBe('round.notOpen');
    const done = await admin.caller.rounds.close({ id });
    expect(done).toMatchObject({ status: 'closed', placed: 3, unplaced: 2 });
    expect((await admin.caller.rounds.rerun({ id })).identical).toBe(true);
  });
});

describe('allocation rounds under attack (issue 18)', () => {
  const soon = { preferencesOpenOn: today, preferencesCloseOn: addDays(today, 7), resultsOn: addDays(today, 10) };

  it('the lead of a draft consortium cannot create or run a round for it', async () => {
    const school = await verifiedOrganization(env, admin, 'school', '110115');
    const enterprise = at(enterprises, 0);
    const draft = await consortium(school, enterprise, true);
    expect(
      (await errorOf(school.caller.rounds.create({ title: '草稿共同体双选', regionCode: '110115', consortiumId: draft, ...soon }))).code,
    ).toBe('FORBIDDEN');
    const { id } = await admin.caller.rounds.create({ title: '草稿共同体的双选', regionCode: '110115', consortiumId: draft, ...soon });
    for (const call of [
      () => school.caller.rounds.candidates({ id }),
      () => school.caller.rounds.invite({ roundId: id, needIds: [], cohortIds: [] }),
      () => school.caller.rounds.open({ id }),
      () => school.caller.rounds.close({ id }),
      () => school.caller.rounds.publish({ id }),
    ])
      expect((await errorOf(call())).code).toBe('FORBIDDEN');
    expect((await school.caller.rounds.list()).map((r) => r.id)).not.toContain(id);
  });

  it('an organiser cannot put another enterprise’s need in a round: it must accept; unanswered invitations lapse; nothing is filled', async () => {
    const [e1, e2] = [at(enterprises, 0), at(enterprises, 1)];
    const s1 = at(schools, 0);
    const N = await need(e1, '未同意的需求', 3);
    const M = await need(e2, '同意但不收未排序批次', 3);
    const D = await need(e2, '拒绝的需求', 3);
    const S = await cohort(s1, 2);
    const { id } = await admin.caller.rounds.create({
      title: '未经同意双选',
      regionCode: '110115',
      preferencesOpenOn: today,
      preferencesCloseOn: today,
      resultsOn: today,
    });
    expect(await admin.caller.rounds.invite({ roundId: id, needIds: [N, M, D], cohortIds: [S] })).toEqual({ invited: 4 });

    // the owners are told, and see the invitation in their list and on the round page
    const told = await env.db.orm
      .select({ link: notifications.link })
      .from(notifications)
      .where(and(eq(notifications.userId, e1.session.userId), eq(notifications.type, 'round.invited')));
    expect(told.map((n) => n.link)).toContain(`/rounds/${id}`);
    expect(
      (await e1.caller.rounds.invitations({ organizationId: e1.organizationId })).map((i) => [i.roundId, i.kind, i.entryId]),
    ).toContainEqual([id, 'need', N]);
    expect((await e1.caller.rounds.get({ id })).needs.map((n) => [n.needId, n.status])).toEqual([[N, 'invited']]);

    // only the owner's managers answer: not the organiser, not another enterprise
    expect((await errorOf(admin.caller.rounds.respond({ roundId: id, kind: 'need', id: N, accept: true }))).code).toBe('FORBIDDEN');
    expect((await errorOf(e2.caller.rounds.respond({ roundId: id, kind: 'need', id: N, accept: true }))).code).toBe('FORBIDDEN');
    // nor may another organisation "join" someone else's need
    expect((await errorOf(e2.caller.rounds.join({ roundId: id, kind: 'need', id: N }))).code).toBe('FORBIDDEN');

    await e2.caller.rounds.respond({ roundId: id, kind: 'need', id: M, accept: true });
    await e2.caller.rounds.respond({ roundId: id, kind: 'need', id: D, accept: false });
    expect(keyOf(await errorOf(e2.caller.rounds.respond({ roundId: id, kind: 'need', id: D, accept: true })))).toBe('round.noInvitation');
    await s1.caller.rounds.respond({ roundId: id, kind: 'cohort', id: S, accept: true });
    const [m] = await env.db.orm
      .select({ acceptUnranked: roundNeeds.acceptUnranked })
      .from(roundNeeds)
      .where(and(eq(roundNeeds.roundId, id), eq(roundNeeds.needId, M)));
    expect(m?.acceptUnranked).toBe(false); // the owner did not say it takes unranked cohorts

    await admin.caller.rounds.open({ id });
    expect((await e1.caller.rounds.get({ id })).needs.map((n) => [n.needId, n.status])).toEqual([[N, 'lapsed']]);
    expect((await e1.caller.rounds.invitations({ organizationId: e1.organizationId })).map((i) => i.roundId)).not.toContain(id);
    expect(keyOf(await errorOf(e1.caller.rounds.respond({ roundId: id, kind: 'need', id: N, accept: true })))).toBe('round.wrongStatus');
    expect((await s1.caller.rounds.get({ id })).needs.map((n) => n.needId)).toEqual([M]);
    const e = await errorOf(s1.caller.rounds.submitPreferences({ roundId: id, cohortId: S, needIds: [M, N] }));
    expect([keyOf(e), fieldOf(e)]).toEqual(['round.needNotInRound', 'needIds.1']);
    expect(keyOf(await errorOf(e1.caller.rounds.submitRanking({ roundId: id, needId: N, cohortIds: [S], acceptUnranked: true })))).toBe(
      'round.needNotInRound',
    );
    await s1.caller.rounds.submitPreferences({ roundId: id, cohortId: S, needIds: [M] });
    await e2.caller.rounds.submitRanking({ roundId: id, needId: M, cohortIds: [], acceptUnranked: false });
    expect(await admin.caller.rounds.close({ id })).toMatchObject({ placed: 0, unplaced: 2 });
    await admin.caller.rounds.publish({ id });

    for (const needId of [N, M, D]) {
      expect(await env.db.orm.select().from(needApplications).where(eq(needApplications.needId, needId))).toEqual([]);
      expect(await env.db.orm.select().from(placements).where(eq(placements.needId, needId))).toEqual([]);
      const [row] = await env.db.orm.select({ accepted: needs.accepted, status: needs.status }).from(needs).where(eq(needs.id, needId));
      expect(row).toEqual({ accepted: 0, status: 'published' });
    }
    expect((await s1.caller.rounds.get({ id })).results?.unplaced.find((u) => u.cohortId === S)?.choices).toEqual([
      { programId: M, outcome: 'not_acceptable' },
    ]);
  });

  it('an owner adds its own need to a round it may join, choosing whether it takes unranked cohorts', async () => {
    const e3 = at(enterprises, 2);
    const s2 = at(schools, 1);
    const N = await need(e3, '自行加入的需求', 2);
    const S = await cohort(s2, 1);
    const { id } = await admin.caller.rounds.create({ title: '自行加入双选', regionCode: '110115', ...soon });
    expect((await e3.caller.rounds.joinable({ organizationId: e3.organizationId })).map((r) => r.id)).toContain(id);
    expect(await e3.caller.rounds.join({ roundId: id, kind: 'need', id: N, acceptUnranked: true })).toEqual({
      roundId: id,
      status: 'accepted',
    });
    expect(keyOf(await errorOf(e3.caller.rounds.join({ roundId: id, kind: 'need', id: N })))).toBe('round.alreadyIn');
    await s2.caller.rounds.join({ roundId: id, kind: 'cohort', id: S });
    const view = await e3.caller.rounds.get({ id });
    expect(view.needs.find((n) => n.needId === N)).toMatchObject({ status: 'accepted', acceptUnranked: true });
    // a school of another region may not join a commission round of 亦庄
    const tianjin = await verifiedOrganization(env, admin, 'school', '120116');
    const T = await cohort(tianjin, 1);
    expect(keyOf(await errorOf(tianjin.caller.rounds.join({ roundId: id, kind: 'cohort', id: T })))).toBe('round.notJoinable');
    expect((await tianjin.caller.rounds.joinable({ organizationId: tianjin.organizationId })).map((r) => r.id)).not.toContain(id);
  });

  it('the dates hold: submissions only between opening and closing; no opening after the closing date', async () => {
    const e1 = at(enterprises, 0);
    const s1 = at(schools, 0);
    const A = await need(e1, '日期测试需求', 2);
    const S = await cohort(s1, 1);
    const later = { preferencesOpenOn: addDays(today, 3), preferencesCloseOn: addDays(today, 7), resultsOn: addDays(today, 10) };
    const { id } = await admin.caller.rounds.create({ title: '尚未开始填报的双选', regionCode: '110115', ...later });
    await enrol(id, [{ owner: e1, id: A }], [{ owner: s1, id: S }]);
    expect((await admin.caller.rounds.open({ id })).status).toBe('open'); // opens early: submissions wait for the date
    const early = await errorOf(s1.caller.rounds.submitPreferences({ roundId: id, cohortId: S, needIds: [A] }));
    expect([early.code, keyOf(early), (early.cause as DomainError).params]).toEqual([
      'CONFLICT',
      'round.outsideDates',
      { from: later.preferencesOpenOn, to: later.preferencesCloseOn },
    ]);
    for (const lang of ['zh-CN', 'en'] as const)
      expect(translate('round.outsideDates', lang, (early.cause as DomainError).params)).toContain(later.preferencesCloseOn);
    expect(keyOf(await errorOf(e1.caller.rounds.submitRanking({ roundId: id, needId: A, cohortIds: [S], acceptUnranked: false })))).toBe(
      'round.outsideDates',
    );

    // the closing date has passed
    await env.db.orm
      .update(allocationRounds)
      .set({ preferencesOpenOn: addDays(today, -5), preferencesCloseOn: addDays(today, -1), resultsOn: addDays(today, -1) })
      .where(eq(allocationRounds.id, id));
    expect(keyOf(await errorOf(s1.caller.rounds.submitPreferences({ roundId: id, cohortId: S, needIds: [A] })))).toBe('round.outsideDates');
    expect(keyOf(await errorOf(e1.caller.rounds.submitRanking({ roundId: id, needId: A, cohortIds: [S], acceptUnranked: false })))).toBe(
      'round.outsideDates',
    );

    const { id: past } = await admin.caller.rounds.create({
      title: '填报已截止的双选',
      regionCode: '110115',
      preferencesOpenOn: addDays(today, -5),
      preferencesCloseOn: addDays(today, -1),
      resultsOn: today,
    });
    const S2 = await cohort(s1, 1);
    await enrol(past, [{ owner: e1, id: await need(e1, '日期测试需求二', 1) }], [{ owner: s1, id: S2 }]);
    expect(keyOf(await errorOf(admin.caller.rounds.open({ id: past })))).toBe('round.closeDatePassed');
  });

  it(
    'a consortium round: candidates and invitations are its active members’ only; early close needs everyone submitted or an admin’s audited reason; ' +
      'no publishing before the results date',
    async () => {
      const lead = await verifiedOrganization(env, admin, 'school', '110115');
      const member = at(enterprises, 1);
      const stranger = at(enterprises, 2);
      const strangerSchool = at(schools, 2);
      const cid = await consortium(lead, member);
      const N = await need(member, '共同体成员需求', 2);
      const X = await need(stranger, '非成员需求', 2);
      const S = await cohort(lead, 2);
      const XS = await cohort(strangerSchool, 2);
      const { id } = await lead.caller.rounds.create({ title: '共同体双选', regionCode: '110115', consortiumId: cid, ...soon });
      expect((await lead.caller.rounds.list()).map((r) => r.id)).toContain(id); // the organiser finds its round
      expect((await strangerSchool.caller.rounds.list()).map((r) => r.id)).not.toContain(id);

      const candidates = await lead.caller.rounds.candidates({ id });
      expect(candidates.needs.map((n) => n.id)).toContain(N);
      expect(candidates.needs.map((n) => n.id)).not.toContain(X);
      expect(candidates.cohorts.map((c) => c.id)).toContain(S);
      expect(candidates.cohorts.map((c) => c.id)).not.toContain(XS);
      const allMembers = new Set([lead.organizationId, member.organizationId]);
      const names = new Set(
        (
          await env.db.rows<{ name: string }>(
            sql`select name from organization where id = any(${`{${[...allMembers].join(',')}}`}::uuid[])`,
          )
        ).map((r) => r.name),
      );
      for (const c of [...candidates.needs, ...candidates.cohorts]) expect(names.has(c.organizationName)).toBe(true);
      expect(keyOf(await errorOf(lead.caller.rounds.invite({ roundId: id, needIds: [X], cohortIds: [] })))).toBe(
        'round.notConsortiumMember',
      );
      expect(keyOf(await errorOf(lead.caller.rounds.invite({ roundId: id, needIds: [], cohortIds: [XS] })))).toBe(
        'round.notConsortiumMember',
      );
      expect(keyOf(await errorOf(stranger.caller.rounds.join({ roundId: id, kind: 'need', id: X })))).toBe('round.notJoinable');
      expect((await stranger.caller.rounds.joinable({ organizationId: stranger.organizationId })).map((r) => r.id)).not.toContain(id);
      expect((await member.caller.rounds.joinable({ organizationId: member.organizationId })).map((r) => r.id)).toContain(id);

      await enrol(id, [{ owner: member, id: N, acceptUnranked: true }], [{ owner: lead, id: S }], lead);
      await lead.caller.rounds.open({ id });
      await lead.caller.rounds.submitPreferences({ roundId: id, cohortId: S, needIds: [N] });
      // the enterprise has not ranked yet: the lead may not close before the closing date, with or without a reason
      expect(keyOf(await errorOf(lead.caller.rounds.close({ id })))).toBe('round.notAllSubmitted');
      expect(keyOf(await errorOf(lead.caller.rounds.close({ id, reason: '组织方希望提前结束本轮' })))).toBe('round.notAllSubmitted');
      // an admin needs a reason of some length, and it is audited
      const noReason = await errorOf(admin.caller.rounds.close({ id }));
      expect([keyOf(noReason), fieldOf(noReason)]).toEqual(['round.reasonRequired', 'reason']);
      expect((await errorOf(admin.caller.rounds.close({ id, reason: '太短' }))).code).toBe('BAD_REQUEST');
      const reason = '企业已书面确认不再排序，提前匹配';
      expect(await admin.caller.rounds.close({ id, reason })).toMatchObject({ status: 'closed', placed: 2 });
      const audit = await env.db.orm
        .select({ actor: auditLog.actorUserId, after: auditLog.after })
        .from(auditLog)
        .where(and(eq(auditLog.entityId, id), eq(auditLog.action, 'round.closeEarly')));
      expect(audit).toEqual([{ actor: admin.session.userId, after: expect.objectContaining({ reason, missing: 1 }) }]);

      const early = await errorOf(lead.caller.rounds.publish({ id }));
      expect([keyOf(early), (early.cause as DomainError).params]).toEqual(['round.beforeResultsDate', { on: soon.resultsOn }]);
      expect(keyOf(await errorOf(admin.caller.rounds.publish({ id })))).toBe('round.beforeResultsDate');
      await env.db.orm
        .update(allocationRounds)
        .set({ preferencesOpenOn: addDays(today, -2), preferencesCloseOn: addDays(today, -1), resultsOn: today })
        .where(eq(allocationRounds.id, id));
      expect((await lead.caller.rounds.publish({ id })).status).toBe('published');
    },
  );

  it('an enterprise that leaves the consortium before the round opens takes no part in it', async () => {
    const lead = await verifiedOrganization(env, admin, 'school', '110115');
    const member = await verifiedOrganization(env, admin, 'enterprise', '110115');
    const cid = await consortium(lead, member);
    const N = await need(member, '退出成员的需求', 2);
    const S = await cohort(lead, 1);
    const { id } = await lead.caller.rounds.create({ title: '成员退出双选', regionCode: '110115', consortiumId: cid, ...soon });
    await enrol(id, [{ owner: member, id: N, acceptUnranked: true }], [{ owner: lead, id: S }], lead);
    await member.caller.consortia.leave({ consortiumId: cid, organizationId: member.organizationId });
    // its accepted need no longer counts: the round has no need left to open with
    expect(keyOf(await errorOf(lead.caller.rounds.open({ id })))).toBe('round.empty');
  });
});
