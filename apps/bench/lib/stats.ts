import type { LoadStats, Samples } from '../types.ts';

const round = (value: number, digits: number) => {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
};

/** Nearest-rank percentile of an ascending array; 0 when empty. */
function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] ?? 0;
}

export function mergeSamples(a: Samples, b: Samples): Samples {
  return {
    latenciesMs: a.latenciesMs.concat(b.latenciesMs),
    elapsedS: a.elapsedS + b.elapsedS,
    errors: a.errors + b.errors,
    non2xx: a.non2xx + b.non2xx,
  };
}

export const emptySamples = (): Samples => ({ latenciesMs: [], elapsedS: 0, errors: 0, non2xx: 0 });

export function summarise(samples: Samples): LoadStats {
  const sorted = Float64Array.from(samples.latenciesMs).sort();
  const values = Array.from(sorted);
  return {
    requests: values.length,
    durationS: round(samples.elapsedS, 2),
    reqPerSec: samples.elapsedS > 0 ? round(values.length / samples.elapsedS, 1) : 0,
    latencyMs: { p50: round(percentile(values, 50), 3), p95: round(percentile(values, 95), 3), p99: round(percentile(values, 99), 3) },
    errors: samples.errors,
    non2xx: samples.non2xx,
  };
}

/** reqPerSec: baseline ÷ subject; p50: subject ÷ baseline (both > 1 when the subject is slower). */
export function ratio(subject: LoadStats, baseline: LoadStats): { reqPerSec: number; p50: number } {
  return {
    reqPerSec: subject.reqPerSec > 0 ? round(baseline.reqPerSec / subject.reqPerSec, 2) : 0,
    p50: baseline.latencyMs.p50 > 0 ? round(subject.latencyMs.p50 / baseline.latencyMs.p50, 2) : 0,
  };
}
