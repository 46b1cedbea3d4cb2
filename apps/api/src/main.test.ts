import { spawn, type ChildProcess } from 'node:child_process';
import { connect } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

// The server as users start it: a separate process, judged by its exit code and what it prints.

const entry = fileURLToPath(new URL('./main.ts', import.meta.url));
const dirs: string[] = [];
/** every server started; one a failed assertion left running is killed at the end, not left holding its port */
const started: ChildProcess[] = [];
afterAll(() => {
  started.forEach((child) => child.exitCode === null && child.signalCode === null && child.kill('SIGKILL'));
  dirs.forEach((d) => rmSync(d, { recursive: true, force: true }));
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'ronghe-main-'));
  dirs.push(dir);
  return dir;
}

type Proc = {
  output: () => string;
  exited: Promise<number | null>;
  stop: (signal?: NodeJS.Signals) => Promise<number | null>;
  pid: number | undefined;
};

function startProcess(env: Record<string, string>): Proc {
  const base = { ...process.env };
  delete base.DATABASE_URL;
  const child = spawn(process.execPath, ['--import', 'tsx', entry], {
    env: { ...base, HOST: '127.0.0.1', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  started.push(child);
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    pid: child.pid,
    output: () => out,
    exited,
    stop: async (signal = 'SIGTERM') => {
      child.kill(signal);
      return exited;
    },
  };
}

// a fresh embedded database migrates and loads the demo before it serves: seconds on a quiet machine, over a minute
// on a saturated one, so the wait is long and the tests' timeouts longer (a step waits for its state, not for luck)
async function waitHealthy(proc: Proc): Promise<string> {
  const deadline = Date.now() + 150_000;
  for (;;) {
    const match = /serving at (http:\/\/localhost:\d+)/.exec(proc.output());
    if (match?.[1]) {
      const res = await fetch(`${match[1]}/healthz`).catch(() => null);
      if (res?.ok) return match[1];
    }
    if (Date.now() > deadline) throw new Error(`not healthy:\n${proc.output()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Sends GET requests over one kept-alive connection, idling `idleMs` between them; the status line of each answer. */
async function keptAliveStatuses(url: string, idleMs: number): Promise<string[]> {
  const { hostname, port } = new URL(url);
  const socket = connect(Number(port), hostname === 'localhost' ? '127.0.0.1' : hostname);
  let received = '';
  socket.on('data', (d: Buffer) => (received += d.toString()));
  socket.on('error', () => {});
  const ask = async () => {
    const before = received.length;
    socket.write(`GET /healthz HTTP/1.1\r\nHost: ${hostname}\r\nConnection: keep-alive\r\n\r\n`);
    const deadline = Date.now() + 5_000;
    while (!/\r\n\r\n/.test(received.slice(before)) && !socket.destroyed && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 20));
    return received.slice(before).split('\r\n')[0] ?? '';
  };
  const first = await ask();
  await new Promise((r) => setTimeout(r, idleMs));
  const second = socket.destroyed ? '(closed by the server)' : await ask();
  socket.destroy();
  return [first, second];
}

const errorLines = (out: string) => out.split('\n').filter((l) => l.startsWith('Ronghe 无法启动') || l.startsWith('环境变量无效'));

describe('start-up failures are one clear line and exit 1', () => {
  it('refuses an invalid environment', async () => {
    const proc = startProcess({ PORT: 'eighty', RONGHE_DATA_DIR: tempDir() });
    expect(await proc.exited).toBe(1);
    expect(errorLines(proc.output())).toEqual([expect.stringContaining('PORT')]);
  });

  it('refuses a DATABASE_URL that is not PostgreSQL', async () => {
    const proc = startProcess({ DATABASE_URL: 'mysql://root@localhost/ronghe', RONGHE_DATA_DIR: tempDir() });
    expect(await proc.exited).toBe(1);
    expect(errorLines(proc.output())).toEqual([expect.stringContaining('DATABASE_URL')]);
  });

  it('refuses an unreachable database, naming it without its password', async () => {
    const proc = startProcess({ DATABASE_URL: 'postgres://ronghe:secret@127.0.0.1:1/ronghe', PORT: '0' });
    expect(await proc.exited).toBe(1);
    const lines = errorLines(proc.output());
    expect(lines).toEqual([expect.stringContaining('无法连接数据库')]);
    expect(lines[0]).toContain('postgres://ronghe:***@127.0.0.1:1/ronghe');
    expect(proc.output()).not.toContain('secret');
  });
});

// PGlite folders only: the PostgreSQL pass (DATABASE_URL set) would repeat them unchanged, so it leaves them out
if (!process.env.DATABASE_URL)
  describe('the embedded database folder', () => {
    it('is refused to a second process while the first serves, and survives a graceful restart', { timeout: 400_000 }, async () => {
      const dataDir = tempDir();
      const first = startProcess({ PORT: '0', RONGHE_DATA_DIR: dataDir });
      const url = await waitHealthy(first);
      expect(first.output()).toContain('"demoLoaded":true');

      const second = startProcess({ PORT: '0', RONGHE_DATA_DIR: dataDir });
      expect(await second.exited).toBe(1);
      expect(errorLines(second.output())).toEqual([expect.stringContaining(`正被进程 ${first.pid} 使用`)]);
      expect((await fetch(`${url}/healthz`)).status).toBe(200);

      expect(await first.stop('SIGTERM')).toBe(0);
      expect(first.output()).toContain('stopped cleanly');

      const again = startProcess({ PORT: '0', RONGHE_DATA_DIR: dataDir });
      const url2 = await waitHealthy(again);
      expect(again.output()).toContain('"demoLoaded":false'); // the data was kept, so no reseed
      const res = await fetch(`${url2}/trpc/organizations.stats`);
      const body = (await res.json()) as { result: { data: { json: Array<{ count: number }> } } };
      expect(body.result.data.json.reduce((n, r) => n + r.count, 0)).toBeGreaterThan(50);
      // an idle connection outlives Node's default keep-alive (5 s, closed after about 6): a proxy's pooled connection is not reset
      expect(await keptAliveStatuses(url2, 7_000)).toEqual(['HTTP/1.1 200 OK', 'HTTP/1.1 200 OK']);
      expect(await again.stop('SIGINT')).toBe(0);
    });

    it('opens a folder left behind by a killed process', { timeout: 400_000 }, async () => {
      const dataDir = tempDir();
      const first = startProcess({ PORT: '0', RONGHE_DATA_DIR: dataDir });
      await waitHealthy(first);
      await first.stop('SIGKILL');
      const again = startProcess({ PORT: '0', RONGHE_DATA_DIR: dataDir });
      await waitHealthy(again);
      expect(await again.stop()).toBe(0);
    });
  });
