import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, todayInChina } from '@ronghe/domain/training-base';
import { testDatabaseUrl } from './test-support.ts';

// Capacity under concurrent approvals, from several server processes on one database. On
// PostgreSQL two API processes share the database; PGlite is one process per data folder, so
// there the same 100 approvals race inside one process.

const entry = fileURLToPath(new URL('./main.ts', import.meta.url));
const STATIONS = 30;
const REQUESTS = 100;

type Server = { url: string; stop: () => Promise<void> };

async function startServer(env: Record<string, string>): Promise<Server> {
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

async function call<T>(url: string, path: string, input: unknown, cookie = ''): Promise<{ ok: boolean; status: number; data?: T; message?: string; cookie: string }> {
  const res = await fetch(`${url}/trpc/${path}`, { method: 'POST', headers: { 'content-type': 'application/json', cookie }, body: JSON.stringify({ json: input }) });
  const body = (await res.json()) as { result?: { data: { json: T } }; error?: { json: { message: string } } };
  const set = res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  return { ok: res.ok, status: res.status, data: body.result?.data.json, message: body.error?.json.message, cookie: set || cookie };
}

async function get<T>(url: string, path: string, input: unknown, cookie = ''): Promise<T> {
  const res = await fetch(`${url}/trpc/${path}?input=${encodeURIComponent(JSON.stringify({ json: input }))}`, { headers: { cookie } });
  const body = (await res.json()) as { result: { data: { json: T } } };
  return body.result.data.json;
}

const servers: Server[] = [];
let drop: () => Promise<void> = async () => {};
let dataDir: string | undefined;

beforeAll(async () => {
  const db = await testDatabaseUrl();
  drop = db.drop;
  if (db.url) {
    // the first process migrates and seeds; the second joins the same database
    servers.push(await startServer({ DATABASE_URL: db.url }));
    servers.push(await startServer({ DATABASE_URL: db.url }));
  } else {
    dataDir = mkdtempSync(join(tmpdir(), 'ronghe-booking-'));
    servers.push(await startServer({ RONGHE_DATA_DIR: dataDir }));
  }
}, 180_000);

afterAll(async () => {
  await Promise.all(servers.map((s) => s.stop()));
  await drop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('booking capacity under concurrent approvals', () => {
  it(`${REQUESTS} simultaneous approvals against ${STATIONS} stations end with exactly the bookings that fit`, async () => {
    const [first] = servers;
    if (!first) throw new Error('no server');
    const school = (await call(first.url, 'account.signIn', { identifier: 'school@demo.ronghe.cn', password: 'ronghe2027demo' })).cookie;
    const enterprise = (await call(first.url, 'account.signIn', { identifier: 'enterprise@demo.ronghe.cn', password: 'ronghe2027demo' })).cookie;
    const me = await get<{ memberships: Array<{ organizationId: string }> }>(first.url, 'account.me', undefined, school);
    const them = await get<{ memberships: Array<{ organizationId: string }> }>(first.url, 'account.me', undefined, enterprise);
    const schoolOrg = me.memberships[0]?.organizationId;
    const enterpriseOrg = them.memberships[0]?.organizationId;
    const created = await call<{ id: string }>(first.url, 'trainingBases.create', {
      organizationId: schoolOrg,
      kind: 'open_practice_centre',
      name: '并发测试实践中心',
      regionCode: '110108',
      address: '北京市海淀区测试路1号',
      lng: 116.3,
      lat: 39.96,
      stations: STATIONS,
      dailyCapacity: 60,
      openToPartners: true,
      openTerms: 'free',
    }, school);
    expect(created.ok).toBe(true);
    const baseId = created.data?.id ?? '';
    expect((await call(first.url, 'trainingBases.publish', { id: baseId }, school)).ok).toBe(true);

    const from = addDays(todayInChina(), 14);
    const to = addDays(from, 2);
    const sizes = Array.from({ length: REQUESTS }, (_, i) => 1 + (i % 3));
    const bookingIds: string[] = [];
    for (const stations of sizes) {
      const r = await call<{ id: string }>(first.url, 'baseBookings.request', { organizationId: enterpriseOrg, baseId, from, to, stations, purpose: 'training' }, enterprise);
      expect(r.ok).toBe(true);
      bookingIds.push(r.data?.id ?? '');
    }

    // every approval at once, alternating between the server processes
    const results = await Promise.all(bookingIds.map((id, i) => call((servers[i % servers.length] ?? first).url, 'baseBookings.approve', { id }, school)));
    const refused = results.filter((r) => !r.ok);
    expect(refused.length).toBeGreaterThan(0);
    expect(refused.every((r) => r.status === 409)).toBe(true);
    expect(refused.every((r) => (r.message ?? '').includes(from))).toBe(true);

    const incoming = await get<Array<{ id: string; stations: number; status: string }>>(first.url, 'baseBookings.incoming', { organizationId: schoolOrg, baseId }, school);
    const approved = incoming.filter((b) => b.status === 'approved');
    const approvedStations = approved.reduce((s, b) => s + b.stations, 0);
    expect(approved.length).toBe(results.filter((r) => r.ok).length);
    expect(approvedStations).toBeLessThanOrEqual(STATIONS);
    // exactly the bookings that fit: no refused request would have fit in what is left
    const left = STATIONS - approvedStations;
    const stillRequested = incoming.filter((b) => b.status === 'requested');
    expect(stillRequested.length).toBe(REQUESTS - approved.length);
    expect(stillRequested.every((b) => b.stations > left)).toBe(true);
    const calendar = await get<Array<{ day: string; booked: number; capacity: number }>>(first.url, 'trainingBases.calendar', { id: baseId, from, to });
    expect(calendar.map((d) => d.booked)).toEqual([approvedStations, approvedStations, approvedStations]);
  }, 180_000);
});
