import { Worker } from 'node:worker_threads';
import type { LoadStats, Samples } from '../types.ts';
import { emptySamples, mergeSamples, summarise } from './stats.ts';

/** Runs some load for a number of seconds and returns what it saw. */
export type Load = (durationS: number) => Promise<Samples>;

/**
 * HTTP GET load through autocannon, run in a worker thread: a client elsewhere does not take the server's event loop,
 * and in the server's own thread autocannon's parsing and bookkeeping would be charged to the server. Latencies come
 * from autocannon's per-response timings.
 */
export function httpLoad(url: string, connections: number): Load {
  return (durationS) =>
    new Promise<Samples>((resolve, reject) => {
      const worker = new Worker(new URL('./http-load-worker.mjs', import.meta.url), { workerData: { url, connections, durationS } });
      worker.once('message', (samples: Samples) => {
        resolve(samples);
        void worker.terminate();
      });
      worker.once('error', reject);
      worker.once('exit', (code) => {
        if (code !== 0) reject(new Error(`the load worker exited with ${code}`));
      });
    });
}

/** `concurrency` loops each awaiting `task` back to back until the time is up: autocannon's model, minus HTTP. */
export function loopLoad(task: () => Promise<unknown>, concurrency: number): Load {
  return async (durationS) => {
    const latenciesMs: number[] = [];
    let errors = 0;
    const started = performance.now();
    const deadline = started + durationS * 1000;
    const loop = async () => {
      while (performance.now() < deadline) {
        const t = performance.now();
        try {
          await task();
          latenciesMs.push(performance.now() - t);
        } catch {
          errors += 1;
        }
      }
    };
    await Promise.all(Array.from({ length: concurrency }, loop));
    return { latenciesMs, elapsedS: (performance.now() - started) / 1000, errors, non2xx: 0 };
  };
}

const warmupS = (durationS: number) => Math.min(0.5, durationS / 2);

export async function measure(load: Load, durationS: number): Promise<LoadStats> {
  await load(warmupS(durationS));
  return summarise(await load(durationS));
}

/**
 * Measures loads in alternating order (A B C, then C B A, …) so drift on a noisy machine falls on all alike.
 * Each gets `durationS` in total.
 */
export async function measureAlternating(loads: Load[], durationS: number, rounds = 2): Promise<LoadStats[]> {
  for (const load of loads) await load(warmupS(durationS));
  const samples = loads.map(() => emptySamples());
  const leg = durationS / rounds;
  for (let round = 0; round < rounds; round += 1) {
    const order = loads.map((_, i) => i);
    if (round % 2 === 1) order.reverse();
    for (const i of order) samples[i] = mergeSamples(samples[i] ?? emptySamples(), await (loads[i] as Load)(leg));
  }
  return samples.map(summarise);
}

/** Two loads, the baseline first in the first round (see measureAlternating). */
export async function measurePair(
  subject: Load,
  baseline: Load,
  durationS: number,
  rounds = 2,
): Promise<{ subject: LoadStats; baseline: LoadStats }> {
  const [b, s] = await measureAlternating([baseline, subject], durationS, rounds);
  if (!b || !s) throw new Error('expected two results');
  return { subject: s, baseline: b };
}
