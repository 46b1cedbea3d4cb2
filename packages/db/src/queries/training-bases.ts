import { and, asc, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { getRegion } from '@ronghe/domain/reference/regions';
import { majorCategoryOf } from '@ronghe/domain/reference/majors';
import type { BookingStatus, OpenTerms, TrainingBaseKind } from '@ronghe/domain/training-base';
import type { Database, Drizzle, PlannerSettings } from '../client.ts';
import {
  baseBookings,
  consortia,
  majors,
  organizations,
  regions,
  trainingBaseCoBuilders,
  trainingBaseConsortia,
  trainingBaseDays,
  trainingBaseRevisions,
  trainingBases,
} from '../schema/index.ts';
import { likePattern } from './organizations.ts';

export type TrainingBaseRow = typeof trainingBases.$inferSelect;
export type NewTrainingBase = typeof trainingBases.$inferInsert;

/** Rows of raw SQL inside a transaction, on either engine. */
async function txRows<T>(tx: Drizzle, query: SQL): Promise<T[]> {
  const result = (await tx.execute(query)) as unknown as T[] | { rows: T[] };
  return Array.isArray(result) ? result : result.rows;
}

/** A text[] parameter (drizzle would spread a JS array into a list of parameters). */
export function textArray(values: readonly string[]): SQL {
  return sql`${`{${values.map((v) => `"${v.replace(/[\\"]/g, (c) => `\\${c}`)}"`).join(',')}}`}::text[]`;
}

// ---- search document ------------------------------------------------------------------------

/** Region tokens at every level: province, Hebei prefecture (the map region), district or county. */
function regionTokens(regionCode: string, mapRegionCode: string): string[] {
  const r = getRegion(regionCode);
  const out = new Set([`r:${regionCode}`, `r:${mapRegionCode}`]);
  if (r) out.add(`r:${r.provinceCode}0000`);
  return [...out];
}

/** The 专业大类 (by catalogue sequence 1–19) of these majors. */
export function majorCategorySeqs(majorCodes: readonly string[]): number[] {
  return [...new Set(majorCodes.map((c) => majorCategoryOf(c)?.seq).filter((s): s is number => s !== undefined))];
}

type Searchable = Pick<TrainingBaseRow, 'status' | 'kind' | 'regionCode' | 'mapRegionCode' | 'majorCodes' | 'industryCodes' | 'openToPartners'>;

/** Facet tokens a base carries in search_tokens beside its text bigrams. */
export function facetTokens(b: Searchable): string[] {
  return [
    `s:${b.status}`,
    `k:${b.kind}`,
    ...regionTokens(b.regionCode, b.mapRegionCode),
    ...b.majorCodes.map((c) => `m:${c}`),
    ...majorCategorySeqs(b.majorCodes).map((s) => `mc:${s}`),
    ...b.industryCodes.map((c) => `i:${c}`),
    ...(b.openToPartners ? ['o:1'] : []),
  ];
}

export function searchTextOf(b: Pick<TrainingBaseRow, 'name' | 'description' | 'equipment'>): string {
  return [b.name, b.description, ...b.equipment.map((e) => `${e.name} ${e.model}`)].join('\n');
}

/**
 * The SQL value of search_tokens for a base: the bigrams of its text (computed by the database, as queries are),
 * its facets, and the pairs of facets a search combines (ronghe_search_tokens, migration 0015; see pairToken).
 */
function tokensSql(b: Searchable & Pick<TrainingBaseRow, 'name' | 'description' | 'equipment'>): SQL {
  return sql`ronghe_search_tokens(${searchTextOf(b)}, ${textArray(facetTokens(b))})`;
}

// ---- writes ---------------------------------------------------------------------------------

type BaseValues = Omit<NewTrainingBase, 'searchText' | 'searchTokens'> & Searchable & Pick<TrainingBaseRow, 'name' | 'description' | 'equipment'>;

export async function insertTrainingBase(tx: Drizzle, values: BaseValues) {
  const [row] = await tx
    .insert(trainingBases)
    .values({ ...values, searchText: searchTextOf(values), searchTokens: tokensSql(values) })
    .returning();
  if (!row) throw new Error('insert returned no row');
  return row;
}

export async function lockTrainingBase(tx: Drizzle, id: string) {
  const [row] = await tx.select().from(trainingBases).where(eq(trainingBases.id, id)).for('update');
  return row ?? null;
}

/** Updates a base and recomputes its search document from the merged record. */
export async function updateTrainingBase(tx: Drizzle, current: TrainingBaseRow, set: Partial<NewTrainingBase>) {
  const merged = { ...current, ...set } as TrainingBaseRow;
  const [row] = await tx
    .update(trainingBases)
    .set({ ...set, searchText: searchTextOf(merged), searchTokens: tokensSql(merged), updatedAt: new Date() })
    .where(eq(trainingBases.id, current.id))
    .returning();
  if (!row) throw new Error('update returned no row');
  return row;
}

export async function replaceCoBuilders(tx: Drizzle, baseId: string, organizationIds: string[]) {
  await tx.delete(trainingBaseCoBuilders).where(eq(trainingBaseCoBuilders.baseId, baseId));
  if (organizationIds.length) await tx.insert(trainingBaseCoBuilders).values(organizationIds.map((organizationId) => ({ baseId, organizationId })));
}

export async function replaceBaseConsortia(tx: Drizzle, baseId: string, consortiumIds: string[]) {
  await tx.delete(trainingBaseConsortia).where(eq(trainingBaseConsortia.baseId, baseId));
  if (consortiumIds.length) await tx.insert(trainingBaseConsortia).values(consortiumIds.map((consortiumId) => ({ baseId, consortiumId })));
}

export async function insertBaseRevision(tx: Drizzle, r: typeof trainingBaseRevisions.$inferInsert) {
  await tx.insert(trainingBaseRevisions).values(r);
}

/**
 * Recomputes the map figures of these map regions (all regions without an argument) from the
 * published bases. Takes a transaction-scoped advisory lock per region, in code order, so concurrent
 * writers recompute one after the other and each sees the other's committed rows.
 */
export async function refreshSupply(tx: Drizzle, mapRegionCodes?: string[]) {
  const codes = mapRegionCodes ? [...new Set(mapRegionCodes)].sort() : null;
  if (codes && codes.length === 0) return;
  const inScope = codes ? sql`and map_region_code = any(${textArray(codes)})` : sql``;
  if (codes) await tx.execute(sql`select pg_advisory_xact_lock(hashtext('training_base_supply:' || c)) from unnest(${textArray(codes)}) c order by c`);
  else await tx.execute(sql`lock table training_base_supply in exclusive mode`);
  await tx.execute(sql`delete from training_base_supply where true ${inScope}`);
  await tx.execute(sql`
    insert into training_base_supply (map_region_code, dimension, value, count)
    select map_region_code, 'all', '', count(*)::int from training_base where status = 'published' ${inScope} group by 1
    union all
    select map_region_code, 'kind', kind, count(*)::int from training_base where status = 'published' ${inScope} group by 1, 3
    union all
    select map_region_code, 'open', '', count(*)::int from training_base where status = 'published' and open_to_partners ${inScope} group by 1
    union all
    select map_region_code, 'category', substr(t, 4), count(*)::int
      from training_base, unnest(search_tokens) t
      where status = 'published' and t like 'mc:%' ${inScope} group by 1, 3`);
}

// ---- reads ----------------------------------------------------------------------------------

export async function getTrainingBase(db: Database, id: string) {
  const [row] = await db.orm
    .select({ b: trainingBases, ownerName: organizations.name, ownerKind: organizations.kind, regionName: regions.name, provinceCode: regions.provinceCode })
    .from(trainingBases)
    .innerJoin(organizations, eq(organizations.id, trainingBases.ownerOrganizationId))
    .innerJoin(regions, eq(regions.code, trainingBases.regionCode))
    .where(eq(trainingBases.id, id));
  if (!row) return null;
  const [coBuilders, linked, majorRows] = await Promise.all([
    db.orm
      .select({ id: organizations.id, name: organizations.name, kind: organizations.kind })
      .from(trainingBaseCoBuilders)
      .innerJoin(organizations, eq(organizations.id, trainingBaseCoBuilders.organizationId))
      .where(eq(trainingBaseCoBuilders.baseId, id))
      .orderBy(asc(organizations.name)),
    db.orm
      .select({ id: consortia.id, name: consortia.name, kind: consortia.kind, status: consortia.status })
      .from(trainingBaseConsortia)
      .innerJoin(consortia, eq(consortia.id, trainingBaseConsortia.consortiumId))
      .where(eq(trainingBaseConsortia.baseId, id))
      .orderBy(asc(consortia.name)),
    row.b.majorCodes.length ? db.orm.select({ code: majors.code, name: majors.name }).from(majors).where(inArray(majors.code, row.b.majorCodes)) : Promise.resolve([]),
  ]);
  const { searchText: _t, searchTokens: _k, ...base } = row.b;
  return { ...base, ownerName: row.ownerName, ownerKind: row.ownerKind, regionName: row.regionName, provinceCode: row.provinceCode, coBuilders, consortia: linked, majors: majorRows };
}

/**
 * What a booking step needs of its base, with the row held FOR SHARE: approvals run side by side,
 * while an edit of the stations waits for them (and they for it).
 */
export async function shareTrainingBase(tx: Drizzle, id: string) {
  const [row] = await tx
    .select({ id: trainingBases.id, name: trainingBases.name, ownerOrganizationId: trainingBases.ownerOrganizationId, stations: trainingBases.stations, status: trainingBases.status })
    .from(trainingBases)
    .where(eq(trainingBases.id, id))
    .for('share');
  return row ?? null;
}

/** Major codes (of these) that are not in the catalogue. */
export async function unknownMajorCodes(tx: Drizzle | Database, codes: string[]): Promise<string[]> {
  if (codes.length === 0) return [];
  const orm = 'orm' in tx ? tx.orm : tx;
  const found = await orm.select({ code: majors.code }).from(majors).where(inArray(majors.code, codes));
  const known = new Set(found.map((r) => r.code));
  return codes.filter((c) => !known.has(c));
}

export async function listBasesOfOrganization(db: Database, organizationId: string) {
  return db.orm
    .select({
      id: trainingBases.id,
      kind: trainingBases.kind,
      name: trainingBases.name,
      status: trainingBases.status,
      stations: trainingBases.stations,
      regionCode: trainingBases.regionCode,
      openToPartners: trainingBases.openToPartners,
      updatedAt: trainingBases.updatedAt,
      pendingBookings: sql<number>`(select count(*)::int from base_booking bb where bb.base_id = ${trainingBases.id} and bb.status = 'requested')`,
    })
    .from(trainingBases)
    .where(eq(trainingBases.ownerOrganizationId, organizationId))
    .orderBy(desc(trainingBases.updatedAt));
}

export async function listBaseRevisions(db: Database, baseId: string) {
  return db.orm
    .select({ id: trainingBaseRevisions.id, version: trainingBaseRevisions.version, at: trainingBaseRevisions.at, action: trainingBaseRevisions.action, changedFields: trainingBaseRevisions.changedFields })
    .from(trainingBaseRevisions)
    .where(eq(trainingBaseRevisions.baseId, baseId))
    .orderBy(desc(trainingBaseRevisions.id));
}

export type BaseSort = 'relevance' | 'distance' | 'capacity';

export type BaseSearch = {
  q?: string;
  kind?: TrainingBaseKind;
  regionCode?: string;
  majorCategory?: number;
  majorCode?: string;
  industryCode?: string;
  openToPartners?: boolean;
  /** only bases with `freeStations` (default 1) stations free on every day of this range */
  free?: { from: string; to: string; stations: number };
  sort: BaseSort;
  near?: { lng: number; lat: number };
  /** the sort key and id of the last row of the previous page */
  after?: [number, number, string];
  limit: number;
  /** also count all matches (first page) */
  withTotal: boolean;
};

/**
 * How a keyword is matched against search_text. ILIKE lowers every candidate's text under the database's
 * collation (≈15 µs a row here, most of a search); a keyword without cased characters (Chinese) matches the
 * same rows with LIKE. A two-character keyword is one bigram: its token in search_tokens already says
 * lower(search_text) contains it, so the text is not read at all.
 */
const caseless = (q: string) => q.toLowerCase() === q && q.toUpperCase() === q;
const textMatch = (column: SQL, q: string): SQL => (caseless(q) ? sql`${column} like ${likePattern(q)}` : sql`${column} ilike ${likePattern(q)}`);
const oneBigram = (q: string) => Array.from(q).length === 2 && caseless(q);

/**
 * A region and one more facet as the single token ronghe_pair_tokens() gives a base for that pair: its posting
 * list is about as short as the answer, where the region's and the facet's own lists are long. Kind first, then
 * major category. "Open to partners" needs no token: the search reads only the open partitions (segmentsOf).
 */
function pairToken(f: BaseSearch): { token: string; covers: Array<'regionCode' | 'kind' | 'majorCategory'> } | null {
  if (!f.regionCode) return null;
  if (f.kind) return { token: `rk:${f.regionCode}:${f.kind}`, covers: ['regionCode', 'kind'] };
  if (f.majorCategory) return { token: `rc:${f.regionCode}:${f.majorCategory}`, covers: ['regionCode', 'majorCategory'] };
  return null;
}

/** The provinces of 京津冀 by the first two digits of their codes: training_base_search is split by these and "open". */
const PROVINCE_PREFIXES = ['11', '12', '13'] as const;

/**
 * The partitions of training_base_search (migration 0016) a search can find rows in: the province of its region
 * and, when it asks for bases open to partners, only their open halves. Written as literals (from this closed set),
 * so the planner leaves the other partitions out of every plan.
 */
function segmentsOf(f: BaseSearch): string[] {
  const prefix = f.regionCode?.slice(0, 2);
  const provinces = prefix ? PROVINCE_PREFIXES.filter((p) => p === prefix) : PROVINCE_PREFIXES;
  return provinces.flatMap((p) => (f.openToPartners ? [`${p}o`] : [`${p}o`, `${p}c`]));
}

/**
 * How a search's statement is planned (Database.rows `planner`).
 * - No parallel workers: starting them took longer than a search (a1 35 ms with one, 4 ms without; a search by
 *   kind alone across the six partitions 116 ms before its first row).
 * - Where a keyword or a filter probes the GIN index, no sequential scans: the planner charges a bitmap scan for
 *   reading every match's tokens, which it never does (the index's answer to @> is exact), so for a keyword in
 *   nearly every base (实训, 基地) it chose to read every row's tokens out of line instead: 280 ms at 100,000
 *   bases against 9 ms through the index. Without either, the partitions are read in order.
 */
export function plannerOf(f: BaseSearch): PlannerSettings {
  return f.q || searchFacets(f).length ? { enable_seqscan: 'off', max_parallel_workers_per_gather: '0' } : { max_parallel_workers_per_gather: '0' };
}

/**
 * The facet and pair tokens a search's filters ask for, besides what its partitions already say (segmentsOf): a
 * partition holds one province and, when the search asks for open bases, open ones only, so a province as the
 * region and "open" need no token. A token every row of a partition carries made the index read them all.
 */
function searchFacets(f: BaseSearch): string[] {
  const region = f.regionCode && !PROVINCE_PREFIXES.some((p) => f.regionCode === `${p}0000`) ? f.regionCode : undefined;
  const pair = pairToken({ ...f, regionCode: region });
  const single = (key: 'regionCode' | 'kind' | 'majorCategory') => !pair?.covers.includes(key);
  return [
    ...(pair ? [pair.token] : []),
    ...(f.kind && single('kind') ? [`k:${f.kind}`] : []),
    ...(region && single('regionCode') ? [`r:${region}`] : []),
    ...(f.majorCategory && single('majorCategory') ? [`mc:${f.majorCategory}`] : []),
    ...(f.majorCode ? [`m:${f.majorCode}`] : []),
    ...(f.industryCode ? [`i:${f.industryCode}`] : []),
  ];
}

/** The conditions on training_base_search (alias b) that a published base meets to match the search. */
function searchWhere(f: BaseSearch): SQL {
  const facets = searchFacets(f);
  const segments = segmentsOf(f);
  const parts: SQL[] = [
    // an unknown province (a region code outside 京津冀) has no partition: nothing matches
    segments.length ? sql`b.segment in (${sql.raw(segments.map((x) => `'${x}'`).join(', '))})` : sql`false`,
  ];
  // ronghe_toasted(): the expression of the GIN index (migration 0016), so that the planner probes it
  if (f.q) parts.push(sql`ronghe_toasted(b.search_tokens) @> (ronghe_bigrams(${f.q}) || ${textArray(facets)})`);
  else if (facets.length) parts.push(sql`ronghe_toasted(b.search_tokens) @> ${textArray(facets)}`);
  // the text contains the name: a match in the name (in the row) spares reading the text (out of line)
  if (f.q && !oneBigram(f.q)) parts.push(sql`(${textMatch(sql`b.name`, f.q)} or ${textMatch(sql`b.search_text`, f.q)})`);
  if (f.free)
    parts.push(sql`not exists (select 1 from training_base_day d where d.base_id = b.id and d.day between ${f.free.from}::date and ${f.free.to}::date and d.booked + ${f.free.stations}::int > d.capacity)`);
  if (f.free) parts.push(sql`b.stations >= ${f.free.stations}::int`);
  return sql.join(parts, sql` and `);
}

/** Two sort keys and the direction-normalised comparison for keyset pagination. */
function sortKeys(f: BaseSearch): { k1: SQL; k2: SQL; byCapacity?: true } {
  if (f.sort === 'distance' && f.near) {
    const { lng, lat } = f.near;
    // equirectangular distance in degrees of latitude, squared: exact enough within 京津冀, and monotone
    return { k1: sql`(((b.lng - ${lng}::float8) * cos(radians(${lat}::float8))) ^ 2 + (b.lat - ${lat}::float8) ^ 2)`, k2: sql`0::int` };
  }
  if (f.sort === 'relevance' && f.q) return { k1: sql`(case when ${textMatch(sql`b.name`, f.q)} then -2 else -1 end)`, k2: sql`(-b.stations)` };
  return { k1: sql`(-b.stations)`, k2: sql`0::int`, byCapacity: true };
}

export type BaseHit = {
  id: string;
  kind: TrainingBaseKind;
  name: string;
  ownerName: string;
  regionCode: string;
  mapRegionCode: string;
  address: string;
  lng: number;
  lat: number;
  stations: number;
  dailyCapacity: number;
  openToPartners: boolean;
  openTerms: OpenTerms | null;
  majorCodes: string[];
  k1: number;
  k2: number;
  total?: number;
};

/** The API reports a search's count up to this many; more are shown as "more than 1,000" (the count itself is exact). */
export const SEARCH_TOTAL_CAP = 1000;

/** One page of search results in sort order, with the keys to continue after the last row (and, when asked, the count of all matches). */
export async function searchTrainingBases(db: Database, f: BaseSearch) {
  const { k1, k2, byCapacity } = sortKeys(f);
  const after = f.after ? sql`and (${k1}, ${k2}, b.id) > (${f.after[0]}::float8, ${f.after[1]}::float8, ${f.after[2]}::uuid)` : sql``;
  // With a keyword or a filter token, ranking reads every match anyway: the count comes from the same scan (a second,
  // capped scan cost a third of a search). Without (the list before anything is chosen), the page is read in
  // capacity order from training_base_search_capacity_idx and the count is a scan of its own: 2 + 17 ms at 100,000
  // bases, where ranking all of them took 87 ms. Only that statement orders by `stations desc, id` (the same order
  // as the keys): were the index on the keys, token searches by capacity would walk it reading every row's tokens.
  const probesIndex = plannerOf(f).enable_seqscan === 'off';
  const order = byCapacity && !probesIndex ? sql`b.stations desc, b.id` : sql`k1, k2, b.id`;
  const windowTotal = f.withTotal && probesIndex ? sql`, count(*) over ()::int as total` : sql``;
  const total = !f.withTotal ? sql`` : probesIndex ? sql`, h.total` : sql`, (select count(*)::int from training_base_search b where ${searchWhere(f)}) as total`;
  // Rank every match on its sort keys alone, then read the page's columns and owners for the rows kept.
  const rows = await db.rows<BaseHit & Record<string, unknown>>(sql`
    with hits as (
      select b.id, (${k1})::float8 as k1, (${k2})::float8 as k2 ${windowTotal}
      from training_base_search b
      where ${searchWhere(f)} ${after}
      order by ${order}
      limit ${f.limit})
    select b.id, b.kind, b.name, o.name as "ownerName", b.region_code as "regionCode", b.map_region_code as "mapRegionCode",
      b.address, b.lng, b.lat, b.stations, b.daily_capacity as "dailyCapacity", b.open_to_partners as "openToPartners",
      b.open_terms as "openTerms", b.major_codes as "majorCodes", h.k1, h.k2 ${total}
    from hits h join training_base b on b.id = h.id join organization o on o.id = b.owner_organization_id
    order by h.k1, h.k2, h.id`,
    // a few dozen shapes (which filters, which sort, first page or not), each parsed and planned once per connection
    { prepare: true, planner: plannerOf(f) },
  );
  return rows;
}

/** The SQL of a search, for EXPLAIN in the bench. */
export function searchSql(f: BaseSearch): SQL {
  const { k1, k2, byCapacity } = sortKeys(f);
  const order = byCapacity && plannerOf(f).enable_seqscan !== 'off' ? sql`b.stations desc, b.id` : sql`${k1}, ${k2}, b.id`;
  return sql`select b.id from training_base_search b where ${searchWhere(f)} order by ${order} limit ${f.limit}`;
}

/** Coordinates of matching bases for the map's point layer (capped). */
export async function baseMapPoints(db: Database, f: BaseSearch) {
  return db.rows<{ id: string; name: string; kind: TrainingBaseKind; lng: number; lat: number; stations: number }>(sql`
    select b.id, b.name, b.kind, b.lng, b.lat, b.stations from training_base_search b
    where ${searchWhere(f)} order by b.stations desc, b.id limit ${f.limit}`,
    { planner: plannerOf(f) },
  );
}

/** The map's figures: published bases per map region for one dimension value. */
export async function supplyByRegion(db: Database, dimension: 'all' | 'kind' | 'category' | 'open', value = '') {
  return db.rows<{ mapRegionCode: string; count: number }>(
    sql`select map_region_code as "mapRegionCode", count from training_base_supply where dimension = ${dimension} and value = ${value}`,
    { prepare: true },
  );
}

/** Published bases per map region and major category: the supply layer (≈ 470 rows, read as they come: no ORM mapping). */
export async function supplyByCategory(db: Database) {
  return db.rows<{ mapRegionCode: string; category: number; count: number }>(
    sql`select map_region_code as "mapRegionCode", value::int as category, count from training_base_supply where dimension = 'category'`,
    { prepare: true },
  );
}

/** Published bases by kind and province: what T03 and the monitoring pages count. */
export async function baseStats(db: Database) {
  return db.orm
    .select({ kind: trainingBases.kind, provinceCode: sql<string>`left(${trainingBases.mapRegionCode}, 2)`, count: sql<number>`count(*)::int` })
    .from(trainingBases)
    .where(eq(trainingBases.status, 'published'))
    .groupBy(trainingBases.kind, sql`left(${trainingBases.mapRegionCode}, 2)`);
}

// ---- capacity -------------------------------------------------------------------------------

/** Booked stations and capacity per day in a range (days without bookings are absent). */
export async function bookedDays(db: Database | Drizzle, baseId: string, from: string, to: string) {
  const orm = 'orm' in db ? db.orm : db;
  return orm
    .select({ day: trainingBaseDays.day, booked: trainingBaseDays.booked, capacity: trainingBaseDays.capacity })
    .from(trainingBaseDays)
    .where(and(eq(trainingBaseDays.baseId, baseId), sql`${trainingBaseDays.day} between ${from}::date and ${to}::date`))
    .orderBy(asc(trainingBaseDays.day));
}

/** Days in the range on which `stations` more would not fit. */
export async function fullDays(db: Database | Drizzle, baseId: string, from: string, to: string, stations: number, capacity: number): Promise<string[]> {
  const days = await bookedDays(db, baseId, from, to);
  const known = new Map(days.map((d) => [d.day, d]));
  const out: string[] = [];
  if (stations > capacity) return [from];
  for (const d of known.values()) if (d.booked + stations > d.capacity) out.push(d.day);
  return out;
}

/**
 * Adds `stations` to every day of the range. Fails with a CHECK violation
 * (training_base_day_within_capacity) when any day would exceed its capacity.
 */
export async function addBookedStations(tx: Drizzle, baseId: string, from: string, to: string, stations: number, capacity: number) {
  await tx.execute(sql`
    insert into training_base_day (base_id, day, booked, capacity)
    select ${baseId}::uuid, d::date, ${stations}::int, ${capacity}::int from generate_series(${from}::date, ${to}::date, interval '1 day') d
    on conflict (base_id, day) do update set booked = training_base_day.booked + excluded.booked`);
}

export async function releaseBookedStations(tx: Drizzle, baseId: string, from: string, to: string, stations: number) {
  await tx.execute(sql`update training_base_day set booked = booked - ${stations}::int where base_id = ${baseId}::uuid and day between ${from}::date and ${to}::date`);
}

/** Sets the capacity of today's and later days to a base's new number of stations (CHECK fails when bookings exceed it). */
export async function setFutureCapacity(tx: Drizzle, baseId: string, today: string, stations: number) {
  await tx.execute(sql`update training_base_day set capacity = ${stations}::int where base_id = ${baseId}::uuid and day >= ${today}::date`);
}

export async function overbookedDays(tx: Drizzle, baseId: string, today: string, stations: number): Promise<string[]> {
  const rows = await txRows<{ day: string }>(tx, sql`select day::text as day from training_base_day where base_id = ${baseId}::uuid and day >= ${today}::date and booked > ${stations}::int order by day`);
  return rows.map((r) => r.day);
}

/** Station-days booked in a range. */
export async function usedStationDays(db: Database, baseId: string, from: string, to: string): Promise<number> {
  const [row] = await db.orm
    .select({ used: sql<number>`coalesce(sum(${trainingBaseDays.booked}), 0)::int` })
    .from(trainingBaseDays)
    .where(and(eq(trainingBaseDays.baseId, baseId), sql`${trainingBaseDays.day} between ${from}::date and ${to}::date`));
  return row?.used ?? 0;
}

// ---- bookings -------------------------------------------------------------------------------

export type NewBooking = typeof baseBookings.$inferInsert;
export type BookingRow = typeof baseBookings.$inferSelect;

export async function insertBooking(tx: Drizzle, values: NewBooking) {
  const [row] = await tx.insert(baseBookings).values(values).returning();
  if (!row) throw new Error('insert returned no row');
  return row;
}

export async function lockBooking(tx: Drizzle, id: string) {
  const [row] = await tx.select().from(baseBookings).where(eq(baseBookings.id, id)).for('update');
  return row ?? null;
}

export async function updateBooking(tx: Drizzle, id: string, set: Partial<NewBooking>) {
  await tx.update(baseBookings).set({ ...set, updatedAt: new Date() }).where(eq(baseBookings.id, id));
}

export type BookingSide = { ownerOrganizationId: string } | { requesterOrganizationId: string } | { baseId: string };

/** Bookings for one owner's bases, one requester, or one base, newest first. */
export async function listBookings(db: Database, side: BookingSide, statuses?: BookingStatus[]) {
  const requester = organizations;
  const where = and(
    'ownerOrganizationId' in side ? eq(trainingBases.ownerOrganizationId, side.ownerOrganizationId) : undefined,
    'requesterOrganizationId' in side ? eq(baseBookings.requesterOrganizationId, side.requesterOrganizationId) : undefined,
    'baseId' in side ? eq(baseBookings.baseId, side.baseId) : undefined,
    statuses?.length ? inArray(baseBookings.status, statuses) : undefined,
  );
  return db.orm
    .select({
      id: baseBookings.id,
      baseId: baseBookings.baseId,
      baseName: trainingBases.name,
      ownerOrganizationId: trainingBases.ownerOrganizationId,
      requesterOrganizationId: baseBookings.requesterOrganizationId,
      requesterName: requester.name,
      fromDay: baseBookings.fromDay,
      toDay: baseBookings.toDay,
      stations: baseBookings.stations,
      purpose: baseBookings.purpose,
      note: baseBookings.note,
      status: baseBookings.status,
      proposedFrom: baseBookings.proposedFrom,
      proposedTo: baseBookings.proposedTo,
      responseNote: baseBookings.responseNote,
      createdAt: baseBookings.createdAt,
      decidedAt: baseBookings.decidedAt,
    })
    .from(baseBookings)
    .innerJoin(trainingBases, eq(trainingBases.id, baseBookings.baseId))
    .innerJoin(requester, eq(requester.id, baseBookings.requesterOrganizationId))
    .where(where)
    .orderBy(desc(baseBookings.createdAt))
    .limit(500);
}

/** Is the organisation a co-builder of the base or an active member of a consortium it serves? */
export async function isBaseInsider(db: Database | Drizzle, baseId: string, organizationId: string): Promise<boolean> {
  const orm = 'orm' in db ? db.orm : db;
  const rows = await orm.execute(sql`
    select 1 from training_base_co_builder where base_id = ${baseId}::uuid and organization_id = ${organizationId}::uuid
    union all
    select 1 from training_base_consortium tc join consortium_member m on m.consortium_id = tc.consortium_id
      where tc.base_id = ${baseId}::uuid and m.organization_id = ${organizationId}::uuid and m.status = 'active'
    limit 1`);
  const list = Array.isArray(rows) ? rows : (rows as unknown as { rows: unknown[] }).rows;
  return list.length > 0;
}

/** Does the user belong to an organisation with an approved booking at this base? (They may see its contact.) */
export async function hasApprovedBooking(db: Database, baseId: string, userId: string): Promise<boolean> {
  const rows = await db.rows(sql`
    select 1 from base_booking b join organization_member m on m.organization_id = b.requester_organization_id
    where b.base_id = ${baseId}::uuid and b.status = 'approved' and m.user_id = ${userId} limit 1`);
  return rows.length > 0;
}
