import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readEnv } from './env.ts';
import { createLogger } from './logger.ts';
import { startServer, type RunningServer } from './server.ts';
import { testDatabaseUrl } from './test-support.ts';

let server: RunningServer;
let dataDir: string;
let dropDatabase: () => Promise<void> = async () => {};

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'ronghe-http-'));
  const pg = await testDatabaseUrl();
  dropDatabase = pg.drop;
  const env = readEnv({
    PORT: '0',
    HOST: '127.0.0.1',
    RONGHE_DATA_DIR: dataDir,
    WEB_DIST: join(dataDir, 'no-web'),
    ...(pg.url ? { DATABASE_URL: pg.url } : {}),
  });
  server = await startServer(env, createLogger('silent'));
});
afterAll(async () => {
  await server?.close();
  await dropDatabase();
  rmSync(dataDir, { recursive: true, force: true });
});

const trpcGet = (path: string, input: unknown, lang?: string) =>
  fetch(`${server.url}/trpc/${path}?input=${encodeURIComponent(JSON.stringify({ json: input }))}`, {
    headers: lang ? { 'accept-language': lang } : {},
  });

describe('HTTP surface', () => {
  it('reports health with the engine in use', async () => {
    const res = await fetch(`${server.url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok', database: process.env.DATABASE_URL ? 'postgres' : 'pglite' });
  });

  it('sends security headers', async () => {
    const res = await fetch(`${server.url}/healthz`);
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN');
  });

  it('serves reference data without sign-in', async () => {
    const res = await trpcGet('reference.targets', undefined);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { result: { data: { json: Array<{ code: string }> } } };
    expect(body.result.data.json).toHaveLength(16);
  });

  const signUp = (body: string, lang?: string) =>
    fetch(`${server.url}/trpc/account.signUp`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(lang ? { 'accept-language': lang } : {}) },
      body,
    });
  type ErrorBody = { error: { json: { message: string; data: { fieldErrors: Array<{ path: string; message: string }> } } } };

  it('answers malformed input with 400 and per-field messages in Chinese', async () => {
    const res = await signUp(JSON.stringify({ json: { identifier: '12345', password: 'short', name: ' ', acceptPrivacy: true } }));
    expect(res.status).toBe(400);
    const body = (await res.json()) as ErrorBody;
    expect(body.error.json.message).toBe('输入有误，请检查标记的字段');
    expect(body.error.json.data.fieldErrors).toEqual([
      { path: 'identifier', message: '请输入有效的邮箱或11位手机号' },
      { path: 'password', message: '密码至少8位，且须同时包含字母和数字' },
      { path: 'name', message: '请填写姓名' },
    ]);
  });

  it('answers in English when the client asks for it', async () => {
    const res = await signUp(
      JSON.stringify({ json: { identifier: 'someone@example.com', password: 'ronghe2027x', name: 'x'.repeat(51), acceptPrivacy: true } }),
      'en-US,en;q=0.9',
    );
    expect(res.status).toBe(400);
    const body = (await res.json()) as ErrorBody;
    expect(body.error.json.message).toBe('Some fields are invalid; please check the marked fields');
    expect(body.error.json.data.fieldErrors).toEqual([{ path: 'name', message: 'At most 50 characters' }]);
  });

  it('treats broken JSON as a client error, never a 500', async () => {
    expect((await signUp('{not-json')).status).toBe(400);
  });

  it('checks who is calling before it looks at the input', async () => {
    const res = await trpcGet('organizations.list', { limit: 0 });
    expect(res.status).toBe(401);
  });

  it('gives JSON 404 for unknown procedures and API paths', async () => {
    expect((await trpcGet('nothing.here', undefined)).status).toBe(404);
    const api = await fetch(`${server.url}/api/whatever`);
    expect(api.status).toBe(404);
    expect(await api.json()).toMatchObject({ error: 'not found' });
    const asset = await fetch(`${server.url}/assets/missing.js`);
    expect(asset.status).toBe(404);
    const page = await fetch(`${server.url}/somewhere`, { headers: { accept: 'application/json' } });
    expect(page.status).toBe(404);
  });
});

/** One POST carrying `calls` as a tRPC batch (what httpBatchLink sends). */
async function batch(calls: { path: string; input: unknown }[]) {
  const body = Object.fromEntries(calls.map((c, i) => [String(i), { json: c.input }]));
  const res = await fetch(`${server.url}/trpc/${calls.map((c) => c.path).join(',')}?batch=1`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: res.status, cookies: res.headers.getSetCookie(), body: (await res.json()) as unknown };
}

const post = (path: string, input: unknown) =>
  fetch(`${server.url}/trpc/${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ json: input }),
  });

describe('guessing passwords over HTTP', () => {
  const password = 'right2027pass';

  it('refuses account actions in a batch, and batches over 10 calls, trying no password', async () => {
    const identifier = 'batch-target@example.com';
    expect((await post('account.signUp', { identifier, password, name: '测试', acceptPrivacy: true })).status).toBe(200);
    const guesses = [
      ...Array.from({ length: 29 }, (_, i) => ({ path: 'account.signIn', input: { identifier, password: `wrong${i}guess` } })),
      { path: 'account.signIn', input: { identifier, password } },
    ];
    const big = await batch(guesses);
    expect(big.status).toBe(400);
    expect(big.cookies).toEqual([]);
    const small = await batch(guesses.slice(-2));
    expect(small.cookies).toEqual([]);
    expect(JSON.stringify(small.body)).toContain('账号操作须单独提交');
    const queries = (n: number) =>
      fetch(`${server.url}/trpc/${Array.from({ length: n }, () => 'reference.industries').join(',')}?batch=1&input={}`);
    expect((await queries(11)).status).toBe(400);
    expect((await queries(10)).status).toBe(200);
    // none of those was counted as a failed attempt: the right password still signs in
    const alone = await post('account.signIn', { identifier, password });
    expect(alone.status).toBe(200);
    expect(alone.headers.getSetCookie().join(';')).toContain('session_token');
  });

  // after the batch case: its 30 attempts from this address exhaust the address's limit too
  it('tries at most 5 of 30 wrong passwords sent at once, and then not the right one', async () => {
    const identifier = 'concurrent-target@example.com';
    expect((await post('account.signUp', { identifier, password, name: '测试', acceptPrivacy: true })).status).toBe(200);
    const answers = await Promise.all(
      Array.from({ length: 30 }, (_, i) => post('account.signIn', { identifier, password: `wrong${i}guess` })),
    );
    const statuses = answers.map((a) => a.status);
    // 401: the password was compared and was wrong; 429: refused before any comparison
    expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(5);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(25);
    expect(statuses.every((s) => s === 401 || s === 429)).toBe(true);
    const right = await post('account.signIn', { identifier, password });
    expect(right.status).toBe(429);
    expect(right.headers.getSetCookie()).toEqual([]);
  });
});
