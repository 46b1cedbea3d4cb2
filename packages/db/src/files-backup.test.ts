import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { afterAll, describe, expect, it } from 'vitest';
import { backupPglite, backupPostgres, restorePglite, restorePostgres, tableFingerprints } from './backup.ts';
import { createDb, type Database } from './client.ts';
import { getFileBytes, insertStoredFile } from './queries/files.ts';
import { prepareDatabase } from './seed/index.ts';

// Uploaded files live in a bytea column (docs/decisions/012-files.md): a backup must bring every byte back,
// on the engine the environment asks for.

const work = mkdtempSync(join(tmpdir(), 'ronghe-files-backup-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Every byte value, then a run of zeros and 0xff: what a text-minded dump would mangle. */
const bytes = new Uint8Array([...Array.from({ length: 256 }, (_, i) => i), ...new Uint8Array(64), ...new Uint8Array(64).fill(0xff)]);

async function storeFile(db: Database): Promise<string> {
  const [org] = await db.rows<{ id: string }>(sql`insert into organization (kind, name, region_code, status) values ('school', '备份测试职业学院', '110108', 'verified') returning id`);
  if (!org) throw new Error('no organisation');
  const { id } = await insertStoredFile(db, {
    organizationId: org.id,
    purpose: 'placement_agreement',
    fileName: '三方协议.pdf',
    contentType: 'application/pdf',
    byteSize: bytes.length,
    sha256: createHash('sha256').update(bytes).digest('hex'),
    bytes,
  });
  return id;
}

const spoil = (db: Database) => db.rows(sql`update stored_file set bytes = '\\x00'::bytea, byte_size = 1`);

if (!process.env.DATABASE_URL)
  describe('uploaded files in a PGlite backup', () => {
    it('come back byte for byte', async () => {
      const dataDir = join(work, 'data');
      let db = await createDb({ engine: 'pglite', dataDir });
      await prepareDatabase(db, { demo: false });
      const id = await storeFile(db);
      const before = await tableFingerprints(db);
      await db.close();
      const file = join(work, 'files.tar.gz');
      await backupPglite(dataDir, file);
      db = await createDb({ engine: 'pglite', dataDir });
      await spoil(db);
      await db.close();
      await restorePglite(file, dataDir);
      db = await createDb({ engine: 'pglite', dataDir });
      expect(await getFileBytes(db, id)).toEqual(bytes);
      expect(await tableFingerprints(db)).toEqual(before);
      await db.close();
    }, 120_000);
  });
else
  describe('uploaded files in a PostgreSQL backup', () => {
    it('come back byte for byte', async () => {
      const url = new URL(process.env.DATABASE_URL ?? '');
      const name = `ronghe_files_backup_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
      const admin = postgres(url.toString(), { max: 1, onnotice: () => {} });
      await admin.unsafe(`create database "${name}"`);
      url.pathname = `/${name}`;
      let db = await createDb({ engine: 'postgres', url: url.toString(), max: 2 });
      try {
        await prepareDatabase(db, { demo: false });
        const id = await storeFile(db);
        const before = await tableFingerprints(db);
        const file = join(work, 'files.dump');
        backupPostgres(url.toString(), file);
        await spoil(db);
        await db.close();
        restorePostgres(url.toString(), file);
        db = await createDb({ engine: 'postgres', url: url.toString(), max: 2 });
        expect(await getFileBytes(db, id)).toEqual(bytes);
        expect(await tableFingerprints(db)).toEqual(before);
      } finally {
        await db.close();
        await admin.unsafe(`drop database if exists "${name}" with (force)`);
        await admin.end();
      }
    }, 120_000);
  });
