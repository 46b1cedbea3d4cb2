import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allocationRounds, needs } from '@ronghe/db/schema';
import type { DomainError } from '@ronghe/domain/errors';
import { addDays, todayInChina } from '@ronghe/domain/training-base';
import { createTestEnv, errorOf, keyOf, makeAdmin, signUpUser, verifiedOrganization, type TestEnv, type TestUser } from '../test-support.ts';

// A 亦庄 round small enough to work out by hand: three enterprises' needs A (2 places), B and C (1 each); five
// cohorts. A ranks S2 before S1 and takes nobody else; B ranks S3 first; C takes anyone eligible.
//   S1 (2 students): A, B     S2 (1): A     S3 (1): B, C     S4 (1): A, C     S5 (1, 护理 — no fit): A
// Deferred acceptance: A holds S2 and one S1 slot (the tie inside S1 goes by lottery) and refuses S4 (not
// acceptable); the other S1 slot tries B, where S3 ranks higher: it ends unplaced, all choices full. S4 gets C
// (its 2nd choice); S5 has no eligible choice.

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
const at = <T,>(xs: readonly T[], i: number): T => {
  const x = xs[i];
  if (x === undefined) throw new Error(`no element ${i}`);
  return x;
};

async function need(owner: TestUser & { organizationId: string }, title: string, headcount: number) {
  const { id } = await owner.caller.needs.create({
    organizationId: owner.organizationId,
    need: { kind: 'internship', title, regionCode: '110115', deadline: addDays(todayInChina(), 30), post: '数控车工', majorCodes: ['460103'], headcount, periodFrom: from, periodTo: to, dailyHours: 8, monthlyPay: 4000, probationWage: 5000, postStaffCount: 100 },
  });
  await owner.caller.needs.publish({ id });
  return id;
}

async function cohort(owner: TestUser & { organizationId: string }, students: number, majorCode = '460103') {
  return (await owner.caller.cohorts.create({ organizationId: owner.organizationId, majorCode, level: 'gaozhi', year: 2024, students, windowFrom: addDays(from, -10), windowTo: addDays(to, 10), regionCodes: ['110000'] })).id;
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

    const dates = { preferencesOpenOn: todayInChina(), preferencesCloseOn: addDays(todayInChina(), 7), resultsOn: addDays(todayInChina(), 10) };
    expect((await errorOf(e1.caller.rounds.create({ title: '亦庄双选', regionCode: '110115', ...dates }))).code).toBe('FORBIDDEN');
    const bad = await errorOf(admin.caller.rounds.create({ title: '亦庄双选', regionCode: '110115', ...dates, resultsOn: addDays(todayInChina(), 1) }));
    expect(bad.code).toBe('BAD_REQUEST');
    const { id } = await admin.caller.rounds.create({ title: '2027年亦庄岗位实习双选', regionCode: '110115', ...dates });
    const candidates = await admin.caller.rounds.candidates({ id });
    expect(candidates.needs.map((n) => n.id)).toEqual(expect.arrayContaining([A, B, C]));
    await admin.caller.rounds.addNeeds({ roundId: id, needIds: [A, B, C] });
    await admin.caller.rounds.addCohorts({ roundId: id, cohortIds: [S1, S2, S3, S4, S5] });
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
    expect((await errorOf(e2.caller.rounds.submitRanking({ roundId: id, needId: A, cohortIds: [S1], acceptUnranked: true }))).code).toBe('FORBIDDEN');

    // participants see no results before the round is published
    const closed = await admin.caller.rounds.close({ id });
    expect(closed).toMatchObject({ status: 'closed', applicants: 6, placed: 4, unplaced: 2 });
    expect(keyOf(await errorOf(admin.caller.rounds.close({ id })))).toBe('round.wrongStatus'); // closed twice
    expect(keyOf(await errorOf(s1.caller.rounds.submitPreferences({ roundId: id, cohortId: S1, needIds: [B] })))).toBe('round.notOpen'); // after close
    expect((await s1.caller.rounds.get({ id })).results).toBeNull();

    const { results, needs: roundNeeds } = await admin.caller.rounds.get({ id });
    const placed = (results?.placed ?? []).map((p) => [p.cohortId, p.needId, p.students, p.choice]);
    expect(placed).toEqual(
      expect.arrayContaining([
        [S1, A, 1, 1],
        [S2, A, 1, 1],
        [S3, B, 1, 1],
        [S4, C, 1, 2],
      ]),
    );
    expect(placed).toHaveLength(4);
    const unplaced = (results?.unplaced ?? []).map((u) => [u.cohortId, u.reason, u.students]);
    expect(unplaced).toEqual(expect.arrayContaining([[S1, 'choices_full', 1], [S5, 'no_eligible_choice', 1]]));
    const s5choices = results?.unplaced.find((u) => u.cohortId === S5)?.choices;
    expect(s5choices).toEqual([{ programId: A, outcome: 'ineligible' }]);
    for (const n of roundNeeds) expect(n.placed).toBeLessThanOrEqual(n.capacity);

    const rerun = await admin.caller.rounds.rerun({ id });
    expect(rerun).toMatchObject({ identical: true, digest: closed.digest });

    // publishing: placements as accepted applications, holding the needs' places
    expect((await admin.caller.rounds.publish({ id })).status).toBe('published');
    const [a] = await env.db.orm.select({ accepted: needs.accepted, status: needs.status }).from(needs).where(eq(needs.id, A));
    expect(a).toEqual({ accepted: 2, status: 'filled' });
    expect((await s4.caller.placements.list({ organizationId: s4.organizationId })).map((p) => [p.needId, p.students])).toEqual([[C, 1]]);
    expect((await s1.caller.rounds.get({ id })).results?.placed.length).toBe(4);
    expect((await s1.caller.rounds.list()).map((r) => r.id)).toContain(id);
    expect(keyOf(await errorOf(admin.caller.rounds.publish({ id })))).toBe('round.wrongStatus');
  });

  it('a crash while writing results leaves the round closing, and closing it again completes it with the same result', async () => {
    const [e1] = [at(enterprises, 0)];
    const s1 = at(schools, 0);
    const A = await need(e1, '崩溃恢复需求', 3);
    const S1 = await cohort(s1, 5);
    const dates = { preferencesOpenOn: todayInChina(), preferencesCloseOn: addDays(todayInChina(), 7), resultsOn: addDays(todayInChina(), 10) };
    const { id } = await admin.caller.rounds.create({ title: '恢复测试双选', regionCode: '110115', ...dates });
    await admin.caller.rounds.addNeeds({ roundId: id, needIds: [A] });
    await admin.caller.rounds.addCohorts({ roundId: id, cohortIds: [S1] });
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
