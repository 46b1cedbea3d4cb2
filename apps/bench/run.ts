import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { readEnv, type Env } from '@ronghe/server/env';
import { createLogger } from '@ronghe/server/logger';
import { startServer } from '@ronghe/server/server';
import { runLoad } from './load.ts';
import { suites } from './registry.ts';
import type { BenchResult, SuiteContext } from './types.ts';

// Measurement only: prints one JSON document on stdout, progress on stderr, and asserts nothing about timings.

const CONNECTIONS = 10;
const DEFAULT_DURATION_S = 5;
const QUICK_DURATION_S = 1;

const log = (message: string) => process.stderr.write(`[bench] ${message}\n`);
const errorMessage = (error: unknown) => (error instanceof Error ? error.message : String(error));

function readOptions(): {
  durationS: number;
  quick: boolean;
  only: string[] | null;
  load: { profile: boolean; profileDir?: string; durationS?: number } | null;
} {
  const { values } = parseArgs({
    options: {
      quick: { type: 'boolean', default: false },
      duration: { type: 'string' },
      suite: { type: 'string', multiple: true },
      load: { type: 'boolean', default: false },
      profile: { type: 'boolean', default: false },
      'profile-dir': { type: 'string' },
    },
  });
  const quick = values.quick ?? false;
  const seconds = values.duration === undefined ? undefined : Number(values.duration);
  if (seconds !== undefined && (!Number.isFinite(seconds) || seconds <= 0))
    throw new Error(`--duration wants a number of seconds > 0, got "${values.duration}"`);
  const profileDir = values['profile-dir'];
  if ((values.profile || profileDir) && !values.load) throw new Error('--profile and --profile-dir go with --load');
  // --load: the mixed workload against two server processes (load.ts), instead of the suites
  if (values.load)
    return {
      durationS: seconds ?? 0,
      quick,
      only: null,
      load: {
        profile: (values.profile ?? false) || profileDir !== undefined,
        ...(profileDir ? { profileDir } : {}),
        ...(seconds === undefined ? {} : { durationS: seconds }),
      },
    };
  const only = values.suite?.length ? values.suite : null;
  const unknown = (only ?? []).filter((name) => !suites.some((s) => s.name === name));
  if (unknown.length) throw new Error(`--suite: unknown ${unknown.join(', ')}; known: ${suites.map((s) => s.name).join(', ')}`);
  return { durationS: seconds ?? (quick ? QUICK_DURATION_S : DEFAULT_DURATION_S), quick, only, load: null };
}

async function main(): Promise<void> {
  const { durationS, quick, only, load } = readOptions();
  if (load) {
    try {
      process.exitCode = await runLoad({
        quick,
        profile: load.profile,
        ...(load.profileDir ? { profileDir: load.profileDir } : {}),
        ...(load.durationS === undefined ? {} : { durationS: load.durationS }),
      });
    } catch (error) {
      log(`load failed: ${errorMessage(error)}`);
      process.stdout.write('load: 0 passed, 1 failed (the run could not be set up; see above)\n');
      process.exitCode = 1;
    }
    return;
  }
  const base = readEnv();
  const dataDir = base.DATABASE_URL ? null : mkdtempSync(join(tmpdir(), 'ronghe-bench-'));
  // PORT 0 (any free port) is below env.ts's minimum, so it is set after validation.
  const env: Env = { ...base, PORT: 0, HOST: '127.0.0.1', LOG_LEVEL: 'silent', ...(dataDir ? { RONGHE_DATA_DIR: dataDir } : {}) };
  const startedAt = new Date().toISOString();
  log(`starting the server on ${env.DATABASE_URL ? 'PostgreSQL' : `PGlite in ${dataDir}`} (migrate + seed)`);
  const bootStarted = performance.now();
  const server = await startServer(env, createLogger(env.LOG_LEVEL));
  const url = new URL(server.url);
  url.hostname = env.HOST;
  log(
    `server up at ${url.origin} after ${Math.round(performance.now() - bootStarted)} ms; ${durationS} s per case, ${CONNECTIONS} connections`,
  );

  const ctx: SuiteContext = { url: url.origin, db: server.db, env, durationS, connections: CONNECTIONS, log };
  const results: BenchResult[] = [];
  try {
    for (const suite of suites.filter((s) => !only || only.includes(s.name))) {
      log(`suite ${suite.name}`);
      try {
        results.push(...(await suite.run(ctx)));
      } catch (error) {
        log(`suite ${suite.name} failed: ${errorMessage(error)}`);
        results.push({ name: suite.name, kind: 'error', error: errorMessage(error) });
        process.exitCode = 1;
      }
    }
  } finally {
    await server.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  }

  if (results.some((r) => r.kind === 'error')) process.exitCode = 1;
  const cpuList = cpus();
  const report = {
    engine: server.db.engine,
    node: process.version,
    cpus: cpuList.length,
    cpuModel: cpuList[0]?.model ?? 'unknown',
    startedAt,
    options: { durationS, quick, connections: CONNECTIONS },
    results,
  };
  process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  log('done');
}

main().catch((error: unknown) => {
  log(`failed: ${errorMessage(error)}`);
  process.exitCode = 1;
});
