import { setTimeout as sleep } from 'node:timers/promises';
import { freePort, startChild, type ChildServer, type Stopped } from '../lib/child-server.ts';
import { processMemory } from '../lib/proc-status.ts';
import { createScratchStore, type ScratchStore } from '../lib/scratch-store.ts';
import type { BenchResult, MetricResult, Suite } from '../types.ts';

// The server alone, in its own process, as users run it: cold start on empty data, restart, idle memory.

const START_TIMEOUT_MS = 120_000;
const KILL_AFTER_MS = 15_000;
const IDLE_MS = 3000;
const PATHS = ['/', '/trpc/reference.regions', '/trpc/reference.targets'];
const REQUESTS = 51;
const MEMORY_BUDGET_MB = 200;
const COLD_BUDGET_MS = 60_000;
const RESTART_BUDGET_MS = 10_000;

const ms = (value: number) => Math.round(value);

/** Sequential GETs round-robin over PATHS; counts of status codes per path. */
async function traffic(origin: string): Promise<Record<string, Record<string, number>>> {
  const seen: Record<string, Record<string, number>> = {};
  for (let i = 0; i < REQUESTS; i += 1) {
    const path = PATHS[i % PATHS.length] ?? '/';
    // GET / asks for HTML like a browser does; without it the server answers the API's JSON 404.
    const accept = path === '/' ? 'text/html,application/xhtml+xml,*/*;q=0.8' : 'application/json';
    const response = await fetch(`${origin}${path}`, { headers: { accept }, signal: AbortSignal.timeout(10_000) });
    await response.arrayBuffer();
    const counts = (seen[path] ??= {});
    counts[response.status] = (counts[response.status] ?? 0) + 1;
  }
  return seen;
}

function restartResult(stopped: Stopped, restartMs: number): BenchResult[] {
  const result: MetricResult = {
    name: 'server restart',
    kind: 'metric',
    note:
      'SIGTERM to the running server, wait for it to exit (shutdownMs), start it again on the same data (restartMs: spawn to GET /healthz 200); ' +
      'stopAndStartMs = both',
    budget: `restart ≤ ${RESTART_BUDGET_MS / 1000} s`,
    withinBudget: restartMs <= RESTART_BUDGET_MS,
    values: { restartMs: ms(restartMs), shutdownMs: ms(stopped.ms), stopAndStartMs: ms(stopped.ms + restartMs) },
    details: { shutdownExitCode: stopped.code, shutdownSignal: stopped.signal, sigkilled: stopped.killed },
  };
  if (stopped.code === 0) return [result];
  const how = `exit code ${stopped.code ?? 'none'}, signal ${stopped.signal ?? 'none'}${stopped.killed ? `, SIGKILLed after ${KILL_AFTER_MS / 1000} s` : ''}`;
  return [result, { name: 'server shutdown', kind: 'error', error: `SIGTERM should end the server with exit code 0; got ${how}` }];
}

function memoryResult(store: ScratchStore, memory: ReturnType<typeof processMemory>, statuses: Record<string, unknown>): MetricResult {
  const budget = `≤ ${MEMORY_BUDGET_MB} MB idle on PostgreSQL`;
  const name = 'server idle memory';
  if (!memory) return { name, kind: 'metric', skipped: true, note: 'skipped: needs /proc/<pid>/status (Linux)', budget, values: {} };
  return {
    name,
    kind: 'metric',
    note:
      `the server process alone, after the restart: ${REQUESTS} GETs round-robin over ${PATHS.join(', ')}, then ${IDLE_MS / 1000} s idle; ` +
      'idleRssMB = VmRSS, peakRssMB = VmHWM (highest since this process started, boot included)' +
      (store.engine === 'postgres' ? '' : `; the budget is for PostgreSQL, this run is on ${store.engine}`),
    budget,
    withinBudget: store.engine === 'postgres' ? memory.rssMB <= MEMORY_BUDGET_MB : null,
    values: { idleRssMB: memory.rssMB, peakRssMB: memory.hwmMB },
    details: { statuses },
  };
}

export const startupSuite: Suite = {
  name: 'startup',
  run: async ({ env, log }): Promise<BenchResult[]> => {
    const port = await freePort();
    const store = await createScratchStore(env.DATABASE_URL);
    const childEnv: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', ...store.env };
    if (store.engine === 'pglite') delete childEnv.DATABASE_URL;
    let child: ChildServer | null = null;
    try {
      log(`cold start of src/main.ts in its own process on an empty ${store.label}, port ${port}`);
      child = startChild(childEnv, port);
      const coldMs = await child.waitHealthy(START_TIMEOUT_MS);
      const coldMemory = processMemory(child.pid);
      log(`healthy after ${ms(coldMs)} ms; restart (SIGTERM, start again on the same data)`);
      const stopped = await child.stop(KILL_AFTER_MS);
      child = startChild(childEnv, port);
      const restartMs = await child.waitHealthy(START_TIMEOUT_MS);
      log(`healthy again after ${ms(restartMs)} ms; ${REQUESTS} requests, ${IDLE_MS / 1000} s idle, then /proc/${child.pid}/status`);
      const statuses = await traffic(child.origin);
      await sleep(IDLE_MS);
      const memory = processMemory(child.pid);
      const cold: MetricResult = {
        name: 'server cold start',
        kind: 'metric',
        note:
          `spawn of \`node --import tsx apps/api/src/main.ts\` (cwd = repo root) to GET /healthz 200, polled every 50 ms, on an empty ${store.engine} store: ` +
          `migrations, reference sync and demo seed (RONGHE_DEMO=${String(env.RONGHE_DEMO)}) included; tsx's transform cache is warm (this bench ` +
          `already loaded the same files); ` +
          'peakRssMB = VmHWM of that process when it became healthy',
        budget: 'first start ≤ 60 s including the web build (the bench measures the server part; the build is cached by turbo)',
        withinBudget: coldMs <= COLD_BUDGET_MS,
        values: { coldStartMs: ms(coldMs), ...(coldMemory ? { peakRssMB: coldMemory.hwmMB } : {}) },
      };
      return [cold, ...restartResult(stopped, restartMs), memoryResult(store, memory, statuses)];
    } finally {
      if (child) await child.stop(KILL_AFTER_MS);
      await store
        .dispose()
        .catch((error: unknown) => log(`could not remove ${store.label}: ${error instanceof Error ? error.message : String(error)}`));
    }
  },
};
