import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pdf, png } from '@ronghe/db/test-files';
import { addDays, todayInChina } from '@ronghe/domain/training-base';
import { readEnv } from './env.ts';
import { contentDisposition } from './files.ts';
import { createLogger } from './logger.ts';
import { startServer, type RunningServer } from './server.ts';
import { call, get, testDatabaseUrl } from './test-support.ts';

// Uploads and downloads over real HTTP: multipart in, the same bytes out, with the headers a browser needs, and
// refusals as localised JSON naming the field.

let server: RunningServer;
let dataDir: string;
let dropDatabase: () => Promise<void> = async () => {};
const cookies = { school: '', enterprise: '', partner: '' };
const orgs = { school: '', enterprise: '', partner: '' };

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'ronghe-files-'));
  const pg = await testDatabaseUrl();
  dropDatabase = pg.drop;
  const env = readEnv({ PORT: '0', HOST: '127.0.0.1', RONGHE_DATA_DIR: dataDir, WEB_DIST: join(dataDir, 'no-web'), ...(pg.url ? { DATABASE_URL: pg.url } : {}) });
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

async function upload(opts: { purpose: string; organizationId: string; bytes: Uint8Array; name: string; type?: string; cookie: string; lang?: string }) {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(opts.bytes)], { type: opts.type ?? 'image/png' }), opts.name);
  const res = await fetch(`${server.url}/api/files?purpose=${opts.purpose}&organizationId=${opts.organizationId}`, {
    method: 'POST',
    body: form,
    headers: { cookie: opts.cookie, ...(opts.lang ? { 'accept-language': opts.lang } : {}) },
  });
  return { status: res.status, body: (await res.json()) as { id?: string } & Partial<ErrorBody> };
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
    expect(res.headers.get('content-disposition')).toBe(`inline; filename="____.png"; filename*=UTF-8''${encodeURIComponent('实训车间.png')}`);
    // an unattached photo is the school's own
    expect((await fetch(`${server.url}/api/files/${up.body.id}`)).status).toBe(401);
    expect((await fetch(`${server.url}/api/files/${up.body.id}`, { headers: { cookie: cookies.enterprise } })).status).toBe(403);
    // once a published base shows it, anyone may see it
    const base = await call<{ id: string }>(
      server.url,
      'trainingBases.create',
      { organizationId: orgs.school, kind: 'campus', name: '照片上传测试实训基地', regionCode: '110108', address: '北京市海淀区测试路2号', lng: 116.3, lat: 39.96, stations: 10, dailyCapacity: 20, photoIds: [up.body.id] },
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
    const text = await upload({ purpose: 'base_photo', organizationId: orgs.school, bytes: new TextEncoder().encode('hello, not a picture'), name: 'photo.png', cookie: cookies.school });
    expect(text.status).toBe(400);
    expect(text.body.error?.fieldErrors).toEqual([{ path: 'file', message: '不支持该文件类型，请上传 JPEG/PNG/WebP 文件' }]);
    const en = await upload({ purpose: 'base_photo', organizationId: orgs.school, bytes: new TextEncoder().encode('hello'), name: 'photo.png', cookie: cookies.school, lang: 'en' });
    expect(en.body.error?.message).toBe('This type of file is not accepted; upload JPEG/PNG/WebP');
    const big = new Uint8Array(2 * 1024 * 1024 + 10);
    big.set(png(2, 2));
    const tooBig = await upload({ purpose: 'base_photo', organizationId: orgs.school, bytes: big, name: 'big.png', cookie: cookies.school });
    expect(tooBig.status).toBe(413);
    expect(tooBig.body.error?.fieldErrors).toEqual([{ path: 'file', message: '文件不能超过 2 MB' }]);
    // beyond every limit: cut off while streaming
    const huge = await upload({ purpose: 'placement_agreement', organizationId: orgs.school, bytes: new Uint8Array(6 * 1024 * 1024), name: 'huge.pdf', cookie: cookies.school });
    expect(huge.status).toBe(413);
    const foreign = await upload({ purpose: 'base_photo', organizationId: orgs.school, bytes: png(2, 2), name: 'x.png', cookie: cookies.enterprise });
    expect(foreign.status).toBe(403);
    expect(foreign.body.error?.message).toBe('您不是该单位的成员');
    expect((await upload({ purpose: 'base_photo', organizationId: orgs.school, bytes: png(2, 2), name: 'x.png', cookie: '' })).status).toBe(401);
    // a form posted from another site is refused before anything is read
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(png(2, 2))], { type: 'image/png' }), 'x.png');
    const crossSite = await fetch(`${server.url}/api/files?purpose=base_photo&organizationId=${orgs.school}`, { method: 'POST', body: form, headers: { cookie: cookies.school, origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' } });
    expect(crossSite.status).toBe(403);
    const noPurpose = await upload({ purpose: 'avatar', organizationId: orgs.school, bytes: png(2, 2), name: 'x.png', cookie: cookies.school });
    expect([noPurpose.status, noPurpose.body.error?.fieldErrors[0]?.path]).toEqual([400, 'purpose']);
    expect((await fetch(`${server.url}/api/files/not-a-uuid`)).status).toBe(404);
    expect((await fetch(`${server.url}/api/files/00000000-0000-4000-8000-000000000000`)).status).toBe(404);
  });

  it('serves a placement’s agreement as an attachment to both sides, and to no outsider', async () => {
    const from = addDays(todayInChina(), 60);
    const need = await call<{ id: string }>(
      server.url,
      'needs.create',
      { organizationId: orgs.enterprise, need: { kind: 'internship', title: '协议下载测试岗位实习', regionCode: '110108', deadline: addDays(todayInChina(), 30), post: '数控车工', majorCodes: ['460103'], headcount: 1, periodFrom: from, periodTo: addDays(from, 59), dailyHours: 8, monthlyPay: 4000, probationWage: 5000, postStaffCount: 100 } },
      cookies.enterprise,
    );
    expect(need.ok).toBe(true);
    expect((await call(server.url, 'needs.publish', { id: need.data?.id }, cookies.enterprise)).ok).toBe(true);
    const applied = await call<{ id: string }>(server.url, 'needs.applyFor', { needId: need.data?.id, organizationId: orgs.school, students: 1 }, cookies.school);
    expect((await call(server.url, 'needs.decide', { id: applied.data?.id, accept: 1 }, cookies.enterprise)).ok).toBe(true);
    const placements = await get<Array<{ id: string; needId: string }>>(server.url, 'placements.list', { organizationId: orgs.school }, cookies.school);
    const placement = placements.find((p) => p.needId === need.data?.id);
    const scan = pdf();
    const up = await upload({ purpose: 'placement_agreement', organizationId: orgs.school, bytes: scan, name: '三方协议 "终稿".pdf', type: 'application/pdf', cookie: cookies.school });
    expect(up.status).toBe(201);
    expect((await call(server.url, 'placements.recordAgreement', { id: placement?.id, reference: 'SF-HTTP-1', signedOn: todayInChina(), agreementFileId: up.body.id }, cookies.school)).ok).toBe(true);
    const listed = await get<Array<{ id: string; agreementFileUrl: string | null }>>(server.url, 'placements.list', { organizationId: orgs.enterprise }, cookies.enterprise);
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
