import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { readEnv, type Env } from '../src/env.ts';
import { createLogger } from '../src/logger.ts';
import { startServer } from '../src/server.ts';
import { suites } from './registry.ts';
import type { BenchResult, SuiteContext } from './types.ts';

// Measurement only: prints one JSON document on stdout, progress on stderr, and asserts nothing about timings.

const CONNECTIONS = 10;
const DEFAULT_DURATION_S = 5;
const QUICK_DURATION_S = 1;

const log = (message: string) => process.stderr.write(`[bench] ${message}\n`);
const errorMessage = (error: unknown) => (error instanceof Error ? error.message : String(error));

function readOptions(): { durationS: number; quick: boolean; only: string[] | null } {
  const { values } = parseArgs({ options: { quick: { type: 'boolean', default: false }, duration: { type: 'string' }, suite: { type: 'string', multiple: true } } });
  const quick = values.quick ?? false;
  const only = values.suite?.length ? values.suite : null;
  const unknown = (only ?? []).filter((name) => !suites.some((s) => s.name === name));
  if (unknown.length) throw new Error(`--suite: unknown ${unknown.join(', ')}; known: ${suites.map((s) => s.name).join(', ')}`);
  if (values.duration === undefined) return { durationS: quick ? QUICK_DURATION_S : DEFAULT_DURATION_S, quick, only };
  const durationS = Number(values.duration);
  if (!Number.isFinite(durationS) || durationS <= 0) throw new Error(`--duration wants a number of seconds > 0, got "${values.duration}"`);
  return { durationS, quick, only };
}

async function main(): Promise<void> {
  const { durationS, quick, only } = readOptions();
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
  log(`server up at ${url.origin} after ${Math.round(performance.now() - bootStarted)} ms; ${durationS} s per case, ${CONNECTIONS} connections`);

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
