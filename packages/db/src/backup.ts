import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { sql } from 'drizzle-orm';
import { acquireDataDirLock } from './data-dir-lock.ts';
import type { Database } from './client.ts';

// Backups of both engines. PGlite: its own dump of the data folder (a gzipped tar), taken with the server
// stopped (the folder lock says so), restored into the folder. PostgreSQL: pg_dump's custom format, restored
// with pg_restore --clean, with the server running. `tableFingerprints` compares every table before and after.

/** Where pg_dump and pg_restore are: on PATH, else Debian's versioned folder (the newest). */
export function postgresTool(name: 'pg_dump' | 'pg_restore'): string {
  const onPath = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' }).stdout.trim();
  if (onPath) return onPath;
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).sort((a, b) => Number(b) - Number(a)) : [];
  for (const v of versions) if (existsSync(join(root, v, 'bin', name))) return join(root, v, 'bin', name);
  throw new Error(`${name} not found: install the PostgreSQL client (apt-get install postgresql-client)`);
}

function run(tool: string, args: string[]): void {
  const result = spawnSync(tool, args, { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`${tool} failed: ${(result.stderr || result.stdout || String(result.error)).trim()}`);
}

/** pg_dump of the whole database in custom format. */
export function backupPostgres(url: string, file: string): void {
  mkdirSync(dirname(file), { recursive: true });
  run(postgresTool('pg_dump'), ['--format=custom', '--no-owner', '--no-privileges', `--file=${file}`, `--dbname=${url}`]);
}

/** Replaces the database's contents with the dump's (objects dropped and recreated). */
export function restorePostgres(url: string, file: string): void {
  if (!existsSync(file)) throw new Error(`no backup at ${file}`);
  run(postgresTool('pg_restore'), [
    '--clean',
    '--if-exists',
    '--no-owner',
    '--no-privileges',
    '--single-transaction',
    `--dbname=${url}`,
    file,
  ]);
}

/** The data folder as one gzipped tar. The folder must not be in use (the server stopped). */
export async function backupPglite(dataDir: string, file: string): Promise<void> {
  if (!existsSync(dataDir)) throw new Error(`no data folder at ${dataDir}`);
  const release = acquireDataDirLock(dataDir);
  try {
    const pglite = await PGlite.create({ dataDir, extensions: { pg_trgm } });
    try {
      const dump = await pglite.dumpDataDir('gzip');
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
    } finally {
      await pglite.close();
    }
  } finally {
    release();
  }
}

/**
 * Restores a data folder from its dump. The folder being replaced is kept beside it (…-before-restore-<time>)
 * until the restored one has opened, so a bad file loses nothing.
 */
export async function restorePglite(file: string, dataDir: string): Promise<{ previous: string | null }> {
  if (!existsSync(file)) throw new Error(`no backup at ${file}`);
  let previous: string | null = null;
  if (existsSync(dataDir)) {
    const release = acquireDataDirLock(dataDir); // refuses while a server holds it
    release();
    previous = `${dataDir}-before-restore-${Date.now()}`;
    renameSync(dataDir, previous);
  }
  try {
    mkdirSync(dataDir, { recursive: true });
    const pglite = await PGlite.create({ dataDir, loadDataDir: new Blob([readFileSync(file)]), extensions: { pg_trgm } });
    await pglite.query('select 1');
    await pglite.close();
    // the dump was taken under the backup's lock: its pid file came along
    rmSync(join(dataDir, 'ronghe.pid'), { force: true });
    return { previous };
  } catch (error) {
    rmSync(dataDir, { recursive: true, force: true });
    if (previous) renameSync(previous, dataDir);
    throw error;
  }
}

/** Row count and a digest of the rows of every table (public schema and the migrations journal). */
export async function tableFingerprints(db: Database): Promise<Record<string, { rows: number; digest: string }>> {
  const tables = await db.rows<{ name: string }>(
    sql`select quote_ident(table_schema) || '.' || quote_ident(table_name) as name from information_schema.tables
        where table_type = 'BASE TABLE' and (table_schema = 'public' or (table_schema = 'drizzle' and table_name = '__drizzle_migrations'))
        order by 1`,
  );
  const result: Record<string, { rows: number; digest: string }> = {};
  for (const { name } of tables) {
    const [row] = await db.rows<{ rows: number; digest: string | null }>(
      sql.raw(`select count(*)::int as rows, md5(coalesce(string_agg(t::text, '|' order by t::text), '')) as digest from ${name} t`),
    );
    result[name] = { rows: row?.rows ?? 0, digest: row?.digest ?? '' };
  }
  return result;
}
