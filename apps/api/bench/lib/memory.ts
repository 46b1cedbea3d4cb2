import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Engine } from '@ronghe/db/client';
import type { MetricResult } from '../types.ts';

const BUDGET_MB = 200;

const mb = (bytes: number) => Math.round(bytes / 1024 / 102.4) / 10;

/** global.gc when node runs with --expose-gc; otherwise the flag set at run time, which V8 honours for new contexts. */
function findGc(): { gc: () => void; how: string } | null {
  const { gc } = globalThis;
  if (typeof gc === 'function') return { gc: () => void gc(), how: 'global.gc' };
  try {
    setFlagsFromString('--expose-gc');
    const fn: unknown = runInNewContext('gc');
    if (typeof fn === 'function') return { gc: () => void fn(), how: 'v8.setFlagsFromString(--expose-gc)' };
  } catch {
    // measured without a forced collection; the note says so
  }
  return null;
}

export function usage(prefix: string): Record<string, number> {
  const m = process.memoryUsage();
  return {
    [`${prefix}RssMB`]: mb(m.rss),
    [`${prefix}HeapUsedMB`]: mb(m.heapUsed),
    [`${prefix}HeapTotalMB`]: mb(m.heapTotal),
    [`${prefix}ExternalMB`]: mb(m.external),
  };
}

/** Memory right after the load, then idle: after a 2 s pause and a full GC when one can be forced. `boot` is taken before any load. */
export async function memoryResult(engine: Engine, boot: Record<string, number>, pauseMs = 2000): Promise<MetricResult> {
  const afterLoad = usage('afterLoad');
  await sleep(pauseMs);
  const collector = findGc();
  collector?.gc();
  const idle = usage('idle');
  const idleRss = idle.idleRssMB ?? 0;
  return {
    name: 'server memory',
    kind: 'metric',
    note:
      `process.memoryUsage() of the bench process, which holds the server and the load generator; boot = after startup, before any load; idle = after ${pauseMs / 1000} s ` +
      (collector ? `and a full GC (${collector.how})` : 'with no forced GC (unavailable)') +
      (engine === 'postgres' ? '' : `; the budget is for PostgreSQL, this run is on ${engine}`),
    budget: `≤ ${BUDGET_MB} MB idle on PostgreSQL`,
    withinBudget: engine === 'postgres' ? idleRss <= BUDGET_MB : null,
    values: { ...boot, ...afterLoad, ...idle },
  };
}
