import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDb, type Engine } from '@ronghe/db/client';

/** An empty place for a server to keep its data: a temp folder for PGlite, or a new database on the PostgreSQL server. */
export type ScratchStore = {
  engine: Engine;
  label: string;
  /** the variables that point a server at it */
  env: { RONGHE_DATA_DIR: string } | { DATABASE_URL: string };
  dispose: () => Promise<void>;
};

/** One statement on its own connection (CREATE/DROP DATABASE cannot run in a transaction or a pool shared with others). */
async function adminExec(url: string, statement: string): Promise<void> {
  const admin = await createDb({ engine: 'postgres', url, max: 1 });
  try {
    if (admin.client.kind !== 'postgres') throw new Error('expected a postgres.js client');
    await admin.client.sql.unsafe(statement);
  } finally {
    await admin.close();
  }
}

export async function createScratchStore(databaseUrl: string | undefined): Promise<ScratchStore> {
  if (!databaseUrl) {
    const dir = mkdtempSync(join(tmpdir(), 'ronghe-bench-start-'));
    return {
      engine: 'pglite',
      label: `PGlite folder ${dir}`,
      env: { RONGHE_DATA_DIR: dir },
      dispose: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  const name = `ronghe_bench_start_${randomBytes(4).toString('hex')}`;
  await adminExec(databaseUrl, `create database "${name}"`);
  const url = new URL(databaseUrl);
  url.pathname = `/${name}`;
  return {
    engine: 'postgres',
    label: `PostgreSQL database ${name}`,
    env: { DATABASE_URL: url.toString() },
    dispose: () => adminExec(databaseUrl, `drop database if exists "${name}" with (force)`),
  };
}
