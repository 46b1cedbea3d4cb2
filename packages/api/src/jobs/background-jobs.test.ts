import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type Database } from '@ronghe/db/client';
import { needs } from '@ronghe/db/schema';
import { addDays, todayInChina } from '@ronghe/domain/training-base';
import { createTestEnv, makeAdmin, signUpUser, verifiedOrganization, type TestEnv } from '../test-support.ts';
import { JOB_QUEUES, startJobs, type Jobs } from './background-jobs.ts';

// Two job runners on one database, as two server processes would be (on PGlite: two pg-boss instances on the
// one PGlite, as one process cannot share a data folder with another): an overdue need is expired by one run.

let env: TestEnv;
let second: Database;
beforeAll(async () => {
  env = await createTestEnv();
  const { client } = env.db;
  second = client.kind === 'postgres' ? await createDb({ engine: 'postgres', url: client.url, max: 2 }) : env.db;
}, 120_000);
afterAll(async () => {
  if (second !== env.db) await second.close();
  await env.close();
});

async function overdueNeed(): Promise<string> {
  const admin = await makeAdmin(env, await signUpUser(env, { identifier: 'jobs-admin@example.gov.cn', name: '任务测试管理员' }));
  const enterprise = await verifiedOrganization(env, admin, 'enterprise');
  const start = addDays(todayInChina(), 40);
  const { id } = await enterprise.caller.needs.create({
    organizationId: enterprise.organizationId,
    need: {
      kind: 'internship',
      title: '后台任务单元测试岗位',
      regionCode: '110115',
      deadline: addDays(todayInChina(), 20),
      post: '数控车工',
      majorCodes: ['460103'],
      headcount: 3,
      periodFrom: start,
      periodTo: addDays(start, 90),
      dailyHours: 8,
      monthlyPay: 4500,
      probationWage: 5000,
      postStaffCount: 200,
    },
  });
  await enterprise.caller.needs.publish({ id });
  await env.db.orm
    .update(needs)
    .set({ deadline: addDays(todayInChina(), -1) })
    .where(eq(needs.id, id));
  return id;
}

describe('background jobs', () => {
  it('two runners on one database: the overdue need is expired by exactly one run, one job per slot', async () => {
    const id = await overdueNeed();
    const errors: unknown[] = [];
    const done: Array<{ queue: string; result: object }> = [];
    const runners: Jobs[] = [];
    try {
      for (const db of [env.db, second])
        runners.push(
          await startJobs(db, { onError: (e) => errors.push(e), onDone: (queue, result) => done.push({ queue, result }), everySeconds: 1 }),
        );
      const deadline = Date.now() + 60_000;
      while (done.filter((d) => d.queue === JOB_QUEUES.expire).length < 3 && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 200));
    } finally {
      await Promise.all(runners.map((r) => r.stop()));
    }
    expect(errors).toEqual([]);
    const [row] = await env.db.orm.select({ status: needs.status }).from(needs).where(eq(needs.id, id));
    expect(row?.status).toBe('expired');
    const expiries = done.filter((d) => d.queue === JOB_QUEUES.expire).map((d) => (d.result as { expiredNeeds: number }).expiredNeeds);
    expect(expiries.length).toBeGreaterThanOrEqual(3);
    expect(expiries.reduce((a, b) => a + b, 0)).toBe(1);
    // both runners sent every tick and a start-up run of each queue: one job per slot all the same
    const doubled = await env.db.rows(sql`
      select name, singleton_key, singleton_on from pgboss.job where singleton_on is not null and name in (${JOB_QUEUES.expire}, ${JOB_QUEUES.daily})
      group by 1, 2, 3 having count(*) > 1`);
    expect(doubled).toEqual([]);
    const daily = done.filter((d) => d.queue === JOB_QUEUES.daily).length;
    expect(daily).toBeGreaterThanOrEqual(1);
    expect(daily).toBeLessThanOrEqual(2); // two only when the runners' starts straddle a minute
  }, 120_000);

  it('runs every step on demand, and queues a run for any worker', async () => {
    const jobs = await startJobs(env.db, {
      onError: (e) => {
        throw e;
      },
    });
    try {
      const run = await jobs.runOnce();
      expect(run).toMatchObject({ expiredNeeds: 0, expiredInvitations: 0, snapshotTaken: false });
      expect(typeof (await jobs.enqueue(JOB_QUEUES.expire))).toBe('string');
    } finally {
      await jobs.stop();
      await jobs.stop(); // twice is harmless (SIGTERM and a failed start may both stop)
    }
  }, 60_000);
});
