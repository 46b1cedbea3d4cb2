import { createDb } from '@ronghe/db/client';
import { execFile, spawn } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer as createNetServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { sql } from 'drizzle-orm';

/**
 * On PostgreSQL runs (DATABASE_URL set), a fresh database for one test file and a function that
 * drops it; on PGlite runs, no URL (the server opens its own data folder).
 */
export async function testDatabaseUrl(): Promise<{ url: string | undefined; drop: () => Promise<void> }> {
  const base = process.env.DATABASE_URL;
  if (!base) return { url: undefined, drop: async () => {} };
  const name = `ronghe_srv_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = await createDb({ engine: 'postgres', url: base, max: 1 });
  await admin.rows(sql.raw(`create database "${name}"`));
  const url = new URL(base);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      await admin.rows(sql.raw(`drop database if exists "${name}" with (force)`));
      await admin.close();
    },
  };
}

const run = promisify(execFile);
const entry = fileURLToPath(new URL('./main.ts', import.meta.url));

export type Server = { url: string; stop: () => Promise<void> };

/** The server as a separate process on any free port, healthy; `output` is what it printed so far, `stop` sends SIGTERM and waits. */
export function startServerProcess(env: Record<string, string>): Promise<ServerProcess> {
  return startServerProcessForFaults(env);
}

/** A tRPC mutation over HTTP; failures come back as { ok: false, status, message }. */
export async function call<T>(
  url: string,
  path: string,
  input: unknown,
  cookie = '',
): Promise<{ ok: boolean; status: number; data?: T; message?: string; cookie: string }> {
  const res = await fetch(`${url}/trpc/${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie },
    body: JSON.stringify({ json: input }),
  });
  const body = (await res.json()) as { result?: { data: { json: T } }; error?: { json: { message: string } } };
  const set = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  return { ok: res.ok, status: res.status, data: body.result?.data.json, message: body.error?.json.message, cookie: set || cookie };
}

/** A tRPC query over HTTP. */
export async function get<T>(url: string, path: string, input: unknown, cookie = ''): Promise<T> {
  const res = await fetch(`${url}/trpc/${path}?input=${encodeURIComponent(JSON.stringify({ json: input }))}`, { headers: { cookie } });
  const body = (await res.json()) as { result: { data: { json: T } } };
  return body.result.data.json;
}

/**
 * Two server processes on one fresh PostgreSQL database (DATABASE_URL runs), or one on a fresh PGlite
 * folder (PGlite is one process per folder); `stop` ends them and drops what they used.
 */
export async function startSharedServers(): Promise<{ servers: Server[]; stop: () => Promise<void> }> {
  const db = await testDatabaseUrl();
  const servers: Server[] = [];
  let dataDir: string | undefined;
  if (db.url) {
    // the first process migrates and seeds; the second joins the same database
    servers.push(await startServerProcess({ DATABASE_URL: db.url }));
    servers.push(await startServerProcess({ DATABASE_URL: db.url }));
  } else {
    dataDir = mkdtempSync(join(tmpdir(), 'ronghe-shared-'));
    servers.push(await startServerProcess({ RONGHE_DATA_DIR: dataDir }));
  }
  return {
    servers,
    stop: async () => {
      await Promise.all(servers.map((s) => s.stop()));
      await db.drop();
      if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export type ServerProcess = Server & {
  pid: number;
  output: () => string;
  /** true until the process has exited */
  running: () => boolean;
  /** sends the signal and resolves with the exit code (null when a signal ended it) */
  kill: (signal: NodeJS.Signals) => Promise<number | null>;
};

/** A server process that can also be killed with any signal and watched (fault tests); killed if it never becomes healthy. */
export async function startServerProcessForFaults(env: Record<string, string>): Promise<ServerProcess> {
  const base = { ...process.env };
  delete base.DATABASE_URL;
  const child = spawn(process.execPath, ['--import', 'tsx', entry], {
    env: { ...base, HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  let alive = true;
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => {
      alive = false;
      resolve(code);
    }),
  );
  const kill = async (signal: NodeJS.Signals) => {
    if (alive) child.kill(signal);
    return exited;
  };
  const deadline = Date.now() + 150_000; // the first start migrates and seeds: slow on a busy 2-core machine
  for (;;) {
    const url = /serving at (http:\/\/localhost:\d+)/.exec(out)?.[1];
    if (url && (await fetch(`${url}/healthz`).catch(() => null))?.ok)
      return { url, pid: child.pid ?? 0, output: () => out, running: () => alive, kill, stop: async () => void (await kill('SIGTERM')) };
    if (Date.now() > deadline || !alive) {
      await kill('SIGKILL');
      throw new Error(`server did not start:\n${out}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

export type ThrowawayPostgres = {
  url: string;
  port: number;
  start: () => Promise<void>;
  /** pg_ctl stop -m fast: clients are disconnected */
  stop: () => Promise<void>;
  /** stops the server if running and removes its folder */
  destroy: () => Promise<void>;
};

async function freePort(): Promise<number> {
  const server = createNetServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * A PostgreSQL cluster of its own (the newest /usr/lib/postgresql/<v>/bin) in a temp folder on a free port,
 * started; as root the tools run as the postgres user, as .ci/run does. For tests that stop and restart it.
 */
/** A cluster of its own; with `replicaOf`, a hot standby streaming from that one (pg_basebackup -R). */
export async function startThrowawayPostgres(opts: { replicaOf?: ThrowawayPostgres } = {}): Promise<ThrowawayPostgres> {
  const version = readdirSync('/usr/lib/postgresql')
    .filter((v) => existsSync(`/usr/lib/postgresql/${v}/bin/initdb`))
    .sort((a, b) => Number(a) - Number(b))
    .at(-1);
  if (!version) throw new Error('no PostgreSQL binaries under /usr/lib/postgresql');
  const bin = `/usr/lib/postgresql/${version}/bin`;
  const dir = mkdtempSync(join(tmpdir(), 'ronghe-faults-pg-'));
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    const id = async (flag: string) => Number((await run('id', [flag, 'postgres'])).stdout.trim());
    chownSync(dir, await id('-u'), await id('-g'));
  }
  // async, so that a test's load keeps running while PostgreSQL stops and starts
  const tool = (name: string, args: string[]) =>
    asRoot ? run('runuser', ['-u', 'postgres', '--', `${bin}/${name}`, ...args]) : run(`${bin}/${name}`, args);
  const data = join(dir, 'data');
  const port = await freePort();
  if (opts.replicaOf)
    await tool('pg_basebackup', ['-h', '127.0.0.1', '-p', String(opts.replicaOf.port), '-U', 'postgres', '-D', data, '-R', '-X', 'stream']);
  else await tool('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C.UTF-8', '-N']);
  let up = false;
  const start = async () => {
    await tool('pg_ctl', [
      '-D',
      data,
      '-l',
      join(dir, 'server.log'),
      '-w',
      '-o',
      `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`,
      'start',
    ]);
    up = true;
  };
  const stop = async () => {
    await tool('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']);
    up = false;
  };
  await start();
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    start,
    stop,
    destroy: async () => {
      if (up) await stop().catch(() => {});
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
