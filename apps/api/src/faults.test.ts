import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDb } from '@ronghe/db/client';
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { call, get, startServerProcessForFaults, startThrowawayPostgres, testDatabaseUrl, type ServerProcess } from './test-support.ts';

// Faults (issue 9, data safety): an API process killed with SIGKILL in the middle of a stream of writes, and
// PostgreSQL restarted under load. A killed process leaving a PGlite folder behind is also covered by
// main.test.ts; here the folder is left in the middle of writes.

const LOOPS = 4;
/** acknowledged writes before the kill */
const KILL_AFTER = 80;
const PREFIX = '故障演练共同体';
/** the per-user write limit is not what these tests are about */
const NO_WRITE_LIMIT = { RONGHE_WRITE_LIMIT: '0' };

const cleanups: Array<() => Promise<void>> = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c().catch(() => {});
});

type Outcome = { name: string; result: 'acknowledged' | 'refused' | 'lost'; id?: string; status?: number };

/** 产教融合共同体 proposal: one write of four steps (consortium, lead membership, member counts, event). */
const proposal = (organizationId: string, name: string) => ({
  organizationId,
  kind: 'industry_community',
  level: 'municipal',
  name,
  industryCode: '34',
  anchorRegionCode: '110115',
  goals: '故障演练',
});

async function signInSchool(url: string): Promise<{ cookie: string; organizationId: string }> {
  const signIn = await call(url, 'account.signIn', { identifier: 'school@demo.ronghe.cn', password: 'ronghe2027demo' });
  expect(signIn.ok).toBe(true);
  const me = await get<{ memberships: Array<{ organizationId: string }> }>(url, 'account.me', undefined, signIn.cookie);
  const organizationId = me.memberships[0]?.organizationId;
  if (!organizationId) throw new Error('the demo school account has no organisation');
  return { cookie: signIn.cookie, organizationId };
}

async function propose(url: string, cookie: string, organizationId: string, name: string): Promise<Outcome> {
  try {
    const r = await call<{ id: string }>(url, 'consortia.propose', proposal(organizationId, name), cookie);
    return r.ok ? { name, result: 'acknowledged', id: r.data?.id, status: r.status } : { name, result: 'refused', status: r.status };
  } catch {
    return { name, result: 'lost' }; // no answer: the connection broke
  }
}

type ConsortiumCheck = {
  name: string;
  member_count: number;
  school_count: number;
  members: number;
  leads: number;
  events: number;
  created_events: number;
};

/** Every fault-test consortium with its child rows counted, and rows of either child table without a parent. */
async function readBack(config: { engine: 'pglite'; dataDir: string } | { engine: 'postgres'; url: string }) {
  const db = await createDb(config.engine === 'pglite' ? config : { ...config, max: 1 });
  try {
    const consortia = await db.rows<ConsortiumCheck>(sql`
      select c.name, c.member_count, c.school_count,
        (select count(*)::int from consortium_member m where m.consortium_id = c.id) as members,
        (select count(*)::int from consortium_member m where m.consortium_id = c.id and m.role = 'lead' and m.status = 'active'
          and m.organization_id = c.proposed_by_organization_id) as leads,
        (select count(*)::int from consortium_event e where e.consortium_id = c.id) as events,
        (select count(*)::int from consortium_event e where e.consortium_id = c.id and e.type = 'created') as created_events
      from consortium c where c.name like ${`${PREFIX}%`}`);
    const [orphans] = await db.rows<{ members: number; events: number }>(sql`
      select (select count(*)::int from consortium_member m where not exists (select 1 from consortium c where c.id = m.consortium_id)) as members,
        (select count(*)::int from consortium_event e where not exists (select 1 from consortium c where c.id = e.consortium_id)) as events`);
    return { consortia, orphans };
  } finally {
    await db.close();
  }
}

describe('an API process killed (SIGKILL) in the middle of writes', () => {
  it(`keeps every acknowledged write whole and no half-written one, and serves again after a restart`, async () => {
    const database = await testDatabaseUrl();
    cleanups.push(database.drop);
    const dataDir = database.url ? undefined : mkdtempSync(join(tmpdir(), 'ronghe-faults-'));
    if (dataDir) cleanups.push(async () => rmSync(dataDir, { recursive: true, force: true }));
    const env: Record<string, string> = {
      ...(database.url ? { DATABASE_URL: database.url } : { RONGHE_DATA_DIR: dataDir ?? '' }),
      ...NO_WRITE_LIMIT,
    };

    const first = await startServerProcessForFaults(env);
    cleanups.push(async () => void (await first.kill('SIGKILL')));
    expect(first.output()).toContain(database.url ? '"engine":"postgres"' : '"engine":"pglite"');
    const school = await signInSchool(first.url);

    const outcomes: Outcome[] = [];
    let acknowledged = 0;
    let inFlight = 0;
    let inFlightAtKill = -1;
    let killed: Promise<number | null> | null = null;
    await Promise.all(
      Array.from({ length: LOOPS }, async (_, loop) => {
        for (let i = 0; !killed; i++) {
          inFlight++;
          const outcome = await propose(first.url, school.cookie, school.organizationId, `${PREFIX}${loop}-${i}`);
          inFlight--;
          outcomes.push(outcome);
          if (outcome.result === 'acknowledged') acknowledged++;
          // a refusal ends the stream too: the assertions below then name it
          if (!killed && (acknowledged >= KILL_AFTER || outcome.result !== 'acknowledged')) {
            inFlightAtKill = inFlight;
            killed = first.kill('SIGKILL');
          }
        }
      }),
    );
    expect(await killed).toBeNull(); // ended by the signal, not an exit code
    expect(inFlightAtKill).toBeGreaterThan(0); // writes were under way when it died
    expect(outcomes.filter((o) => o.result === 'refused')).toEqual([]);

    // the same database or folder; on PGlite the dead process's pid file must not block it
    const second = await startServerProcessForFaults(env);
    cleanups.push(async () => void (await second.kill('SIGKILL')));
    expect(second.output()).toContain('"demoLoaded":false'); // the data survived, so no reseed
    const again = await signInSchool(second.url);
    const after = await Promise.all(
      Array.from({ length: 10 }, (_, i) => propose(second.url, again.cookie, again.organizationId, `${PREFIX}after-${i}`)),
    );
    expect(after.map((o) => o.result)).toEqual(Array(10).fill('acknowledged'));
    const someAcknowledged = outcomes.find((o) => o.result === 'acknowledged');
    const got = await get<{ name: string; members: unknown[] }>(second.url, 'consortia.get', { id: someAcknowledged?.id }, again.cookie);
    expect(got).toMatchObject({ name: someAcknowledged?.name, members: [expect.anything()] });
    expect(await second.kill('SIGTERM')).toBe(0);

    const { consortia, orphans } = await readBack(
      database.url ? { engine: 'postgres', url: database.url } : { engine: 'pglite', dataDir: dataDir ?? '' },
    );
    const found = new Map(consortia.map((c) => [c.name, c]));
    const mustBeThere = [...outcomes, ...after].filter((o) => o.result === 'acknowledged').map((o) => o.name);
    expect(mustBeThere.filter((name) => !found.has(name))).toEqual([]);
    // a write whose answer was lost may have committed or not, but never in part
    const lost = new Set(outcomes.filter((o) => o.result === 'lost').map((o) => o.name));
    expect(consortia.filter((c) => !lost.has(c.name) && !mustBeThere.includes(c.name))).toEqual([]);
    const whole = { member_count: 1, school_count: 1, members: 1, leads: 1, events: 1, created_events: 1 };
    expect(consortia.filter((c) => Object.entries(whole).some(([k, v]) => c[k as keyof ConsortiumCheck] !== v))).toEqual([]);
    expect(orphans).toEqual({ members: 0, events: 0 });
    expect(consortia.length).toBeGreaterThanOrEqual(KILL_AFTER + 10);
  }, 300_000);
});

/** GET /healthz: its status, or 0 when it did not answer within 5 s (db.ping gives up after 2 s). */
async function health(url: string): Promise<{ status: number }> {
  const res = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(5_000) }).catch(() => null);
  await res?.body?.cancel();
  return { status: res?.status ?? 0 };
}

async function until(what: string, check: () => Promise<boolean>, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

// PostgreSQL runs only: it needs a PostgreSQL server of its own to stop and start
if (process.env.DATABASE_URL)
  describe('PostgreSQL restarted under load', () => {
    it('health answers 503 while it is down and 200 after, requests succeed again, and the API process lives on', async () => {
      const pg = await startThrowawayPostgres();
      cleanups.push(pg.destroy);
      const server: ServerProcess = await startServerProcessForFaults({ DATABASE_URL: pg.url, ...NO_WRITE_LIMIT });
      cleanups.push(async () => void (await server.kill('SIGKILL')));
      const school = await signInSchool(server.url);

      // load: proposals and reads from two loops each, until told to stop
      let phase: 'before' | 'outage' | 'after' = 'before';
      let stopLoad = false;
      const results = { before: [] as boolean[], outage: [] as boolean[], after: [] as boolean[] };
      let n = 0;
      const load = Promise.all(
        Array.from({ length: 4 }, async (_, loop) => {
          while (!stopLoad) {
            const current = phase;
            let ok: boolean;
            if (loop % 2 === 0)
              ok =
                (await propose(server.url, school.cookie, school.organizationId, `${PREFIX}pg-${loop}-${n++}`)).result === 'acknowledged';
            else ok = (await fetch(`${server.url}/trpc/organizations.stats`).catch(() => null))?.ok ?? false;
            if (current === phase) results[current].push(ok);
            await new Promise((r) => setTimeout(r, 20));
          }
        }),
      );
      await until('load before the restart', async () => results.before.length >= 20, 20_000);

      phase = 'outage'; // from here on, answers count as the outage's
      await pg.stop();
      const down: Array<{ status: number }> = [];
      await until(
        'health 503',
        async () => (down.push(await health(server.url)), down.at(-1)?.status === 503 || !server.running()),
        10_000,
      );
      await new Promise((r) => setTimeout(r, 500)); // a moment of outage under load
      down.push(await health(server.url));
      expect(server.running(), server.output()).toBe(true);

      await pg.start();
      await until('health 200', async () => (await health(server.url)).status === 200, 20_000);
      phase = 'after';
      await until('load after the restart', async () => results.after.length >= 20, 20_000);
      stopLoad = true;
      await load;

      // every health check while it was down answered 503 (a check that hung would have been cut off and counted 0)
      expect(down.map((h) => h.status)).toEqual(down.map(() => 503));
      expect(results.before.every(Boolean)).toBe(true);
      expect(results.after.every(Boolean)).toBe(true);
      expect(server.running(), server.output()).toBe(true);
      expect(await server.kill('SIGTERM')).toBe(0);
    }, 300_000);
  });
