import { mkdirSync } from 'node:fs';
import { PGlite, types } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { PgDialect, type PgDatabase, type PgQueryResultHKT } from 'drizzle-orm/pg-core';
import type { SQL } from 'drizzle-orm';
import postgres from 'postgres';
import * as schema from './schema/index.ts';
import { acquireDataDirLock } from './data-dir-lock.ts';
import { transactionGuard } from './postgres-transactions.ts';

export type Schema = typeof schema;

/** SQL to text and parameters, as drizzle's sessions do (no casing options here) */
const dialect = new PgDialect();
export type Drizzle = PgDatabase<PgQueryResultHKT, Schema>;
export type Engine = 'pglite' | 'postgres';

export type DbConfig =
  | {
      engine: 'pglite';
      /** a folder, or 'memory' for tests */ dataDir: string;
      /** start from this dump (PGlite dumpDataDir), for tests */ loadDataDir?: Blob;
    }
  | {
      engine: 'postgres';
      url: string;
      /** pool size per process */ max?: number;
      /** shown in pg_stat_activity */ applicationName?: string;
    };

/** Planner settings a statement may run with (see Database.rows). */
export type PlannerSettings = { enable_seqscan?: 'on' | 'off'; max_parallel_workers_per_gather?: '0' };
export type RowsOptions = { prepare?: boolean; planner?: PlannerSettings };

/** Dates and times as the strings PostgreSQL sends, as drizzle's PGlite session reads them. */
const PGLITE_PARSERS = Object.fromEntries(
  [types.TIMESTAMP, types.TIMESTAMPTZ, types.INTERVAL, types.DATE].map((t) => [t, (value: string) => value]),
);

export type Database = {
  engine: Engine;
  orm: Drizzle;
  /**
   * Runs raw SQL and returns its rows on either engine (PGlite gives { rows }, postgres.js an array). `prepare`: on
   * PostgreSQL, as a named prepared statement of the connection, parsed once rather than on every call (PostgreSQL
   * may still plan each call when its generic plan looks dearer than the custom ones)
   * (drizzle prepares only queries given a name): for hot queries with a fixed set of shapes, never for SQL built
   * with values in its text. `planner`: planner settings for this statement alone, e.g. `{ enable_seqscan: 'off' }`
   * where the planner cannot see a cost (migration 0016): on PostgreSQL through a pool of connections opened with
   * them, on PGlite (one connection) with SET LOCAL in a transaction of the statement's own.
   */
  rows: <T extends Record<string, unknown>>(query: SQL, options?: RowsOptions) => Promise<T[]>;
  /** true when the database answers a trivial query */
  ping: () => Promise<boolean>;
  close: () => Promise<void>;
  /** the underlying client, for the migrator, the job queue and benchmarks only (url: for a pool of the queue's own) */
  client: { kind: 'pglite'; pglite: PGlite } | { kind: 'postgres'; sql: postgres.Sql; url: string };
};

export async function createDb(config: DbConfig): Promise<Database> {
  if (config.engine === 'pglite') return createPglite(config.dataDir, config.loadDataDir);
  return createPostgres(config.url, config.max ?? 10, config.applicationName ?? 'ronghe');
}

async function createPglite(dataDir: string, loadDataDir?: Blob): Promise<Database> {
  const memory = dataDir === 'memory';
  let release = () => {};
  if (!memory) {
    // PGlite's own mkdir is not recursive, and it does not lock its folder: do both here.
    mkdirSync(dataDir, { recursive: true });
    release = acquireDataDirLock(dataDir);
  }
  try {
    const pglite = await PGlite.create({ dataDir: memory ? undefined : dataDir, loadDataDir, extensions: { pg_trgm } });
    const orm = drizzlePglite({ client: pglite, schema }) as unknown as Drizzle;
    return {
      engine: 'pglite',
      orm,
      rows: async <T extends Record<string, unknown>>(query: SQL, options?: RowsOptions) => {
        if (options?.planner) {
          const { sql: text, params } = dialect.sqlToQuery(query);
          const settings = Object.entries(options.planner);
          return pglite.transaction(async (tx) => {
            for (const [name, value] of settings) await tx.query('select set_config($1, $2, true)', [name, value]);
            return (await tx.query<T>(text, params, { rowMode: 'object', parsers: PGLITE_PARSERS })).rows;
          });
        }
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

const PING_TIMEOUT_MS = 2_000;

async function createPostgres(url: string, max: number, applicationName: string): Promise<Database> {
  const transactions = transactionGuard();
  // reconnect within a second once the server is back (the default backoff grows to 20 s over an outage)
  const sql = postgres(url, {
    max,
    onnotice: () => {},
    connect_timeout: 5,
    idle_timeout: 60,
    connection: { application_name: applicationName },
    backoff: (retries) => Math.min(0.1 * retries, 1),
    onclose: transactions.onclose,
  });
  // drizzle's transactions call sql.begin, which crashes the process when PostgreSQL goes away mid-transaction
  Object.assign(sql, { begin: transactions.begin(sql) });
  const orm = drizzlePostgres({ client: sql, schema }) as unknown as Drizzle;
  // Statements with planner settings go to a pool whose connections start with them (a setting per statement would
  // take a transaction: three more round trips, +0.25 ms of client CPU each). Opened on first use; half the size.
  const plannerPools = new Map<string, postgres.Sql>();
  const plannerPool = (settings: PlannerSettings) => {
    const key = JSON.stringify(Object.entries(settings).sort());
    let pool = plannerPools.get(key);
    if (!pool) {
      pool = postgres(url, {
        max: Math.max(2, Math.ceil(max / 2)),
        onnotice: () => {},
        connect_timeout: 5,
        idle_timeout: 60,
        connection: { application_name: applicationName, ...settings },
        backoff: (retries) => Math.min(0.1 * retries, 1),
      });
      plannerPools.set(key, pool);
    }
    return pool;
  };
  return {
    engine: 'postgres',
    orm,
    rows: async <T extends Record<string, unknown>>(query: SQL, options?: RowsOptions) => {
      if (!options?.prepare && !options?.planner) return (await orm.execute(query)) as unknown as T[];
      const { sql: text, params } = dialect.sqlToQuery(query);
      const client = options.planner ? plannerPool(options.planner) : sql;
      return (await client.unsafe(text, params as postgres.ParameterOrJSON<never>[], {
        prepare: options.prepare ?? false,
      })) as unknown as T[];
    },
    ping: async () => {
      // a server that has gone away can leave the query waiting for the connect timeout: health answers sooner
      let timer: NodeJS.Timeout | undefined;
      try {
        await Promise.race([
          sql`select 1`,
          new Promise((_, reject) => (timer = setTimeout(() => reject(new Error('ping timed out')), PING_TIMEOUT_MS))),
        ]);
        return true;
      } catch {
        return false;
      } finally {
        clearTimeout(timer);
      }
    },
    close: async () => {
      await Promise.all([sql.end({ timeout: 5 }), ...[...plannerPools.values()].map((pool) => pool.end({ timeout: 5 }))]);
    },
    client: { kind: 'postgres', sql, url },
  };
}

export { schema };
export { DataDirInUseError } from './data-dir-lock.ts';
