import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { afterAll, describe, expect, it } from 'vitest';
import { backupPglite, backupPostgres, restorePglite, restorePostgres, tableFingerprints } from './backup.ts';
import { createDb, type Database } from './client.ts';
import { DataDirInUseError } from './data-dir-lock.ts';
import { getFileBytes, insertStoredFile } from './queries/files.ts';
import { prepareDatabase } from './seed/index.ts';

// A backup round trip on the engine the environment asks for: fill a database with the demo data and an uploaded
// file, back it up, change it, restore it, and find every table exactly as it was and the file byte for byte
// (uploads live in a bytea column: docs/decisions/012-files.md).

const work = mkdtempSync(join(tmpdir(), 'ronghe-backup-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Every byte value, then a run of zeros and 0xff: what a text-minded dump would mangle. */
const bytes = new Uint8Array([...Array.from({ length: 256 }, (_, i) => i), ...new Uint8Array(64), ...new Uint8Array(64).fill(0xff)]);

/** Stores `bytes` as an organisation's agreement scan; returns the file's id. */
async function storeFile(db: Database): Promise<string> {
  const [org] = await db.rows<{ id: string }>(sql`select id from organization order by id limit 1`);
  if (!org) throw new Error('no organisation');
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const file = {
    organizationId: org.id,
    purpose: 'placement_agreement' as const,
    fileName: '三方协议.pdf',
    contentType: 'application/pdf',
    byteSize: bytes.length,
    sha256,
    bytes,
  };
  return (await insertStoredFile(db, file)).id;
}

/** Changes rows in several tables and an uploaded file's bytes: what a restore must undo. */
async function spoil(db: Database) {
  await db.rows(sql`update stored_file set bytes = '\\x00'::bytea, byte_size = 1`);
  await db.rows(sql`update organization set name = name || '（改）' where id in (select id from organization order by id limit 3)`);
  await db.rows(sql`delete from training_base_consortium`);
  await db.rows(sql`insert into audit_log (action, entity, entity_id) values ('test.spoil', 'organization', 'x')`);
}

// one engine per run (no skipped tests): PGlite by default, PostgreSQL when DATABASE_URL is set
if (!process.env.DATABASE_URL)
  describe('backup and restore on PGlite', () => {
    it('restores a data folder to exactly what was backed up, uploaded files byte for byte, keeping the replaced one aside', async () => {
      const dataDir = join(work, 'data');
      let db = await createDb({ engine: 'pglite', dataDir });
      await prepareDatabase(db, { demo: true });
      const fileId = await storeFile(db);
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
      expect(await getFileBytes(db, fileId)).toEqual(bytes);
      await db.close();
      expect(readdirSync(work).filter((f) => f.startsWith('data-before-restore-'))).toHaveLength(1);
    }, 120_000);
  });
else
  describe('backup and restore on PostgreSQL', () => {
    it('restores a database to exactly what pg_dump saved, uploaded files byte for byte', async () => {
      const url = new URL(process.env.DATABASE_URL ?? '');
      const name = `ronghe_backup_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
      const admin = postgres(url.toString(), { max: 1, onnotice: () => {} });
      await admin.unsafe(`create database "${name}"`);
      url.pathname = `/${name}`;
      let db = await createDb({ engine: 'postgres', url: url.toString(), max: 2 });
      try {
        await prepareDatabase(db, { demo: true });
        const fileId = await storeFile(db);
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
        expect(await getFileBytes(db, fileId)).toEqual(bytes);
      } finally {
        await db.close();
        await admin.unsafe(`drop database if exists "${name}" with (force)`);
        await admin.end();
      }
    }, 120_000);
  });
