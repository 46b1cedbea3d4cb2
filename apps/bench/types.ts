import type { Database } from '@ronghe/db/client';
import type { Env } from '@ronghe/server/env';

/** Raw measurements of one load run (or several, merged). */
export type Samples = { latenciesMs: number[]; elapsedS: number; errors: number; non2xx: number };

export type LoadStats = {
  requests: number;
  durationS: number;
  reqPerSec: number;
  latencyMs: { p50: number; p95: number; p99: number };
  errors: number;
  non2xx: number;
};

export type LoadResult = LoadStats & {
  name: string;
  kind: 'load';
  note?: string;
  /** the same work without the layers under test, measured in the same run */
  baseline?: LoadStats & { name: string };
  /** reqPerSec: baseline ÷ this; p50: this ÷ baseline. Both read "times the layers cost". */
  ratio?: { reqPerSec: number; p50: number };
  /** foundation suite: the least any HTTP server costs here (bare node:http, same SQL), and this ÷ that */
  floor?: LoadStats & { name: string; ratio: { reqPerSec: number; p50: number } };
  overFloor?: { reqPerSec: number; p50: number };
  /** a budget on the ratio, and whether this run met it (null: the budget is for another engine) */
  budget?: string;
  withinBudget?: boolean | null;
};

export type MetricResult = {
  name: string;
  kind: 'metric';
  skipped?: boolean;
  note: string;
  budget?: string;
  /** null when the budget does not apply to this run (for example another engine) */
  withinBudget?: boolean | null;
  values: Record<string, number>;
  details?: Record<string, unknown>;
};

export type ErrorResult = { name: string; kind: 'error'; error: string };

export type BenchResult = LoadResult | MetricResult | ErrorResult;

export type SuiteContext = {
  url: string;
  db: Database;
  env: Env;
  durationS: number;
  connections: number;
  log: (message: string) => void;
};

export type Suite = { name: string; run: (ctx: SuiteContext) => Promise<BenchResult[]> };
