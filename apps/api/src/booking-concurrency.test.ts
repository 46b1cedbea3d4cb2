import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, todayInChina } from '@ronghe/domain/training-base';
import { call, get, startSharedServers, type Server } from './test-support.ts';

// Capacity under concurrent approvals, from several server processes on one database. On
// PostgreSQL two API processes share the database; PGlite is one process per data folder, so
// there the same 100 approvals race inside one process.

const STATIONS = 30;
const REQUESTS = 100;

let servers: Server[] = [];
let stop: () => Promise<void> = async () => {};

beforeAll(async () => {
  ({ servers, stop } = await startSharedServers());
}, 180_000);

afterAll(async () => {
  await stop();
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
