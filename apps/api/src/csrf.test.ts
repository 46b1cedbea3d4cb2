import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csrfRefusal } from './csrf.ts';
import { readEnv } from './env.ts';
import { createLogger } from './logger.ts';
import { startServer, type RunningServer } from './server.ts';
import { testDatabaseUrl } from './test-support.ts';

// Over real HTTP: what a page on another site can make a signed-in browser send to /trpc, and what our own pages send.

const PUBLIC_URL = 'https://ronghe.example.gov.cn';
let server: RunningServer;
let dataDir: string;
let dropDatabase: () => Promise<void> = async () => {};

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'ronghe-csrf-'));
  const pg = await testDatabaseUrl();
  dropDatabase = pg.drop;
  const env = readEnv({
    PORT: '0',
    HOST: '127.0.0.1',
    RONGHE_DATA_DIR: dataDir,
    RONGHE_DEMO: 'false',
    RONGHE_PUBLIC_URL: PUBLIC_URL,
    WEB_DIST: join(dataDir, 'no-web'),
    ...(pg.url ? { DATABASE_URL: pg.url } : {}),
  });
  server = await startServer(env, createLogger('silent'));
}, 120_000);
afterAll(async () => {
  await server?.close();
  await dropDatabase();
  rmSync(dataDir, { recursive: true, force: true });
});

let n = 0;
const account = () => ({
  identifier: `csrf${(n += 1)}.${Math.random().toString(36).slice(2, 7)}@example.com`,
  password: 'ronghe2027csrf',
  name: '跨站测试',
  acceptPrivacy: true,
});
const post = (path: string, body: string, headers: Record<string, string>) =>
  fetch(`${server.url}/trpc/${path}`, { method: 'POST', headers, body });
const json = (input: unknown) => JSON.stringify({ json: input });
type Refusal = { error: { code: string; message: string } };

describe('CSRF protection on /trpc writes', () => {
  it('refuses a cross-site HTML form post, and writes nothing', async () => {
    const victim = account();
    const form = new URLSearchParams({ json: JSON.stringify(victim) }).toString();
    const res = await post('account.signUp', form, {
      'content-type': 'application/x-www-form-urlencoded',
      origin: 'https://evil.example.com',
      'sec-fetch-site': 'cross-site',
    });
    expect(res.status).toBe(403);
    expect(await res.json()).toEqual({
      error: { code: 'FORBIDDEN', message: '拒绝来自其他网站的请求，请在本站页面上操作', fieldErrors: [] },
    });
    // the account was not created: signing in to it fails
    expect(
      (
        await post('account.signIn', json({ identifier: victim.identifier, password: victim.password }), {
          'content-type': 'application/json',
        })
      ).status,
    ).toBe(401);
  });

  it('refuses a text/plain body (a "simple" request any page can send) even without Origin', async () => {
    const res = await post('account.signUp', json(account()), { 'content-type': 'text/plain;charset=UTF-8', 'accept-language': 'en' });
    expect(res.status).toBe(403);
    expect(((await res.json()) as Refusal).error.message).toBe('Unsupported request format; send application/json');
    expect((await post('account.signUp', json(account()), {})).status).toBe(403);
  });

  it('refuses JSON from a foreign Origin, and from a sibling site on another origin', async () => {
    const foreign = await post('account.signUp', json(account()), {
      'content-type': 'application/json',
      origin: 'https://evil.example.com',
      'accept-language': 'en',
    });
    expect(foreign.status).toBe(403);
    expect(((await foreign.json()) as Refusal).error.message).toBe('Requests from other sites are refused; use Ronghe’s own pages');
    const sibling = await post('account.signUp', json(account()), {
      'content-type': 'application/json',
      origin: 'https://other.example.gov.cn',
      'sec-fetch-site': 'same-site',
    });
    expect(sibling.status).toBe(403);
    const opaque = await post('account.signUp', json(account()), { 'content-type': 'application/json', origin: 'null' });
    expect(opaque.status).toBe(403);
  });

  it('accepts JSON from its own origin (the Host it was reached at, or the public URL), not from another name for the server', async () => {
    // what the web app's tRPC client sends: JSON, its own Origin, Sec-Fetch-Site same-origin
    const own = await post('account.signUp', json(account()), {
      'content-type': 'application/json',
      origin: server.url,
      'sec-fetch-site': 'same-origin',
      'x-ronghe-lang': 'zh-CN',
    });
    expect(own.status).toBe(200);
    // the same server reached by another name: the Host header decides, so this is another origin
    const otherName = await post('account.signUp', json(account()), {
      'content-type': 'application/json',
      origin: server.url.replace('localhost', '127.0.0.1'),
    });
    expect(otherName.status).toBe(403);
    const viaPublicUrl = await post('account.signUp', json(account()), {
      'content-type': 'application/json; charset=utf-8',
      origin: PUBLIC_URL,
      'sec-fetch-site': 'same-origin',
    });
    expect(viaPublicUrl.status).toBe(200);
  });

  it('accepts JSON with neither Origin nor Sec-Fetch-Site (scripts, curl, server to server)', async () => {
    const res = await post('account.signUp', json(account()), { 'content-type': 'application/json' });
    expect(res.status).toBe(200);
    // taken and acted on: the sign-up says where its code went
    const body = (await res.json()) as { result: { data: { json: { sentTo: string } } } };
    expect(body.result.data.json.sentTo).toMatch(/^c\*\*\*@example\.com$/);
  });

  it('leaves GET queries alone, whatever site they come from', async () => {
    const res = await fetch(`${server.url}/trpc/reference.targets?input=${encodeURIComponent(json(undefined))}`, {
      headers: { origin: 'https://evil.example.com', 'sec-fetch-site': 'cross-site' },
    });
    expect(res.status).toBe(200);
  });
});

describe('CSRF rule behind a proxy', () => {
  const opts = { publicUrl: 'https://ronghe.example.gov.cn', trustedProxies: ['127.0.0.1'] };
  const write = { method: 'POST', contentType: 'application/json', host: '10.0.0.5:3001' };

  it('believes X-Forwarded-Host only from a trusted proxy', () => {
    const req = { ...write, origin: 'https://intranet.example.gov.cn', forwardedHost: 'intranet.example.gov.cn' };
    expect(csrfRefusal(opts, { ...req, socket: '::ffff:127.0.0.1' })).toBeNull();
    expect(csrfRefusal(opts, { ...req, socket: '192.0.2.9' })).toBe('request.crossSite');
  });

  it('compares hosts, not schemes: TLS ends at the proxy', () => {
    expect(csrfRefusal(opts, { ...write, origin: 'https://ronghe.example.gov.cn' })).toBeNull();
    expect(csrfRefusal(opts, { ...write, origin: 'https://ronghe.example.gov.cn.evil.example' })).toBe('request.crossSite');
    expect(
      csrfRefusal(
        { ...opts, requireJson: false },
        { method: 'POST', contentType: 'multipart/form-data; boundary=x', origin: 'https://ronghe.example.gov.cn' },
      ),
    ).toBeNull();
    expect(csrfRefusal(opts, { method: 'GET', origin: 'https://evil.example.com', fetchSite: 'cross-site' })).toBeNull();
  });
});
