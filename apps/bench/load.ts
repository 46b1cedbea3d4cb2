import autocannon from 'autocannon';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve as resolvePath } from 'node:path';
import { sql, type SQL } from 'drizzle-orm';
import { createDb, type Database } from '@ronghe/db/client';
import { prepareDatabase } from '@ronghe/db/seed';
import { textArray } from '@ronghe/db/queries/sql';
import { freePort, REPO_ROOT } from './lib/child-server.ts';
import { readProfiles, summariseProfiles, type Window } from './lib/cpu-profile.ts';
import { sampleActivity, type ActivitySummary } from './lib/pg-activity.ts';
import { summarise } from './lib/stats.ts';
import { extraStatements } from './suites/monitoring.ts';
import { SCALE, seed } from './suites/needs.ts';
import { cpuMsOf } from './lib/proc-status.ts';

// `npm run bench -- --load` (issue 9): a mixed workload against TWO API processes over one fresh PostgreSQL database,
// for a fixed time, from autocannon on loopback (one instance per endpoint and process). Prints per endpoint the
// requests, req/s, p50/p95/p99, non-2xx and errors, then checks that every application answered 200 is in the
// database (zero lost writes). Exits 1 when an endpoint has an error, a non-2xx that is not an expected business
// refusal, or a lost write; 2 without DATABASE_URL. `--profile` adds the servers' CPU profiles (top functions by
// self time) and the statements the database spent its time on (pg_stat_activity sampled). The last line on stdout
// is `load: N passed, N failed` (N endpoints).

const DEMO_PASSWORD = 'ronghe2027demo';
const ACCOUNTS = {
  admin: 'admin@demo.ronghe.cn',
  enterprise: 'enterprise@demo.ronghe.cn',
  school: 'school@demo.ronghe.cn',
  partner: 'partner@demo.ronghe.cn',
} as const;
type Who = keyof typeof ACCOUNTS | 'anonymous';

/** Data set sizes: `--quick` seeds in well under a minute here; the full size is the needs suite's PostgreSQL scale. */
const SIZES = {
  quick: { needs: SCALE.pglite, bases: 2_000, applications: 6_000 },
  full: { needs: SCALE.postgres, bases: 30_000, applications: 60_000 },
} as const;
const DURATION_S = { quick: 15, full: 60 };
const WARMUP_S = { quick: 2, full: 5 };
/** ids each id-taking endpoint rotates through */
const IDS = 200;
const START_TIMEOUT_MS = 120_000;
const KILL_AFTER_MS = 20_000;
/** autocannon's per-request timeout, s: a request slower than this counts as an error */
const TIMEOUT_S = 10;

/** profileDir: keep the .cpuprofile files there (for a flame graph in Chrome DevTools) instead of a temporary folder */
export type LoadOptions = { quick: boolean; durationS?: number; profile: boolean; profileDir?: string };

const loaded = performance.now();
const log = (message: string) => process.stderr.write(`[load +${((performance.now() - loaded) / 1000).toFixed(1)} s] ${message}\n`);
const out = (line = '') => process.stdout.write(`${line}\n`);
const ms = (value: number) => Math.round(value);
const f1 = (value: number) => (Number.isFinite(value) ? value.toFixed(1) : '—');
const load1 = () => Math.round((loadavg()[0] ?? 0) * 10) / 10;
const trpcPath = (procedure: string, input?: unknown) =>
  input === undefined ? `/trpc/${procedure}` : `/trpc/${procedure}?input=${encodeURIComponent(JSON.stringify({ json: input }))}`;
const h = (expr: string) => sql.raw(`abs(hashint4(${expr})::bigint)`);

// ---- the data set ----------------------------------------------------------------------------

/** What partners search for, with the major the base is for: the base names carry these words, so keywords find them. */
const THEMES: Array<[theme: string, major: string]> = [
  ['数控加工', '460103'],
  ['智能制造', '460301'],
  ['工业机器人', '460305'],
  ['新能源汽车', '460702'],
  ['护理', '520201'],
  ['软件技术', '510201'],
  ['大数据', '510205'],
  ['电子商务', '530701'],
  ['物流管理', '530802'],
  ['烹饪工艺', '540202'],
  ['建筑工程', '440301'],
  ['轨道交通', '500606'],
];
const KINDS = [
  'campus',
  'campus',
  'campus',
  'enterprise_practice',
  'open_practice_centre',
  'common_tech_platform',
  'industry_college',
  'high_skill_base',
];

/** Training bases whose search document is built the way insertTrainingBase builds it (text bigrams plus facet tokens). */
function basesStatement(count: number): SQL {
  const themes = textArray(THEMES.map(([t]) => t));
  const majors = textArray(THEMES.map(([, m]) => m));
  const kinds = textArray(KINDS);
  return sql`with o as (select o.id, o.name, o.region_code, r.province_code,
        case when r.province_code = '13' and r.level = 'county' then r.parent_code else r.code end as map_region,
        row_number() over (order by o.id) - 1 as i
      from organization o join region r on r.code = o.region_code where o.kind <> 'partner'),
    b as (select g, 1 + ${h('g * 29 + 1')} % ${THEMES.length} as t, (${kinds})[1 + ${h('g * 29 + 2')} % ${KINDS.length}] as kind,
        ${h('g * 29 + 3')} % 100 as r, ${h('g * 29 + 4')} as r_org
      from generate_series(0, ${count - 1}) g),
    x as (select b.*, o.id as owner, o.region_code, o.province_code, o.map_region, (${majors})[b.t] as major,
        (${themes})[b.t] || case b.r % 3 when 0 then '实训基地' when 1 then '实训中心' else '产教融合实训室' end || '（' || b.g || '）' as name,
        o.name || '建设的' || (${themes})[b.t] || '实训场所，设备齐全，面向京津冀院校和企业开放。' as description,
        case when b.r < 88 then 'published' when b.r < 96 then 'draft' else 'unpublished' end as status, b.r % 10 < 6 as open
      from b join o on o.i = b.r_org % (select count(*) from o))
    insert into training_base (owner_organization_id, kind, name, description, major_codes, region_code, map_region_code, address, lng, lat,
      stations, daily_capacity, open_to_partners, open_terms, status, search_text, search_tokens, published_at)
    select owner, kind, name, description, array[major], region_code, map_region, '', 115.5 + (g % 200) / 100.0, 38.5 + (g % 170) / 100.0,
      10 + (${h('g * 29 + 5')} % 90)::int, 40, open, case when open then 'cost_sharing' end, status, name || E'\n' || description,
      ronghe_search_tokens(name || E'\n' || description,
        array['s:' || status, 'k:' || kind, 'r:' || region_code, 'r:' || map_region, 'r:' || province_code || '0000', 'm:' || major, 'mc:' ||
          (left(major, 2)::int % 20)]
        || case when open then array['o:1'] else '{}'::text[] end),
      case when status <> 'draft' then now() end
    from x`;
}

async function seedAll(db: Database, size: (typeof SIZES)[keyof typeof SIZES]): Promise<Record<string, number>> {
  const started = performance.now();
  await prepareDatabase(db, { demo: false });
  log(`migrated in ${ms(performance.now() - started)} ms; seeding ${JSON.stringify(size.needs)} (the needs suite's set)`);
  await seed(db, size.needs, log);
  for (const [label, statement] of [
    ...extraStatements({ bases: 0, applications: size.applications }),
    [`training bases (${size.bases})`, basesStatement(size.bases)] as [string, SQL],
  ]) {
    const t = performance.now();
    await db.rows(statement);
    log(`  ${label}: ${ms(performance.now() - t)} ms`);
  }
  const t = performance.now();
  await prepareDatabase(db, { demo: true });
  log(`  demo data: ${ms(performance.now() - t)} ms`);
  for (const table of [
    'organization',
    'training_base',
    'training_base_search',
    'need',
    'cohort',
    'need_application',
    'placement',
    'cooperation_project',
  ])
    await db.rows(sql.raw(`vacuum analyze ${table}`));
  const [counts] = await db.rows<Record<string, number>>(sql`select
      (select count(*) from organization)::int as organizations,
      (select count(*) from training_base where status = 'published')::int as published_bases,
      (select count(*) from need where status = 'published')::int as published_needs,
      (select count(*) from cohort where status = 'open')::int as open_cohorts,
      (select count(*) from need_application)::int as applications`);
  return { seedMs: ms(performance.now() - started), ...counts };
}

// ---- the servers -----------------------------------------------------------------------------

type Proc = { pid: number; origin: string; stop: () => Promise<void>; output: () => string };

/** The server as `npm start` runs it, in its own process, with --cpu-prof when profiling; resolves once /healthz answers. */
async function startServer(databaseUrl: string, profileDir: string | null): Promise<Proc> {
  const port = await freePort();
  const args = [
    '--max-semi-space-size=4',
    ...(profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : []),
    '--import',
    'tsx',
    join(REPO_ROOT, 'apps/api/src/main.ts'),
  ];
  // RONGHE_WRITE_LIMIT: the run's writes all come from one demo account standing in for many schools, so the per-user
  // write limit (600 a minute) is set out of reach rather than off: each write still pays for being counted
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    DATABASE_URL: databaseUrl,
    RONGHE_DEMO: 'true',
    // the run signs in as the demo admin too: its password is given rather than generated
    RONGHE_DEMO_ADMIN_PASSWORD: DEMO_PASSWORD,
    RONGHE_WRITE_LIMIT: '1000000000',
  };
  delete env.RONGHE_DATA_DIR;
  const child = spawn(process.execPath, args, { cwd: REPO_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let tail = '';
  const keep = (chunk: string) => void (tail = (tail + chunk).slice(-4000));
  child.stdout.setEncoding('utf8').on('data', keep);
  child.stderr.setEncoding('utf8').on('data', keep);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const origin = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), KILL_AFTER_MS);
    await exited;
    clearTimeout(timer);
  };
  const deadline = performance.now() + START_TIMEOUT_MS;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`server exited before it was healthy:\n${tail}`);
    if (performance.now() > deadline) {
      await stop();
      throw new Error(`server not healthy after ${START_TIMEOUT_MS} ms:\n${tail}`);
    }
    const ok = await fetch(`${origin}/healthz`, { signal: AbortSignal.timeout(2000) })
      .then(async (r) => (await r.arrayBuffer(), r.ok))
      .catch(() => false);
    if (ok) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  if (child.pid === undefined) throw new Error('no pid');
  return { pid: child.pid, origin, stop, output: () => tail };
}

async function signIn(origin: string, email: string): Promise<string> {
  const response = await fetch(`${origin}/trpc/account.signIn`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ json: { identifier: email, password: DEMO_PASSWORD } }),
  });
  const cookie = response.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  if (!response.ok || !cookie) throw new Error(`sign-in of ${email} answered ${response.status}: ${(await response.text()).slice(0, 300)}`);
  return cookie;
}

async function getJson<T>(origin: string, path: string, cookie: string): Promise<T> {
  const response = await fetch(`${origin}${path}`, { headers: { cookie } });
  const text = await response.text();
  if (response.status !== 200)
    throw new Error(`GET ${decodeURIComponent(path).slice(0, 160)} answered ${response.status}: ${text.slice(0, 300)}`);
  return (JSON.parse(text) as { result: { data: { json: T } } }).result.data.json;
}

// ---- the workload ----------------------------------------------------------------------------

type Request = {
  method: 'GET' | 'POST';
  path: string;
  headers?: Record<string, string>;
  body?: string;
  setupRequest?: (req: Request) => Request;
  onResponse?: (status: number, body: string) => void;
};

/** A write's own count: requests built and answers of any status (autocannon drops what is in flight when it stops). */
type WriteLedger = { acked: Set<string>; built: number; answered: number };

type Endpoint = {
  key: string;
  who: Who;
  /** connections per server process */
  connections: number;
  requests: Request[];
  /** statuses that are a business refusal the workload can provoke (not an error) */
  refusals?: number[];
  /** a write: the ids its 200 responses name are checked against the database */
  ledger?: WriteLedger;
};

type Tally = { latenciesMs: number[]; statuses: Map<number, number>; bytes: number; errors: number; timeouts: number; elapsedS: number };

function runInstance(origin: string, e: Endpoint, cookie: string, durationS: number, tally: Tally): Promise<void> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const headers: Record<string, string> = cookie ? { cookie } : {};
    const options = {
      url: origin,
      connections: e.connections,
      duration: durationS,
      sampleInt: 100,
      timeout: TIMEOUT_S,
      headers,
      requests: e.requests,
    };
    const instance = autocannon(options as Parameters<typeof autocannon>[0], (error, result) => {
      if (error) return reject(error);
      tally.errors += result.errors;
      tally.timeouts += result.timeouts;
      tally.elapsedS = Math.max(tally.elapsedS, (performance.now() - started) / 1000);
      resolve();
    });
    instance.on('response', (_client, statusCode, bytes, responseTime) => {
      tally.latenciesMs.push(responseTime);
      tally.bytes += bytes;
      tally.statuses.set(statusCode, (tally.statuses.get(statusCode) ?? 0) + 1);
    });
  });
}

/** Every endpoint against every server at once, for `durationS`. */
async function runMix(
  servers: Proc[],
  endpoints: Endpoint[],
  cookies: Record<Who, string>,
  durationS: number,
): Promise<Map<string, Tally>> {
  const tallies = new Map(
    endpoints.map((e) => [e.key, { latenciesMs: [], statuses: new Map(), bytes: 0, errors: 0, timeouts: 0, elapsedS: 0 } as Tally]),
  );
  await Promise.all(
    endpoints.flatMap((e) => servers.map((s) => runInstance(s.origin, e, cookies[e.who], durationS, tallies.get(e.key) as Tally))),
  );
  return tallies;
}

type Fixtures = { needIds: string[]; cohortIds: string[]; baseIds: string[]; schoolId: string; indicatorIds: string[]; tag: string };

function endpoints(f: Fixtures): Endpoint[] {
  const searches: unknown[] = [
    { q: '数控' },
    { q: '护理', regionCode: '110000' },
    { q: '智能制造', openToPartners: true },
    { q: '新能源汽车', sort: 'capacity' },
    { q: '工业机器人', kind: 'campus' },
    { majorCategory: 6 },
    { regionCode: '120000', sort: 'capacity' },
    { q: '实训', regionCode: '130100' },
    { q: '大数据', majorCategory: 11 },
    { openToPartners: true, sort: 'distance', near: { lng: 116.4, lat: 39.9 } },
    { q: '电子商务' },
    { q: '轨道交通', openToPartners: true, regionCode: '130000' },
  ];
  const get = (paths: string[]): Request[] => paths.map((path) => ({ method: 'GET', path }));
  const rotate = <T>(list: T[], n: number) => Array.from({ length: n }, (_, i) => list[i % list.length] as T);
  const ledger: WriteLedger = { acked: new Set<string>(), built: 0, answered: 0 };
  const apply: Request = {
    method: 'POST',
    path: '/trpc/needs.applyFor',
    headers: { 'content-type': 'application/json' },
    setupRequest: (req) => {
      const n = ledger.built++;
      return {
        ...req,
        body: JSON.stringify({
          json: { needId: f.needIds[n % f.needIds.length], organizationId: f.schoolId, students: 1 + (n % 5), message: `${f.tag} ${n}` },
        }),
      };
    },
    onResponse: (status, body) => {
      ledger.answered += 1;
      if (status !== 200) return;
      const id = (JSON.parse(body) as { result?: { data?: { json?: { id?: string } } } }).result?.data?.json?.id;
      if (id) ledger.acked.add(id);
    },
  };
  return [
    {
      key: 'trainingBases.search',
      who: 'anonymous',
      connections: 2,
      requests: get(searches.map((s) => trpcPath('trainingBases.search', s))),
    },
    {
      key: 'trainingBases.search (partner)',
      who: 'partner',
      connections: 1,
      requests: get([...searches].reverse().map((s) => trpcPath('trainingBases.search', s))),
    },
    {
      key: 'trainingBases.get',
      who: 'partner',
      connections: 2,
      requests: get(f.baseIds.map((id) => trpcPath('trainingBases.get', { id }))),
    },
    {
      key: 'needs.recommendCohorts',
      who: 'admin',
      connections: 1,
      requests: get(f.needIds.map((needId) => trpcPath('needs.recommendCohorts', { needId, limit: 20 }))),
    },
    {
      key: 'cohorts.recommendNeeds',
      who: 'admin',
      connections: 1,
      requests: get(f.cohortIds.map((cohortId) => trpcPath('cohorts.recommendNeeds', { cohortId, limit: 20 }))),
    },
    { key: 'needs.applyFor (write)', who: 'school', connections: 1, requests: [apply], refusals: [409], ledger },
    {
      key: 'needs.myApplications',
      who: 'school',
      connections: 1,
      requests: get([trpcPath('needs.myApplications', { organizationId: f.schoolId })]),
    },
    { key: 'monitoring.indicators', who: 'admin', connections: 1, requests: get([trpcPath('monitoring.indicators', {})]) },
    {
      key: 'monitoring.trend/breakdown',
      who: 'admin',
      connections: 1,
      requests: get(
        rotate(f.indicatorIds, 16).flatMap((id) => [trpcPath('monitoring.trend', { id }), trpcPath('monitoring.breakdown', { id })]),
      ),
    },
    {
      key: 'supplyDemand.map',
      who: 'admin',
      connections: 1,
      requests: get([
        trpcPath('supplyDemand.map', {}),
        trpcPath('supplyDemand.map', { provinceCode: '11' }),
        trpcPath('supplyDemand.map', { provinceCode: '13', categorySeq: 6 }),
        trpcPath('supplyDemand.map', { categorySeq: 12 }),
      ]),
    },
    { key: 'account.me', who: 'enterprise', connections: 1, requests: get([trpcPath('account.me')]) },
  ];
}

// ---- the report ------------------------------------------------------------------------------

type Row = {
  key: string;
  who: Who;
  kB: number;
  requests: number;
  reqPerSec: number;
  p50: number;
  p95: number;
  p99: number;
  non2xx: number;
  refused: number;
  errors: number;
  lost: number | null;
  pass: boolean;
  statuses: string;
};

function rowOf(e: Endpoint, t: Tally, lost: number | null): Row {
  const s = summarise({ latenciesMs: t.latenciesMs, elapsedS: t.elapsedS, errors: t.errors + t.timeouts, non2xx: 0 });
  let non2xx = 0;
  let refused = 0;
  for (const [status, count] of t.statuses) {
    if (status >= 200 && status <= 299) continue;
    if (e.refusals?.includes(status)) refused += count;
    else non2xx += count;
  }
  const statuses = [...t.statuses.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([status, count]) => `${status}×${count}`)
    .join(' ');
  const errors = t.errors + t.timeouts;
  return {
    key: e.key,
    who: e.who,
    kB: s.requests > 0 ? t.bytes / s.requests / 1024 : 0,
    requests: s.requests,
    reqPerSec: s.reqPerSec,
    ...s.latencyMs,
    non2xx,
    refused,
    errors,
    lost,
    pass: s.requests > 0 && errors === 0 && non2xx === 0 && (lost ?? 0) === 0,
    statuses,
  };
}

function printTable(rows: Row[], durationS: number): void {
  const head = [
    'endpoint',
    'as',
    'requests',
    'req/s',
    'p50 ms',
    'p95 ms',
    'p99 ms',
    'non-2xx',
    'refused',
    'errors',
    'lost',
    'kB/resp',
    'bar',
  ];
  const cells = rows.map((r) => [
    r.key,
    r.who,
    String(r.requests),
    f1(r.reqPerSec),
    f1(r.p50),
    f1(r.p95),
    f1(r.p99),
    String(r.non2xx),
    String(r.refused),
    String(r.errors),
    r.lost === null ? '—' : String(r.lost),
    f1(r.kB),
    r.pass ? 'PASS' : 'FAIL',
  ]);
  const total = rows.reduce(
    (s, r) => ({
      requests: s.requests + r.requests,
      non2xx: s.non2xx + r.non2xx,
      refused: s.refused + r.refused,
      errors: s.errors + r.errors,
      lost: s.lost + (r.lost ?? 0),
    }),
    { requests: 0, non2xx: 0, refused: 0, errors: 0, lost: 0 },
  );
  cells.push([
    'total',
    '',
    String(total.requests),
    f1(total.requests / durationS),
    '',
    '',
    '',
    String(total.non2xx),
    String(total.refused),
    String(total.errors),
    String(total.lost),
    '',
    rows.every((r) => r.pass) ? 'PASS' : 'FAIL',
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...cells.map((c) => (c[i] ?? '').length)));
  const line = (c: string[]) => c.map((v, i) => (i < 2 ? v.padEnd(widths[i] ?? 0) : v.padStart(widths[i] ?? 0))).join('  ');
  out(line(head));
  for (const c of cells) out(line(c));
}

function printProfile(dir: string, window: Window): void {
  const profiles = readProfiles(dir);
  if (!profiles.length) {
    out(`no .cpuprofile files in ${dir} (did the servers exit cleanly?)`);
    return;
  }
  const s = summariseProfiles(profiles, 15, window);
  out();
  out(
    `CPU profile of the 2 server processes over the measured run (${s.files} .cpuprofile files, one per thread, ${s.withSamples} with samples in it): ` +
      `${f1(s.sampledMs / 1000)} s sampled, ${f1(s.busyMs / 1000)} s busy (${f1((100 * s.busyMs) / Math.max(1, s.sampledMs))} %); shares are of busy time`,
  );
  out('top functions by self time:');
  for (const fn of s.functions) out(`  ${f1(fn.ms).padStart(8)} ms  ${f1(100 * fn.share).padStart(5)} %  ${fn.name}  ${fn.where}`);
  out('self time by module:');
  for (const m of s.modules) out(`  ${f1(m.ms).padStart(8)} ms  ${f1(100 * m.share).padStart(5)} %  ${m.name}`);
  const unowned = s.ours.find((fn) => fn.where === '');
  out(
    `busy time by the nearest function of the repository on the stack (libraries it calls included; ${f1(100 * (unowned?.share ?? 0))} % of it has ` +
      `none, as a stack starts afresh after each await):`,
  );
  for (const fn of s.ours.filter((f) => f !== unowned))
    out(`  ${f1(fn.ms).padStart(8)} ms  ${f1(100 * fn.share).padStart(5)} %  ${fn.name}  ${fn.where}`);
}

function printActivity(a: ActivitySummary): void {
  out();
  out(
    `database time by statement (pg_stat_activity sampled every ${a.intervalMs} ms: ${a.polls} polls, ${a.activeSamples} active backends seen, ` +
      `${a.workingSamples} of them not waiting on the API process (Client:* waits); db = working samples × interval, % of working samples; max seen is a ` +
      `lower bound of the slowest run):`,
  );
  for (const q of a.queries.slice(0, 10)) {
    const waits = Object.entries(q.waits)
      .slice(0, 2)
      .map(([w, n]) => `${w}×${n}`)
      .join(' ');
    out(
      `  db ${String(q.workingMs).padStart(6)} ms  ${f1(100 * q.share).padStart(5)} %  (active ${q.estMs} ms)  max seen ${f1(q.maxSeenMs).padStart(7)} ` +
        `ms${waits ? `  waits ${waits}` : ''}`,
    );
    out(`      ${q.query.slice(0, 220)}${q.query.length > 220 ? '…' : ''}`);
  }
}

// ---- the run ---------------------------------------------------------------------------------

async function adminExec(url: string, statement: string): Promise<void> {
  const admin = await createDb({ engine: 'postgres', url, max: 1 });
  try {
    await admin.rows(sql.raw(statement));
  } finally {
    await admin.close();
  }
}

/** Runs the load test; resolves to the exit code. */
export async function runLoad(opts: LoadOptions): Promise<number> {
  const base = process.env.DATABASE_URL;
  if (!base) {
    out(
      'bench --load needs DATABASE_URL (a PostgreSQL server it may create a database on), ' +
        'e.g. DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench -- --load',
    );
    return 2;
  }
  const mode = opts.quick ? 'quick' : 'full';
  const size = SIZES[mode];
  const durationS = opts.durationS ?? DURATION_S[mode];
  const runStarted = performance.now();
  const name = `ronghe_bench_load_${randomBytes(4).toString('hex')}`;
  const url = new URL(base);
  url.pathname = `/${name}`;
  const databaseUrl = url.toString();

  // npm runs the script in apps/bench: a relative --profile-dir is taken from where npm was started
  const profileDir = opts.profileDir
    ? resolvePath(process.env.INIT_CWD ?? process.cwd(), opts.profileDir)
    : opts.profile
      ? mkdtempSync(join(tmpdir(), 'ronghe-load-prof-'))
      : null;
  if (profileDir) mkdirSync(profileDir, { recursive: true });
  await adminExec(base, `create database "${name}"`);
  let db: Database | null = null;
  const servers: Proc[] = [];
  try {
    db = await createDb({ engine: 'postgres', url: databaseUrl, max: 2 });
    log(`database ${name}: seeding the ${mode} data set`);
    const facts = await seedAll(db, size);
    log(`seeded: ${JSON.stringify(facts)}`);

    // both at once: the servers take turns making the demo accounts (an advisory lock in server.ts)
    const t = performance.now();
    const starting = await Promise.allSettled([startServer(databaseUrl, profileDir), startServer(databaseUrl, profileDir)]);
    for (const s of starting) if (s.status === 'fulfilled') servers.push(s.value);
    const failed = starting.find((s) => s.status === 'rejected');
    if (failed) throw failed.reason;
    log(
      `servers (pids ${servers.map((s) => s.pid).join(', ')}) healthy after ${ms(performance.now() - t)} ms${profileDir ? ' (with --cpu-prof)' : ''}`,
    );
    const [first, second] = servers as [Proc, Proc];
    const cookies: Record<Who, string> = { anonymous: '', admin: '', enterprise: '', school: '', partner: '' };
    for (const who of Object.keys(ACCOUNTS) as Array<keyof typeof ACCOUNTS>) cookies[who] = await signIn(first.origin, ACCOUNTS[who]);
    const me = await getJson<{ memberships: Array<{ organizationId: string; kind: string; status: string }> } | null>(
      second.origin,
      trpcPath('account.me'),
      cookies.school,
    );
    const school = me?.memberships.find((m) => m.kind === 'school');
    if (!school) throw new Error(`the demo school account has no school: ${JSON.stringify(me)}`);
    const pick = async (query: SQL) => (await (db as Database).rows<{ id: string }>(query)).map((r) => r.id);
    const indicators = await getJson<Array<{ id: string }>>(second.origin, trpcPath('monitoring.indicators', {}), cookies.admin);
    const fixtures: Fixtures = {
      needIds: await pick(
        sql`select id::text from need where status = 'published' and deadline >= current_date + 2 order by md5(id::text) limit ${IDS}`,
      ),
      cohortIds: await pick(sql`select id::text from cohort where status = 'open' order by md5(id::text) limit ${IDS}`),
      baseIds: await pick(sql`select id::text from training_base where status = 'published' order by md5(id::text) limit ${IDS}`),
      schoolId: school.organizationId,
      indicatorIds: indicators.map((i) => i.id),
      tag: `load ${name}`,
    };
    if (!fixtures.needIds.length || !fixtures.cohortIds.length || !fixtures.baseIds.length || !fixtures.indicatorIds.length)
      throw new Error(
        `empty fixtures: ${JSON.stringify({
          needs: fixtures.needIds.length,
          cohorts: fixtures.cohortIds.length,
          bases: fixtures.baseIds.length,
          indicators: fixtures.indicatorIds.length,
        })}`,
      );
    const mix = endpoints(fixtures);
    // every GET once on each process, so a broken endpoint fails here with its message rather than as a count
    for (const e of mix)
      for (const s of servers)
        for (const r of e.requests.slice(0, 1)) if (r.method === 'GET') await getJson(s.origin, r.path, cookies[e.who]);
    log(`probed every endpoint on both processes`);

    const connections = mix.reduce((n, e) => n + e.connections, 0) * servers.length;
    log(
      `warm-up ${WARMUP_S[mode]} s, then ${durationS} s: ${mix.length} endpoints × ${servers.length} processes, ${connections} connections (load ` +
        `average ${load1()} on ${cpus().length} cores)`,
    );
    await runMix(servers, mix, cookies, WARMUP_S[mode]);
    const activity = opts.profile ? sampleActivity(db, name) : null;
    const fromUs = Number(process.hrtime.bigint() / 1000n);
    const cpuBefore = servers.map((s) => cpuMsOf(s.pid));
    const benchCpuBefore = process.cpuUsage();
    const tallies = await runMix(servers, mix, cookies, durationS);
    const window: Window = { fromUs, toUs: Number(process.hrtime.bigint() / 1000n) };
    const cpuAfter = servers.map((s) => cpuMsOf(s.pid));
    const benchCpu = process.cpuUsage(benchCpuBefore);
    const sqlTime = activity ? await activity.stop() : null;
    log(`load done (load average ${load1()})`);

    // zero lost writes: every application answered 200 (warm-up included) is in the database, and nothing else of the run is
    // Rows of the run that were never answered 200 must be requests still in flight when autocannon stopped (built, never answered).
    const ledger = mix.find((e) => e.ledger)?.ledger ?? { acked: new Set<string>(), built: 0, answered: 0 };
    const stored = new Set(await pick(sql`select id::text from need_application where message like ${`${fixtures.tag} %`}`));
    const acked = ledger.acked;
    const lost = [...acked].filter((id) => !stored.has(id)).length;
    const unacknowledged = [...stored].filter((id) => !acked.has(id)).length;
    const unanswered = ledger.built - ledger.answered;
    const unexplained = Math.max(0, unacknowledged - unanswered);

    const rows = mix.map((e) => rowOf(e, tallies.get(e.key) as Tally, e.ledger ? lost + unexplained : null));
    const elapsed = Math.max(...[...tallies.values()].map((t) => t.elapsedS));
    out();
    out(
      `load: ${mode} data set (${facts.published_bases} published bases, ${facts.published_needs} published needs, ${facts.open_cohorts} open cohorts, ` +
        `${facts.organizations} organisations) on PostgreSQL, 2 API processes, ${connections} connections, ${durationS} s; ${cpus().length} cores shared ` +
        `with the load generator and the database`,
    );
    printTable(rows, elapsed);
    const cpu = servers.map((s, i) => {
      const a = cpuAfter[i];
      const b = cpuBefore[i];
      return a === null || a === undefined || b === null || b === undefined ? '—' : `${f1((a - b) / 1000 / elapsed)} cores`;
    });
    out(
      `writes: ${acked.size} applications answered 200 (warm-up included), ${stored.size} in the database of the run, ${lost} answered 200 but ` +
        `missing; ${unacknowledged} stored without a 200 answer, of ${unanswered} requests in flight when the load stopped${
          unexplained ? ` (${unexplained} unexplained, counted as lost)` : ''
        }`,
    );
    out(
      `CPU during the run: server processes ${cpu.join(', ')}; load generator ${f1((benchCpu.user + benchCpu.system) / 1e6 / elapsed)} cores; ` +
        `statuses: ${rows.map((r) => `${r.key} ${r.statuses}`).join('; ')}`,
    );
    if (sqlTime) printActivity(sqlTime);

    for (const s of servers.splice(0)) await s.stop();
    if (profileDir) printProfile(profileDir, window);
    const passed = rows.filter((r) => r.pass).length;
    out(`run took ${f1((performance.now() - runStarted) / 1000)} s in all`);
    out(`load: ${passed} passed, ${rows.length - passed} failed`);
    return passed === rows.length && lost === 0 ? 0 : 1;
  } finally {
    await Promise.all(servers.map((s) => s.stop()));
    if (db) await db.close();
    const t = performance.now();
    await adminExec(base, `drop database if exists "${name}" with (force)`).catch((error: unknown) =>
      log(`could not drop ${name}: ${error instanceof Error ? error.message : String(error)}`),
    );
    log(`dropped ${name} in ${ms(performance.now() - t)} ms`);
    if (profileDir && !opts.profileDir) rmSync(profileDir, { recursive: true, force: true });
    else if (profileDir) log(`.cpuprofile files kept in ${profileDir}`);
  }
}
