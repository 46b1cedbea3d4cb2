import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createDb, type Database } from '@ronghe/db/client';
import { addDays, todayInChina } from '@ronghe/domain/training-base';
import { call, get, startServerProcess, testDatabaseUrl, type Server } from './test-support.ts';

// Background jobs through pg-boss (docs/decisions/010-background-jobs.md): two server processes on one
// PostgreSQL database (one process on a PGlite folder) and an overdue need. RONGHE_JOBS_EVERY_SECONDS queues
// the expiry job every second besides its 10-minute cron, so the test sees many runs in a few seconds: the
// need is expired by exactly one of them, and no slot got two jobs although every process sends each one.

const EVERY_SECONDS = '1';
const EXPIRE_QUEUE = 'ronghe-expire';

let database: Awaited<ReturnType<typeof testDatabaseUrl>>;
let dataDir: string | undefined;
let servers: Server[] = [];

/** The database the servers use, opened by the test (on PGlite only while no server holds the folder). */
async function openDb(): Promise<Database> {
  if (database.url) return createDb({ engine: 'postgres', url: database.url, max: 1 });
  return createDb({ engine: 'pglite', dataDir: dataDir ?? '' });
}

async function startAll(): Promise<void> {
  const env: Record<string, string> = database.url ? { DATABASE_URL: database.url } : { RONGHE_DATA_DIR: dataDir ?? '' };
  const count = database.url ? 2 : 1;
  servers = await Promise.all(
    Array.from({ length: count }, () => startServerProcess({ ...env, RONGHE_JOBS_EVERY_SECONDS: EVERY_SECONDS })),
  );
}

async function stopAll(): Promise<void> {
  await Promise.all(servers.map((s) => s.stop()));
  servers = [];
}

async function until<T>(what: string, read: () => Promise<T>, ok: (v: T) => boolean, ms = 60_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await read();
    if (ok(v)) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(v)}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

beforeAll(async () => {
  database = await testDatabaseUrl();
  if (!database.url) dataDir = mkdtempSync(join(tmpdir(), 'ronghe-jobs-'));
  await startAll();
}, 240_000);

afterAll(async () => {
  await stopAll();
  await database.drop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
}, 60_000);

describe('background jobs', () => {
  it('expire an overdue need once, with one job per scheduled slot over all processes', async () => {
    const [first] = servers;
    if (!first) throw new Error('no server');
    const enterprise = (await call(first.url, 'account.signIn', { identifier: 'enterprise@demo.ronghe.cn', password: 'ronghe2027demo' }))
      .cookie;
    const organizationId = (await get<{ memberships: Array<{ organizationId: string }> }>(first.url, 'account.me', undefined, enterprise))
      .memberships[0]?.organizationId;
    const start = addDays(todayInChina(), 40);
    const need = await call<{ id: string }>(
      first.url,
      'needs.create',
      {
        organizationId,
        need: {
          kind: 'internship',
          title: '后台任务测试岗位实习',
          regionCode: '110115',
          deadline: addDays(todayInChina(), 20),
          post: '数控车工',
          majorCodes: ['460103'],
          headcount: 5,
          periodFrom: start,
          periodTo: addDays(start, 90),
          dailyHours: 8,
          monthlyPay: 4500,
          probationWage: 5000,
          postStaffCount: 200,
        },
      },
      enterprise,
    );
    expect(need.ok).toBe(true);
    const id = need.data?.id ?? '';
    expect((await call(first.url, 'needs.publish', { id }, enterprise)).ok).toBe(true);

    // its deadline passes: on PGlite the folder is the server's, so it is changed between two runs of it
    const yesterday = addDays(todayInChina(), -1);
    if (!database.url) await stopAll();
    const db = await openDb();
    try {
      await db.rows(sql`update need set deadline = ${yesterday}::date where id = ${id}`);
    } finally {
      await db.close();
    }
    if (!database.url) await startAll();

    const url = servers[servers.length - 1]?.url ?? first.url;
    await until(
      'the need to expire',
      () => get<{ status: string }>(url, 'needs.get', { id }),
      (n) => n.status === 'expired',
    );
    // a few more runs after it, which find nothing to expire
    await new Promise((r) => setTimeout(r, 3_000));
    await stopAll();

    const check = await openDb();
    try {
      const [runs] = await check.rows<{ jobs: number; done: number; expired: number }>(sql`
        select count(*)::int as jobs, count(*) filter (where state = 'completed')::int as done,
               coalesce(sum((output->>'expiredNeeds')::int) filter (where state = 'completed'), 0)::int as expired
        from pgboss.job where name = ${EXPIRE_QUEUE}`);
      expect(runs?.done).toBeGreaterThanOrEqual(3);
      expect(runs?.expired).toBe(1); // one run expired it; every other found nothing
      const doubled = await check.rows(sql`
        select singleton_key, singleton_on, count(*)::int as n from pgboss.job
        where name = ${EXPIRE_QUEUE} and singleton_on is not null group by 1, 2 having count(*) > 1`);
      expect(doubled).toEqual([]);
      const schedules = await check.rows<{ name: string; cron: string; timezone: string }>(
        sql`select name, cron, timezone from pgboss.schedule order by name`,
      );
      expect(schedules.map((s) => [s.name, s.cron, s.timezone])).toEqual([
        ['ronghe-daily', '5 0 * * *', 'Asia/Shanghai'],
        ['ronghe-expire', '*/10 * * * *', 'Asia/Shanghai'],
        ['ronghe-outbox-sweep', '* * * * *', 'Asia/Shanghai'],
      ]);
      const [snapshots] = await check.rows<{ n: number }>(
        sql`select count(*)::int as n from indicator_snapshot where day = ${todayInChina()}::date`,
      );
      expect(snapshots?.n).toBe(16); // the daily job's start-up run took today's snapshot, once per indicator
    } finally {
      await check.close();
    }
  }, 240_000);
});

const journal = fileURLToPath(new URL('../../../packages/db/migrations/meta/_journal.json', import.meta.url));

if (process.env.DATABASE_URL) {
  describe('several processes starting together', () => {
    it('three processes on one fresh database: migrations, pg-boss schema and demo data once, all healthy', async () => {
      const fresh = await testDatabaseUrl();
      const url = fresh.url ?? '';
      let started: Server[] = [];
      try {
        started = await Promise.all([1, 2, 3].map(() => startServerProcess({ DATABASE_URL: url })));
        for (const s of started) expect((await fetch(`${s.url}/healthz`)).ok).toBe(true);
        const db = await createDb({ engine: 'postgres', url, max: 1 });
        try {
          // the jobs start a moment after each process listens: wait for a start-up run done, then a little
          // longer so every process has started its own before they stop
          const dailyDone = async () => {
            const [t] = await db.rows<{ t: string | null }>(sql`select to_regclass('pgboss.job')::text as t`);
            if (!t?.t) return 0;
            const [row] = await db.rows<{ n: number }>(
              sql`select count(*)::int as n from pgboss.job where name = 'ronghe-daily' and state = 'completed'`,
            );
            return row?.n ?? 0;
          };
          await until('a start-up run', dailyDone, (n) => n >= 1);
          await new Promise((r) => setTimeout(r, 3_000));
          await Promise.all(started.map((s) => s.stop()));
          started = [];
          const entries = (JSON.parse(readFileSync(journal, 'utf8')) as { entries: unknown[] }).entries.length;
          const [migrations] = await db.rows<{ n: number }>(sql`select count(*)::int as n from drizzle.__drizzle_migrations`);
          expect(migrations?.n).toBe(entries);
          const [versions] = await db.rows<{ n: number }>(sql`select count(*)::int as n from pgboss.version`);
          expect(versions?.n).toBe(1);
          const [demo] = await db.rows<{ n: number }>(sql`select count(*)::int as n from "user" where email = 'enterprise@demo.ronghe.cn'`);
          expect(demo?.n).toBe(1);
          // each process sends a start-up run: those of one minute are one job, so at most one per minute
          const startups = await db.rows<{ slot: string; n: number }>(
            sql`select singleton_on::text as slot, count(*)::int as n from pgboss.job where name = ${EXPIRE_QUEUE} and singleton_key = 'startup' group by 1`,
          );
          expect(startups.length).toBeGreaterThanOrEqual(1);
          expect(startups.filter((r) => r.n > 1)).toEqual([]);
        } finally {
          await db.close();
        }
      } finally {
        await Promise.all(started.map((s) => s.stop()));
        await fresh.drop();
      }
    }, 300_000);
  });
}
