import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, todayInChina } from '@ronghe/domain/training-base';
import { call, get, startSharedServers, type Server } from './test-support.ts';

// Places under concurrent acceptances: 200 acceptances of one student each, at once, across two
// server processes on one PostgreSQL (one process on PGlite), against a need of 25 places.

const PLACES = 25;
const APPLICATIONS = 200;

let servers: Server[] = [];
let stop: () => Promise<void> = async () => {};

beforeAll(async () => {
  ({ servers, stop } = await startSharedServers());
}, 180_000);

afterAll(async () => {
  await stop();
});

describe('need places under concurrent acceptances', () => {
  it(`${APPLICATIONS} simultaneous acceptances against ${PLACES} places: exactly ${PLACES} accepted, the rest refused as full, no 500s`, async () => {
    const [first] = servers;
    if (!first) throw new Error('no server');
    const enterprise = (await call(first.url, 'account.signIn', { identifier: 'enterprise@demo.ronghe.cn', password: 'ronghe2027demo' })).cookie;
    const school = (await call(first.url, 'account.signIn', { identifier: 'school@demo.ronghe.cn', password: 'ronghe2027demo' })).cookie;
    const enterpriseOrg = (await get<{ memberships: Array<{ organizationId: string }> }>(first.url, 'account.me', undefined, enterprise)).memberships[0]?.organizationId;
    const schoolOrg = (await get<{ memberships: Array<{ organizationId: string }> }>(first.url, 'account.me', undefined, school)).memberships[0]?.organizationId;
    const start = addDays(todayInChina(), 40);
    const need = await call<{ id: string }>(first.url, 'needs.create', {
      organizationId: enterpriseOrg,
      need: { kind: 'internship', title: '并发测试岗位实习', regionCode: '110115', deadline: addDays(todayInChina(), 20), post: '数控车工', majorCodes: ['460103'], headcount: PLACES, periodFrom: start, periodTo: addDays(start, 90), dailyHours: 8, monthlyPay: 4500, probationWage: 5000, postStaffCount: 200 },
    }, enterprise);
    expect(need.ok).toBe(true);
    const needId = need.data?.id ?? '';
    expect((await call(first.url, 'needs.publish', { id: needId }, enterprise)).ok).toBe(true);
    const ids: string[] = [];
    for (let i = 0; i < APPLICATIONS; i++) {
      const a = await call<{ id: string }>(first.url, 'needs.applyFor', { needId, organizationId: schoolOrg, students: 1 }, school);
      expect(a.ok).toBe(true);
      ids.push(a.data?.id ?? '');
    }

    const results = await Promise.all(ids.map((id, i) => call((servers[i % servers.length] ?? first).url, 'needs.decide', { id, accept: 1 }, enterprise)));
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
