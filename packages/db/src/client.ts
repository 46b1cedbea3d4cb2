import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import type { SQL } from 'drizzle-orm';
import postgres from 'postgres';
import * as schema from './schema/index.ts';
import { acquireDataDirLock } from './data-dir-lock.ts';

export type Schema = typeof schema;
export type Drizzle = PgDatabase<PgQueryResultHKT, Schema>;
export type Engine = 'pglite' | 'postgres';

export type DbConfig =
  | { engine: 'pglite'; /** a folder, or 'memory' for tests */ dataDir: string }
  | { engine: 'postgres'; url: string; /** pool size per process */ max?: number };

export type Database = {
  engine: Engine;
  orm: Drizzle;
  /** Runs raw SQL and returns its rows on either engine (PGlite gives { rows }, postgres.js an array). */
  rows: <T extends Record<string, unknown>>(query: SQL) => Promise<T[]>;
  /** true when the database answers a trivial query */
  ping: () => Promise<boolean>;
  close: () => Promise<void>;
  /** the underlying client, for the migrator and benchmarks only */
  client: { kind: 'pglite'; pglite: PGlite } | { kind: 'postgres'; sql: postgres.Sql };
};

export async function createDb(config: DbConfig): Promise<Database> {
  if (config.engine === 'pglite') return createPglite(config.dataDir);
  return createPostgres(config.url, config.max ?? 10);
}

async function createPglite(dataDir: string): Promise<Database> {
  const memory = dataDir === 'memory';
  let release = () => {};
  if (!memory) {
    // PGlite's own mkdir is not recursive, and it does not lock its folder: do both here.
    mkdirSync(dataDir, { recursive: true });
    release = acquireDataDirLock(dataDir);
  }
  try {
    const pglite = await PGlite.create({ dataDir: memory ? undefined : dataDir, extensions: { pg_trgm } });
    const orm = drizzlePglite({ client: pglite, schema }) as unknown as Drizzle;
    return {
      engine: 'pglite',
      orm,
      rows: async <T extends Record<string, unknown>>(query: SQL) => {
        const result = (await orm.execute(query)) as unknown as { rows: T[] };
        return result.rows;
      },
      ping: async () => {
        try {
          await pglite.query('select 1');
          return true;
        } catch {
          return false;
        }
      },
      close: async () => {
        try {
          await pglite.close();
        } finally {
          release();
        }
      },
      client: { kind: 'pglite', pglite },
    };
  } catch (error) {
    release();
    throw error;
  }
}

async function createPostgres(url: string, max: number): Promise<Database> {
  const sql = postgres(url, { max, onnotice: () => {}, connect_timeout: 5, idle_timeout: 60 });
  const orm = drizzlePostgres({ client: sql, schema }) as unknown as Drizzle;
  return {
    engine: 'postgres',
    orm,
    rows: async <T extends Record<string, unknown>>(query: SQL) => (await orm.execute(query)) as unknown as T[],
    ping: async () => {
      try {
        await sql`select 1`;
        return true;
      } catch {
        return false;
      }
    },
    close: () => sql.end({ timeout: 5 }),
    client: { kind: 'postgres', sql },
  };
}

export { schema };
export { DataDirInUseError } from './data-dir-lock.ts';
