import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';

// The real server in its own process, started the way `npm start` starts it: `node --max-semi-space-size=4 --import tsx apps/api/src/main.ts`.

export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const ENTRY = join(REPO_ROOT, 'apps/api/src/main.ts');
const POLL_MS = 50;
const TAIL_CHARS = 4000;

export type ExitInfo = { code: number | null; signal: NodeJS.Signals | null };
export type Stopped = ExitInfo & { ms: number; killed: boolean };

export type ChildServer = {
  pid: number;
  origin: string;
  /** ms from spawn until GET /healthz answers 200, polled every 50 ms */
  waitHealthy: (timeoutMs: number) => Promise<number>;
  /** SIGTERM, then SIGKILL if it has not exited after `killAfterMs`; never throws */
  stop: (killAfterMs: number) => Promise<Stopped>;
};

/** A port that was free a moment ago on 127.0.0.1. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('could not find a free port');
  return address.port;
}

export function startChild(env: NodeJS.ProcessEnv, port: number): ChildServer {
  const spawnedAt = performance.now();
  const child = spawn(process.execPath, ['--max-semi-space-size=4', '--import', 'tsx', ENTRY], {
    cwd: REPO_ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const { pid } = child;
  let tail = '';
  const keep = (chunk: string) => {
    tail = (tail + chunk).slice(-TAIL_CHARS);
  };
  child.stdout.setEncoding('utf8').on('data', keep);
  child.stderr.setEncoding('utf8').on('data', keep);
  let exit: ExitInfo | null = null;
  const ended = new Promise<ExitInfo>((resolve) => {
    child.once('exit', (code, signal) => resolve((exit = { code, signal })));
    child.once('error', (error) => {
      keep(`\n[spawn error] ${error.message}`);
      if (pid === undefined) resolve((exit = { code: null, signal: null }));
    });
  });
  if (pid === undefined) throw new Error(`could not spawn ${process.execPath} ${ENTRY}`);
  const origin = `http://127.0.0.1:${port}`;

  const waitExit = async (ms: number): Promise<ExitInfo | null> => {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), ms)));
    try {
      return await Promise.race([ended, timeout]);
    } finally {
      clearTimeout(timer);
    }
  };

  const waitHealthy = async (timeoutMs: number): Promise<number> => {
    for (;;) {
      if (exit)
        throw new Error(
          `server exited (code ${exit.code ?? 'none'}, signal ${exit.signal ?? 'none'}) before it was healthy; its output:\n${tail}`,
        );
      const elapsed = performance.now() - spawnedAt;
      if (elapsed > timeoutMs) throw new Error(`server not healthy after ${Math.round(elapsed)} ms; its output:\n${tail}`);
      try {
        const response = await fetch(`${origin}/healthz`, { signal: AbortSignal.timeout(2000) });
        await response.arrayBuffer();
        if (response.status === 200) return performance.now() - spawnedAt;
      } catch {
        // not listening yet
      }
      await sleep(POLL_MS);
    }
  };

  const stop = async (killAfterMs: number): Promise<Stopped> => {
    if (exit) return { ...exit, ms: 0, killed: false };
    const started = performance.now();
    child.kill('SIGTERM');
    const graceful = await waitExit(killAfterMs);
    if (graceful) return { ...graceful, ms: performance.now() - started, killed: false };
    child.kill('SIGKILL');
    const forced = await ended;
    return { ...forced, ms: performance.now() - started, killed: true };
  };

  return { pid, origin, waitHealthy, stop };
}
