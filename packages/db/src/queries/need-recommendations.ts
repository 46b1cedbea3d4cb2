import { sql, type SQL } from 'drizzle-orm';
import { regionFit, scoreMatch, scoreWeights, type MatchCohort, type MatchNeed, type ScorePart } from '@ronghe/domain/matching';
import { regions as referenceRegions } from '@ronghe/domain/reference/regions';
import type { Database } from '../client.ts';
import type { CohortRow } from './cohorts.ts';
import { regionsReachedFrom, type NeedRow } from './needs.ts';
import { intArray, textArray, uuidArray } from './sql.ts';

export type CohortCandidate = {
  id: string;
  organizationId: string;
  organizationName: string;
  regionCode: string;
  majorCode: string;
  level: string;
  year: number;
  students: number;
  windowFrom: string;
  windowTo: string;
  regionCodes: string[];
  consortiumIds: string[];
};

/**
 * Open cohorts that could answer a need: of one of its 专业大类 (any, when it names no majors), whose window meets
 * its period, that may go to its region. The `limit` best by the SQL estimate of scoreMatch (tiers, best first),
 * plus a few for rounding: the caller scores them with scoreMatch itself.
 */
export async function cohortCandidates(
  db: Database,
  need: CohortWanted,
  limit: number,
): Promise<Array<CohortCandidate & { estimate: number }>> {
  const partners = activeMembersSql(need.consortiumIds);
  const hasPartners = need.consortiumIds.length > 0;
  const regionsOf = regionLevels(need.regionCode, null);
  const w = estimateWeights;
  const period = need.periodFrom && need.periodTo ? { from: need.periodFrom, to: need.periodTo } : null;
  const cover =
    period && period.to >= period.from
      ? sql`greatest(0, least(${period.to}::date, c.window_to) - greatest(${period.from}::date, c.window_from) + 1)::float8 / (${period.to}::date -
        ${period.from}::date + 1)::float8`
      : sql`1::float8`;
  const wanted = need.headcount ?? 0;
  const share =
    wanted > 0
      ? sql`least(c.students, ${wanted}::int)::float8 / ${wanted}::float8`
      : sql`case when c.students > 0 then 1::float8 else 0::float8 end`;
  const majors = textArray(need.majorCodes);
  const major = sql`case when c.major_code = any(${majors}) then ${w.major.same}::float8 when left(c.major_code, 4) =
    any(${textArray(need.majorCodes.map((m) => m.slice(0, 4)))}) then ${w.major.class}::float8 else ${w.major.category}::float8 end`;
  const base = sql`c.status = 'open'
    ${need.majorCategories.length ? sql`and c.major_category = any(${intArray(need.majorCategories)})` : sql``}
    ${period ? sql`and c.window_to >= ${period.from}::date and c.window_from <= ${period.to}::date` : sql``}
    and c.region_codes && ${textArray(need.regionPath)}`;
  // cohorts are a school's (cohorts.create), and organization_kind_region_idx serves kind + region
  const schoolsIn = (codes: string[]) =>
    sql`(select o.id from organization o where o.kind = 'school' and o.region_code = any(${textArray(codes)}))`;
  const statementOf = (tier: Tier) => {
    const regionPoints =
      tier.region === 'any'
        ? sql`(select ${regionPointsSql(regionsOf)} from organization o where o.id = c.organization_id)`
        : sql`${w.region[tier.region]}::float8`;
    return sql`
      select c.id, c.organization_id as "organizationId", o.name as "organizationName", o.region_code as "regionCode", c.major_code as "majorCode",
        c.level, c.year, c.students, c.window_from::text as "windowFrom", c.window_to::text as "windowTo", c.region_codes as "regionCodes",
        ${consortiaOfSql(sql`c.organization_id`)} as "consortiumIds", t.estimate::float8 as estimate
      from (
        select c.id, ${estimateSql(major, regionPoints, cover, share, tier)} as estimate
        from cohort c
        where ${base}
          ${
            tier.major === 'same'
              ? sql`and c.major_code = any(${majors})`
              : tier.major === 'other' && need.majorCodes.length
                ? sql`and c.major_code <> all(${majors})`
                : sql``
          }
          ${tier.partner ? sql`and c.organization_id = any(array${partners})` : hasPartners ? sql`and c.organization_id not in ${partners}` : sql``}
          ${tier.region === 'district' ? sql`and c.organization_id = any(array${schoolsIn(regionsOf.district)})` : sql``}
          ${tier.region === 'city' ? sql`and c.organization_id in ${schoolsIn(regionsOf.city)}` : sql``}
          ${tier.region === 'region' ? sql`and c.organization_id not in ${schoolsIn([...regionsOf.district, ...regionsOf.city])}` : sql``}
        order by estimate desc, c.id
        limit ${limit + ROUNDING_MARGIN}
      ) t
      join cohort c on c.id = t.id join organization o on o.id = c.organization_id`;
  };
  return bestByTier(
    tiersFor(need.majorCodes.length > 0, hasPartners, regionsOf),
    statementOf,
    (q) => db.rows<CohortCandidate & { estimate: number }>(q),
    limit,
  );
}

export type NeedCandidate = {
  id: string;
  organizationId: string;
  organizationName: string;
  kind: string;
  title: string;
  regionCode: string;
  majorCodes: string[];
  headcount: number | null;
  accepted: number;
  periodFrom: string | null;
  periodTo: string | null;
  deadline: string;
  consortiumIds: string[];
};

/**
 * Published needs, open to apply, of the cohort's 专业大类 (or naming no majors), in a region it may go to. The `limit`
 * best by the SQL estimate of scoreMatch (tiers, best first), plus a few for rounding: the caller scores them itself.
 */
export async function needCandidates(
  db: Database,
  cohort: NeedsWanted,
  today: string,
  limit: number,
): Promise<Array<NeedCandidate & { estimate: number }>> {
  const partners = activeMembersSql(cohort.consortiumIds);
  const hasPartners = cohort.consortiumIds.length > 0;
  const allowed = regionsReachedFrom(cohort.regionCodes);
  const regionsOf = regionLevels(cohort.schoolRegionCode, allowed);
  const w = estimateWeights;
  const cover = sql`case when n.period_from is null or n.period_to is null or n.period_to < n.period_from then 1::float8
    else greatest(0, least(n.period_to, ${cohort.windowTo}::date) - greatest(n.period_from, ${cohort.windowFrom}::date) + 1)::float8 / (n.period_to -
      n.period_from + 1)::float8 end`;
  const share = sql`case when coalesce(n.headcount - n.accepted, 0) > 0 then least(${cohort.students}::int, n.headcount - n.accepted)::float8 /
    (n.headcount - n.accepted)::float8
    when ${cohort.students}::int > 0 then 1::float8 else 0::float8 end`;
  const same = sql`n.major_codes @> array[${cohort.majorCode}::text]`;
  const major = sql`case when ${same} then ${w.major.same}::float8
    when exists (select 1 from unnest(n.major_codes) m where left(m, 4) = ${cohort.majorCode.slice(0, 4)}) then ${w.major.class}::float8 else
      ${w.major.category}::float8 end`;
  const base = sql`n.status = 'published' and n.deadline >= ${today}::date
    and (cardinality(n.major_categories) = 0 ${cohort.majorCategory ? sql`or ${cohort.majorCategory}::int = any(n.major_categories)` : sql``})
    and (n.period_from is null or (n.period_to >= ${cohort.windowFrom}::date and n.period_from <= ${cohort.windowTo}::date))`;
  const statementOf = (tier: Tier) => {
    const codes = tier.region === 'any' ? allowed : regionsOf[tier.region];
    const regionPoints = tier.region === 'any' ? regionPointsSql(regionsOf, sql`n.region_code`) : sql`${w.region[tier.region]}::float8`;
    return sql`
      select n.id, n.organization_id as "organizationId", o.name as "organizationName", n.kind, n.title, n.region_code as "regionCode", n.major_codes
        as "majorCodes",
        n.headcount, n.accepted, n.period_from::text as "periodFrom", n.period_to::text as "periodTo", n.deadline::text as deadline,
        ${consortiaOfSql(sql`n.organization_id`)} as "consortiumIds", t.estimate::float8 as estimate
      from (
        select n.id, ${estimateSql(major, regionPoints, cover, share, tier)} as estimate
        from need n
        where ${base} and n.region_code = any(${textArray(codes)})
          ${tier.major === 'same' ? sql`and ${same}` : tier.major === 'other' ? sql`and not (${same})` : sql``}
          ${tier.partner ? sql`and n.organization_id = any(array${partners})` : hasPartners ? sql`and n.organization_id not in ${partners}` : sql``}
        order by estimate desc, n.id
        limit ${limit + ROUNDING_MARGIN}
      ) t
      join need n on n.id = t.id join organization o on o.id = n.organization_id`;
  };
  if (allowed.length === 0) return [];
  return bestByTier(tiersFor(true, hasPartners, regionsOf), statementOf, (q) => db.rows<NeedCandidate & { estimate: number }>(q), limit);
}

/** The consortia an organisation is an active member of. */
export async function organizationConsortia(db: Database, organizationId: string): Promise<string[]> {
  const rows = await db.rows<{ id: string }>(
    sql`select consortium_id::text as id from consortium_member where organization_id = ${organizationId}::uuid and status = 'active'`,
  );
  return rows.map((r) => r.id);
}

// ---- recommendation candidates, best first (for cohortCandidates and needCandidates) ----------
//
// Scoring every candidate is too slow at scale (a popular major in Hebei + Beijing matches 50,000 needs), so both
// queries estimate scoreMatch in SQL and fetch in tiers of falling best-possible score: consortium partners first,
// then the same major before the others, each by district, city, elsewhere. Each tier returns its best few; the
// tiers stop once the `limit`-th estimate found beats the best any later tier could reach, so what is left out could
// not have made the list. Tiers that would be large (a popular major everywhere) come late and are seldom needed.

/** What cohortCandidates needs to know of the need. */
export type CohortWanted = Pick<NeedRow, 'majorCodes' | 'majorCategories' | 'periodFrom' | 'periodTo' | 'regionCode' | 'headcount'> & {
  /** the need's region and the regions above it, which a cohort's region_codes must meet */
  regionPath: string[];
  /** the need's consortium and its organisation's active ones */
  consortiumIds: string[];
};

/** What needCandidates needs to know of the cohort. */
export type NeedsWanted = Pick<CohortRow, 'majorCode' | 'majorCategory' | 'windowFrom' | 'windowTo' | 'regionCodes' | 'students'> & {
  /** where the school is */
  schoolRegionCode: string;
  /** the school's active consortia */
  consortiumIds: string[];
};

type Level = 'district' | 'city' | 'region';
type Tier = { partner: boolean; major: 'same' | 'other' | 'any'; region: Level | 'any'; bound: number };

/** Extra rows a tier returns, so that a rounding difference between the estimate and scoreMatch cannot cut a winner. */
const ROUNDING_MARGIN = 5;

const noNeed: MatchNeed = { majorCodes: [], regionCode: '', periodFrom: null, periodTo: null, headcount: null, consortiumIds: [] };
const noCohort: MatchCohort = { majorCode: '', regionCode: '', windowFrom: null, windowTo: null, available: 0, consortiumIds: [] };
const pointsOf = (key: ScorePart['key'], need: Partial<MatchNeed>, cohort: Partial<MatchCohort>) =>
  scoreMatch({ ...noNeed, ...need }, { ...noCohort, ...cohort }).parts.find((p) => p.key === key)?.points ?? 0;

/** The points of each level of a part, read off scoreMatch itself so that the SQL estimate follows the score. */
const estimateWeights = {
  major: {
    same: pointsOf('major', { majorCodes: ['460103'] }, { majorCode: '460103' }),
    class: pointsOf('major', { majorCodes: ['460103'] }, { majorCode: '460104' }),
    category: pointsOf('major', { majorCodes: ['460103'] }, { majorCode: '460301' }),
  },
  region: {
    district: pointsOf('region', { regionCode: '110101' }, { regionCode: '110101' }),
    city: pointsOf('region', { regionCode: '110101' }, { regionCode: '110102' }),
    region: pointsOf('region', { regionCode: '110101' }, { regionCode: '120101' }),
  },
  period: scoreWeights.period,
  headcount: scoreWeights.headcount,
  consortium: pointsOf('consortium', { consortiumIds: ['c'] }, { consortiumIds: ['c'] }),
};

/** The reference regions by how near they are to `origin` (regionFit), only those in `allowed` when given. */
function regionLevels(origin: string, allowed: string[] | null): Record<Level, string[]> {
  const levels: Record<Level, string[]> = { district: [], city: [], region: [] };
  const keep = allowed ? new Set(allowed) : null;
  for (const r of referenceRegions) if (!keep || keep.has(r.code)) levels[regionFit(origin, r.code)].push(r.code);
  return levels;
}

function regionPointsSql(levels: Record<Level, string[]>, column = sql`o.region_code`) {
  const w = estimateWeights.region;
  return sql`case when ${column} = any(${textArray(levels.district)}) then ${w.district}::float8 when ${column} = any(${textArray(levels.city)}) then
    ${w.city}::float8 else ${w.region}::float8 end`;
}

/** Math.round(x * 10) / 10 on doubles, as scoreMatch rounds: the same IEEE operations in the same order give the same total. */
const round1Sql = (x: SQL) => sql`(floor((${x}) * 10 + 0.5) / 10)`;

function estimateSql(major: SQL, region: SQL, cover: SQL, share: SQL, tier: Tier) {
  const w = estimateWeights;
  return round1Sql(
    sql`${major} + ${region} + ${round1Sql(sql`${w.period}::float8 * ${cover}`)} + ${round1Sql(sql`${w.headcount}::float8 * ${share}`)} +
      ${tier.partner ? w.consortium : 0}::float8`,
  );
}

const consortiaOfSql = (organizationId: SQL) =>
  sql`coalesce((select array_agg(m.consortium_id::text) from consortium_member m where m.organization_id = ${organizationId} and m.status = 'active'), '{}')`;

/**
 * Organisations that are active members of any of these consortia: the ones that earn the consortium points. A tier
 * takes them as `= any(array(…))`, whose size the planner cannot see, so it looks them up one by one by organisation.
 */
const activeMembersSql = (consortiumIds: readonly string[]) =>
  sql`(select m.organization_id from consortium_member m where m.consortium_id = any(${uuidArray(consortiumIds)}) and m.status = 'active')`;

/** The tiers, best possible score first: partners (any major, any region), then major level × region level. */
function tiersFor(hasMajors: boolean, hasPartners: boolean, levels: Record<Level, string[]>): Tier[] {
  const w = estimateWeights;
  const rest = w.period + w.headcount;
  const tiers: Tier[] = [];
  if (hasPartners)
    tiers.push({
      partner: true,
      major: 'any',
      region: 'any',
      bound: (hasMajors ? w.major.same : w.major.category) + w.region.district + rest + w.consortium,
    });
  for (const major of hasMajors ? (['same', 'other'] as const) : (['other'] as const)) {
    const majorBound = major === 'same' ? w.major.same : hasMajors ? w.major.class : w.major.category;
    for (const region of ['district', 'city', 'region'] as const) {
      if (levels[region].length) tiers.push({ partner: false, major, region, bound: majorBound + w.region[region] + rest });
    }
  }
  return tiers.sort((a, b) => b.bound - a.bound);
}

/** Tiers sent as one statement at the start: the best two are nearly always both needed, and a round trip costs more than either. */
const FIRST_BATCH = 2;

/**
 * Runs tiers in order (the first FIRST_BATCH together, as one UNION ALL) until the `limit`-th best estimate beats
 * every later tier's bound; returns all rows found.
 */
async function bestByTier<T extends { id: string; estimate: number }>(
  tiers: Tier[],
  statementOf: (tier: Tier) => SQL,
  run: (query: SQL) => Promise<T[]>,
  limit: number,
): Promise<T[]> {
  const found: T[] = [];
  for (let done = 0; done < tiers.length;) {
    const batch = tiers.slice(done, done === 0 ? FIRST_BATCH : done + 1);
    found.push(
      ...(await run(
        sql.join(
          batch.map((t) => sql`(${statementOf(t)})`),
          sql` union all `,
        ),
      )),
    );
    found.sort((a, b) => b.estimate - a.estimate || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    done += batch.length;
    const next = tiers[done];
    const kth = found[limit - 1];
    if (!next || (kth && kth.estimate > next.bound)) break;
  }
  return found;
}

/** Where an organisation is and its active consortia, in one round trip (what recommendNeeds scores a school by). */
export async function organizationPlaceAndConsortia(
  db: Database,
  organizationId: string,
): Promise<{ regionCode: string | null; consortiumIds: string[] }> {
  const [row] = await db.rows<{ regionCode: string; consortiumIds: string[] }>(sql`
    select o.region_code as "regionCode",
      coalesce((select array_agg(m.consortium_id::text) from consortium_member m where m.organization_id = o.id and m.status = 'active'), '{}') as
        "consortiumIds"
    from organization o where o.id = ${organizationId}::uuid`);
  return { regionCode: row?.regionCode ?? null, consortiumIds: row?.consortiumIds ?? [] };
}
