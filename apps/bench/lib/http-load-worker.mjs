// autocannon in its own thread (see httpLoad in load.ts): the client's work is not charged to the server's event loop.
// Plain JavaScript: a worker thread does not get the tsx loader the bench runs under.
import { parentPort, workerData } from 'node:worker_threads';
import autocannon from 'autocannon';

/** @type {{ url: string, connections: number, durationS: number }} */
const { url, connections, durationS } = workerData;
/** @type {number[]} */
const latenciesMs = [];
let non2xx = 0;
const started = performance.now();
// autocannon stops only on a sample tick (1 s by default): a 100 ms tick keeps short runs close to their duration.
const instance = autocannon({ url, connections, duration: durationS, sampleInt: 100 }, (error, result) => {
  if (error) throw error;
  const elapsedS = (performance.now() - started) / 1000;
  parentPort?.postMessage({ latenciesMs, elapsedS, errors: result.errors + result.timeouts, non2xx });
});
instance.on('response', (_client, statusCode, _bytes, responseTime) => {
  latenciesMs.push(responseTime);
  if (statusCode < 200 || statusCode > 299) non2xx += 1;
});
