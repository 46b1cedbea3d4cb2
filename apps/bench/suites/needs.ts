import autocannon from 'autocannon';
import { cpus, loadavg } from 'node:os';
import { sql, type SQL } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import { createDb, type Database } from '@ronghe/db/client';
import { prepareDatabase } from '@ronghe/db/seed';
import {
  cohortCandidates,
  needCandidates,
  organizationConsortia,
  organizationPlaceAndConsortia,
} from '@ronghe/db/queries/need-recommendations';
import { getCohort } from '@ronghe/db/queries/cohorts';
import { getNeed } from '@ronghe/db/queries/needs';
import { textArray } from '@ronghe/db/queries/sql';
import { regionPath, regions } from '@ronghe/domain/reference/regions';
import { todayInChina } from '@ronghe/domain/training-base';
import { freePort, startChild, type ChildServer } from '../lib/child-server.ts';
import { loopLoad, measure, measurePair, type Load } from '../lib/load.ts';
import { createScratchStore } from '../lib/scratch-store.ts';
import { captureStatements, type Statement } from '../lib/sql-capture.ts';
import { ratio } from '../lib/stats.ts';
import type { BenchResult, LoadResult, LoadStats, MetricResult, Samples, Suite, SuiteContext } from '../types.ts';
import { cpuMsOf } from '../lib/proc-status.ts';
import { mulberry32 } from '../lib/random.ts';

// Recommendations both ways (issue 6): needs.recommendCohorts for a need and cohorts.recommendNeeds for a cohort, at
// 20,000 organisations, 200,000 needs and 100,000 cohorts on PostgreSQL (a tenth on PGlite), seeded set-based into a
// scratch database and served by the real server in its own process, called by a platform admin (RONGHE_ADMIN_EMAIL)
// with random ids. Budget: p95 ≤ 100 ms each, through the API, on PostgreSQL at full scale. The issue names no
// concurrency for it (issue 5 asks 8 clients of base search; this one does not): the budget is the latency of one
// recommendation, measured over one connection, requests one after another (docs/decisions/006). The same calls at 8
// concurrent clients are measured too and printed beside it: on 2 cores shared with the load generator they show how
// requests queue, and their baseline is the statements the service sends for the same ids, straight through the driver.

export const SCALE = {
  postgres: { organizations: 20_000, needs: 200_000, cohorts: 100_000, consortia: 1_000 },
  pglite: { organizations: 2_000, needs: 20_000, cohorts: 10_000, consortia: 100 },
} as const;
const CLIENTS = 8;
const BUDGET_MS = 100;
/** random ids each procedure is called with, in rotation */
const IDS = 200;
/** recommendations asked for (the procedures' default) */
const LIMIT = 20;
const MIN_DURATION_S = 3;
const START_TIMEOUT_MS = 120_000;
const KILL_AFTER_MS = 15_000;
const ADMIN = { email: 'bench-admin@ronghe.invalid', password: 'bench-admin-password-1' };

/** Majors (2021 catalogue codes) and how common they are among needs and cohorts: manufacturing, care and IT lead. */
const MAJORS: Array<[code: string, weight: number]> = [
  ['460103', 8],
  ['460104', 3],
  ['460110', 4],
  ['460301', 6],
  ['460305', 6],
  ['460306', 2],
  ['460609', 2],
  ['460702', 5],
  ['660103', 4],
  ['510201', 5],
  ['510204', 2],
  ['510205', 4],
  ['510209', 4],
  ['510401', 2],
  ['520201', 7],
  ['720201', 4],
  ['520802', 3],
  ['590302', 3],
  ['590303', 2],
  ['530701', 5],
  ['530702', 2],
  ['530703', 2],
  ['530802', 4],
  ['530302', 3],
  ['500211', 2],
  ['500606', 2],
  ['440301', 3],
  ['440501', 2],
  ['490208', 2],
  ['470201', 1],
  ['540202', 2],
  ['410101', 2],
  ['550101', 1],
  ['570102', 1],
];

function weightedSample(list: ReadonlyArray<readonly [string, number]>, n: number, next: () => number): string[] {
  const total = list.reduce((s, [, w]) => s + w, 0);
  return Array.from({ length: n }, () => {
    let r = next() * total;
    for (const [value, w] of list) if ((r -= w) < 0) return value;
    return list[0]?.[0] ?? '';
  });
}

/** Where organisations register: districts of Beijing and Tianjin, Hebei counties (development zones less often) and prefectures. */
function regionSample(n: number, next: () => number): string[] {
  const weights = regions
    .filter((r) => r.level !== 'province')
    .map((r): [string, number] => [
      r.code,
      r.provinceCode === '11' ? 1.6 : r.provinceCode === '12' ? 1.2 : r.level === 'prefecture' ? 1 : r.statutory ? 0.5 : 0.15,
    ]);
  return weightedSample(weights, n, next);
}

/** A non-negative deterministic hash of an integer SQL expression (hashint4 can return -2^31, hence bigint). */
const h = (expr: string) => sql.raw(`abs(hashint4(${expr})::bigint)`);

export type Scale = (typeof SCALE)[keyof typeof SCALE];

/** The seeding statements, set-based (generate_series and hashes), each with a label for the progress log. */
function seedStatements(s: Scale, today: string): Array<[string, SQL]> {
  const next = mulberry32(20270101);
  const places = textArray(regionSample(2_000, next));
  const majors = textArray(weightedSample(MAJORS, 1_000, next));
  return [
    [
      'organisations',
      sql`with o as (select g, (${places})[1 + ${h('g * 5 + 1')} % 2000] as region_code,
          case when ${h('g * 5 + 2')} % 100 < 40 then 'school' when ${h('g * 5 + 2')} % 100 < 90 then 'enterprise' else 'partner' end as kind
        from generate_series(0, ${s.organizations - 1}) g)
      insert into organization (kind, name, region_code, status, school_level, partner_type, staff_count, status_changed_at)
      select o.kind, r.name || case o.kind when 'school' then '职业技术学院' when 'enterprise' then '智造科技有限公司' else '产教融合促进中心' end || '（' || o.g || '）',
        o.region_code, 'verified', case when o.kind = 'school' then 'gaozhi' end, case when o.kind = 'partner' then 'association' end,
        case when o.kind <> 'partner' then 100 + ${h('o.g * 5 + 3')} % 3000 end, now()
      from o join region r on r.code = o.region_code`,
    ],
    [
      'consortia',
      sql`insert into consortium (kind, level, name, anchor_region_code, proposed_by_organization_id, status, approved_at)
      select case when g % 2 = 0 then 'city_union' else 'industry_community' end, 'municipal', '京津冀产教融合共同体（' || g || '）', o.region_code, o.id, 'active', now()
      from generate_series(0, ${s.consortia - 1}) g
      join (select id, region_code, row_number() over (order by id) - 1 as i from organization) o on o.i = ${h('g * 7 + 1')} % ${s.organizations}`,
    ],
    [
      'consortium memberships (0–3 an organisation)',
      sql`insert into consortium_member (consortium_id, organization_id, role, status, joined_at)
      select c.id, o.id, 'member', 'active', now()
      from (select id, row_number() over (order by id) - 1 as i from organization) o
      cross join generate_series(1, 3) j
      join (select id, row_number() over (order by id) - 1 as i from consortium) c on c.i = ${h('(o.i * 3 + j)::int')} % ${s.consortia}
      where ${h('(o.i * 3 + j + 11)::int')} % 100 < 50
      on conflict do nothing`,
    ],
    [
      'needs',
      sql`with e as (select id, region_code, row_number() over (order by id) - 1 as i from organization where kind = 'enterprise'),
        c as (select array_agg(id order by id) as ids from consortium),
        n as (select g, ${h('g * 13 + 1')} % 100 as r_kind, ${h('g * 13 + 2')} % 100 as r_status, ${h('g * 13 + 3')} as r_major,
            (${majors})[1 + ${h('g * 13 + 4')} % 1000] as m1, (${majors})[1 + ${h('g * 13 + 5')} % 1000] as m2,
            date '2027-01-04' + (${h('g * 13 + 6')} % 300)::int as period_from, 30 + (${h('g * 13 + 7')} % 150)::int as days,
            ${h('g * 13 + 8')} as r_org
          from generate_series(0, ${s.needs - 1}) g),
        m as (select n.*, case when r_major % 100 < 5 then '{}'::text[] when r_major % 100 < 35 then array[m1, m2] else array[m1] end as codes from n)
      insert into need (organization_id, consortium_id, kind, title, region_code, deadline, major_codes, major_categories, headcount, period_from,
        period_to, status, published_at)
      select e.id, case when ${h('m.g * 13 + 9')} % 100 < 10 then c.ids[1 + ${h('m.g * 13 + 10')} % cardinality(c.ids)] end,
        k.kind, k.kind || '（' || m.g || '）', e.region_code, ${today}::date + 7 + (${h('m.g * 13 + 11')} % 200)::int,
        array(select distinct x from unnest(m.codes) x order by x), array(select distinct left(x, 2)::int % 20 from unnest(m.codes) x order by 1),
        case when k.kind in ('internship', 'order_class', 'teacher_practice') then 5 + (${h('m.g * 13 + 12')} % 36)::int end,
        case when k.kind in ('internship', 'teacher_practice') then m.period_from end, case when k.kind in ('internship', 'teacher_practice') then
          m.period_from + m.days end,
        case when m.r_status < 88 then 'published' when m.r_status < 93 then 'draft' when m.r_status < 97 then 'closed' else 'filled' end,
        case when m.r_status < 88 or m.r_status >= 93 then now() - (${h('m.g * 13 + 13')} % 200)::int * interval '1 day' end
      from m cross join c
      join e on e.i = m.r_org % (select count(*) from e)
      cross join lateral (select case when m.r_kind < 75 then 'internship' when m.r_kind < 85 then 'order_class' when m.r_kind < 90 then 'teacher_practice'
        when m.r_kind < 95 then 'curriculum' else 'technical_problem' end as kind) k`,
    ],
    [
      'cohorts',
      sql`with s as (select o.id, o.region_code, r.province_code, r.parent_code, row_number() over (order by o.id) - 1 as i
          from organization o join region r on r.code = o.region_code where o.kind = 'school'),
        c as (select g, (${majors})[1 + ${h('g * 17 + 1')} % 1000] as major_code, date '2027-01-04' + (${h('g * 17 + 2')} % 240)::int as window_from,
            60 + (${h('g * 17 + 3')} % 120)::int as days, ${h('g * 17 + 4')} as r_school, ${h('g * 17 + 5')} % 100 as r1, ${h('g * 17 + 6')} % 100 as r2
          from generate_series(0, ${s.cohorts - 1}) g)
      insert into cohort (organization_id, major_code, major_category, level, year, students, window_from, window_to, region_codes, teachers, status)
      select s.id, c.major_code, left(c.major_code, 2)::int % 20, case when c.major_code like '6%' or c.major_code like '7%' then 'zhongzhi' else 'gaozhi' end,
        2024 + (c.g % 3), 10 + (${h('c.g * 17 + 7')} % 50)::int, c.window_from, c.window_from + c.days,
        array[s.province_code || '0000']
          || case when s.province_code = '13' and s.parent_code is not null and s.parent_code <> '130000' and c.r1 < 50 then array[s.parent_code] else
            '{}'::text[] end
          || case when s.province_code <> '11' and c.r2 < 40 then array['110000'] else '{}'::text[] end
          || case when s.province_code <> '12' and c.r2 % 7 < 2 then array['120000'] else '{}'::text[] end
          || case when c.r1 % 5 = 0 then array[s.region_code] else '{}'::text[] end,
        1 + (c.g % 4), case when c.r2 % 20 = 0 then 'closed' else 'open' end
      from c join s on s.i = c.r_school % (select count(*) from s)`,
    ],
  ];
}

/** PROPOSED INDEXES for packages/db/src/schema/needs.ts, as drizzle-kit writes them: no-ops once a migration has made them. */
const PROPOSED_INDEXES: string[] = [
  `CREATE INDEX IF NOT EXISTS "need_published_region_idx" ON "need" USING btree ` +
    `("region_code","deadline","id","organization_id","major_categories","major_codes","period_from","period_to","headcount","accepted") WHERE status = ` +
    `'published'`,
  `CREATE INDEX IF NOT EXISTS "cohort_open_match_idx" ON "cohort" USING btree ` +
    `("major_category","major_code","organization_id","id","window_from","window_to","students","region_codes") WHERE status = 'open'`,
];

async function proposedIndexes(db: Database): Promise<string[]> {
  for (const statement of PROPOSED_INDEXES) await db.rows(sql.raw(statement));
  return PROPOSED_INDEXES;
}

export async function seed(db: Database, s: Scale, log: (m: string) => void): Promise<Record<string, number>> {
  const started = performance.now();
  for (const [label, statement] of seedStatements(s, todayInChina())) {
    const t = performance.now();
    await db.rows(statement);
    log(`  ${label}: ${ms(performance.now() - t)} ms`);
  }
  const seedMs = ms(performance.now() - started);
  const t = performance.now();
  const indexes = await proposedIndexes(db);
  const indexMs = ms(performance.now() - t);
  if (indexes.length) log(`  proposed indexes (${indexes.length}): ${indexMs} ms`);
  for (const table of ['organization', 'consortium', 'consortium_member', 'need', 'cohort'])
    await db.rows(sql.raw(`vacuum analyze ${table}`));
  const [counts] = await db.rows<Record<string, number>>(sql`select
      (select count(*) from organization)::int as organizations,
      (select count(*) from organization where kind = 'school')::int as schools,
      (select count(*) from organization where kind = 'enterprise')::int as enterprises,
      (select count(distinct region_code) from organization)::int as organization_regions,
      (select count(*) from consortium_member)::int as memberships,
      (select count(*) from need)::int as needs,
      (select count(*) from need where status = 'published')::int as published_needs,
      (select count(*) from cohort)::int as cohorts,
      (select count(*) from cohort where status = 'open')::int as open_cohorts,
      (select round(avg(cardinality(region_codes)), 2)::float8 from cohort) as avg_cohort_regions`);
  if (!counts || counts.needs !== s.needs || counts.cohorts !== s.cohorts)
    throw new Error(`seeded ${JSON.stringify(counts)}, wanted ${JSON.stringify(s)}`);
  return { seedMs, indexMs, vacuumAnalyzeMs: ms(performance.now() - t - indexMs), ...counts };
}

// ---- what is measured ------------------------------------------------------------------------

const ms = (value: number) => Math.round(value);
const f1 = (value: number) => (Number.isFinite(value) ? value.toFixed(1) : '—');
const load1 = () => Math.round((loadavg()[0] ?? 0) * 10) / 10;
const trpcPath = (procedure: string, input: unknown) => `/trpc/${procedure}?input=${encodeURIComponent(JSON.stringify({ json: input }))}`;
const dialect = new PgDialect();

/** Statements a task sends, through drizzle's query builder and through db.rows (which escapes captureStatements). */
async function statementsOf(db: Database, task: (db: Database) => Promise<unknown>): Promise<Statement[]> {
  const viaRows: Statement[] = [];
  const recording: Database = {
    ...db,
    rows: (query) => {
      viaRows.push(dialect.sqlToQuery(query));
      return db.rows(query);
    },
  };
  const viaOrm = await captureStatements(recording, task);
  return [...viaOrm, ...viaRows];
}

/** The query calls recommendCohorts makes for a need, as the service makes them; the number of candidates. */
async function cohortsFor(db: Database, needId: string) {
  const need = await getNeed(db, needId);
  if (!need) throw new Error(`need ${needId} vanished`);
  const consortiumIds = [...(need.consortiumId ? [need.consortiumId] : []), ...(await organizationConsortia(db, need.organizationId))];
  return (await cohortCandidates(db, { ...need, regionPath: regionPath(need.regionCode).map((r) => r.code), consortiumIds }, LIMIT)).length;
}

/** The query calls recommendNeeds makes for a cohort. */
async function needsFor(db: Database, cohortId: string) {
  const cohort = await getCohort(db, cohortId);
  if (!cohort) throw new Error(`cohort ${cohortId} vanished`);
  const school = await organizationPlaceAndConsortia(db, cohort.organizationId);
  return (
    await needCandidates(
      db,
      { ...cohort, schoolRegionCode: school.regionCode ?? '', consortiumIds: school.consortiumIds },
      todayInChina(),
      LIMIT,
    )
  ).length;
}

/** GET load over several paths (each connection cycles through them) with the session cookie, latencies per response. */
function httpMixLoad(origin: string, paths: string[], cookie: string, connections: number): Load {
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
        headers: { cookie },
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

/** Each loop runs one id's statements in order, as one request would, straight through the driver. */
function directLoad(db: Database, perId: Statement[][]): Load {
  let i = 0;
  const run =
    db.client.kind === 'pglite'
      ? (
          (p) => async (s: Statement) =>
            (await p.query(s.sql, s.params)).rows.length
        )(db.client.pglite)
      : (
          (q) => async (s: Statement) =>
            (await q.unsafe(s.sql, s.params as never[])).length
        )(db.client.sql);
  return loopLoad(async () => {
    for (const s of perId[i++ % perId.length] ?? []) await run(s);
  }, CLIENTS);
}

/** The load, counting the server process's CPU time over its requests (warm-up included): what the API layers cost besides SQL. */
function metered(load: Load, pid: number): { load: Load; perRequestMs: () => number } {
  let cpuMs = 0;
  let requests = 0;
  const wrapped: Load = async (durationS) => {
    const before = cpuMsOf(pid);
    const samples = await load(durationS);
    const after = cpuMsOf(pid);
    if (before !== null && after !== null) cpuMs += after - before;
    requests += samples.latenciesMs.length;
    return samples;
  };
  return { load: wrapped, perRequestMs: () => (requests > 0 ? Math.round((cpuMs / requests) * 100) / 100 : Number.NaN) };
}

async function explainLines(db: Database, s: Statement): Promise<string[]> {
  const parts = s.sql.split(/\$(\d+)/);
  const bound = sql.join(parts.map((part, i) => (i % 2 === 0 ? sql.raw(part) : sql`${s.params[Number(part) - 1]}`)));
  const rows = await db.rows<Record<string, unknown>>(sql`EXPLAIN (ANALYZE, BUFFERS) ${bound}`);
  return rows.map((row) => String(row['QUERY PLAN'] ?? Object.values(row)[0]));
}

type Case = { key: string; label: string; paths: string[]; perId: Statement[][]; candidates: number[] };

export const needsSuite: Suite = {
  name: 'needs',
  run: async (ctx: SuiteContext): Promise<BenchResult[]> => {
    const { log } = ctx;
    const store = await createScratchStore(ctx.env.DATABASE_URL);
    const engine = store.engine;
    const scale = SCALE[engine];
    const durationS = Math.max(ctx.durationS, MIN_DURATION_S);
    let db: Database | null = null;
    let child: ChildServer | null = null;
    try {
      db =
        'DATABASE_URL' in store.env
          ? await createDb({ engine: 'postgres', url: store.env.DATABASE_URL, max: CLIENTS })
          : await createDb({ engine: 'pglite', dataDir: store.env.RONGHE_DATA_DIR });
      log(`scratch ${store.label}: migrate, then seed ${JSON.stringify(scale)}`);
      await prepareDatabase(db, { demo: false });
      const facts = await seed(db, scale, log);
      log(`seeded: ${JSON.stringify(facts)}`);
      const results: BenchResult[] = [
        {
          name: 'needs seed',
          kind: 'metric',
          note: `${engine} scratch database, set-based INSERT … SELECT FROM generate_series with hashints; then VACUUM ANALYZE`,
          values: facts,
        },
      ];

      const needIds = (
        await db.rows<{ id: string }>(sql`select id::text from need where status = 'published' order by md5(id::text) limit ${IDS}`)
      ).map((r) => r.id);
      const cohortIds = (
        await db.rows<{ id: string }>(sql`select id::text from cohort where status = 'open' order by md5(id::text) limit ${IDS}`)
      ).map((r) => r.id);
      const cases: Case[] = [
        {
          key: 'recommendCohorts',
          label: `needs.recommendCohorts, ${IDS} random published needs`,
          paths: needIds.map((id) => trpcPath('needs.recommendCohorts', { needId: id, limit: LIMIT })),
          perId: [],
          candidates: [],
        },
        {
          key: 'recommendNeeds',
          label: `cohorts.recommendNeeds, ${IDS} random open cohorts`,
          paths: cohortIds.map((id) => trpcPath('cohorts.recommendNeeds', { cohortId: id, limit: LIMIT })),
          perId: [],
          candidates: [],
        },
      ];
      const [forNeeds, forCohorts] = cases;
      if (!forNeeds || !forCohorts) throw new Error('no cases');
      for (const id of needIds) {
        forNeeds.perId.push(await statementsOf(db, (c) => cohortsFor(c, id).then((n) => forNeeds.candidates.push(n))));
      }
      for (const id of cohortIds) {
        forCohorts.perId.push(await statementsOf(db, (c) => needsFor(c, id).then((n) => forCohorts.candidates.push(n))));
      }
      // the candidate statements (one a tier) the first id needed
      const explained: Record<string, string[]> = {};
      for (const c of cases) {
        const tiers = (c.perId[0] ?? []).filter((s) => /limit \$\d+\s*\) t\s/.test(s.sql));
        explained[c.key] = [];
        for (const [i, statement] of tiers.entries())
          explained[c.key]?.push(
            `-- candidate statement ${i + 1} of ${tiers.length} (tiers; the first two as one UNION ALL)`,
            ...(await explainLines(db, statement)),
          );
      }
      const candidateStats = Object.fromEntries(
        cases.flatMap((c) => {
          const sorted = [...c.candidates].sort((a, b) => a - b);
          return [
            [`candidatesMedian_${c.key}`, sorted[Math.floor(sorted.length / 2)] ?? 0],
            [`candidatesMax_${c.key}`, sorted[sorted.length - 1] ?? 0],
          ];
        }),
      );

      const baselines: Record<string, LoadStats> = {};
      if (engine === 'pglite') {
        for (const c of cases) {
          log(`baseline (PGlite, in process, ${CLIENTS} concurrent): ${c.label}`);
          baselines[c.key] = await measure(directLoad(db, c.perId), durationS);
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
        RONGHE_ADMIN_EMAIL: ADMIN.email,
        RONGHE_ADMIN_PASSWORD: ADMIN.password,
        ...store.env,
      };
      if (engine === 'pglite') delete childEnv.DATABASE_URL;
      child = startChild(childEnv, port);
      const bootMs = await child.waitHealthy(START_TIMEOUT_MS);
      log(`server (pid ${child.pid}) healthy after ${ms(bootMs)} ms on ${store.label}`);
      const signIn = await fetch(`${child.origin}/trpc/account.signIn`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ json: { identifier: ADMIN.email, password: ADMIN.password } }),
      });
      const cookie = signIn.headers
        .getSetCookie()
        .map((c) => c.split(';')[0])
        .join('; ');
      if (!signIn.ok || !cookie) throw new Error(`account.signIn answered ${signIn.status}: ${(await signIn.text()).slice(0, 300)}`);
      for (const c of cases) {
        const response = await fetch(`${child.origin}${c.paths[0] ?? ''}`, { headers: { cookie } });
        const body = (await response.json()) as { result?: { data?: { json?: unknown[] } } };
        if (response.status !== 200 || !body.result?.data?.json)
          throw new Error(`${c.key} answered ${response.status}: ${JSON.stringify(body).slice(0, 300)}`);
        log(`  ${c.key}: ${body.result.data.json.length} recommendations for the first id`);
      }

      const measured: Record<string, { load: LoadResult; unloaded: LoadStats; serverCpuMs: number }> = {};
      for (const c of cases) {
        const meter = metered(httpMixLoad(child.origin, c.paths, cookie, CLIENTS), child.pid);
        const subjectLoad = meter.load;
        const before = load1();
        log(`load ${durationS} s: ${c.label} (load average ${before} on ${cpus().length} cores)`);
        let subject: LoadStats;
        let baseline: LoadStats;
        let baselineName: string;
        if (db) {
          ({ subject, baseline } = await measurePair(subjectLoad, directLoad(db, c.perId), durationS));
          baselineName =
            `the statements the service sends for the same ids, through postgres.js (own pool of ${CLIENTS}, ${CLIENTS} concurrent), ` +
            `measured alternately`;
        } else {
          subject = await measure(subjectLoad, durationS);
          baseline = baselines[c.key] ?? subject;
          baselineName =
            `the statements the service sends for the same ids, through PGlite in the bench process (${CLIENTS} concurrent), before the ` +
            `server took the store`;
        }
        const unloaded = await measure(httpMixLoad(child.origin, c.paths, cookie, 1), durationS);
        const serverCpuMs = meter.perRequestMs();
        const note =
          `GET ${c.paths.length} paths in rotation, as a platform admin; ${CLIENTS} connections, ${durationS} s; load average ${before} ` +
          `before, ${load1()} after; server process CPU ${serverCpuMs} ms a request; one connection: p50 ${f1(unloaded.latencyMs.p50)}, p95 ` +
          `${f1(unloaded.latencyMs.p95)} ms`;
        measured[c.key] = {
          serverCpuMs,
          load: {
            name: `trpc ${c.label}`,
            kind: 'load',
            ...subject,
            note,
            baseline: { name: baselineName, ...baseline },
            ratio: ratio(subject, baseline),
          },
          unloaded,
        };
        results.push(measured[c.key]?.load as LoadResult);
      }

      const label =
        `${engine === 'postgres' ? 'PostgreSQL' : 'PGlite'} at ${scale.needs.toLocaleString('en')} needs / ` +
        `${scale.cohorts.toLocaleString('en')} cohorts`;
      log(
        `needs figures (${label}, ${CLIENTS} clients, ${durationS} s per case; ms): case  p50 p95 p99 req/s | baseline p50/p95/p99 req/s | ×p50 ×req/s ` +
          `| server CPU`,
      );
      for (const c of cases) {
        const m = measured[c.key]?.load;
        const b = m?.baseline;
        if (!m || !b) continue;
        log(
          `  ${c.key.padEnd(18)} ${f1(m.latencyMs.p50)} ${f1(m.latencyMs.p95)} ${f1(m.latencyMs.p99)} ${f1(m.reqPerSec)} | ` +
            `${f1(b.latencyMs.p50)}/${f1(b.latencyMs.p95)}/${f1(b.latencyMs.p99)} ${f1(b.reqPerSec)} | ${m.ratio?.p50 ?? '—'} ` +
            `${m.ratio?.reqPerSec ?? '—'} | server CPU ${measured[c.key]?.serverCpuMs ?? '—'} ms/req`,
        );
      }
      for (const c of cases) {
        log(`EXPLAIN (ANALYZE, BUFFERS) of the candidate statements for the first ${c.key === 'recommendCohorts' ? 'need' : 'cohort'}:`);
        for (const line of explained[c.key] ?? []) log(`  ${line}`);
      }
      const clean = (k: string) =>
        (measured[k]?.load.errors ?? 1) === 0 &&
        (measured[k]?.load.non2xx ?? 1) === 0 &&
        (measured[k]?.load.requests ?? 0) > 0 &&
        (measured[k]?.unloaded.errors ?? 1) === 0 &&
        (measured[k]?.unloaded.non2xx ?? 1) === 0;
      const p95 = (k: string) => measured[k]?.load.latencyMs.p95 ?? Number.NaN;
      const p95One = (k: string) => measured[k]?.unloaded.latencyMs.p95 ?? Number.NaN;
      const ok = (k: string) => p95One(k) <= BUDGET_MS && clean(k);
      for (const c of cases)
        log(
          `${ok(c.key) ? 'PASS' : 'FAIL'} ${c.key}: p95 ${f1(p95One(c.key))} ms ≤ ${BUDGET_MS} ms (${label}, one connection, through the ` +
            `API)${clean(c.key) ? '' : '; some requests failed'}; at ${CLIENTS} concurrent clients p95 ${f1(p95(c.key))} ms`,
        );
      results.push({
        name: 'needs recommendation p95 budgets',
        kind: 'metric',
        note:
          `p95 through HTTP + tRPC against the server in its own process (${label}), over one connection (the budget) and at ${CLIENTS} concurrent ` +
          `connections (queueing on 2 cores); candidates*: rows the candidate query returned per id`,
        budget: `recommendCohorts and recommendNeeds p95 ≤ ${BUDGET_MS} ms each on PostgreSQL at 200,000 needs / 100,000 cohorts`,
        withinBudget: engine === 'postgres' ? cases.every((c) => ok(c.key)) : null,
        values: {
          ...Object.fromEntries(
            cases.flatMap((c) => [
              [`p95Ms_${c.key}`, p95(c.key)],
              [`p95Ms_${c.key}_1conn`, measured[c.key]?.unloaded.latencyMs.p95 ?? Number.NaN],
              [`serverCpuMs_${c.key}`, measured[c.key]?.serverCpuMs ?? Number.NaN],
            ]),
          ),
          ...candidateStats,
        },
        details: { explain: explained, proposedIndexes: PROPOSED_INDEXES, serverBootMs: ms(bootMs) },
      } satisfies MetricResult);
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
