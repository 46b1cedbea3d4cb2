import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sql } from 'drizzle-orm';
import { createDb, type Database } from '@ronghe/db/client';
import { listConsortia, type ConsortiumFilter } from '@ronghe/db/queries/consortia';
import { httpLoad, loopLoad, measure, measureAlternating } from '../lib/load.ts';
import { captureStatements, type Statement } from '../lib/sql-capture.ts';
import { ratio } from '../lib/stats.ts';
import type { BenchResult, LoadResult, Suite, SuiteContext } from '../types.ts';

// The cost of the API layers (HTTP, Hono, tRPC, context, output validation and serialisation, drizzle) over the same
// SQL sent straight through the driver, side by side in one run, on two reads: reference.regions (236 rows) and a
// 20-row page of the consortium directory (consortia.list, two statements: the page and its count). Nothing is cached.
// Budget (issue 19): the full stack serves at least half the requests a second of the raw driver, on PostgreSQL.
// A third row, "bare HTTP", is the floor under any HTTP API on this machine: node:http in the same process answering
// with the same SQL through the same driver and JSON.stringify. Full stack ÷ bare HTTP is what our layers cost.

const BUDGET_RATIO = 2;
// The SQL behind reference.regions (listRegions: the same columns, same order).
const REGION_SQL =
  'select code, name, level, parent_code as "parentCode", province_code as "provinceCode", statutory from region order by code';
const PAGE_SIZE = 20;
/** Consortia this suite adds for the list read, and removes again; marked in their names. */
const LIST_ROWS = 40;
const MARK = '（基准）';
const LIST_INPUT = { sort: 'date', page: 1, pageSize: PAGE_SIZE } as const;
const LIST_FILTER: ConsortiumFilter = { statuses: ['active'], sort: 'date', offset: 0, limit: PAGE_SIZE };

type Raw = { name: string; rows: (statement: Statement) => Promise<unknown[]>; close: () => Promise<void> };

/** The bare driver on the server's engine: PGlite's own instance, or a separate postgres.js pool as large as the load. */
async function openRaw({ db, env, connections }: SuiteContext): Promise<Raw> {
  if (db.client.kind === 'pglite') {
    const { pglite } = db.client;
    return {
      name: 'PGlite query, same instance',
      rows: async (s) => (await pglite.query(s.sql, s.params)).rows,
      close: async () => {},
    };
  }
  if (!env.DATABASE_URL) throw new Error('server runs on PostgreSQL but DATABASE_URL is unset');
  const own = await createDb({ engine: 'postgres', url: env.DATABASE_URL, max: connections });
  if (own.client.kind !== 'postgres') throw new Error('expected a postgres.js client');
  const { sql: client } = own.client;
  return {
    name: `postgres.js, own pool of ${connections}`,
    rows: async (s) => client.unsafe(s.sql, s.params as never[]),
    close: () => own.close(),
  };
}

/** Rows in a superjson tRPC response: the array itself, or its `items`; null if it is neither. */
function trpcRowCount(body: unknown): number | null {
  const json = (body as { result?: { data?: { json?: unknown } } } | null)?.result?.data?.json;
  if (Array.isArray(json)) return json.length;
  const items = (json as { items?: unknown } | undefined)?.items;
  return Array.isArray(items) ? items.length : null;
}

/** node:http answering every request with the statements' rows through `raw`, in tRPC's envelope. */
async function bareHttp(raw: Raw, statements: Statement[]): Promise<{ url: string; close: () => Promise<void> }> {
  const server: Server = createServer((_req, res) => {
    Promise.all(statements.map((s) => raw.rows(s))).then(
      (results) => {
        const body = JSON.stringify({ result: { data: { json: results.length === 1 ? results[0] : results } } });
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
        res.end(body);
      },
      () => {
        res.writeHead(500);
        res.end();
      },
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function sideBySide(
  ctx: SuiteContext,
  raw: Raw,
  read: { name: string; path: string; statements: Statement[]; what: string },
): Promise<LoadResult> {
  const endpoint = `${ctx.url}/trpc/${read.path}`;
  const response = await fetch(endpoint);
  const httpRows = trpcRowCount(await response.json());
  const query = async () => Math.max(...(await Promise.all(read.statements.map(async (s) => (await raw.rows(s)).length))));
  const sqlRows = await query();
  const bare = await bareHttp(raw, read.statements);
  let measured;
  try {
    measured = await measureAlternating(
      [loopLoad(query, ctx.connections), httpLoad(bare.url, ctx.connections), httpLoad(endpoint, ctx.connections)],
      ctx.durationS,
    );
  } finally {
    await bare.close();
  }
  const [baseline, floor, subject] = measured;
  if (!baseline || !floor || !subject) throw new Error('expected three results');
  const r = ratio(subject, baseline);
  const floorRatio = ratio(floor, baseline);
  const overFloor = ratio(subject, floor);
  const withinBudget = ctx.db.engine === 'postgres' ? r.reqPerSec <= BUDGET_RATIO : null;
  const verdict = withinBudget === null ? 'reported only (the budget is for PostgreSQL)' : withinBudget ? 'PASS' : 'FAIL';
  ctx.log(
    `${read.name}: full stack ${subject.reqPerSec} req/s, raw driver ${baseline.reqPerSec} req/s: ${r.reqPerSec}× (budget ≤ ${BUDGET_RATIO}×) ${verdict}; ` +
      `bare HTTP ${floor.reqPerSec} req/s (${floorRatio.reqPerSec}× the raw driver; full stack ${overFloor.reqPerSec}× bare HTTP)`,
  );
  return {
    name: `trpc ${read.name} (full stack)`,
    kind: 'load',
    ...subject,
    note:
      `HTTP + Hono + tRPC/superjson + zod output + drizzle: ${read.what}; ${httpRows ?? '?'} rows over HTTP (status ${response.status}), ` +
      `${sqlRows} through the driver; baseline and full stack measured alternately in one run`,
    baseline: {
      name: `the same SQL (${read.statements.length} statement${read.statements.length > 1 ? 's' : ''}) through ${raw.name}`,
      ...baseline,
    },
    ratio: r,
    floor: { name: 'bare HTTP: node:http + the same SQL through the same driver + JSON.stringify', ...floor, ratio: floorRatio },
    overFloor,
    budget: `full stack ≥ 1/${BUDGET_RATIO} of the raw driver's req/s (ratio.reqPerSec ≤ ${BUDGET_RATIO}) on PostgreSQL`,
    withinBudget,
  };
}

/** Adds LIST_ROWS active consortia (the first organisation proposes them all) unless a previous run left them. */
async function seedList(db: Database): Promise<void> {
  await db.orm.execute(sql`
    insert into consortium (kind, level, name, anchor_region_code, status, proposed_by_organization_id, approved_at)
    select 'city_union', 'municipal', '基准市域产教联合体' || lpad(g::text, 3, '0') || ${MARK},
      (select code from region where level <> 'province' order by code limit 1), 'active', (select id from organization order by id limit 1), now()
    from generate_series(1, ${LIST_ROWS}) as g
    on conflict (name) do nothing`);
}

const unseedList = (db: Database) => db.orm.execute(sql`delete from consortium where name like ${`%${MARK}`}`);

export const foundationSuite: Suite = {
  name: 'foundation',
  run: async (ctx) => {
    ctx.log('GET /healthz');
    const health = await measure(httpLoad(`${ctx.url}/healthz`, ctx.connections), ctx.durationS);
    const results: BenchResult[] = [
      { name: 'http GET /healthz', kind: 'load', ...health, note: 'Hono + a `select 1` ping of the database' },
    ];
    const raw = await openRaw(ctx);
    try {
      results.push(
        await sideBySide(ctx, raw, {
          name: 'reference.regions',
          path: 'reference.regions',
          statements: [{ sql: REGION_SQL, params: [] }],
          what: 'every region',
        }),
      );
      await seedList(ctx.db);
      const statements = await captureStatements(ctx.db, (db) => listConsortia(db, LIST_FILTER));
      const path = `consortia.list?input=${encodeURIComponent(JSON.stringify({ json: LIST_INPUT }))}`;
      results.push(
        await sideBySide(ctx, raw, {
          name: 'consortia.list',
          path,
          statements,
          what: `a page of ${PAGE_SIZE} active consortia by date and their count`,
        }),
      );
    } finally {
      await unseedList(ctx.db).catch((error: unknown) =>
        ctx.log(`could not remove the consortia added for the list read: ${String(error)}`),
      );
      await raw.close();
    }
    return results;
  },
};
