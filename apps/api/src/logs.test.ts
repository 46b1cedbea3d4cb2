import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from './logger.ts';
import { call, startServerProcess, testDatabaseUrl, type Server } from './test-support.ts';

// Everything the server process prints (stdout and stderr, at the most talkative log level) while accounts are
// created, signed in to, failed on and re-keyed: no password, session token or secret may appear in it.

const AUTH_SECRET = 'logs-test-auth-secret-7c1f0b9e2d4a6f8e1b3c5d7f';
const ADMIN_PASSWORD = 'admin-Pw-2027-9f3k';
const DB_PASSWORD = 'db-Pw-2027-q8z1';
const PASSWORD = 'first-Pw-2027-m4x7';
const NEW_PASSWORD = 'second-Pw-2027-h2v9';
const WRONG_PASSWORD = 'wrong-Pw-2027-c6n3';
const TOO_LONG_PASSWORD = `long-Pw-2027-${'r'.repeat(200)}`;

let server: Server & { output: () => string };
let dataDir: string;
let dropDatabase: () => Promise<void> = async () => {};

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'ronghe-logs-'));
  const pg = await testDatabaseUrl();
  dropDatabase = pg.drop;
  // the test server trusts any password, so one in the URL proves only that the URL is never printed whole
  const dbUrl = pg.url ? pg.url.replace('postgres://postgres@', `postgres://postgres:${DB_PASSWORD}@`) : undefined;
  server = await startServerProcess({
    RONGHE_DATA_DIR: dataDir,
    RONGHE_DEMO: 'false',
    RONGHE_AUTH_SECRET: AUTH_SECRET,
    RONGHE_ADMIN_EMAIL: 'logs-admin@example.gov.cn',
    RONGHE_ADMIN_PASSWORD: ADMIN_PASSWORD,
    LOG_LEVEL: 'trace',
    WEB_DIST: join(dataDir, 'no-web'),
    ...(dbUrl ? { DATABASE_URL: dbUrl } : {}),
  });
}, 180_000);
afterAll(async () => {
  await server?.stop();
  await dropDatabase();
  rmSync(dataDir, { recursive: true, force: true });
});

const tokensIn = (cookie: string) =>
  cookie
    .split('; ')
    .map((pair) => decodeURIComponent(pair.slice(pair.indexOf('=') + 1)))
    .flatMap((value) => [value, value.split('.')[0] ?? ''])
    .filter((v) => v.length >= 16);

describe('no secrets in logs', () => {
  it('signs up, fails and succeeds at signing in, changes the password and signs out, and the log holds none of the secrets', async () => {
    const identifier = 'logs-user@example.com';
    const signedUp = await call(server.url, 'account.signUp', { identifier, password: PASSWORD, name: '日志测试', acceptPrivacy: true });
    expect(signedUp.ok).toBe(true);
    expect(
      (
        await call(server.url, 'account.signUp', {
          identifier: 'logs-other@example.com',
          password: TOO_LONG_PASSWORD,
          name: '日志测试',
          acceptPrivacy: true,
        })
      ).status,
    ).toBe(400);
    expect((await call(server.url, 'account.signIn', { identifier, password: WRONG_PASSWORD })).status).toBe(401);
    const signedIn = await call(server.url, 'account.signIn', { identifier, password: PASSWORD });
    expect(signedIn.ok).toBe(true);
    expect(
      (await call(server.url, 'account.changePassword', { currentPassword: WRONG_PASSWORD, newPassword: NEW_PASSWORD }, signedIn.cookie))
        .status,
    ).toBe(400);
    const changed = await call(
      server.url,
      'account.changePassword',
      { currentPassword: PASSWORD, newPassword: NEW_PASSWORD },
      signedIn.cookie,
    );
    expect(changed.ok).toBe(true);
    const again = await call(server.url, 'account.signIn', { identifier, password: NEW_PASSWORD });
    expect(again.ok).toBe(true);
    expect((await call(server.url, 'account.signOut', { everywhere: true }, again.cookie)).ok).toBe(true);
    await server.stop();

    const log = server.output();
    // the log did record the calls: otherwise its silence would prove nothing
    expect(log).toContain('"path":"/trpc/account.changePassword"');
    expect(log).toContain('"path":"/trpc/account.signIn","status":401');
    const secrets = [
      AUTH_SECRET,
      ADMIN_PASSWORD,
      DB_PASSWORD,
      PASSWORD,
      NEW_PASSWORD,
      WRONG_PASSWORD,
      TOO_LONG_PASSWORD,
      ...tokensIn(signedUp.cookie),
      ...tokensIn(signedIn.cookie),
      ...tokensIn(changed.cookie),
      ...tokensIn(again.cookie),
    ];
    expect(tokensIn(signedIn.cookie).length).toBeGreaterThan(0);
    expect(secrets.filter((s) => log.includes(s))).toEqual([]);
  }, 120_000);
});

describe('log redaction', () => {
  it('hides passwords, cookies and secrets a log call might carry, and keeps the rest', () => {
    const lines: string[] = [];
    const logger = createLogger('info', { write: (line: string) => void lines.push(line) });
    logger.info(
      {
        input: { identifier: 'someone@example.com', password: PASSWORD },
        req: { headers: { cookie: 'ronghe.session_token=abc', host: 'x' } },
      },
      'a careless call',
    );
    logger.error(
      { err: { message: 'failed', input: { currentPassword: PASSWORD, newPassword: NEW_PASSWORD } }, secret: AUTH_SECRET },
      'another',
    );
    const text = lines.join('');
    expect(text).not.toContain(PASSWORD);
    expect(text).not.toContain(NEW_PASSWORD);
    expect(text).not.toContain(AUTH_SECRET);
    expect(text).not.toContain('session_token=abc');
    expect(text).toContain('someone@example.com');
    expect(text).toContain('[Redacted]');
  });
});
