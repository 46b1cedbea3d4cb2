import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import type { Logger } from 'drizzle-orm';
import { schema, type Database, type Drizzle, type PlannerSettings } from '@ronghe/db/client';

/** One statement as drizzle sent it to the driver (and the planner settings db.rows ran it with, if any). */
export type Statement = { sql: string; params: unknown[]; planner?: PlannerSettings };

/**
 * Runs `task` on a copy of `db` whose drizzle instance (on the same client) records every statement it sends,
 * so a query function's exact SQL and parameters can be explained afterwards without rebuilding it by hand.
 */
export async function captureStatements(db: Database, task: (db: Database) => Promise<unknown>): Promise<Statement[]> {
  const statements: Statement[] = [];
  const logger: Logger = { logQuery: (query, params) => void statements.push({ sql: query, params: [...params] }) };
  const orm =
    db.client.kind === 'pglite'
      ? (drizzlePglite({ client: db.client.pglite, schema, logger }) as unknown as Drizzle)
      : (drizzlePostgres({ client: db.client.sql, schema, logger }) as unknown as Drizzle);
  await task({ ...db, orm });
  return statements;
}

/** `EXPLAIN (options) <statement>` with the statement's own parameters, as plan lines. */
export async function explain(db: Database, statement: Statement, options = 'ANALYZE, BUFFERS'): Promise<string[]> {
  const text = `EXPLAIN (${options}) ${statement.sql}`;
  const rows =
    db.client.kind === 'pglite'
      ? (await db.client.pglite.query<Record<string, unknown>>(text, statement.params)).rows
      : ((await db.client.sql.unsafe(text, statement.params as never[])) as unknown as Record<string, unknown>[]);
  return rows.map((row) => String(row['QUERY PLAN'] ?? Object.values(row)[0]));
}
