import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertTrainingBase } from '@ronghe/db/queries/training-bases';
import { organizations } from '@ronghe/db/schema';
import { addDays, todayInChina } from '@ronghe/domain/training-base';
import {
  anonymous,
  createTestEnv,
  errorOf,
  internshipInput,
  makeAdmin,
  signUpUser,
  verifiedOrganization,
  type TestEnv,
  type TestUser,
} from '../test-support.ts';

// The supply-and-demand map and the 百校百业 matrix on hand-made data: places left on published needs against
// open cohorts' students and open bases' stations, by district / Hebei prefecture and 专业大类; schools ×
// industries through applications, placements, projects and shared consortia. Admins only.

type Org = TestUser & { organizationId: string };
let env: TestEnv;
let admin: TestUser;
let daxingEnterprise: Org; // 110115, industry 34
let hebeiEnterprise: Org; // 130102 (石家庄), industry 38
let daxingSchool: Org;
let tianjinSchool: Org;
let hebeiSchool: Org;

const from = addDays(todayInChina(), 60);
const internship = internshipInput;
const cohort = (majorCode: string, students: number) => ({
  majorCode,
  level: 'gaozhi' as const,
  year: 2025,
  students,
  windowFrom: from,
  windowTo: addDays(from, 150),
  regionCodes: ['110000'],
});

async function publish(by: Org, need: Record<string, unknown>) {
  const { id } = await by.caller.needs.create({ organizationId: by.organizationId, need: need as ReturnType<typeof internship> });
  await by.caller.needs.publish({ id });
  return id;
}

async function base(
  owner: Org,
  values: { stations: number; openToPartners: boolean; majorCodes: string[]; status?: 'published' | 'draft' },
) {
  await env.db.orm.transaction((tx) =>
    insertTrainingBase(tx, {
      ownerOrganizationId: owner.organizationId,
      kind: 'campus',
      name: `实训基地${values.stations}`,
      description: '',
      regionCode: '110115',
      mapRegionCode: '110115',
      address: '北京市大兴区',
      lng: 116.34,
      lat: 39.73,
      stations: values.stations,
      dailyCapacity: values.stations,
      majorCodes: values.majorCodes,
      industryCodes: [],
      equipment: [],
      openToPartners: values.openToPartners,
      status: values.status ?? 'published',
    }),
  );
}

let seq = 0;
async function sharedConsortium(school: Org, enterprise: Org) {
  const { id } = await school.caller.consortia.propose({
    organizationId: school.organizationId,
    kind: 'industry_community',
    level: 'municipal',
    name: `供需测试共同体${++seq}`,
    industryCode: '38',
    anchorRegionCode: '120116',
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
}

beforeAll(async () => {
  env = await createTestEnv();
  admin = await makeAdmin(env, await signUpUser(env, { identifier: 'supply-demand-admin@example.gov.cn' }));
  daxingEnterprise = await verifiedOrganization(env, admin, 'enterprise', '110115');
  hebeiEnterprise = await verifiedOrganization(env, admin, 'enterprise', '130102');
  await env.db.orm.update(organizations).set({ industryCode: '38' }).where(eq(organizations.id, hebeiEnterprise.organizationId));
  daxingSchool = await verifiedOrganization(env, admin, 'school', '110115');
  tianjinSchool = await verifiedOrganization(env, admin, 'school', '120116');
  hebeiSchool = await verifiedOrganization(env, admin, 'school', '130104');

  // demand: 20 places (8 taken) in 装备制造 (6); 10 in 装备制造 and 电子与信息 (11); 15 in 医药卫生 (12) in 石家庄;
  // a course need (no places) and a draft need count nothing
  const cnc = await publish(daxingEnterprise, internship());
  await publish(daxingEnterprise, internship({ title: '数控与信息岗位实习', majorCodes: ['460103', '510201'], headcount: 10 }));
  await publish(
    hebeiEnterprise,
    internship({ title: '护理岗位实习', regionCode: '130102', post: '护理员', majorCodes: ['520201'], headcount: 15 }),
  );
  await daxingEnterprise.caller.needs.create({
    organizationId: daxingEnterprise.organizationId,
    need: internship({ title: '草稿需求', headcount: 5 }),
  });
  const course = await publish(hebeiEnterprise, {
    kind: 'curriculum',
    title: '护理课程共建',
    regionCode: '130102',
    deadline: addDays(todayInChina(), 30),
    majorCodes: ['520201'],
    courseName: '老年护理',
  });

  // supply: cohorts by the school's place
  await daxingSchool.caller.cohorts.create({ organizationId: daxingSchool.organizationId, ...cohort('460103', 12) });
  await tianjinSchool.caller.cohorts.create({ organizationId: tianjinSchool.organizationId, ...cohort('460103', 30) });
  await hebeiSchool.caller.cohorts.create({ organizationId: hebeiSchool.organizationId, ...cohort('520201', 50) });
  // stations of published bases open to partners; a base kept to itself or a draft counts nothing
  await base(daxingSchool, { stations: 5, openToPartners: true, majorCodes: ['460103'] });
  await base(daxingSchool, { stations: 100, openToPartners: false, majorCodes: ['460103'] });
  await base(daxingSchool, { stations: 70, openToPartners: true, majorCodes: ['460103'], status: 'draft' });

  // ties: the Daxing school's 8 accepted (an application and a placement with industry 34); the Tianjin school
  // applies (34) and shares a consortium with the Hebei enterprise (38); the Hebei school's course project (38)
  const a = await daxingSchool.caller.needs.applyFor({ needId: cnc, organizationId: daxingSchool.organizationId, students: 8 });
  await daxingEnterprise.caller.needs.decide({ id: a.id, accept: 8 });
  await tianjinSchool.caller.needs.applyFor({ needId: cnc, organizationId: tianjinSchool.organizationId, students: 5 });
  await sharedConsortium(tianjinSchool, hebeiEnterprise);
  const c = await hebeiSchool.caller.needs.applyFor({ needId: course, organizationId: hebeiSchool.organizationId, students: 3 });
  await hebeiEnterprise.caller.needs.decide({ id: c.id, accept: 3 });
});
afterAll(async () => {
  await env.close();
});

const pick = <T extends Record<string, unknown>>(row: T | undefined, keys: Array<keyof T>) =>
  row ? Object.fromEntries(keys.map((k) => [k, row[k]])) : null;
const fig = ['students', 'stations', 'supply', 'demand', 'gap', 'level'] as const;

describe('the supply-and-demand map', () => {
  it('counts places left against students and open stations by map region, over every category', async () => {
    const map = await admin.caller.supplyDemand.map({ refresh: true });
    expect(map.regions).toHaveLength(43);
    const region = (code: string) => map.regions.find((r) => r.code === code);
    // 12 + 10 places left against 12 students and 5 stations: 22 > 17 × 1.2
    expect(pick(region('110115'), [...fig, 'ratio'])).toEqual({
      students: 12,
      stations: 5,
      supply: 17,
      demand: 22,
      gap: 5,
      level: 'short',
      ratio: 1.29,
    });
    expect(pick(region('120116'), [...fig])).toEqual({ students: 30, stations: 0, supply: 30, demand: 0, gap: -30, level: 'surplus' });
    // Hebei counties fall in their prefecture
    expect(pick(region('130100'), [...fig])).toEqual({ students: 50, stations: 0, supply: 50, demand: 15, gap: -35, level: 'surplus' });
    expect(region('110101')?.level).toBe('none');
    expect(pick(map.totals, [...fig])).toEqual({ students: 92, stations: 5, supply: 97, demand: 37, gap: -60, level: 'surplus' });
    expect(map.unmapped).toEqual({ students: 0, demand: 0 });
  });

  it('fills the heat table by 专业大类: a need spanning two categories counts in each', async () => {
    const map = await admin.caller.supplyDemand.map({ refresh: true });
    const cells = map.cells.map((c) => [c.regionCode, c.categorySeq, c.demand, c.supply, c.level]).sort();
    expect(cells).toEqual([
      ['110115', 11, 10, 0, 'short'],
      ['110115', 6, 22, 17, 'short'],
      ['120116', 6, 0, 30, 'surplus'],
      ['130100', 12, 15, 50, 'surplus'],
    ]);
    const category = (s: number) => map.categories.find((c) => c.seq === s);
    expect([category(6)?.demand, category(6)?.supply, category(11)?.demand, category(12)?.students]).toEqual([22, 47, 10, 50]);
    expect(map.categories).toHaveLength(19);
  });

  it('filters by province and category', async () => {
    const hebei = await admin.caller.supplyDemand.map({ provinceCode: '13' });
    expect(hebei.regions.map((r) => r.code)).toEqual([
      '130100',
      '130200',
      '130300',
      '130400',
      '130500',
      '130600',
      '130700',
      '130800',
      '130900',
      '131000',
      '131100',
    ]);
    expect(pick(hebei.totals, [...fig])).toEqual({ students: 50, stations: 0, supply: 50, demand: 15, gap: -35, level: 'surplus' });

    const it11 = await admin.caller.supplyDemand.map({ provinceCode: '11', categorySeq: 11 });
    expect(it11.regions).toHaveLength(16);
    expect(
      pick(
        it11.regions.find((r) => r.code === '110115'),
        [...fig, 'ratio'],
      ),
    ).toEqual({ students: 0, stations: 0, supply: 0, demand: 10, gap: 10, level: 'short', ratio: null });
    expect(it11.cells.map((c) => [c.regionCode, c.categorySeq])).toEqual([['110115', 11]]);
    expect(it11.categories.map((c) => c.seq)).toEqual([11]);

    const manufacturing = await admin.caller.supplyDemand.map({ categorySeq: 6 });
    expect([manufacturing.totals.demand, manufacturing.totals.students, manufacturing.totals.stations]).toEqual([22, 42, 5]);
  });

  it('rejects a category outside 1–19 and a province outside 京津冀', async () => {
    expect((await errorOf(admin.caller.supplyDemand.map({ categorySeq: 20 }))).code).toBe('BAD_REQUEST');
    expect((await errorOf(admin.caller.supplyDemand.map({ provinceCode: '14' as '13' }))).code).toBe('BAD_REQUEST');
  });
});

describe('百校百业', () => {
  it('marks which schools work with which industries, and counts coverage both ways', async () => {
    const m = await admin.caller.supplyDemand.matrix();
    expect(m.totals).toEqual({ schoolsCovered: 3, industriesCovered: 2, schoolsTotal: 3, industriesTotal: 97 });
    expect(m.schools.map((s) => [s.id, s.industries])).toEqual([
      [tianjinSchool.organizationId, 2],
      ...[daxingSchool, hebeiSchool]
        .map((s) => ({ s, name: m.schools.find((x) => x.id === s.organizationId)?.name ?? '' }))
        .sort((x, y) => (x.name < y.name ? -1 : 1))
        .map(({ s }) => [s.organizationId, 1]),
    ]);
    expect(m.industries.map((i) => [i.code, i.schools])).toEqual([
      ['34', 2],
      ['38', 2],
    ]);
    expect(m.industries[0]?.name).toBe('通用设备制造业');
    const cell = (school: Org, industry: string) =>
      pick(
        m.cells.find((c) => c.schoolId === school.organizationId && c.industryCode === industry),
        ['applications', 'placements', 'projects', 'consortia', 'ties'],
      );
    expect(cell(daxingSchool, '34')).toEqual({ applications: 1, placements: 1, projects: 0, consortia: 0, ties: 2 });
    expect(cell(tianjinSchool, '34')).toEqual({ applications: 1, placements: 0, projects: 0, consortia: 0, ties: 1 });
    expect(cell(tianjinSchool, '38')).toEqual({ applications: 0, placements: 0, projects: 0, consortia: 1, ties: 1 });
    expect(cell(hebeiSchool, '38')).toEqual({ applications: 1, placements: 0, projects: 1, consortia: 0, ties: 2 });
    expect(m.cells).toHaveLength(4);
    expect(m.schools.find((s) => s.id === hebeiSchool.organizationId)?.regionName).toBe('桥西区');
  });

  it('limits to the top schools and finds a school by name, partners or not', async () => {
    const top = await admin.caller.supplyDemand.matrix({ limit: 1 });
    expect(top.schools.map((s) => s.id)).toEqual([tianjinSchool.organizationId]);
    expect(top.cells.map((c) => c.industryCode).sort()).toEqual(['34', '38']);
    expect(top.totals.schoolsCovered).toBe(3);

    const loner = await verifiedOrganization(env, admin, 'school', '110108');
    const [name] = (
      await env.db.orm.select({ name: organizations.name }).from(organizations).where(eq(organizations.id, loner.organizationId))
    ).map((r) => r.name);
    const found = await admin.caller.supplyDemand.matrix({ q: name });
    expect(found.schools.map((s) => [s.id, s.industries])).toEqual([[loner.organizationId, 0]]);
    expect(found.cells).toEqual([]);
  });
});

describe('who may look', () => {
  it('is for platform admins only', async () => {
    expect((await errorOf(daxingSchool.caller.supplyDemand.map({}))).code).toBe('FORBIDDEN');
    expect((await errorOf(daxingEnterprise.caller.supplyDemand.matrix({}))).code).toBe('FORBIDDEN');
    expect((await errorOf(anonymous(env).supplyDemand.map({}))).code).toBe('UNAUTHORIZED');
  });
});

describe('the map figures, kept for 10 minutes', () => {
  it('answers from the figures counted last, and counts again on refresh', async () => {
    const before = await admin.caller.supplyDemand.map({ refresh: true });
    await base(daxingSchool, { stations: 7, openToPartners: true, majorCodes: ['460103'] });
    const cached = await admin.caller.supplyDemand.map({});
    expect([cached.totals.stations, cached.takenAt]).toEqual([before.totals.stations, before.takenAt]);
    const fresh = await admin.caller.supplyDemand.map({ refresh: true });
    expect(fresh.totals.stations).toBe(before.totals.stations + 7);
  });
});
