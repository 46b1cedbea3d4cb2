import { sql, type SQL } from 'drizzle-orm';
import { categoriesOf } from '@ronghe/domain/reference/majors';
import { getRegion } from '@ronghe/domain/reference/regions';
import type { OpenTerms, TrainingBaseKind } from '@ronghe/domain/training-base';
import type { Database, PlannerSettings } from '../client.ts';
import { likePattern, textArray } from './sql.ts';
import type { trainingBases } from '../schema/index.ts';

type TrainingBaseRow = typeof trainingBases.$inferSelect;

// ---- search document ------------------------------------------------------------------------

/** Region tokens at every level: province, Hebei prefecture (the map region), district or county. */
function regionTokens(regionCode: string, mapRegionCode: string): string[] {
  const r = getRegion(regionCode);
  const out = new Set([`r:${regionCode}`, `r:${mapRegionCode}`]);
  if (r) out.add(`r:${r.provinceCode}0000`);
  return [...out];
}

export type Searchable = Pick<
  TrainingBaseRow,
  'status' | 'kind' | 'regionCode' | 'mapRegionCode' | 'majorCodes' | 'industryCodes' | 'openToPartners'
>;

/** Facet tokens a base carries in search_tokens beside its text bigrams. */
export function facetTokens(b: Searchable): string[] {
  return [
    `s:${b.status}`,
    `k:${b.kind}`,
    ...regionTokens(b.regionCode, b.mapRegionCode),
    ...b.majorCodes.map((c) => `m:${c}`),
    ...categoriesOf(b.majorCodes).map((s) => `mc:${s}`),
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
export function tokensSql(b: Searchable & Pick<TrainingBaseRow, 'name' | 'description' | 'equipment'>): SQL {
  return sql`ronghe_search_tokens(${searchTextOf(b)}, ${textArray(facetTokens(b))})`;
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
const textMatch = (column: SQL, q: string): SQL =>
  caseless(q) ? sql`${column} like ${likePattern(q)}` : sql`${column} ilike ${likePattern(q)}`;
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
  return f.q || searchFacets(f).length
    ? { enable_seqscan: 'off', max_parallel_workers_per_gather: '0' }
    : { max_parallel_workers_per_gather: '0' };
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
    parts.push(
      sql`not exists (select 1 from training_base_day d where d.base_id = b.id and d.day between ${f.free.from}::date and ${f.free.to}::date and
        d.booked + ${f.free.stations}::int > d.capacity)`,
    );
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
  if (f.sort === 'relevance' && f.q)
    return { k1: sql`(case when ${textMatch(sql`b.name`, f.q)} then -2 else -1 end)`, k2: sql`(-b.stations)` };
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
  const total = !f.withTotal
    ? sql``
    : probesIndex
      ? sql`, h.total`
      : sql`, (select count(*)::int from training_base_search b where ${searchWhere(f)}) as total`;
  // Rank every match on its sort keys alone, then read the page's columns and owners for the rows kept.
  const rows = await db.rows<BaseHit & Record<string, unknown>>(
    sql`
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
  return db.rows<{ id: string; name: string; kind: TrainingBaseKind; lng: number; lat: number; stations: number }>(
    sql`
    select b.id, b.name, b.kind, b.lng, b.lat, b.stations from training_base_search b
    where ${searchWhere(f)} order by b.stations desc, b.id limit ${f.limit}`,
    { planner: plannerOf(f) },
  );
}
