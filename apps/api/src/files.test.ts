import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count, eq } from 'drizzle-orm';
import { insertMember } from '@ronghe/db/queries/memberships';
import { storedFiles } from '@ronghe/db/schema';
import { pdf, png } from '@ronghe/db/test-files';
import { addDays, todayInChina } from '@ronghe/domain/training-base';
import { EnvError, readEnv } from './env.ts';
import { contentDisposition } from './files.ts';
import { createLogger } from './logger.ts';
import { latestOutboundMessage } from '@ronghe/db/queries/outbox';
import { startServer, type RunningServer } from './server.ts';
import { call, get, testDatabaseUrl } from './test-support.ts';

// Uploads and downloads over real HTTP: multipart in, the same bytes out, with the headers a browser needs, and
// refusals as localised JSON naming the field. The server runs with small daily upload limits (RONGHE_UPLOAD_*): the
// demo school uploads two files here, and the tests of the limits use organisations of their own.

const LIMITS = {
  RONGHE_UPLOAD_FILES_PER_USER: '4',
  RONGHE_UPLOAD_MB_PER_USER: '1',
  RONGHE_UPLOAD_FILES_PER_ORGANIZATION: '6',
  RONGHE_UPLOAD_MB_PER_ORGANIZATION: '2',
};

let server: RunningServer;
let dataDir: string;
let dropDatabase: () => Promise<void> = async () => {};
const cookies = { school: '', enterprise: '', partner: '' };
const orgs = { school: '', enterprise: '', partner: '' };

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'ronghe-files-'));
  const pg = await testDatabaseUrl();
  dropDatabase = pg.drop;
  const env = readEnv({
    PORT: '0',
    HOST: '127.0.0.1',
    RONGHE_DATA_DIR: dataDir,
    WEB_DIST: join(dataDir, 'no-web'),
    RONGHE_DEMO_ADMIN_PASSWORD: 'ronghe2027demo', // the admin case below signs in as the demo admin
    ...LIMITS,
    ...(pg.url ? { DATABASE_URL: pg.url } : {}),
  });
  server = await startServer(env, createLogger('silent'));
  for (const who of ['school', 'enterprise', 'partner'] as const) {
    cookies[who] = (await call(server.url, 'account.signIn', { identifier: `${who}@demo.ronghe.cn`, password: 'ronghe2027demo' })).cookie;
    const me = await get<{ memberships: Array<{ organizationId: string }> }>(server.url, 'account.me', undefined, cookies[who]);
    orgs[who] = me.memberships[0]?.organizationId ?? '';
  }
}, 120_000);
afterAll(async () => {
  await server?.close();
  await dropDatabase();
  rmSync(dataDir, { recursive: true, force: true });
});

type ErrorBody = { error: { code: string; message: string; fieldErrors: Array<{ path: string; message: string }> } };

async function upload(opts: {
  purpose: string;
  organizationId: string;
  bytes: Uint8Array;
  name: string;
  type?: string;
  cookie: string;
  lang?: string;
}) {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(opts.bytes)], { type: opts.type ?? 'image/png' }), opts.name);
  const res = await fetch(`${server.url}/api/files?purpose=${opts.purpose}&organizationId=${opts.organizationId}`, {
    method: 'POST',
    body: form,
    headers: { cookie: opts.cookie, ...(opts.lang ? { 'accept-language': opts.lang } : {}) },
  });
  return {
    status: res.status,
    retryAfter: res.headers.get('retry-after'),
    body: (await res.json()) as { id?: string } & Partial<ErrorBody>,
  };
}

describe('files over HTTP', () => {
  it('uploads a PNG photo and serves the same bytes back with safe headers', async () => {
    const bytes = png(2, 2);
    const up = await upload({ purpose: 'base_photo', organizationId: orgs.school, bytes, name: '实训车间.png', cookie: cookies.school });
    expect(up.status).toBe(201);
    const res = await fetch(`${server.url}/api/files/${up.body.id}`, { headers: { cookie: cookies.school } });
    expect(res.status).toBe(200);
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(bytes);
    expect(res.headers.get('content-type')).toBe('image/png');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('cache-control')).toContain('private');
    expect(res.headers.get('content-disposition')).toBe(
      `inline; filename="____.png"; filename*=UTF-8''${encodeURIComponent('实训车间.png')}`,
    );
    // an unattached photo is the school's own
    expect((await fetch(`${server.url}/api/files/${up.body.id}`)).status).toBe(401);
    expect((await fetch(`${server.url}/api/files/${up.body.id}`, { headers: { cookie: cookies.enterprise } })).status).toBe(403);
    // once a published base shows it, anyone may see it
    const base = await call<{ id: string }>(
      server.url,
      'trainingBases.create',
      {
        organizationId: orgs.school,
        kind: 'campus',
        name: '照片上传测试实训基地',
        regionCode: '110108',
        address: '北京市海淀区测试路2号',
        lng: 116.3,
        lat: 39.96,
        stations: 10,
        dailyCapacity: 20,
        photoIds: [up.body.id],
      },
      cookies.school,
    );
    expect(base.ok).toBe(true);
    expect((await call(server.url, 'trainingBases.publish', { id: base.data?.id }, cookies.school)).ok).toBe(true);
    const detail = await get<{ photos: Array<{ url: string }> }>(server.url, 'trainingBases.get', { id: base.data?.id });
    const anon = await fetch(`${server.url}${detail.photos[0]?.url}`);
    expect(anon.status).toBe(200);
    expect(new Uint8Array(await anon.arrayBuffer())).toEqual(bytes);
  });

  it('refuses a text file named .png, a file over 2 MB, another organisation and anonymous callers, in JSON naming the field', async () => {
    const text = await upload({
      purpose: 'base_photo',
      organizationId: orgs.school,
      bytes: new TextEncoder().encode('hello, not a picture'),
      name: 'photo.png',
      cookie: cookies.school,
    });
    expect(text.status).toBe(400);
    expect(text.body.error?.fieldErrors).toEqual([{ path: 'file', message: '不支持该文件类型，请上传 JPEG/PNG/WebP 文件' }]);
    const en = await upload({
      purpose: 'base_photo',
      organizationId: orgs.school,
      bytes: new TextEncoder().encode('hello'),
      name: 'photo.png',
      cookie: cookies.school,
      lang: 'en',
    });
    expect(en.body.error?.message).toBe('This type of file is not accepted; upload JPEG/PNG/WebP');
    const big = new Uint8Array(2 * 1024 * 1024 + 10);
    big.set(png(2, 2));
    const tooBig = await upload({
      purpose: 'base_photo',
      organizationId: orgs.school,
      bytes: big,
      name: 'big.png',
      cookie: cookies.school,
    });
    expect(tooBig.status).toBe(413);
    expect(tooBig.body.error?.fieldErrors).toEqual([{ path: 'file', message: '文件不能超过 2 MB' }]);
    // beyond every limit: cut off while streaming
    const huge = await upload({
      purpose: 'placement_agreement',
      organizationId: orgs.school,
      bytes: new Uint8Array(6 * 1024 * 1024),
      name: 'huge.pdf',
      cookie: cookies.school,
    });
    expect(huge.status).toBe(413);
    const foreign = await upload({
      purpose: 'base_photo',
      organizationId: orgs.school,
      bytes: png(2, 2),
      name: 'x.png',
      cookie: cookies.enterprise,
    });
    expect(foreign.status).toBe(403);
    expect(foreign.body.error?.message).toBe('您不是该单位的成员');
    expect((await upload({ purpose: 'base_photo', organizationId: orgs.school, bytes: png(2, 2), name: 'x.png', cookie: '' })).status).toBe(
      401,
    );
    // a form posted from another site is refused before anything is read
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(png(2, 2))], { type: 'image/png' }), 'x.png');
    const crossSite = await fetch(`${server.url}/api/files?purpose=base_photo&organizationId=${orgs.school}`, {
      method: 'POST',
      body: form,
      headers: { cookie: cookies.school, origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' },
    });
    expect(crossSite.status).toBe(403);
    const noPurpose = await upload({
      purpose: 'avatar',
      organizationId: orgs.school,
      bytes: png(2, 2),
      name: 'x.png',
      cookie: cookies.school,
    });
    expect([noPurpose.status, noPurpose.body.error?.fieldErrors[0]?.path]).toEqual([400, 'purpose']);
    expect((await fetch(`${server.url}/api/files/not-a-uuid`)).status).toBe(404);
    expect((await fetch(`${server.url}/api/files/00000000-0000-4000-8000-000000000000`)).status).toBe(404);
  });

  it('serves a placement’s agreement as an attachment to both sides, and to no outsider', async () => {
    const from = addDays(todayInChina(), 60);
    const need = await call<{ id: string }>(
      server.url,
      'needs.create',
      {
        organizationId: orgs.enterprise,
        need: {
          kind: 'internship',
          title: '协议下载测试岗位实习',
          regionCode: '110108',
          deadline: addDays(todayInChina(), 30),
          post: '数控车工',
          majorCodes: ['460103'],
          headcount: 1,
          periodFrom: from,
          periodTo: addDays(from, 59),
          dailyHours: 8,
          monthlyPay: 4000,
          probationWage: 5000,
          postStaffCount: 100,
        },
      },
      cookies.enterprise,
    );
    expect(need.ok).toBe(true);
    expect((await call(server.url, 'needs.publish', { id: need.data?.id }, cookies.enterprise)).ok).toBe(true);
    const applied = await call<{ id: string }>(
      server.url,
      'needs.applyFor',
      { needId: need.data?.id, organizationId: orgs.school, students: 1 },
      cookies.school,
    );
    expect((await call(server.url, 'needs.decide', { id: applied.data?.id, accept: 1 }, cookies.enterprise)).ok).toBe(true);
    const placements = await get<Array<{ id: string; needId: string }>>(
      server.url,
      'placements.list',
      { organizationId: orgs.school },
      cookies.school,
    );
    const placement = placements.find((p) => p.needId === need.data?.id);
    const scan = pdf();
    const up = await upload({
      purpose: 'placement_agreement',
      organizationId: orgs.school,
      bytes: scan,
      name: '三方协议 "终稿".pdf',
      type: 'application/pdf',
      cookie: cookies.school,
    });
    expect(up.status).toBe(201);
    expect(
      (
        await call(
          server.url,
          'placements.recordAgreement',
          { id: placement?.id, reference: 'SF-HTTP-1', signedOn: todayInChina(), agreementFileId: up.body.id },
          cookies.school,
        )
      ).ok,
    ).toBe(true);
    const listed = await get<Array<{ id: string; agreementFileUrl: string | null }>>(
      server.url,
      'placements.list',
      { organizationId: orgs.enterprise },
      cookies.enterprise,
    );
    const url = listed.find((p) => p.id === placement?.id)?.agreementFileUrl;
    expect(url).toBe(`/api/files/${up.body.id}`);
    const res = await fetch(`${server.url}${url}`, { headers: { cookie: cookies.enterprise } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('content-disposition')).toBe(contentDisposition('attachment', '三方协议 "终稿".pdf'));
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="[^"]*"; filename\*=UTF-8''/);
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(scan);
    expect((await fetch(`${server.url}${url}`, { headers: { cookie: cookies.partner } })).status).toBe(403);
    const anon = await fetch(`${server.url}${url}`, { headers: { 'accept-language': 'en' } });
    expect([anon.status, ((await anon.json()) as ErrorBody).error.message]).toEqual([401, 'Please sign in first']);
  });
});

let fresh = 0;

/** Signs a new account up over HTTP and finishes with the code sent to it (read from the outbox: no SMTP here). */
async function signedUpAndIn(identifier: string, name: string): Promise<{ cookie: string; userId: string }> {
  expect((await call(server.url, 'account.signUp', { identifier, password: 'ronghe2027pass', name, acceptPrivacy: true })).ok).toBe(true);
  const sent = await latestOutboundMessage(server.db, identifier, 'verification');
  const code = /\b(\d{6})\b/.exec(sent?.body ?? '')?.[1];
  const done = await call<{ userId: string }>(server.url, 'account.completeSignUp', { identifier, password: 'ronghe2027pass', code });
  expect(done.ok).toBe(true);
  return { cookie: done.cookie, userId: done.data?.userId ?? '' };
}

/** A new user owning a new verified school, over HTTP: its day's counts start at nought. */
async function freshSchool(): Promise<{ cookie: string; organizationId: string; userId: string }> {
  fresh += 1;
  const tag = `${Date.now().toString(36)}${fresh}`;
  const signedUp = await signedUpAndIn(`uploader-${tag}@example.com`, `上传测试${fresh}`);
  const created = await call<{ id: string }>(
    server.url,
    'organizations.create',
    { kind: 'school', name: `上传限额测试职业学院${tag}`, regionCode: '110108', schoolLevel: 'gaozhi' },
    signedUp.cookie,
  );
  const admin = await call(server.url, 'account.signIn', { identifier: 'admin@demo.ronghe.cn', password: 'ronghe2027demo' });
  expect((await call(server.url, 'admin.verify', { id: created.data?.id }, admin.cookie)).ok).toBe(true);
  return { cookie: signedUp.cookie, organizationId: created.data?.id ?? '', userId: signedUp.userId };
}

/** A new user made a manager of `organizationId` (set up in the database: inviting is not what is tested here). */
async function secondManager(organizationId: string): Promise<string> {
  fresh += 1;
  const signedUp = await signedUpAndIn(`manager-${Date.now().toString(36)}${fresh}@example.com`, `副管理员${fresh}`);
  await insertMember(server.db.orm, organizationId, signedUp.userId, 'manager');
  return signedUp.cookie;
}

const KB = 1024;
const sizedPng = (bytes: number) => {
  const b = new Uint8Array(bytes);
  b.set(png(2, 2));
  return b;
};
const filesOf = async (organizationId: string) =>
  (await server.db.orm.select({ n: count() }).from(storedFiles).where(eq(storedFiles.organizationId, organizationId)))[0]?.n;

describe('names by what the bytes are (issue 18)', () => {
  it('stores and serves a PNG named 协议.html as 协议.png: an attachment with the sniffed type and nosniff', async () => {
    const school = await freshSchool();
    const up = await upload({
      purpose: 'placement_agreement',
      organizationId: school.organizationId,
      bytes: png(2, 2),
      name: '协议.html',
      type: 'text/html',
      cookie: school.cookie,
    });
    expect(up.status).toBe(201);
    const res = await fetch(`${server.url}/api/files/${up.body.id}`, { headers: { cookie: school.cookie } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-disposition')).toBe(
      `attachment; filename="__.png"; filename*=UTF-8''${encodeURIComponent('协议.png')}`,
    );
    expect(res.headers.get('content-disposition')).not.toMatch(/html/i);
    // a name without an extension gets the type's
    const bare = await upload({
      purpose: 'placement_agreement',
      organizationId: school.organizationId,
      bytes: pdf(),
      name: '三方协议扫描件',
      type: 'application/octet-stream',
      cookie: school.cookie,
    });
    const got = await fetch(`${server.url}/api/files/${bare.body.id}`, { headers: { cookie: school.cookie } });
    expect([got.headers.get('content-type'), got.headers.get('content-disposition')]).toEqual([
      'application/pdf',
      `attachment; filename="_______.pdf"; filename*=UTF-8''${encodeURIComponent('三方协议扫描件.pdf')}`,
    ]);
  });
});

describe('a day’s uploads per user and per organisation (issue 18)', () => {
  it('refuses concurrent uploads past a user’s day with 429, Retry-After and a localised message', async () => {
    const school = await freshSchool();
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        upload({
          purpose: 'base_photo',
          organizationId: school.organizationId,
          bytes: png(2, 2),
          name: `p${i}.png`,
          cookie: school.cookie,
        }),
      ),
    );
    expect(results.filter((r) => r.status === 201)).toHaveLength(4);
    const refused = results.filter((r) => r.status !== 201);
    expect(refused.map((r) => r.status)).toEqual([429, 429, 429, 429]);
    expect(await filesOf(school.organizationId)).toBe(4);
    for (const r of refused) {
      expect(Number(r.retryAfter)).toBeGreaterThan(0);
      expect(Number(r.retryAfter)).toBeLessThanOrEqual(86_400);
      expect(r.body.error).toEqual({
        code: 'RATE_LIMITED',
        message: '您今天上传的文件已达上限（每人每天 4 个、1 MB），请明天再试',
        fieldErrors: [{ path: 'file', message: '您今天上传的文件已达上限（每人每天 4 个、1 MB），请明天再试' }],
      });
    }
    const en = await upload({
      purpose: 'base_photo',
      organizationId: school.organizationId,
      bytes: png(2, 2),
      name: 'x.png',
      cookie: school.cookie,
      lang: 'en',
    });
    expect([en.status, en.body.error?.message]).toEqual([
      429,
      'You have reached today’s upload limit (4 files or 1 MB a day per person); try again tomorrow',
    ]);
  });

  it('counts a user’s bytes; a refused upload counts nothing', async () => {
    const school = await freshSchool();
    const send = (kb: number) =>
      upload({
        purpose: 'base_photo',
        organizationId: school.organizationId,
        bytes: sizedPng(kb * KB),
        name: `${kb}.png`,
        cookie: school.cookie,
      }).then((r) => r.status);
    expect(await send(700)).toBe(201);
    expect(await send(400)).toBe(429);
    expect(await send(300)).toBe(201);
    expect(await send(30)).toBe(429);
    expect(await filesOf(school.organizationId)).toBe(2);
  });

  it('counts an organisation’s day across its managers, concurrent uploads included', async () => {
    const school = await freshSchool();
    const others = [await secondManager(school.organizationId), await secondManager(school.organizationId)];
    // three managers, at most three uploads each (under their own four): only the organisation's six can refuse
    const cookies = [school.cookie, ...others, school.cookie, ...others, school.cookie, others[0] ?? ''];
    const results = await Promise.all(
      cookies.map((cookie, i) =>
        upload({ purpose: 'base_photo', organizationId: school.organizationId, bytes: png(2, 2), name: `o${i}.png`, cookie }),
      ),
    );
    expect(results.filter((r) => r.status === 201)).toHaveLength(6);
    expect(results.filter((r) => r.status !== 201).map((r) => [r.status, r.body.error?.message])).toEqual(
      Array(2).fill([429, '本单位今天上传的文件已达上限（每天 6 个、2 MB），请明天再试']),
    );
    expect(await filesOf(school.organizationId)).toBe(6);
    // bytes: 2 MB a day for the whole organisation
    const bytesSchool = await freshSchool();
    const [m1, m2] = [await secondManager(bytesSchool.organizationId), await secondManager(bytesSchool.organizationId)];
    const send = (cookie: string, kb: number) =>
      upload({
        purpose: 'base_photo',
        organizationId: bytesSchool.organizationId,
        bytes: sizedPng(kb * KB),
        name: `${kb}.png`,
        cookie,
      }).then((r) => r.status);
    expect(await send(bytesSchool.cookie, 900)).toBe(201);
    expect(await send(m1, 900)).toBe(201);
    expect(await send(m2, 300)).toBe(429);
    expect(await send(m2, 200)).toBe(201);
  });

  it('takes the limits from the environment, validated at boot', () => {
    const base = { RONGHE_DATA_DIR: dataDir };
    expect(readEnv(base).RONGHE_UPLOAD_FILES_PER_USER).toBeUndefined();
    expect(readEnv({ ...base, ...LIMITS })).toMatchObject({
      RONGHE_UPLOAD_FILES_PER_USER: 4,
      RONGHE_UPLOAD_MB_PER_USER: 1,
      RONGHE_UPLOAD_FILES_PER_ORGANIZATION: 6,
      RONGHE_UPLOAD_MB_PER_ORGANIZATION: 2,
    });
    expect(() => readEnv({ ...base, RONGHE_UPLOAD_MB_PER_USER: '0' })).toThrow(EnvError);
    expect(() => readEnv({ ...base, RONGHE_UPLOAD_FILES_PER_ORGANIZATION: 'lots' })).toThrow(/RONGHE_UPLOAD_FILES_PER_ORGANIZATION/);
  });
});
