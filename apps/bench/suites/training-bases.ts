import autocannon from 'autocannon';
import { cpus, loadavg } from 'node:os';
import { sql, type SQL } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import { createDb, type Database, type PlannerSettings } from '@ronghe/db/client';
import { prepareDatabase } from '@ronghe/db/seed';
import { plannerOf, SEARCH_TOTAL_CAP, searchSql, searchTrainingBases, type BaseSearch } from '@ronghe/db/queries/training-base-search';
import { supplyByCategory, supplyByRegion } from '@ronghe/db/queries/training-base-supply';
import type { TrainingBaseKind } from '@ronghe/domain/training-base';
import { freePort, startChild, type ChildServer } from '../lib/child-server.ts';
import { loopLoad, measure, measurePair, type Load } from '../lib/load.ts';
import { createScratchStore } from '../lib/scratch-store.ts';
import { captureStatements, type Statement } from '../lib/sql-capture.ts';
import { ratio, summarise } from '../lib/stats.ts';
import type { BenchResult, LoadResult, LoadStats, MetricResult, Samples, Suite, SuiteContext } from '../types.ts';
import { cpuMsOf } from '../lib/proc-status.ts';
import { BATCH, SEED_CONNECTIONS, seedBases } from './training-bases-data.ts';

// 实训基地 search and map figures at scale (issue 5): 100,000 bases owned by 4,000 organisations across the
// 43 map regions (10,000 / 1,000 on PGlite), seeded into a scratch database of their own and served by the
// real server in its own process (`node --import tsx src/main.ts`). Budgets, through the API at 8 concurrent
// clients: keyword + two filters, first page, p95 ≤ 50 ms, with the GIN index of training_base_search in its plan; the map
// figures of the 43 regions p95 ≤ 30 ms; PostgreSQL at 100,000 bases and PGlite at 10,000. The baseline is
// the same SQL straight through the driver. --quick shortens each measurement (to at least 3 s), not the data.

const SCALE = { postgres: { bases: 100_000, organizations: 4_000 }, pglite: { bases: 10_000, organizations: 1_000 } } as const;
const CLIENTS = 8;
const PAGE_SIZE = 20;
const SEARCH_BUDGET_MS = 50;
const MAP_BUDGET_MS = 30;
// the search index's GIN index, on each partition (migration 0016): training_base_search_11o_ronghe_toasted_idx, …
const INDEX = 'training_base_search_<segment>_ronghe_toasted_idx';
const INDEX_PATTERN = /training_base_search_\d\d[oc]_ronghe_toasted_idx/;
const MIN_DURATION_S = 3;
/** the server's warm-up before the first measurement, in steps of WARMUP_STEP_S (see where it runs) */
const WARMUP_S = 10;
const WARMUP_STEP_S = 2;
const START_TIMEOUT_MS = 120_000;
const KILL_AFTER_MS = 15_000;

// ---- what is measured ------------------------------------------------------------------------

type SearchInput = {
  q: string;
  regionCode: string;
  openToPartners?: boolean;
  kind?: TrainingBaseKind;
  majorCategory?: number;
  limit: number;
};

/** Keyword + two filters, first page; rotated so no single row set stays hot. (a1) is the one explained in full. */
const SEARCHES: Array<{ key: string; input: SearchInput }> = [
  { key: 'a1', input: { q: '数控', regionCode: '110000', openToPartners: true, limit: PAGE_SIZE } },
  { key: 'a2', input: { q: '护理', regionCode: '130100', openToPartners: true, limit: PAGE_SIZE } },
  { key: 'a3', input: { q: '焊接', regionCode: '120000', openToPartners: true, limit: PAGE_SIZE } },
  { key: 'a4', input: { q: '机器人', regionCode: '130200', openToPartners: true, limit: PAGE_SIZE } },
  { key: 'a5', input: { q: '数控', regionCode: '130600', majorCategory: 6, limit: PAGE_SIZE } },
  { key: 'a6', input: { q: '护理', regionCode: '110000', kind: 'campus', limit: PAGE_SIZE } },
  { key: 'a7', input: { q: '电子商务', regionCode: '130000', openToPartners: true, limit: PAGE_SIZE } },
  { key: 'a8', input: { q: '养老', regionCode: '120000', kind: 'high_skill_base', limit: PAGE_SIZE } },
];

/** What the router passes to searchTrainingBases for a first page. */
const searchOf = (input: SearchInput): BaseSearch => ({ ...input, sort: 'relevance', limit: input.limit + 1, withTotal: true });
const trpcPath = (procedure: string, input?: unknown) =>
  `/trpc/${procedure}${input === undefined ? '' : `?input=${encodeURIComponent(JSON.stringify({ json: input }))}`}`;

type Case = { key: string; label: string; paths: string[]; statements: Statement[]; budgetMs: number };

const ms = (value: number) => Math.round(value);
/** The 1-minute load average: other work on the machine's cores shows in every figure here. */
const load1 = () => Math.round((loadavg()[0] ?? 0) * 10) / 10;
const f1 = (value: number) => (Number.isFinite(value) ? value.toFixed(1) : '—');

/** GET load over several paths through autocannon (each connection cycles through them), latencies per response. */
function httpMixLoad(origin: string, paths: string[], connections: number): Load {
  return (durationS) =>
    new Promise<Samples>((resolve, reject) => {
      const latenciesMs: number[] = [];
      let non2xx = 0;
      const started = performance.now();
      const options: Parameters<typeof autocannon>[0] & { requests: Array<{ method: 'GET'; path: string }> } = {
        url: origin,
        connections,
        duration: durationS,
        sampleInt: 100,
        requests: paths.map((path) => ({ method: 'GET', path })),
      };
      const instance = autocannon(options, (error, result) => {
        if (error) return reject(error);
        resolve({ latenciesMs, elapsedS: (performance.now() - started) / 1000, errors: result.errors + result.timeouts, non2xx });
      });
      instance.on('response', (_client, statusCode, _bytes, responseTime) => {
        latenciesMs.push(responseTime);
        if (statusCode < 200 || statusCode > 299) non2xx += 1;
      });
    });
}

/** autocannon leaves requests in flight at its deadline; one more request, answered after them, keeps that backlog out of the next run. */
const drained =
  (load: Load, url: string): Load =>
  async (durationS) => {
    const samples = await load(durationS);
    await (await fetch(url)).arrayBuffer();
    return samples;
  };

/** The captured statements straight through the driver: postgres.js (its own pool of CLIENTS) or the PGlite instance. */
function directLoad(db: Database, statements: Statement[]): Load {
  let i = 0;
  const plain =
    db.client.kind === 'pglite'
      ? (
          (p) => async (s: Statement) =>
            (await p.query(s.sql, s.params)).rows.length
        )(db.client.pglite)
      : (
          (q) => async (s: Statement) =>
            (await q.unsafe(s.sql, s.params as never[])).length
        )(db.client.sql);
  // a statement sent with planner settings runs with them, as db.rows sends it (SET LOCAL in its own transaction)
  const run = (s: Statement) => (s.planner ? db.rows(paramSql(s), { planner: s.planner }).then((rows) => rows.length) : plain(s));
  return loopLoad(() => {
    const statement = statements[i++ % statements.length];
    if (!statement) throw new Error('no statement');
    return run(statement);
  }, CLIENTS);
}

function planSummary(plan: string[]): { usesIndex: boolean; indexes: string[]; seqScans: string[]; executionMs: number | null } {
  const text = plan.join('\n');
  const indexes = [...new Set([...text.matchAll(/Index (?:Only )?Scan(?: Backward)? (?:using|on) (\S+)/g)].map((m) => m[1] ?? ''))];
  const seqScans = [...new Set([...text.matchAll(/Seq Scan on (\S+)/g)].map((m) => m[1] ?? ''))];
  const time = /Execution Time: ([\d.]+) ms/.exec(text);
  return { usesIndex: INDEX_PATTERN.test(text), indexes, seqScans, executionMs: time?.[1] ? Number(time[1]) : null };
}

async function explainLines(db: Database, query: SQL, planner?: PlannerSettings): Promise<string[]> {
  const rows = await db.rows<Record<string, unknown>>(sql`EXPLAIN (ANALYZE, BUFFERS) ${query}`, { planner });
  return rows.map((row) => String(row['QUERY PLAN'] ?? Object.values(row)[0]));
}

const dialect = new PgDialect();

/**
 * Statements a query function sends: through drizzle's query builder (captureStatements) and through db.rows,
 * which runs on the original drizzle instance and so escapes that capture.
 */
async function statementsOf(db: Database, task: (db: Database) => Promise<unknown>): Promise<Statement[]> {
  const viaRows: Statement[] = [];
  const recording: Database = {
    ...db,
    rows: (query, options) => {
      const { sql: text, params } = dialect.sqlToQuery(query);
      viaRows.push({ sql: text, params, ...(options?.planner ? { planner: options.planner } : {}) });
      return db.rows(query, options);
    },
  };
  const viaOrm = await captureStatements(recording, task);
  return [...viaOrm, ...viaRows];
}

/** A captured statement as drizzle SQL again (its $n placeholders bound to its parameters), to EXPLAIN it. */
function paramSql(s: Statement): SQL {
  const parts = s.sql.split(/\$(\d+)/);
  const chunks: SQL[] = [];
  parts.forEach((part, i) => chunks.push(i % 2 === 0 ? sql.raw(part) : sql`${s.params[Number(part) - 1]}`));
  return sql.join(chunks);
}

type Measured = { load: LoadResult; p95: number; unloaded: LoadStats; serverCpuMsPerRequest: number };

/** The load, counting the server process's CPU time and the requests over every run of it (warm-up and drain included). */
function metered(load: Load, pid: number): { load: Load; perRequestMs: () => number } {
  let cpuMs = 0;
  let requests = 0;
  const wrapped: Load = async (durationS) => {
    const before = cpuMsOf(pid);
    const samples = await load(durationS);
    const after = cpuMsOf(pid);
    if (before !== null && after !== null) cpuMs += after - before;
    requests += samples.latenciesMs.length + 1;
    return samples;
  };
  return {
    load: wrapped,
    perRequestMs: () => (requests > 0 && cpuMsOf(pid) !== null ? Math.round((cpuMs / requests) * 100) / 100 : Number.NaN),
  };
}

function loadResult(c: Case, subject: LoadStats, baseline: LoadStats, baselineName: string, note: string): LoadResult {
  return {
    name: `trpc ${c.label}`,
    kind: 'load',
    ...subject,
    note,
    baseline: { name: baselineName, ...baseline },
    ratio: ratio(subject, baseline),
  };
}

const p95Of = (s: LoadStats | undefined) => (s && s.requests > 0 ? s.latencyMs.p95 : Number.NaN);
const row = (name: string, s: LoadStats) =>
  `${name.padEnd(34)} ${f1(s.latencyMs.p50).padStart(7)} ${f1(s.latencyMs.p95).padStart(7)} ${f1(s.latencyMs.p99).padStart(7)} ${f1(s.reqPerSec).padStart(8)}`;

export const trainingBasesSuite: Suite = {
  name: 'training-bases',
  run: async (ctx: SuiteContext): Promise<BenchResult[]> => {
    const { log } = ctx;
    const store = await createScratchStore(ctx.env.DATABASE_URL);
    const engine = store.engine;
    const scale = SCALE[engine];
    const durationS = Math.max(ctx.durationS, MIN_DURATION_S);
    const availableCores = cpus().length;
    let db: Database | null = null;
    let child: ChildServer | null = null;
    try {
      db =
        'DATABASE_URL' in store.env
          ? await createDb({ engine: 'postgres', url: store.env.DATABASE_URL, max: CLIENTS })
          : await createDb({ engine: 'pglite', dataDir: store.env.RONGHE_DATA_DIR });
      log(
        `scratch ${store.label}: migrate, then seed ${scale.bases.toLocaleString('en')} bases of ${scale.organizations.toLocaleString('en')} organisations`,
      );
      await prepareDatabase(db, { demo: false });
      const facts = await seedBases(db, scale, log);
      log(`seeded in ${facts.values.seedMs} ms (+ ${facts.values.vacuumAnalyzeMs} ms VACUUM ANALYZE): ${JSON.stringify(facts.values)}`);
      const results: BenchResult[] = [
        {
          name: 'training bases seed',
          kind: 'metric',
          note:
            `${engine} scratch database; rows generated in JS (fixed PRNG seed), inserted with INSERT … SELECT FROM jsonb_to_recordset in batches of ` +
            `${BATCH} (${SEED_CONNECTIONS} at a time on PostgreSQL), ` +
            'search_text = searchTextOf(), search_tokens = ronghe_search_tokens(search_text, facetTokens()); then refreshSupply(tx) for all regions ' +
            'and VACUUM ANALYZE; seedMs excludes the VACUUM',
          values: facts.values,
          details: { stepsMs: facts.steps },
        },
      ];

      // Direct answers and the exact statements, before the server takes the store (PGlite allows one process).
      const cases: Case[] = [];
      const totals: Record<string, number> = {};
      const searchStatements: Statement[] = [];
      for (const s of SEARCHES) {
        const rows = await searchTrainingBases(db, searchOf(s.input));
        totals[s.key] = rows[0]?.total ?? 0;
        const statements = await statementsOf(db, (c) => searchTrainingBases(c, searchOf(s.input)));
        if (statements.length !== 1) throw new Error(`searchTrainingBases sent ${statements.length} statements, expected 1`);
        searchStatements.push(...statements);
      }
      cases.push({
        key: 'search',
        label: `trainingBases.search mix of ${SEARCHES.length} (keyword + 2 filters, page of ${PAGE_SIZE})`,
        paths: SEARCHES.map((s) => trpcPath('trainingBases.search', s.input)),
        statements: searchStatements,
        budgetMs: SEARCH_BUDGET_MS,
      });
      const a1 = SEARCHES[0];
      if (!a1) throw new Error('no searches');
      cases.push({
        key: 'search-a1',
        label: `trainingBases.search (a1) q '数控' + regionCode 110000 + openToPartners`,
        paths: [trpcPath('trainingBases.search', a1.input)],
        statements: searchStatements.slice(0, 1),
        budgetMs: SEARCH_BUDGET_MS,
      });
      cases.push({
        key: 'mapStats',
        label: "trainingBases.mapStats {dimension:'all'} (43 regions)",
        paths: [trpcPath('trainingBases.mapStats', { dimension: 'all' })],
        statements: await statementsOf(db, (c) => supplyByRegion(c, 'all')),
        budgetMs: MAP_BUDGET_MS,
      });
      cases.push({
        key: 'supply',
        label: 'trainingBases.supply (43 regions × categories)',
        paths: [trpcPath('trainingBases.supply')],
        statements: await statementsOf(db, (c) => supplyByCategory(c)),
        budgetMs: MAP_BUDGET_MS,
      });

      log(`EXPLAIN (ANALYZE, BUFFERS) of searchSql(...) for each search, and of the full statement the API sends for (a1)`);
      const explained: Record<string, string[]> = {};
      const plans: Record<string, ReturnType<typeof planSummary> & { total: number }> = {};
      for (const [i, s] of SEARCHES.entries()) {
        // with the planner settings the search runs with (plannerOf)
        const lines = await explainLines(db, searchSql(searchOf(s.input)), plannerOf(searchOf(s.input)));
        explained[s.key] = lines;
        plans[s.key] = { ...planSummary(lines), total: totals[s.key] ?? 0 };
        const statement = searchStatements[i];
        if (i === 0 && statement)
          explained[`${s.key} (API statement)`] = await explainLines(db, paramSql(statement), plannerOf(searchOf(s.input)));
      }

      // PGlite: the baseline now, in this process; then the store goes to the server. PostgreSQL: measured alternately below.
      const baselines: Record<string, LoadStats> = {};
      if (engine === 'pglite') {
        for (const c of cases) {
          log(`baseline (PGlite, in process, ${CLIENTS} concurrent): ${c.label}`);
          baselines[c.key] = await measure(directLoad(db, c.statements), durationS);
        }
        await db.close();
        db = null;
      }

      const port = await freePort();
      const childEnv: NodeJS.ProcessEnv = {
        ...process.env,
        PORT: String(port),
        HOST: '127.0.0.1',
        LOG_LEVEL: 'warn',
        RONGHE_DEMO: 'false',
        ...store.env,
      };
      if (engine === 'pglite') delete childEnv.DATABASE_URL;
      child = startChild(childEnv, port);
      const bootMs = await child.waitHealthy(START_TIMEOUT_MS);
      log(`server (pid ${child.pid}) healthy after ${ms(bootMs)} ms on ${store.label}`);

      for (const s of SEARCHES) {
        const response = await fetch(`${child.origin}${trpcPath('trainingBases.search', s.input)}`);
        const body = (await response.json()) as { result?: { data?: { json?: { total?: number; items?: unknown[] } } } };
        const page = body.result?.data?.json;
        if (response.status !== 200 || !page)
          throw new Error(`trainingBases.search (${s.key}) answered ${response.status}: ${JSON.stringify(body).slice(0, 300)}`);
        if (page.total !== Math.min(totals[s.key] ?? -1, SEARCH_TOTAL_CAP))
          throw new Error(`trainingBases.search (${s.key}): total ${page.total ?? '?'} over HTTP, ${totals[s.key] ?? '?'} direct`);
        log(
          `  (${s.key}) ${JSON.stringify(s.input)}: total ${page.total}, ${page.items?.length ?? 0} on the page; plan ` +
            `${plans[s.key]?.usesIndex ? 'uses' : 'does NOT use'} ${INDEX}, ${plans[s.key]?.executionMs ?? '?'} ms`,
        );
      }

      // A fresh server is slow for its first seconds: V8 has not optimised the hot code yet and each pooled
      // connection parses and plans each search shape once (tens of ms the first time). Measured here: 160–200
      // searches a second and 3–4.5 ms of server CPU a request in the first 3 s, 340–390 and 1.6–1.9 ms from
      // about 6 s on. The budgets are for a running server, so every path of every case runs for WARMUP_S
      // first, in steps whose figures are logged to show them level out.
      const warmPaths = cases.flatMap((c) => c.paths);
      for (let step = 0; step < WARMUP_S / WARMUP_STEP_S; step += 1) {
        const before = cpuMsOf(child.pid);
        const samples = await httpMixLoad(child.origin, warmPaths, CLIENTS)(WARMUP_STEP_S);
        const after = cpuMsOf(child.pid);
        const s = summarise(samples);
        const cpu =
          before !== null && after !== null && samples.latenciesMs.length
            ? ` · server CPU ${f1((after - before) / samples.latenciesMs.length)} ms a request`
            : '';
        log(
          `warm-up ${(step + 1) * WARMUP_STEP_S} s of ${WARMUP_S}: p50 ${f1(s.latencyMs.p50)} p95 ${f1(s.latencyMs.p95)} ms, ${f1(s.reqPerSec)} ` +
            `requests a second${cpu}`,
        );
      }

      const measured: Record<string, Measured> = {};
      for (const c of cases) {
        const drainUrl = `${child.origin}${c.paths[0] ?? '/healthz'}`;
        const meter = metered(drained(httpMixLoad(child.origin, c.paths, CLIENTS), drainUrl), child.pid);
        const subjectLoad = meter.load;
        const loadBefore = load1();
        log(`load ${durationS} s: ${c.label} (machine load average ${loadBefore} on ${availableCores} cores)`);
        let subject: LoadStats;
        let baseline: LoadStats;
        let baselineName: string;
        if (db) {
          ({ subject, baseline } = await measurePair(subjectLoad, directLoad(db, c.statements), durationS));
          baselineName = `the same SQL through postgres.js (own pool of ${CLIENTS}, ${CLIENTS} concurrent), measured alternately`;
        } else {
          subject = await measure(subjectLoad, durationS);
          baseline = baselines[c.key] ?? subject;
          baselineName = `the same SQL through PGlite in the bench process (${CLIENTS} concurrent), measured before the server took the store`;
        }
        const serverCpuMsPerRequest = meter.perRequestMs();
        const unloaded = await measure(drained(httpMixLoad(child.origin, c.paths, 1), drainUrl), durationS);
        const note =
          `GET ${c.paths.length > 1 ? `${c.paths.length} paths in rotation, e.g. ` : ''}${c.paths[0] ?? ''}; ${CLIENTS} connections, ${durationS} s; ` +
          `1-minute load average ${loadBefore} before, ${load1()} after (${availableCores} cores); server process CPU ${serverCpuMsPerRequest} ms a request` +
          `${engine === 'pglite' ? ' (PGlite runs the queries inside it)' : ''}; on one connection: p50 ${f1(unloaded.latencyMs.p50)}, p95 ` +
          `${f1(unloaded.latencyMs.p95)} ms`;
        measured[c.key] = {
          load: loadResult(c, subject, baseline, baselineName, note),
          p95: p95Of(subject),
          unloaded,
          serverCpuMsPerRequest,
        };
        results.push(measured[c.key]?.load as LoadResult);
      }

      // ---- figures, side by side, and PASS/FAIL lines (no assertions) ----
      const label = `${engine === 'postgres' ? 'PostgreSQL' : 'PGlite'} at ${scale.bases.toLocaleString('en')} bases`;
      log(`training-bases figures (${label}, ${CLIENTS} clients, ${durationS} s per case; ms):`);
      log(
        `${'case'.padEnd(34)} ${'p50'.padStart(7)} ${'p95'.padStart(7)} ${'p99'.padStart(7)} ${'req/s'.padStart(8)}  | baseline p50/p95/p99, req/s | ` +
          `×p50 ×p95 ×req/s | server CPU ms/req`,
      );
      for (const c of cases) {
        const m = measured[c.key];
        const b = m?.load.baseline;
        if (!m || !b) continue;
        const r = m.load.ratio;
        log(
          `${row(c.key, m.load)}  | ${f1(b.latencyMs.p50)}/${f1(b.latencyMs.p95)}/${f1(b.latencyMs.p99)}, ${f1(b.reqPerSec)} | ` +
            `${r?.p50 ?? '—'} ${(b.latencyMs.p95 > 0 ? m.load.latencyMs.p95 / b.latencyMs.p95 : Number.NaN).toFixed(2)} ${r?.reqPerSec ?? '—'} | ` +
            `${m.serverCpuMsPerRequest}`,
        );
        log(`${row(`${c.key} (1 connection)`, m.unloaded)}`);
      }
      log(`EXPLAIN (ANALYZE, BUFFERS) searchSql(a1) ${JSON.stringify(a1.input)}:`);
      for (const line of explained['a1'] ?? []) log(`  ${line}`);
      log(`EXPLAIN (ANALYZE, BUFFERS) of the statement trainingBases.search sends for (a1):`);
      for (const line of explained['a1 (API statement)'] ?? []) log(`  ${line}`);

      const clean = (k: string) =>
        (measured[k]?.load.errors ?? 1) === 0 && (measured[k]?.load.non2xx ?? 1) === 0 && (measured[k]?.load.requests ?? 0) > 0;
      const verdict = (ok: boolean) => (ok ? 'PASS' : 'FAIL');
      const allUseIndex = SEARCHES.every((s) => plans[s.key]?.usesIndex);
      const searchOk = ['search', 'search-a1'].every((k) => measured[k] && measured[k].p95 <= SEARCH_BUDGET_MS && clean(k));
      const mapOk = ['mapStats', 'supply'].every((k) => measured[k] && measured[k].p95 <= MAP_BUDGET_MS && clean(k));
      log(
        `${verdict(allUseIndex)} uses index: ${INDEX} in the plan of ${SEARCHES.filter((s) => plans[s.key]?.usesIndex).length}/${SEARCHES.length} ` +
          `searches (a1: ${plans['a1']?.usesIndex ? 'yes' : 'NO'})`,
      );
      for (const k of ['search', 'search-a1', 'mapStats', 'supply']) {
        const c = cases.find((x) => x.key === k);
        if (!c) continue;
        // the issue's budgets are for PostgreSQL at 100,000 bases; PGlite's figures at 10,000 are reported beside them
        const mark = engine === 'postgres' ? verdict((measured[k]?.p95 ?? Infinity) <= c.budgetMs && clean(k)) : 'REPORT';
        log(
          `${mark} ${k}: p95 ${f1(measured[k]?.p95 ?? Number.NaN)} ms ${engine === 'postgres' ? '≤' : "(PostgreSQL's budget:"} ${c.budgetMs} ` +
            `ms${engine === 'postgres' ? '' : ')'} (${label}, ${CLIENTS} clients, through the API)${clean(k) ? '' : '; some requests failed'}`,
        );
      }

      results.push(
        {
          name: 'training bases search plan uses the GIN index of training_base_search',
          kind: 'metric',
          note: 'EXPLAIN (ANALYZE, BUFFERS) of searchSql(...) per search; details.explain also holds the full statement trainingBases.search sends for (a1)',
          budget: `the plan of keyword + two filters uses ${INDEX}`,
          withinBudget: allUseIndex,
          values: Object.fromEntries(SEARCHES.map((s) => [`executionMs_${s.key}`, plans[s.key]?.executionMs ?? Number.NaN])),
          details: { searches: Object.fromEntries(SEARCHES.map((s) => [s.key, s.input])), plans, explain: explained },
        } satisfies MetricResult,
        {
          name: 'training bases p95 budgets',
          kind: 'metric',
          note:
            `p95 through HTTP + tRPC at ${CLIENTS} connections against the server in its own process (${label}); p95Ms_<case>_1conn: the same on ` +
            `one connection (no queueing); serverCpuMs_<case>: CPU time of the server process per request`,
          budget:
            `search (keyword + 2 filters, first page) p95 ≤ ${SEARCH_BUDGET_MS} ms; mapStats/supply p95 ≤ ${MAP_BUDGET_MS} ms; on PostgreSQL at ` +
            `100,000 bases (PGlite at 10,000: reported only)`,
          withinBudget: engine === 'postgres' ? searchOk && mapOk : undefined,
          values: Object.fromEntries(
            cases.flatMap((c) => [
              [`p95Ms_${c.key}`, measured[c.key]?.p95 ?? Number.NaN],
              [`p95Ms_${c.key}_1conn`, p95Of(measured[c.key]?.unloaded)],
              [`serverCpuMs_${c.key}`, measured[c.key]?.serverCpuMsPerRequest ?? Number.NaN],
            ]),
          ),
          details: { searchWithinBudget: searchOk, mapWithinBudget: mapOk, serverBootMs: ms(bootMs) },
        } satisfies MetricResult,
      );
      return results;
    } finally {
      if (child) await child.stop(KILL_AFTER_MS);
      if (db) await db.close();
      await store
        .dispose()
        .catch((error: unknown) => log(`could not remove ${store.label}: ${error instanceof Error ? error.message : String(error)}`));
    }
  },
};
