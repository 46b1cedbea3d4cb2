import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, startServerProcessForFaults, testDatabaseUrl, type ServerProcess } from './test-support.ts';

// Demo mode as an installation meets it (issue 20, safe defaults): a fresh start on loopback creates the demo admin
// with a password of its own, printed once; later starts never print it; demo mode off disables the demo accounts;
// demo mode asked for in production is warned about at every start. One database through four starts, on the
// engine of the run.

const DOCUMENTED = 'ronghe2027demo';
let dataDir: string;
let database: { url: string | undefined; drop: () => Promise<void> };
const running: ServerProcess[] = [];

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'ronghe-demo-mode-'));
  database = await testDatabaseUrl();
});
afterAll(async () => {
  await Promise.all(running.map((s) => s.kill('SIGKILL')));
  await database.drop();
  rmSync(dataDir, { recursive: true, force: true });
});

async function start(env: Record<string, string> = {}): Promise<ServerProcess> {
  const where: Record<string, string> = database.url ? { DATABASE_URL: database.url } : { RONGHE_DATA_DIR: dataDir };
  // as `npm start` runs it: no NODE_ENV, no RONGHE_DEMO, no demo admin password
  const server = await startServerProcessForFaults({ ...where, NODE_ENV: '', RONGHE_DEMO: '', RONGHE_DEMO_ADMIN_PASSWORD: '', ...env });
  running.push(server);
  return server;
}

const signIn = (url: string, identifier: string, password: string) => call(url, 'account.signIn', { identifier, password });

describe('demo mode', () => {
  it(
    'shows the generated admin password on the first start only, and disables the demo accounts when turned off',
    { timeout: 600_000 },
    async () => {
      const first = await start();
      const shown = /admin\s+admin@demo\.ronghe\.cn\s+(\S+)/.exec(first.output())?.[1];
      expect(shown, first.output()).toMatch(/^[A-Za-z0-9]{16}$/);
      expect(first.output()).toContain('只显示这一次');
      expect((await signIn(first.url, 'admin@demo.ronghe.cn', DOCUMENTED)).status).toBe(401);
      const admin = await signIn(first.url, 'admin@demo.ronghe.cn', shown ?? '');
      expect(admin.status).toBe(200);
      expect(admin.cookie).toContain('session_token');
      expect((await signIn(first.url, 'school@demo.ronghe.cn', DOCUMENTED)).status).toBe(200);
      await first.stop();

      const second = await start();
      expect(second.output()).not.toContain(shown);
      expect(second.output()).not.toContain('演示账号');
      expect((await signIn(second.url, 'admin@demo.ronghe.cn', shown ?? '')).status).toBe(200);
      await second.stop();

      // demo mode off: the accounts stay in the database but cannot sign in, and sessions made before count for nothing
      const off = await start({ RONGHE_DEMO: 'false' });
      expect(off.output()).toContain('demo accounts disabled');
      expect((await signIn(off.url, 'admin@demo.ronghe.cn', shown ?? '')).status).toBe(401);
      expect((await signIn(off.url, 'school@demo.ronghe.cn', DOCUMENTED)).status).toBe(401);
      const me = await fetch(`${off.url}/trpc/account.me`, { headers: { cookie: admin.cookie } });
      expect(((await me.json()) as { result: { data: { json: unknown } } }).result.data.json).toBeNull();
      await off.stop();

      // asked for where it is not the default (production): on, with a warning at every start
      const production = await start({ NODE_ENV: 'production', RONGHE_DEMO: 'true' });
      expect(production.output()).toContain('RONGHE_DEMO=true on a server others can reach or in production');
      expect((await signIn(production.url, 'school@demo.ronghe.cn', DOCUMENTED)).status).toBe(200);
      await production.stop();
    },
  );
});
