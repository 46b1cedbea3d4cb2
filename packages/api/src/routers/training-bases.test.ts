import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { DomainError } from '@ronghe/domain/errors';
import { addDays, todayInChina } from '@ronghe/domain/training-base';
import {
  anonymous,
  createTestEnv,
  errorOf,
  keyOf,
  makeAdmin,
  signUpUser,
  verifiedOrganization,
  type TestEnv,
  type TestUser,
} from '../test-support.ts';

let env: TestEnv;
let admin: TestUser;
let school: TestUser & { organizationId: string };
let enterprise: TestUser & { organizationId: string };
beforeAll(async () => {
  env = await createTestEnv();
  admin = await makeAdmin(env, await signUpUser(env, { identifier: 'bases-admin@example.gov.cn' }));
  school = await verifiedOrganization(env, admin, 'school', '110108');
  enterprise = await verifiedOrganization(env, admin, 'enterprise', '130102');
});
afterAll(async () => {
  await env.close();
});

const daysOf = (e: { cause: unknown }) => (e.cause instanceof DomainError ? String(e.cause.params.days) : '');
let n = 0;
export const baseInput = (overrides: Record<string, unknown> = {}) => ({
  kind: 'open_practice_centre' as const,
  name: `海淀智能制造开放实践中心${++n}`,
  description: '面向京津冀职业院校开放的数控加工与工业机器人实训中心',
  majorCodes: ['460103', '460305'],
  industryCodes: ['34'],
  regionCode: '110108',
  address: '北京市海淀区学院路1号',
  lng: 116.35,
  lat: 39.99,
  stations: 30,
  dailyCapacity: 60,
  equipment: [{ name: '五轴数控加工中心', model: 'DMU 50', count: 4 }],
  openingHours: '周一至周五 8:30–17:30',
  openToPartners: true,
  openTerms: 'cost_sharing' as const,
  contactName: '李明',
  contactPhone: '13912345678',
  ...overrides,
});

async function publishedBase(overrides: Record<string, unknown> = {}) {
  const { id } = await school.caller.trainingBases.create({ organizationId: school.organizationId, ...baseInput(overrides) });
  await school.caller.trainingBases.publish({ id });
  return id;
}

describe('publishing a training base', () => {
  it('drafts, publishes, finds by a two-character keyword, counts on the map, and keeps history', async () => {
    const before = await anonymous(env).trainingBases.mapStats({ dimension: 'all' });
    const t03 = async () =>
      (await anonymous(env).trainingBases.stats())
        .filter((r) => r.kind === 'open_practice_centre' && r.provinceCode === '11')
        .reduce((n, r) => n + r.count, 0);
    const t03Before = await t03();
    const { id, status } = await school.caller.trainingBases.create({ organizationId: school.organizationId, ...baseInput() });
    expect(status).toBe('draft');
    // a draft is invisible to outsiders
    expect((await errorOf(anonymous(env).trainingBases.get({ id }))).code).toBe('NOT_FOUND');
    await school.caller.trainingBases.publish({ id });
    const found = await anonymous(env).trainingBases.search({ q: '数控', regionCode: '110000', openToPartners: true });
    expect(found.items.map((i) => i.id)).toContain(id);
    expect(found.total).toBeGreaterThanOrEqual(1);
    // equipment is searched too
    expect((await anonymous(env).trainingBases.search({ q: 'DMU' })).items.map((i) => i.id)).toContain(id);
    const after = await anonymous(env).trainingBases.mapStats({ dimension: 'all' });
    expect(await t03()).toBe(t03Before + 1);
    const haidian = (rows: typeof after) => rows.find((r) => r.mapRegionCode === '110108')?.count ?? 0;
    expect(haidian(after)).toBe(haidian(before) + 1);
    const supply = await anonymous(env).trainingBases.supply();
    const haidianSupply = supply.regions.find((r) => r.mapRegionCode === '110108');
    expect(haidianSupply?.counts).toHaveLength(supply.categories.length);
    // the base trains majors of 装备制造 (46…): Haidian counts it in category 6
    expect(haidianSupply?.counts[supply.categories.indexOf(6)]).toBeGreaterThanOrEqual(1);

    const seen = await anonymous(env).trainingBases.get({ id });
    expect(seen.contactMasked).toBe(true);
    expect(seen.contactPhone).not.toContain('12345678');
    expect((await school.caller.trainingBases.get({ id })).contactPhone).toBe('13912345678');

    await school.caller.trainingBases.update({ id, ...baseInput({ name: seen.name, stations: 40 }) });
    const history = await school.caller.trainingBases.history({ id });
    expect(history.map((h) => h.action)).toEqual(['update', 'publish', 'create']);
    expect(history[0]?.changedFields).toContain('stations');
    expect((await errorOf(enterprise.caller.trainingBases.history({ id }))).code).toBe('FORBIDDEN');
  });

  it('rejects bad input with field errors', async () => {
    const create = (o: Record<string, unknown>) =>
      errorOf(school.caller.trainingBases.create({ organizationId: school.organizationId, ...baseInput(o) }));
    const shanghai = await create({ lng: 121.47, lat: 31.23 });
    expect(shanghai.code).toBe('BAD_REQUEST');
    const nearButOut = await create({ lng: 113.5, lat: 36.1 }); // inside the bounding box, outside Hebei
    expect(nearButOut.code).toBe('BAD_REQUEST');
    expect((await create({ stations: 0 })).code).toBe('BAD_REQUEST');
    const unknownMajor = await create({ majorCodes: ['999999'] });
    expect(keyOf(unknownMajor)).toBe('base.unknownMajors');
    expect((await create({ openToPartners: true, openTerms: null })).code).toBe('BAD_REQUEST');
  });

  it('treats search input literally', async () => {
    for (const q of ['%', '_', "'; drop table training_base; --", '😀数控', 'x'.repeat(5000), '\u0000数控', '\\']) {
      const r = await anonymous(env).trainingBases.search({ q });
      expect(Array.isArray(r.items)).toBe(true);
    }
    expect((await anonymous(env).trainingBases.search({ q: '%' })).items).toHaveLength(0);
  });

  it('paginates by keyset without repeats, in every sort', async () => {
    for (let i = 0; i < 5; i++) await publishedBase({ stations: 10 + i, lng: 116.3 + i * 0.01 });
    for (const sort of ['relevance', 'capacity', 'distance'] as const) {
      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await anonymous(env).trainingBases.search({ q: '实践', sort, near: { lng: 116.4, lat: 39.9 }, limit: 2, cursor });
        seen.push(...page.items.map((i) => i.id));
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      expect(new Set(seen).size).toBe(seen.length);
      expect(seen.length).toBeGreaterThanOrEqual(6);
    }
  });
});

describe('contacts written into a base’s text (issue 18)', () => {
  it('masks phones and the contact’s name in the description and terms for outsiders, as the contact fields are', async () => {
    const description = '实训预约请联系李明，座机 010-62345678，手机 +86 139 1234 5678';
    const termsNote = '费用分担细则请致电 0311 8765 4321';
    const id = await publishedBase({ description, termsNote });
    const seen = await anonymous(env).trainingBases.get({ id });
    expect([seen.description, seen.termsNote]).toEqual([
      '实训预约请联系李*，座机 010-****5678，手机 +86 139****5678',
      '费用分担细则请致电 0311 ****4321',
    ]);
    const own = await school.caller.trainingBases.get({ id });
    expect([own.description, own.termsNote]).toEqual([description, termsNote]);
  });
});

describe('booking stations', () => {
  it('requests, approves, refuses a conflicting request naming the full days, and releases on cancel', async () => {
    const id = await publishedBase({ stations: 30 });
    const from = addDays(todayInChina(), 7);
    const to = addDays(from, 2);
    const first = await enterprise.caller.baseBookings.request({
      organizationId: enterprise.organizationId,
      baseId: id,
      from,
      to,
      stations: 25,
      purpose: 'training',
    });
    const incoming = await school.caller.baseBookings.incoming({ organizationId: school.organizationId, statuses: ['requested'] });
    expect(incoming.map((b) => b.id)).toContain(first.id);
    expect((await enterprise.caller.trainingBases.get({ id })).contactMasked).toBe(true);
    await school.caller.baseBookings.approve({ id: first.id });
    expect((await enterprise.caller.trainingBases.get({ id })).contactPhone).toBe('13912345678');
    const cal = await anonymous(env).trainingBases.calendar({ id, from, to });
    expect(cal.map((d) => d.booked)).toEqual([25, 25, 25]);

    const other = await verifiedOrganization(env, admin, 'partner', '120101');
    const refused = await errorOf(
      other.caller.baseBookings.request({
        organizationId: other.organizationId,
        baseId: id,
        from: addDays(from, 1),
        to: addDays(to, 1),
        stations: 10,
        purpose: 'training',
      }),
    );
    expect(keyOf(refused)).toBe('booking.full');
    expect(daysOf(refused)).toBe(`${addDays(from, 1)}、${to}`);

    const tooMany = await errorOf(
      other.caller.baseBookings.request({ organizationId: other.organizationId, baseId: id, from, to, stations: 31, purpose: 'training' }),
    );
    expect(keyOf(tooMany)).toBe('booking.tooManyStations');
    const past = await errorOf(
      other.caller.baseBookings.request({
        organizationId: other.organizationId,
        baseId: id,
        from: addDays(todayInChina(), -1),
        to,
        stations: 1,
        purpose: 'training',
      }),
    );
    expect(past.code).toBe('BAD_REQUEST');

    // two requests that each fit, but not together: the second approval names the days
    const a = await other.caller.baseBookings.request({
      organizationId: other.organizationId,
      baseId: id,
      from: addDays(to, 1),
      to: addDays(to, 2),
      stations: 20,
      purpose: 'teacher_practice',
    });
    const b = await other.caller.baseBookings.request({
      organizationId: other.organizationId,
      baseId: id,
      from: addDays(to, 2),
      to: addDays(to, 3),
      stations: 20,
      purpose: 'competition',
    });
    await school.caller.baseBookings.approve({ id: a.id });
    const second = await errorOf(school.caller.baseBookings.approve({ id: b.id }));
    expect(keyOf(second)).toBe('booking.full');
    expect(daysOf(second)).toBe(addDays(to, 2));

    // the requester cannot approve; an outsider cannot see the lists
    expect((await errorOf(other.caller.baseBookings.approve({ id: b.id }))).code).toBe('FORBIDDEN');
    // proposal of other dates, accepted
    await school.caller.baseBookings.propose({ id: b.id, from: addDays(to, 10), to: addDays(to, 11), note: '改到下周' });
    expect((await other.caller.baseBookings.acceptProposal({ id: b.id })).status).toBe('approved');

    await enterprise.caller.baseBookings.cancel({ id: first.id, reason: '计划调整' });
    expect((await anonymous(env).trainingBases.calendar({ id, from, to })).map((d) => d.booked)).toEqual([0, 0, 0]);
    const usage = await school.caller.trainingBases.usage({ id, from: addDays(to, 1), to: addDays(to, 11) });
    expect(usage.usedStationDays).toBe(20 * 2 + 20 * 2);
    expect(usage.offeredStationDays).toBe(30 * 11);
    const notes = await enterprise.caller.notifications.list({});
    expect(notes.some((x) => x.type === 'booking.approved')).toBe(true);
  });

  it('refuses lowering stations below what is booked, naming the days', async () => {
    const id = await publishedBase({ stations: 30 });
    const from = addDays(todayInChina(), 20);
    const r = await enterprise.caller.baseBookings.request({
      organizationId: enterprise.organizationId,
      baseId: id,
      from,
      to: from,
      stations: 20,
      purpose: 'training',
    });
    await school.caller.baseBookings.approve({ id: r.id });
    const base = await school.caller.trainingBases.get({ id });
    const e = await errorOf(school.caller.trainingBases.update({ id, ...baseInput({ name: base.name, stations: 10 }) }));
    expect(keyOf(e)).toBe('base.stationsBelowBookings');
    expect(daysOf(e)).toBe(from);
  });

  it('keeps closed bases to co-builders and consortium members', async () => {
    const id = await publishedBase({ openToPartners: false, openTerms: null });
    const from = addDays(todayInChina(), 3);
    const e = await errorOf(
      enterprise.caller.baseBookings.request({
        organizationId: enterprise.organizationId,
        baseId: id,
        from,
        to: from,
        stations: 1,
        purpose: 'training',
      }),
    );
    expect(keyOf(e)).toBe('base.notOpen');
  });
});

describe('searching by region and another filter', () => {
  it('finds with a region and open / kind / major category (one pair token) exactly the bases each filter finds alone, also after an edit', async () => {
    const q = '配对检索';
    const variants = [
      { regionCode: '110108', openToPartners: true, kind: 'open_practice_centre', majorCodes: ['460103'] },
      { regionCode: '110108', openToPartners: false, openTerms: null, kind: 'campus', majorCodes: ['520201'] },
      { regionCode: '110105', openToPartners: true, kind: 'campus', majorCodes: ['520201', '460103'] },
      { regionCode: '110105', openToPartners: false, openTerms: null, kind: 'open_practice_centre', majorCodes: ['460305'] },
    ];
    const ids: string[] = [];
    for (const v of variants)
      ids.push(await publishedBase({ ...v, name: `${q}基地${ids.length}`, address: '北京市学院路1号', lng: 116.4, lat: 39.95 }));
    const found = async (f: Record<string, unknown>) =>
      new Set((await anonymous(env).trainingBases.search({ q, limit: 50, ...f })).items.map((i) => i.id));
    const both = (a: Set<string>, b: Set<string>) => new Set([...a].filter((x) => b.has(x)));
    const check = async () => {
      for (const regionCode of ['110000', '110108', '110105']) {
        const region = await found({ regionCode });
        for (const other of [
          { openToPartners: true },
          { kind: 'campus' },
          { kind: 'open_practice_centre' },
          { majorCategory: 6 },
          { majorCategory: 12 } /* 装备制造 46…, 医药卫生 52… */,
        ]) {
          expect(await found({ regionCode, ...other }), `${regionCode} ${JSON.stringify(other)}`).toEqual(both(region, await found(other)));
        }
        // three filters: the pair takes the region and open, the kind stays a token of its own
        expect(await found({ regionCode, openToPartners: true, kind: 'campus' })).toEqual(
          both(both(region, await found({ openToPartners: true })), await found({ kind: 'campus' })),
        );
      }
    };
    expect((await found({ regionCode: '110000', openToPartners: true })).size).toBe(2);
    await check();
    // an edit recomputes the pairs: the closed Haidian campus opens and moves to Chaoyang
    const [, closed] = ids;
    if (!closed) throw new Error('no base');
    const current = await school.caller.trainingBases.get({ id: closed });
    await school.caller.trainingBases.update({
      id: closed,
      ...baseInput({ ...variants[1], name: current.name, regionCode: '110105', openToPartners: true, openTerms: 'free' }),
    });
    expect(await found({ regionCode: '110105', openToPartners: true })).toContain(closed);
    expect(await found({ regionCode: '110108', kind: 'campus' })).not.toContain(closed);
    await check();
  });
});

describe('the search index (training_base_search, kept by a trigger)', () => {
  // what the index must hold: one row per published base, in its province's open or closed partition
  const differences = async () =>
    (
      await env.db.rows<{ n: number }>(sql`select count(*)::int as n from (
        (select ronghe_base_segment(region_code, open_to_partners) as segment, id, name, kind, stations, lng, lat, search_text, search_tokens
           from training_base where status = 'published'
         except all
         select segment, id, name, kind, stations, lng, lat, search_text, search_tokens from training_base_search)
        union all
        (select segment, id, name, kind, stations, lng, lat, search_text, search_tokens from training_base_search
         except all
         select ronghe_base_segment(region_code, open_to_partners), id, name, kind, stations, lng, lat, search_text, search_tokens
           from training_base where status = 'published')) d`)
    )[0]?.n;
  const segmentOf = async (id: string) =>
    (await env.db.rows<{ segment: string }>(sql`select segment from training_base_search where id = ${id}::uuid`)).map((r) => r.segment);

  it('holds each published base once, in its partition, through publish, edit, a move to another province, unpublish and delete', async () => {
    const q = '索引同步';
    const { id } = await school.caller.trainingBases.create({
      organizationId: school.organizationId,
      ...baseInput({ name: `${q}基地`, regionCode: '110108' }),
    });
    expect(await segmentOf(id)).toEqual([]); // a draft is not searchable
    await school.caller.trainingBases.publish({ id });
    expect(await segmentOf(id)).toEqual(['11o']);
    expect((await anonymous(env).trainingBases.search({ q })).items.map((i) => i.id)).toEqual([id]);
    expect(await differences()).toBe(0);

    // an edit moves it to Tianjin and closes it to partners: one row, in the other partition, with the new text
    const current = await school.caller.trainingBases.get({ id });
    await school.caller.trainingBases.update({
      id,
      ...baseInput({
        name: `${q}天津基地`,
        regionCode: '120104',
        address: '天津市南开区卫津路1号',
        lng: 117.17,
        lat: 39.11,
        openToPartners: false,
        openTerms: null,
        stations: current.stations + 5,
      }),
    });
    expect(await segmentOf(id)).toEqual(['12c']);
    expect((await anonymous(env).trainingBases.search({ q: '天津基地', regionCode: '120000' })).items.map((i) => i.id)).toEqual([id]);
    expect((await anonymous(env).trainingBases.search({ q, regionCode: '110000' })).items).toEqual([]);
    expect(await differences()).toBe(0);

    await school.caller.trainingBases.unpublish({ id });
    expect(await segmentOf(id)).toEqual([]);
    expect((await anonymous(env).trainingBases.search({ q })).items).toEqual([]);
    await school.caller.trainingBases.publish({ id });
    expect(await segmentOf(id)).toEqual(['12c']);

    // a write straight to the table (a seed, a repair script) is kept too
    await env.db.rows(sql`delete from training_base where id = ${id}::uuid`);
    expect(await segmentOf(id)).toEqual([]);
    expect(await differences()).toBe(0);
  });
});

describe('counting search results', () => {
  it('counts matches up to 1,000 and says when there are more, without changing the page', async () => {
    const id = await publishedBase({ name: '计数上限验证基地', description: '计数上限验证用的焊接实训基地' });
    expect(await anonymous(env).trainingBases.search({ q: '计数上限' })).toMatchObject({ total: 1, totalCapped: false });
    // 1,005 more published copies under new ids and names, set-based (last in this file: the map's counts do not see them)
    await env.db.rows(sql`insert into training_base
      select (jsonb_populate_record(b, jsonb_build_object('id', gen_random_uuid(), 'name', b.name || g))).*
        from training_base b, generate_series(1, 1005) g where b.id = ${id}::uuid`);
    const broad = await anonymous(env).trainingBases.search({ q: '计数上限', limit: 20 });
    expect(broad).toMatchObject({ total: 1000, totalCapped: true });
    expect(broad.items).toHaveLength(20);
    const next = await anonymous(env).trainingBases.search({ q: '计数上限', limit: 20, cursor: broad.nextCursor ?? undefined });
    expect(next.total).toBeNull();
    expect(new Set([...broad.items, ...next.items].map((i) => i.id)).size).toBe(40);
  });
});
