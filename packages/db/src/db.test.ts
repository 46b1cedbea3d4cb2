import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type Database } from './client.ts';
import { DataDirInUseError } from './data-dir-lock.ts';
import { migrate } from './migrate.ts';
import { countOrganizations, listOrganizations } from './queries/organizations.ts';
import { listPlanTargets, listRegions } from './queries/reference.ts';
import { prepareDatabase, seedDemo, syncReference } from './seed/index.ts';
import { createTestDb, expectedTestEngine } from './testing.ts';

let db: Database;
beforeAll(async () => {
  db = await createTestDb({ demo: true });
});
afterAll(async () => {
  await db.close();
});

describe('database', () => {
  it('runs on the engine the environment asks for', async () => {
    const [row] = await db.rows<{ version: string }>(sql`select version() as version`);
    process.stdout.write(`\n[ronghe] database tests ran on ${db.engine}: ${row?.version.split(',')[0]}\n`);
    expect(db.engine).toBe(expectedTestEngine());
    if (process.env.RONGHE_TEST_ENGINE) expect(db.engine).toBe(process.env.RONGHE_TEST_ENGINE);
  });

  it('holds the reference data, and syncing twice changes nothing', async () => {
    await syncReference(db);
    expect(await listRegions(db)).toHaveLength(236);
    expect((await listPlanTargets(db)).map((t) => t.code)).toContain('T16');
  });

  it('migrates idempotently', async () => {
    await migrate(db);
    const [row] = await db.rows<{ n: number }>(sql`select count(*)::int as n from drizzle.__drizzle_migrations`);
    expect(row?.n).toBeGreaterThanOrEqual(2);
  });

  it('loads demo data once, and reloads it in place when forced', async () => {
    const before = await countOrganizations(db);
    const total = before.reduce((s, r) => s + r.count, 0);
    expect(total).toBeGreaterThan(50);
    expect((await seedDemo(db)).loaded).toBe(false);
    expect((await seedDemo(db, { force: true })).loaded).toBe(true);
    const after = await countOrganizations(db);
    expect(after.reduce((s, r) => s + r.count, 0)).toBe(total);
  });

  it('finds a two-character Chinese term, and treats LIKE wildcards literally', async () => {
    const hits = await listOrganizations(db, { q: '数控', limit: 20 });
    expect(hits.map((h) => h.name)).toContain('亦庄智造数控装备有限公司（演示）');
    expect(await listOrganizations(db, { q: '%', limit: 20 })).toHaveLength(0);
    expect(await listOrganizations(db, { q: '_\'"😀', limit: 20 })).toHaveLength(0);
  });

  it('serves the two-character search from the bigram index', async () => {
    await db.rows(sql`set enable_seqscan = off`);
    const plan = await db.rows<Record<string, string>>(
      sql`explain select id from organization where ronghe_bigrams(name) @> ronghe_bigrams('护理') and name ilike '%护理%'`,
    );
    await db.rows(sql`set enable_seqscan = on`);
    expect(plan.map((r) => Object.values(r)[0]).join('\n')).toContain('organization_name_bigrams_idx');
  });

  it('runs a statement with planner settings of its own, which do not reach other statements', async () => {
    const setting = sql`select current_setting('enable_seqscan') as v`;
    expect(await db.rows(setting, { planner: { enable_seqscan: 'off' } })).toEqual([{ v: 'off' }]);
    expect(await db.rows(setting, { prepare: true, planner: { enable_seqscan: 'off' } })).toEqual([{ v: 'off' }]);
    expect(await db.rows(setting)).toEqual([{ v: 'on' }]);
    expect(await db.rows(setting, { prepare: true })).toEqual([{ v: 'on' }]);
    // concurrent statements on both sides of the setting each see their own
    const both = await Promise.all(
      Array.from({ length: 6 }, (_, i) => db.rows<{ v: string }>(setting, i % 2 ? { planner: { enable_seqscan: 'off' } } : undefined)),
    );
    expect(both.map((rows) => rows[0]?.v)).toEqual(['on', 'off', 'on', 'off', 'on', 'off']);
  });
  it('takes the distinct adjacent character pairs of the lowered text as bigrams, and pairs of facets as tokens', async () => {
    // the reference: every two neighbouring characters (code points) of the lowered text, once each
    const reference = (t: string) => {
      const chars = Array.from(t.toLowerCase());
      return [...new Set(chars.slice(1).map((c, i) => `${chars[i]}${c}`))].sort();
    };
    for (const t of [
      '',
      '数',
      '数控',
      'CNC数控车床 DMU 50',
      '护理护理护理',
      '😀数控😀',
      'a\nb\tc',
      "it's 100%_done",
      '北京市海淀区学院路1号\n面向京津冀院校开放',
    ]) {
      const [row] = await db.rows<{ b: string[] }>(sql`select ronghe_bigrams(${t}) as b`);
      expect([...(row?.b ?? [])].sort(), JSON.stringify(t)).toEqual(reference(t));
    }
    const [pairs] = await db.rows<{ t: string[] }>(
      sql`select ronghe_pair_tokens('{数控,s:published,k:campus,r:110108,r:110000,mc:6,o:1,r:}'::text[]) as t`,
    );
    expect([...(pairs?.t ?? [])].sort()).toEqual([
      'rc:110000:6',
      'rc:110108:6',
      'rk:110000:campus',
      'rk:110108:campus',
      'ro:110000',
      'ro:110108',
    ]);
  });

  it('filters by kind and province with keyset pages', async () => {
    const page1 = await listOrganizations(db, { kind: 'school', provinceCode: '13', limit: 5 });
    expect(page1).toHaveLength(5);
    expect(page1.every((o) => o.kind === 'school' && o.provinceCode === '13')).toBe(true);
    const last = page1[4];
    const page2 = await listOrganizations(db, {
      kind: 'school',
      provinceCode: '13',
      limit: 5,
      after: last && { name: last.name, id: last.id },
    });
    expect(page2[0]?.name.localeCompare(last?.name ?? '')).not.toBe(-1);
    expect(new Set([...page1, ...page2].map((o) => o.id)).size).toBe(10);
  });
});

// Engine-specific checks are defined only on their engine, so neither run reports a skipped test.
if (expectedTestEngine() === 'pglite')
  describe('PGlite data folder', () => {
    it('keeps data across a restart and refuses a second process', async () => {
      const dir = join(mkdtempSync(join(tmpdir(), 'ronghe-')), 'nested', 'data');
      try {
        const first = await createDb({ engine: 'pglite', dataDir: dir });
        await prepareDatabase(first, { demo: true });
        await expect(createDb({ engine: 'pglite', dataDir: dir })).rejects.toBeInstanceOf(DataDirInUseError);
        await first.close();
        const again = await createDb({ engine: 'pglite', dataDir: dir });
        const counts = await countOrganizations(again);
        expect(counts.reduce((s, r) => s + r.count, 0)).toBeGreaterThan(50);
        await again.close();
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });

if (expectedTestEngine() === 'postgres')
  describe('PostgreSQL', () => {
    it('migrates once when several processes start together', async () => {
      const url = process.env.DATABASE_URL ?? '';
      const name = `ronghe_mig_${Math.random().toString(36).slice(2, 8)}`;
      await db.rows(sql.raw(`create database "${name}"`));
      const target = new URL(url);
      target.pathname = `/${name}`;
      const clients = await Promise.all(Array.from({ length: 4 }, () => createDb({ engine: 'postgres', url: target.toString(), max: 2 })));
      try {
        await Promise.all(clients.map((c) => prepareDatabase(c, { demo: true })));
        const [row] = await (clients[0] as Database).rows<{ n: number }>(sql`select count(*)::int as n from organization`);
        expect(row?.n).toBeGreaterThan(50);
      } finally {
        await Promise.all(clients.map((c) => c.close()));
        await db.rows(sql.raw(`drop database "${name}" with (force)`));
      }
    });
  });
