import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { afterAll, describe, expect, it } from 'vitest';
import { backupPglite, backupPostgres, restorePglite, restorePostgres, tableFingerprints } from './backup.ts';
import { createDb, type Database } from './client.ts';
import { DataDirInUseError } from './data-dir-lock.ts';
import { prepareDatabase } from './seed/index.ts';

// A backup round trip on the engine the environment asks for: fill a database with the demo data, back it up,
// change it, restore it, and find every table exactly as it was.

const work = mkdtempSync(join(tmpdir(), 'ronghe-backup-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Changes rows in several tables: what a restore must undo. */
async function spoil(db: Database) {
  await db.rows(sql`update organization set name = name || '（改）' where id in (select id from organization order by id limit 3)`);
  await db.rows(sql`delete from training_base_consortium`);
  await db.rows(sql`insert into audit_log (action, entity, entity_id) values ('test.spoil', 'organization', 'x')`);
}

// one engine per run (no skipped tests): PGlite by default, PostgreSQL when DATABASE_URL is set
if (!process.env.DATABASE_URL) describe('backup and restore on PGlite', () => {
  it('restores a data folder to exactly what was backed up, keeping the replaced one aside', async () => {
    const dataDir = join(work, 'data');
    let db = await createDb({ engine: 'pglite', dataDir });
    await prepareDatabase(db, { demo: true });
    const before = await tableFingerprints(db);
    expect(before['public.organization']?.rows).toBeGreaterThan(10);
    // while the server holds the folder, a backup is refused
    await expect(backupPglite(dataDir, join(work, 'refused.tar.gz'))).rejects.toBeInstanceOf(DataDirInUseError);
    await db.close();

    const file = join(work, 'ronghe.tar.gz');
    await backupPglite(dataDir, file);
    expect(statSync(file).size).toBeGreaterThan(100_000);

    db = await createDb({ engine: 'pglite', dataDir });
    await spoil(db);
    expect(await tableFingerprints(db)).not.toEqual(before);
    await db.close();

    const { previous } = await restorePglite(file, dataDir);
    expect(previous && existsSync(previous)).toBe(true);
    db = await createDb({ engine: 'pglite', dataDir });
    expect(await tableFingerprints(db)).toEqual(before);
    await db.close();
    expect(readdirSync(work).filter((f) => f.startsWith('data-before-restore-'))).toHaveLength(1);
  }, 120_000);
});

else describe('backup and restore on PostgreSQL', () => {
  it('restores a database to exactly what pg_dump saved', async () => {
    const url = new URL(process.env.DATABASE_URL ?? '');
    const name = `ronghe_backup_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
    const admin = postgres(url.toString(), { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database "${name}"`);
    url.pathname = `/${name}`;
    let db = await createDb({ engine: 'postgres', url: url.toString(), max: 2 });
    try {
      await prepareDatabase(db, { demo: true });
      const before = await tableFingerprints(db);
      expect(before['public.organization']?.rows).toBeGreaterThan(10);
      const file = join(work, 'ronghe.dump');
      backupPostgres(url.toString(), file);
      await spoil(db);
      expect(await tableFingerprints(db)).not.toEqual(before);
      await db.close();

      restorePostgres(url.toString(), file);
      db = await createDb({ engine: 'postgres', url: url.toString(), max: 2 });
      expect(await tableFingerprints(db)).toEqual(before);
    } finally {
      await db.close();
      await admin.unsafe(`drop database if exists "${name}" with (force)`);
      await admin.end();
    }
  }, 120_000);
});
