import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, todayInChina } from '@ronghe/domain/training-base';
import { call, get, startSharedServers, type Server } from './test-support.ts';

// Capacities under concurrent requests from several server processes on one database: stations of a training base
// (issue 5) and places of a need (issue 6). On PostgreSQL two API processes share the database and the requests
// alternate between them; PGlite is one process per data folder, so there the same requests race inside one process.

const STATIONS = 30;
const REQUESTS = 100;
const PLACES = 25;
const APPLICATIONS = 200;

let servers: Server[] = [];
let first: Server;
let stop: () => Promise<void> = async () => {};
/** the demo school's and enterprise's cookies and organisations */
const demo = { school: '', enterprise: '', schoolOrg: '', enterpriseOrg: '' };

beforeAll(async () => {
  ({ servers, stop } = await startSharedServers());
  if (!servers[0]) throw new Error('no server');
  first = servers[0];
  demo.school = (await call(first.url, 'account.signIn', { identifier: 'school@demo.ronghe.cn', password: 'ronghe2027demo' })).cookie;
  demo.enterprise = (
    await call(first.url, 'account.signIn', { identifier: 'enterprise@demo.ronghe.cn', password: 'ronghe2027demo' })
  ).cookie;
  const orgOf = async (cookie: string) =>
    (await get<{ memberships: Array<{ organizationId: string }> }>(first.url, 'account.me', undefined, cookie)).memberships[0]
      ?.organizationId ?? '';
  demo.schoolOrg = await orgOf(demo.school);
  demo.enterpriseOrg = await orgOf(demo.enterprise);
}, 180_000);

afterAll(async () => {
  await stop();
});

/** Sends every call at once, alternating between the server processes. */
const atOnce = <T>(items: T[], send: (url: string, item: T) => ReturnType<typeof call>) =>
  Promise.all(items.map((item, i) => send((servers[i % servers.length] ?? first).url, item)));

describe('booking capacity under concurrent approvals', () => {
  it(`${REQUESTS} simultaneous approvals against ${STATIONS} stations end with exactly the bookings that fit`, async () => {
    const { school, enterprise, schoolOrg, enterpriseOrg } = demo;
    const created = await call<{ id: string }>(
      first.url,
      'trainingBases.create',
      {
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
      },
      school,
    );
    expect(created.ok).toBe(true);
    const baseId = created.data?.id ?? '';
    expect((await call(first.url, 'trainingBases.publish', { id: baseId }, school)).ok).toBe(true);

    const from = addDays(todayInChina(), 14);
    const to = addDays(from, 2);
    const sizes = Array.from({ length: REQUESTS }, (_, i) => 1 + (i % 3));
    const bookingIds: string[] = [];
    for (const stations of sizes) {
      const r = await call<{ id: string }>(
        first.url,
        'baseBookings.request',
        { organizationId: enterpriseOrg, baseId, from, to, stations, purpose: 'training' },
        enterprise,
      );
      expect(r.ok).toBe(true);
      bookingIds.push(r.data?.id ?? '');
    }

    const results = await atOnce(bookingIds, (url, id) => call(url, 'baseBookings.approve', { id }, school));
    const refused = results.filter((r) => !r.ok);
    expect(refused.length).toBeGreaterThan(0);
    expect(refused.every((r) => r.status === 409)).toBe(true);
    expect(refused.every((r) => (r.message ?? '').includes(from))).toBe(true);

    const incoming = await get<Array<{ id: string; stations: number; status: string }>>(
      first.url,
      'baseBookings.incoming',
      { organizationId: schoolOrg, baseId },
      school,
    );
    const approved = incoming.filter((b) => b.status === 'approved');
    const approvedStations = approved.reduce((s, b) => s + b.stations, 0);
    expect(approved.length).toBe(results.filter((r) => r.ok).length);
    expect(approvedStations).toBeLessThanOrEqual(STATIONS);
    // exactly the bookings that fit: no refused request would have fit in what is left
    const left = STATIONS - approvedStations;
    const stillRequested = incoming.filter((b) => b.status === 'requested');
    expect(stillRequested.length).toBe(REQUESTS - approved.length);
    expect(stillRequested.every((b) => b.stations > left)).toBe(true);
    const calendar = await get<Array<{ day: string; booked: number; capacity: number }>>(first.url, 'trainingBases.calendar', {
      id: baseId,
      from,
      to,
    });
    expect(calendar.map((d) => d.booked)).toEqual([approvedStations, approvedStations, approvedStations]);
  }, 180_000);
});

describe('need places under concurrent acceptances', () => {
  it(`${APPLICATIONS} simultaneous acceptances against ${PLACES} places: exactly ${PLACES} accepted, the rest refused as full, no 500s`, async () => {
    const { school, enterprise, schoolOrg, enterpriseOrg } = demo;
    const start = addDays(todayInChina(), 40);
    const need = await call<{ id: string }>(
      first.url,
      'needs.create',
      {
        organizationId: enterpriseOrg,
        need: {
          kind: 'internship',
          title: '并发测试岗位实习',
          regionCode: '110115',
          deadline: addDays(todayInChina(), 20),
          post: '数控车工',
          majorCodes: ['460103'],
          headcount: PLACES,
          periodFrom: start,
          periodTo: addDays(start, 90),
          dailyHours: 8,
          monthlyPay: 4500,
          probationWage: 5000,
          postStaffCount: 200,
        },
      },
      enterprise,
    );
    expect(need.ok).toBe(true);
    const needId = need.data?.id ?? '';
    expect((await call(first.url, 'needs.publish', { id: needId }, enterprise)).ok).toBe(true);
    const ids: string[] = [];
    for (let i = 0; i < APPLICATIONS; i++) {
      const a = await call<{ id: string }>(first.url, 'needs.applyFor', { needId, organizationId: schoolOrg, students: 1 }, school);
      expect(a.ok).toBe(true);
      ids.push(a.data?.id ?? '');
    }

    const results = await atOnce(ids, (url, id) => call(url, 'needs.decide', { id, accept: 1 }, enterprise));
    expect(results.filter((r) => r.ok)).toHaveLength(PLACES);
    const refused = results.filter((r) => !r.ok);
    expect(refused.every((r) => r.status === 409 && (r.message ?? '').includes('名额已满'))).toBe(true);
    const got = await get<{ accepted: number; status: string }>(first.url, 'needs.get', { id: needId });
    expect(got).toMatchObject({ accepted: PLACES, status: 'filled' });
    const applications = await get<Array<{ status: string }>>(first.url, 'needs.applications', { needId }, enterprise);
    expect(applications.filter((a) => a.status === 'accepted')).toHaveLength(PLACES);
    expect(applications.filter((a) => a.status === 'applied')).toHaveLength(APPLICATIONS - PLACES);
  }, 240_000);
});
