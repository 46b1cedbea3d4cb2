import { createDb } from '@ronghe/db/client';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
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

const entry = fileURLToPath(new URL('./main.ts', import.meta.url));

export type Server = { url: string; stop: () => Promise<void> };

/** The server as a separate process on any free port, healthy; `stop` sends SIGTERM and waits. */
export async function startServerProcess(env: Record<string, string>): Promise<Server> {
  const base = { ...process.env };
  delete base.DATABASE_URL;
  const child = spawn(process.execPath, ['--import', 'tsx', entry], { env: { ...base, HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'info', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const deadline = Date.now() + 90_000;
  for (;;) {
    const url = /serving at (http:\/\/localhost:\d+)/.exec(out)?.[1];
    if (url && (await fetch(`${url}/healthz`).catch(() => null))?.ok) return { url, stop: async () => void (child.kill('SIGTERM'), await exited) };
    if (Date.now() > deadline || child.exitCode !== null) throw new Error(`server did not start:\n${out}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** A tRPC mutation over HTTP; failures come back as { ok: false, status, message }. */
export async function call<T>(url: string, path: string, input: unknown, cookie = ''): Promise<{ ok: boolean; status: number; data?: T; message?: string; cookie: string }> {
  const res = await fetch(`${url}/trpc/${path}`, { method: 'POST', headers: { 'content-type': 'application/json', cookie }, body: JSON.stringify({ json: input }) });
  const body = (await res.json()) as { result?: { data: { json: T } }; error?: { json: { message: string } } };
  const set = res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
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
