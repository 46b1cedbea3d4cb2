import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import postgres from 'postgres';
import { inject } from 'vitest';
import { DEMO_PASSWORD } from './api.ts';

const serverEntry = fileURLToPath(new URL('../../../api/src/main.ts', import.meta.url));
const webDist = fileURLToPath(new URL('../../dist', import.meta.url));

export type TestServer = { url: string; engine: 'pglite' | 'postgres'; logs: () => string; stop: () => Promise<void> };

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const address = s.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

/**
 * A migrated database with the demo data, made once per test run by the global setup (e2e/support/setup.ts) and
 * copied for every journey: a PGlite folder copied on disk, or a PostgreSQL database used as a template. Seeding
 * takes ~15 s a server; a copy well under a second.
 */
type Spawned = { child: ChildProcess; output: () => string };

async function spawnServer(env: NodeJS.ProcessEnv, url: string): Promise<Spawned> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', serverEntry], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  // migrating and seeding takes ~15 s on a quiet machine and over a minute on a saturated one: wait for health, not luck
  const deadline = Date.now() + 150_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}:\n${output}`);
    try {
      const res = await fetch(`${url}/healthz`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      // never leave a server behind: the run would wait on it, and it would hold its port and database
      child.kill('SIGKILL');
      throw new Error(`server did not become healthy:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return { child, output: () => output };
}

/** SIGTERM (the server finishes what it is doing and closes its database), then SIGKILL after 20 s. */
async function stopServer(child: ChildProcess) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
  await exited;
  clearTimeout(timer);
}

/** Starts a server once on a fresh database so it migrates and seeds, stops it, and returns what to copy. */
export async function prepareTemplate(): Promise<string> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    WEB_DIST: webDist,
    LOG_LEVEL: 'warn',
    // journeys sign in as the demo admin: its password is given (the documented one) rather than generated
    RONGHE_DEMO_ADMIN_PASSWORD: DEMO_PASSWORD,
  };
  const baseUrl = process.env.DATABASE_URL;
  let template: string;
  if (baseUrl) {
    template = `ronghe_e2e_template_${process.pid}`;
    const admin = postgres(baseUrl, { max: 1, onnotice: () => {} });
    await admin.unsafe(`drop database if exists "${template}" with (force)`);
    await admin.unsafe(`create database "${template}"`);
    await admin.end();
    const u = new URL(baseUrl);
    u.pathname = `/${template}`;
    env.DATABASE_URL = u.toString();
  } else {
    template = mkdtempSync(join(tmpdir(), 'ronghe-e2e-template-'));
    env.RONGHE_DATA_DIR = template;
    delete env.DATABASE_URL;
  }
  const { child } = await spawnServer(env, `http://127.0.0.1:${port}`);
  await stopServer(child);
  return template;
}

export async function dropTemplate(template: string) {
  const baseUrl = process.env.DATABASE_URL;
  if (!baseUrl) return rmSync(template, { recursive: true, force: true });
  const admin = postgres(baseUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`drop database if exists "${template}" with (force)`);
  await admin.end();
}

/**
 * Starts the real server (built web app, real database) as a child process, the way `npm start`
 * runs it: on a copy of the seeded template, a fresh PGlite folder or a fresh database of the server in DATABASE_URL.
 */
export async function startTestServer(extraEnv: Record<string, string> = {}): Promise<TestServer> {
  const port = await freePort();
  const template = inject('e2eTemplate');
  const dataDir = mkdtempSync(join(tmpdir(), 'ronghe-e2e-'));
  const baseUrl = process.env.DATABASE_URL;
  let databaseUrl: string | undefined;
  let dbName: string | undefined;
  if (baseUrl) {
    dbName = `ronghe_e2e_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
    const admin = postgres(baseUrl, { max: 1, onnotice: () => {} });
    await admin.unsafe(template ? `create database "${dbName}" template "${template}"` : `create database "${dbName}"`);
    await admin.end();
    const u = new URL(baseUrl);
    u.pathname = `/${dbName}`;
    databaseUrl = u.toString();
  } else if (template && existsSync(template)) {
    cpSync(template, dataDir, { recursive: true });
  }
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    RONGHE_DATA_DIR: dataDir,
    WEB_DIST: webDist,
    LOG_LEVEL: 'warn',
    ...extraEnv,
  };
  if (databaseUrl) env.DATABASE_URL = databaseUrl;
  else delete env.DATABASE_URL;

  const url = `http://127.0.0.1:${port}`;
  const { child, output } = await spawnServer(env, url);

  return {
    url,
    engine: databaseUrl ? 'postgres' : 'pglite',
    logs: output,
    stop: async () => {
      await stopServer(child);
      rmSync(dataDir, { recursive: true, force: true });
      if (baseUrl && dbName) {
        const admin = postgres(baseUrl, { max: 1, onnotice: () => {} });
        await admin.unsafe(`drop database if exists "${dbName}" with (force)`);
        await admin.end();
      }
    },
  };
}
