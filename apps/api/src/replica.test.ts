import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createDb, type Database } from '@ronghe/db/client';
import { call, get, startServerProcess, startThrowawayPostgres, type Server, type ThrowawayPostgres } from './test-support.ts';

// A read replica (docs/deploy.md): a hot standby streaming from the primary, named in DATABASE_REPLICA_URL. Public
// searches read from it; writes and everything else go to the primary. PostgreSQL runs only: PGlite has no replicas.

if (process.env.DATABASE_URL)
  describe('a read replica', () => {
    let primary: ThrowawayPostgres;
    let replica: ThrowawayPostgres;
    let server: Server;
    let standby: Database;

    beforeAll(async () => {
      primary = await startThrowawayPostgres();
      replica = await startThrowawayPostgres({ replicaOf: primary });
      server = await startServerProcess({ DATABASE_URL: primary.url, DATABASE_REPLICA_URL: replica.url, RONGHE_WRITE_LIMIT: '0' });
      standby = await createDb({ engine: 'postgres', url: replica.url, max: 1 });
    }, 240_000);

    afterAll(async () => {
      await server?.stop();
      await standby?.close();
      await replica?.destroy();
      await primary?.destroy();
    });

    it('serves public searches from the replica, which sees what the primary wrote, and reports both in health', async () => {
      const health = (await (await fetch(`${server.url}/healthz`)).json()) as { status: string; replica?: string };
      expect(health).toMatchObject({ status: 'ok', replica: 'ok' });
      // the standby is read-only: it is a real replica
      expect((await standby.rows<{ r: boolean }>(sql`select pg_is_in_recovery() as r`))[0]?.r).toBe(true);

      const school = (await call(server.url, 'account.signIn', { identifier: 'school@demo.ronghe.cn', password: 'ronghe2027demo' })).cookie;
      const orgId = (await get<{ memberships: Array<{ organizationId: string }> }>(server.url, 'account.me', undefined, school))
        .memberships[0]?.organizationId;
      const base = await call<{ id: string }>(
        server.url,
        'trainingBases.create',
        {
          organizationId: orgId,
          kind: 'open_practice_centre',
          name: '副本读取验证实训中心',
          description: '用于验证只读副本的开放实训中心',
          majorCodes: ['460103'],
          industryCodes: ['34'],
          regionCode: '110108',
          address: '北京市海淀区学院路1号',
          lng: 116.35,
          lat: 39.99,
          stations: 20,
          dailyCapacity: 40,
          equipment: [],
          openingHours: '周一至周五',
          openToPartners: true,
          openTerms: 'free',
          contactName: '李明',
          contactPhone: '13912345678',
        },
        school,
      );
      expect(base.ok).toBe(true);
      expect((await call(server.url, 'trainingBases.publish', { id: base.data?.id }, school)).ok).toBe(true);

      // written to the primary, found through the replica once it has replayed the write
      const deadline = Date.now() + 30_000;
      let found = false;
      while (!found && Date.now() < deadline) {
        const page = await get<{ items: Array<{ id: string }> }>(server.url, 'trainingBases.search', { q: '副本读取' });
        found = page.items.some((i) => i.id === base.data?.id);
        if (!found) await new Promise((r) => setTimeout(r, 200));
      }
      expect(found).toBe(true);
      // the public needs list reads there too
      expect((await get<{ items: unknown[] }>(server.url, 'needs.search', {})).items).toEqual(expect.any(Array));
      // the server's read pool is connected to the standby, under its own name
      const readers = await standby.rows<{ n: number }>(
        sql`select count(*)::int as n from pg_stat_activity where application_name = 'ronghe-read'`,
      );
      expect(readers[0]?.n).toBeGreaterThan(0);
    });
  });

describe('DATABASE_REPLICA_URL', () => {
  it('is refused without a PostgreSQL primary in DATABASE_URL, with one line saying so', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'ronghe-replica-'));
    try {
      const env: Record<string, string> = { RONGHE_DATA_DIR: dataDir, DATABASE_REPLICA_URL: 'postgres://postgres@127.0.0.1:1/postgres' };
      await expect(startServerProcess(env)).rejects.toThrow(/DATABASE_REPLICA_URL 需要 DATABASE_URL/);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
