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
 * Measures two loads in alternating halves (B A, then A B) so drift on a noisy machine falls on both alike.
 * Each gets `durationS` in total.
 */
export async function measurePair(
  subject: Load,
  baseline: Load,
  durationS: number,
  rounds = 2,
): Promise<{ subject: LoadStats; baseline: LoadStats }> {
  await baseline(warmupS(durationS));
  await subject(warmupS(durationS));
  let s = emptySamples();
  let b = emptySamples();
  for (let round = 0; round < rounds; round += 1) {
    const leg = durationS / rounds;
    if (round % 2 === 0) {
      b = mergeSamples(b, await baseline(leg));
      s = mergeSamples(s, await subject(leg));
    } else {
      s = mergeSamples(s, await subject(leg));
      b = mergeSamples(b, await baseline(leg));
    }
  }
  return { subject: summarise(s), baseline: summarise(b) };
}
