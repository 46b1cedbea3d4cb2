import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { indicatorSnapshots, organizations } from '@ronghe/db/schema';
import { expectedValue, ragStatus } from '@ronghe/domain/monitoring';
import { addDays, todayInChina } from '@ronghe/domain/training-base';
import { runHousekeeping } from '../services/housekeeping.ts';
import { dashboardStatuses } from '../services/monitoring.ts';
import {
  createTestEnv,
  errorOf,
  keyOf,
  makeAdmin,
  signUpUser,
  verifiedOrganization,
  type TestEnv,
  type TestUser,
} from '../test-support.ts';

// The plan's indicators: T01/T02 counted live from consortia, T06 from school designations, T13 reported
// with evidence; the daily snapshot; the breakdown by province and district; who may do what.

let env: TestEnv;
let admin: TestUser;
beforeAll(async () => {
  env = await createTestEnv();
  admin = await makeAdmin(env, await signUpUser(env, { identifier: 'monitoring-admin@example.gov.cn', name: '市教委监测员' }));
});
afterAll(async () => {
  await env.close();
});

let n = 0;

async function activeConsortium(kind: 'city_union' | 'industry_community', anchorRegionCode = '110115') {
  const school = await verifiedOrganization(env, admin, 'school', anchorRegionCode);
  const enterprise = await verifiedOrganization(env, admin, 'enterprise', anchorRegionCode);
  const { id } = await school.caller.consortia.propose({
    organizationId: school.organizationId,
    kind,
    level: 'municipal',
    name: `监测测试共同体${++n}`,
    industryCode: '34',
    anchorRegionCode,
    goals: '',
  });
  await school.caller.consortia.invite({
    consortiumId: id,
    actingOrganizationId: school.organizationId,
    organizationId: enterprise.organizationId,
    role: 'lead',
  });
  await enterprise.caller.consortia.respond({ consortiumId: id, organizationId: enterprise.organizationId, accept: true });
  await school.caller.consortia.submit({ consortiumId: id, organizationId: school.organizationId });
  await admin.caller.consortia.review({ consortiumId: id, decision: 'approve' });
  return { id, school };
}

const byCode = async (code: string) => {
  const row = (await admin.caller.monitoring.indicators()).find((i) => i.code === code);
  if (!row) throw new Error(`no indicator ${code}`);
  return row;
};

describe('the plan indicators', () => {
  it('lists T01–T16 with targets, computed or reported', async () => {
    const rows = await admin.caller.monitoring.indicators();
    expect(rows.map((r) => r.code)).toEqual(Array.from({ length: 16 }, (_, i) => `T${String(i + 1).padStart(2, '0')}`));
    const t01 = await byCode('T01');
    expect([t01.target, t01.targetNote, t01.unit, t01.source]).toEqual([20, '约20', '个', 'computed']);
    expect(rows.find((r) => r.code === 'T13')).toMatchObject({ source: 'reported', value: null, valueSource: 'none', target: 5 });
  });

  it('counts active consortia by kind, live, and breaks them down by province and district', async () => {
    const before = [(await byCode('T01')).value, (await byCode('T02')).value];
    await activeConsortium('city_union', '110115');
    await activeConsortium('industry_community', '120116');
    await activeConsortium('industry_community', '110108');
    expect([(await byCode('T01')).value, (await byCode('T02')).value]).toEqual([(before[0] ?? 0) + 1, (before[1] ?? 0) + 2]);
    expect((await byCode('T02')).valueSource).toBe('live');
    const stats = await admin.caller.consortia.stats();
    expect((await byCode('T02')).value).toBe(stats.filter((s) => s.kind === 'industry_community').reduce((a, s) => a + s.count, 0));

    const t02 = await byCode('T02');
    const { byProvince, byRegion } = await admin.caller.monitoring.breakdown({ id: t02.id });
    expect(byProvince.find((p) => p.code === '12')?.value).toBe(1);
    expect(byRegion.find((r) => r.code === '110108')?.value).toBe(1);
  });

  it('counts designated schools (T06) once an admin designates them', async () => {
    const school = await verifiedOrganization(env, admin, 'school', '110105');
    const before = (await byCode('T06')).value ?? 0;
    await admin.caller.designations.setSchool({ organizationId: school.organizationId, designations: ['shuanggao_national'] });
    expect((await byCode('T06')).value).toBe(before + 1);
  });

  it('counts the live figures once for several readers, afresh after a write through this process', async () => {
    const school = await verifiedOrganization(env, admin, 'school', '110106');
    const before = (await byCode('T06')).value ?? 0;
    // a write made elsewhere (another API process, here straight to the database) waits for the figures to expire…
    await env.db.orm
      .update(organizations)
      .set({ designations: ['shuanggao_national'] })
      .where(eq(organizations.id, school.organizationId));
    const [a, b] = await Promise.all([admin.caller.monitoring.indicators({}), admin.caller.monitoring.indicators({})]);
    // the output parser copies each answer, so the sharing shows in the service: both readers get the one count
    expect(a).toEqual(b);
    expect(dashboardStatuses(env.db, env.writes)).toBe(dashboardStatuses(env.db, env.writes));
    expect(a.find((i) => i.code === 'T06')?.value).toBe(before);
    // …while any write through this process makes the next reader count again
    await admin.caller.designations.setSchool({
      organizationId: school.organizationId,
      designations: ['shuanggao_national', 'new_gaozhi'],
    });
    expect((await byCode('T06')).value).toBe(before + 1);
    // a past day reads its snapshot, never the live figures
    expect(
      (await admin.caller.monitoring.indicators({ day: addDays(todayInChina(), -1) })).find((i) => i.code === 'T06')?.valueSource,
    ).not.toBe('live');
  });

  it('takes a reported value for T13 with evidence, and names the reporter', async () => {
    const t13 = await byCode('T13');
    await admin.caller.monitoring.report({
      indicatorId: t13.id,
      value: 2,
      asOf: addDays(todayInChina(), -3),
      evidenceText: '北京电子科技职业学院等在泰国、埃及设立丝路学堂',
      evidenceUrl: 'https://jw.beijing.gov.cn/example',
    });
    const after = await byCode('T13');
    expect([after.value, after.valueSource, after.reportedOn]).toEqual([2, 'report', addDays(todayInChina(), -3)]);
    const [report] = await admin.caller.monitoring.reports({ id: t13.id });
    expect(report).toMatchObject({ value: 2, reportedByName: '市教委监测员', evidenceUrl: 'https://jw.beijing.gov.cn/example' });
  });

  it('refuses bad reports with the field named, and computed indicators', async () => {
    const t13 = await byCode('T13');
    const noEvidence = await errorOf(
      admin.caller.monitoring.report({ indicatorId: t13.id, value: 1, asOf: todayInChina(), evidenceText: '', evidenceUrl: '' }),
    );
    expect(noEvidence.code).toBe('BAD_REQUEST');
    // the field and the message key; the HTTP layer words it in the caller's language (errors.test.ts)
    expect(noEvidence.message).toContain('evidenceText');
    expect(noEvidence.message).toContain('indicator.evidenceRequired');
    const future = await errorOf(
      admin.caller.monitoring.report({
        indicatorId: t13.id,
        value: 1,
        asOf: addDays(todayInChina(), 2),
        evidenceText: '下周设立',
        evidenceUrl: '',
      }),
    );
    expect(keyOf(future)).toBe('indicator.futureReport');
    const t01 = await byCode('T01');
    expect(
      keyOf(
        await errorOf(
          admin.caller.monitoring.report({
            indicatorId: t01.id,
            value: 9,
            asOf: todayInChina(),
            evidenceText: '手工填报',
            evidenceUrl: '',
          }),
        ),
      ),
    ).toBe('indicator.computedNotReported');
  });

  it('records a snapshot once a day from housekeeping, and on demand; a past day reads its snapshot', async () => {
    await runHousekeeping(env.db);
    const again = await runHousekeeping(env.db);
    expect(again.snapshotTaken).toBe(false);
    const today = todayInChina();
    const rows = await env.db.orm.select().from(indicatorSnapshots).where(eq(indicatorSnapshots.day, today));
    expect(rows).toHaveLength(16);

    // yesterday's figure as the snapshot recorded it: the dashboard for a past day reads history
    const t01 = await byCode('T01');
    await env.db.orm.insert(indicatorSnapshots).values({ indicatorId: t01.id, day: addDays(today, -1), value: 42 });
    const yesterday = (await admin.caller.monitoring.indicators({ day: addDays(today, -1) })).find((i) => i.code === 'T01');
    expect([yesterday?.value, yesterday?.valueSource]).toEqual([42, 'snapshot']);
    const { points } = await admin.caller.monitoring.trend({ id: t01.id });
    expect(points.map((p) => p.value)).toEqual([42, t01.value]);
    expect(await admin.caller.monitoring.snapshot()).toEqual({ day: today, indicators: 16 });
  });

  it('lets an admin add an indicator of their own for a district, computed from platform data', async () => {
    const { id, code } = await admin.caller.monitoring.create({
      name: '大兴区运行中的共同体',
      unit: '个',
      target: 3,
      scope: 'region',
      regionCode: '110115',
      metric: 'consortia_active',
    });
    expect(code).toBe('C01');
    const row = (await admin.caller.monitoring.indicators()).find((i) => i.id === id);
    expect(row?.value).toBe(1);
    const noRegion = await errorOf(admin.caller.monitoring.create({ name: '某区指标', unit: '个', target: 3, scope: 'region' }));
    expect(noRegion.message).toContain('indicator.regionRequired');
    await admin.caller.monitoring.archive({ id });
    expect((await admin.caller.monitoring.indicators()).some((i) => i.id === id)).toBe(false);
    const t01 = await byCode('T01');
    expect(keyOf(await errorOf(admin.caller.monitoring.archive({ id: t01.id })))).toBe('indicator.planKept');
  });

  it('is for platform admins only', async () => {
    const school = await verifiedOrganization(env, admin, 'school');
    expect((await errorOf(school.caller.monitoring.indicators())).code).toBe('FORBIDDEN');
  });
});

describe('red, amber, green', () => {
  const s = { baseline: 0, target: 100, milestones: {}, startsOn: '2025-01-01', dueOn: '2027-12-31' };
  it('expects a straight line from the baseline to the target, through milestones', () => {
    expect(expectedValue(s, '2024-06-01')).toBe(0);
    expect(expectedValue(s, '2027-12-31')).toBe(100);
    expect(expectedValue(s, '2026-07-02')).toBeCloseTo(50, 0);
    expect(expectedValue({ ...s, milestones: { 2025: 60 } }, '2025-12-31')).toBe(60);
  });
  it('is green at 90 % of what is expected by now, amber at 70 %, red below', () => {
    const day = '2026-07-02';
    expect(ragStatus(s, 46, day)).toBe('green');
    expect(ragStatus(s, 40, day)).toBe('amber');
    expect(ragStatus(s, 20, day)).toBe('red');
    expect(ragStatus(s, 100, '2025-02-01')).toBe('green');
    expect(ragStatus(s, null, day)).toBe('red');
  });
});
