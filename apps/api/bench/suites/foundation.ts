import { createDb } from '@ronghe/db/client';
import { httpLoad, loopLoad, measure, measurePair } from '../lib/load.ts';
import { ratio } from '../lib/stats.ts';
import type { BenchResult, Suite, SuiteContext } from '../types.ts';

// The SQL behind reference.regions (drizzle's select of the same columns, same order).
const REGION_SQL = 'select code, name, level, parent_code, province_code, statutory from region order by code';

type Direct = { name: string; query: () => Promise<number>; close: () => Promise<void> };

/** The bare query on the server's engine: PGlite's own instance, or a separate postgres.js pool as large as the load. */
async function openDirect({ db, env, connections }: SuiteContext): Promise<Direct> {
  if (db.client.kind === 'pglite') {
    const { pglite } = db.client;
    return { name: 'sql region (PGlite query, same instance)', query: async () => (await pglite.query(REGION_SQL)).rows.length, close: async () => {} };
  }
  if (!env.DATABASE_URL) throw new Error('server runs on PostgreSQL but DATABASE_URL is unset');
  const own = await createDb({ engine: 'postgres', url: env.DATABASE_URL, max: connections });
  if (own.client.kind !== 'postgres') throw new Error('expected a postgres.js client');
  const { sql } = own.client;
  return {
    name: `sql region (postgres.js, own pool of ${connections})`,
    query: async () => (await sql.unsafe(REGION_SQL)).length,
    close: () => own.close(),
  };
}

/** Rows in a superjson tRPC response ({ result: { data: { json: [...] } } }), or null if it is not one. */
function trpcRowCount(body: unknown): number | null {
  if (typeof body !== 'object' || body === null || !('result' in body)) return null;
  const { result } = body;
  if (typeof result !== 'object' || result === null || !('data' in result)) return null;
  const { data } = result;
  if (typeof data !== 'object' || data === null || !('json' in data)) return null;
  return Array.isArray(data.json) ? data.json.length : null;
}

async function regions(ctx: SuiteContext): Promise<BenchResult> {
  const endpoint = `${ctx.url}/trpc/reference.regions`;
  const response = await fetch(endpoint);
  const httpRows = trpcRowCount(await response.json());
  const direct = await openDirect(ctx);
  try {
    const sqlRows = await direct.query();
    ctx.log(`reference.regions: ${httpRows ?? '?'} rows over HTTP (status ${response.status}), ${sqlRows} rows direct; full stack vs ${direct.name}`);
    const { subject, baseline } = await measurePair(httpLoad(endpoint, ctx.connections), loopLoad(direct.query, ctx.connections), ctx.durationS);
    return {
      name: 'trpc reference.regions (full stack)',
      kind: 'load',
      ...subject,
      note: `HTTP + Hono + tRPC/superjson + zod output + drizzle; ${httpRows ?? '?'} rows over HTTP, ${sqlRows} direct; baseline and full stack measured alternately in one run`,
      baseline: { name: direct.name, ...baseline },
      ratio: ratio(subject, baseline),
    };
  } finally {
    await direct.close();
  }
}

export const foundationSuite: Suite = {
  name: 'foundation',
  run: async (ctx) => {
    ctx.log('GET /healthz');
    const health = await measure(httpLoad(`${ctx.url}/healthz`, ctx.connections), ctx.durationS);
    const results: BenchResult[] = [{ name: 'http GET /healthz', kind: 'load', ...health, note: 'Hono + a `select 1` ping of the database' }];
    results.push(await regions(ctx));
    return results;
  },
};
