import { sql, type SQL } from 'drizzle-orm';
import type { Database } from '../client.ts';
import { likePattern } from './sql.ts';

// The supply-and-demand map and the 百校百业 matrix: aggregates only, grouped in the database.
//
// Supply and demand are counted by county-level region and 专业大类 here; the service folds regions into
// map regions (Beijing/Tianjin districts, Hebei prefectures). Category 0 stands for "every category": a need
// whose majors span two categories counts once in 0 and once in each of its categories.

export type RegionCategoryFigure = { regionCode: string; category: number | null; value: number };

export type SupplyDemandFilter = { provinceCode?: string; categorySeq?: number };

const inProvince = (column: SQL, provinceCode: string | undefined) =>
  provinceCode ? sql`and ${column} like ${`${provinceCode}%`}` : sql``;

/**
 * Demand: places still open (headcount − accepted) on published needs whose deadline has not passed, by the
 * need's region (where the work is). Kinds without places (curricula, technical problems…) have no headcount.
 * Summed by region and set of categories first, so the ~11,000 groups are unnested, not the ~160,000 needs.
 * With a category, only needs in it (the figures of other categories are then partial: read the chosen one's).
 */
export async function demandByRegion(db: Database, f: SupplyDemandFilter & { today: string }): Promise<RegionCategoryFigure[]> {
  const inCategory = f.categorySeq ? sql`and n.major_categories @> array[${f.categorySeq}::int]` : sql``;
  return db.rows<RegionCategoryFigure>(sql`
    select g.region_code as "regionCode", c as category, sum(g.places)::int as value
    from (select n.region_code, n.major_categories, sum(n.headcount - n.accepted) as places
          from need n
          where n.status = 'published' and n.headcount is not null and n.deadline >= ${f.today}::date
            ${inProvince(sql`n.region_code`, f.provinceCode)} ${inCategory}
          group by 1, 2) g
      cross join lateral unnest(array[0] || g.major_categories) c
    group by 1, 2`);
}

/**
 * Student supply: students of open cohorts whose window has not closed, by the school's region. A cohort's
 * region_codes say where its students may go (mostly whole provinces), so they cannot place it on a district
 * map; the school is where the students are. Category null: a major outside the catalogue's categories.
 */
export async function studentsByRegion(db: Database, f: SupplyDemandFilter & { today: string }): Promise<RegionCategoryFigure[]> {
  const inCategory = f.categorySeq ? sql`and c.major_category = ${f.categorySeq}::int` : sql``;
  return db.rows<RegionCategoryFigure>(sql`
    select o.region_code as "regionCode", c.major_category as category, sum(c.students)::int as value
    from cohort c join organization o on o.id = c.organization_id
    where c.status = 'open' and c.window_to >= ${f.today}::date ${inProvince(sql`o.region_code`, f.provinceCode)} ${inCategory}
    group by 1, 2`);
}

/**
 * Station supply: stations of published bases open to outside partners, by map region and by the categories of
 * the majors they train (the mc: tokens of their search document; 0 for every base).
 */
export async function stationsByMapRegion(db: Database, f: SupplyDemandFilter): Promise<RegionCategoryFigure[]> {
  const inCategory = f.categorySeq ? sql`and b.search_tokens @> ${`{mc:${f.categorySeq}}`}::text[]` : sql``;
  return db.rows<RegionCategoryFigure>(sql`
    select b.map_region_code as "regionCode", substr(t, 4)::int as category, sum(b.stations)::int as value
    from training_base b cross join lateral unnest(array['mc:0'] || b.search_tokens) t
    where b.status = 'published' and b.open_to_partners and t like 'mc:%' ${inProvince(sql`b.map_region_code`, f.provinceCode)} ${inCategory}
    group by 1, 2`);
}

// ---- 百校百业 ---------------------------------------------------------------------------------

export type MatrixCell = {
  schoolId: string;
  industryCode: string;
  applications: number;
  placements: number;
  projects: number;
  consortia: number;
};
export type MatrixSchool = { id: string; name: string; regionCode: string; industries: number };
export type SchoolIndustryMatrixRows = {
  schools: MatrixSchool[];
  cells: MatrixCell[];
  industries: Array<{ code: string; schools: number }>;
  schoolsCovered: number;
  industriesCovered: number;
  schoolsTotal: number;
};

// Industry sets as two bigints: divisions 1–62 are bits 1–62 of `lo`, 63–97 bits 0–34 of `hi` (integer ORs, no bit strings).
const lo = (i: string) => `case when ${i} < 63 then 1::bigint << ${i} else 0::bigint end`;
const hi = (i: string) => `case when ${i} >= 63 then 1::bigint << (${i} - 63) else 0::bigint end`;
const setBits = (i: string) => sql.raw(`${lo(i)} as lo, ${hi(i)} as hi`);
/** Per division 1–97, how many schools have its bit: 97 sums in one pass over the schools (no 97 × schools rows to group). */
const bitSums = sql.raw(
  Array.from({ length: 97 }, (_, k) => (k + 1 < 63 ? `sum((lo >> ${k + 1}) & 1)` : `sum((hi >> ${k + 1 - 63}) & 1)`)).join(', '),
);
const coverage = sql.raw('(bit_count(lo::bit(64)) + bit_count(hi::bit(64)))');

/**
 * Which schools work with enterprises of which GB/T 4754 divisions (the enterprise's industry_code), through
 * four ties: open or accepted applications to an enterprise's need, planned placements, active or completed
 * cooperation projects, and active membership of the same active consortium. With `q`, the top schools are the
 * schools whose name contains it, partners or not.
 *
 * Co-membership is most of the pairs (every school of a consortium × every industry in it, ~200,000 at 1,000
 * consortia), so coverage is counted on bit sets: each consortium's and each school's industries are two
 * bigints (one bit a division, 01–97), OR-ed together; a school's coverage is its bit count. Only the top
 * schools' cells are counted tie by tie. One statement, one round trip. (Divisions only: a section letter is skipped.)
 */
export async function schoolIndustryMatrixRows(db: Database, f: { q?: string; limit: number }): Promise<SchoolIndustryMatrixRows> {
  const top = f.q
    ? sql`select s.id as school_id, s.name, s.region_code, coalesce(${coverage}, 0)::int as industries
        from organization s left join masks m on m.school_id = s.id
        where s.kind = 'school' and s.name ilike ${likePattern(f.q)}
        order by industries desc, s.name, s.id limit ${f.limit}`
    : sql`select m.school_id, s.name, s.region_code, ${coverage}::int as industries
        from masks m join organization s on s.id = m.school_id
        order by industries desc, s.name, s.id limit ${f.limit}`;
  const [row] = await db.rows<{ result: SchoolIndustryMatrixRows | string }>(sql`
    with consortium_industry as materialized (
      select distinct m.consortium_id, e.industry_code::int as i
      from consortium_member m join consortium k on k.id = m.consortium_id join organization e on e.id = m.organization_id
      where m.status = 'active' and k.status = 'active' and e.kind = 'enterprise' and e.industry_code ~ '^[0-9]{2}$'),
    consortium_mask as (select consortium_id, bit_or(lo) as lo, bit_or(hi) as hi from (select consortium_id, ${setBits('i')} from consortium_industry)
      x group by 1),
    school_member as materialized (
      select sm.consortium_id, sm.organization_id as school_id
      from consortium_member sm join consortium k on k.id = sm.consortium_id join organization s on s.id = sm.organization_id
      where sm.status = 'active' and k.status = 'active' and s.kind = 'school'),
    -- applications to needs first, then their enterprises (rather than every need's enterprise, then applications)
    application as materialized (
      select a.organization_id as school_id, n.organization_id as enterprise_id
      from need_application a join need n on n.id = a.need_id
      where a.status in ('applied', 'invited', 'accepted', 'partly_accepted')),
    direct as materialized (
      select ap.school_id, e.industry_code::int as i, 'a' as src
        from application ap join organization e on e.id = ap.enterprise_id
        where e.industry_code ~ '^[0-9]{2}$'
      union all
      select p.school_id, e.industry_code::int, 'p'
        from placement p join organization e on e.id = p.enterprise_id
        where p.status = 'planned' and e.industry_code ~ '^[0-9]{2}$'
      union all
      select x.school_id, e.industry_code::int, 'x'
        from cooperation_project x join organization e on e.id = x.enterprise_id
        where x.status in ('active', 'completed') and e.industry_code ~ '^[0-9]{2}$'),
    masks as materialized (
      select school_id, bit_or(lo) as lo, bit_or(hi) as hi
      from (select sm.school_id, cm.lo, cm.hi from school_member sm join consortium_mask cm on cm.consortium_id = sm.consortium_id
            union all
            select school_id, ${setBits('i')} from direct) u
      group by 1),
    bit_sums as (select array[${bitSums}]::int[] as counts from masks),
    industry_cov as (select i, counts[i] as schools from bit_sums cross join generate_series(1, 97) i where counts[i] > 0),
    top as (${top}),
    cell as (
      select u.school_id, u.i,
        (count(*) filter (where u.src = 'a'))::int as applications, (count(*) filter (where u.src = 'p'))::int as placements,
        (count(*) filter (where u.src = 'x'))::int as projects, (count(*) filter (where u.src = 'c'))::int as consortia
      from (select d.school_id, d.i, d.src from direct d join top t on t.school_id = d.school_id
            union all
            select sm.school_id, ci.i, 'c' from school_member sm join top t on t.school_id = sm.school_id
              join consortium_industry ci on ci.consortium_id = sm.consortium_id) u
      group by 1, 2)
    select json_build_object(
      'schools', coalesce((select json_agg(json_build_object('id', t.school_id, 'name', t.name, 'regionCode', t.region_code, 'industries', t.industries)
        order by t.industries desc, t.name, t.school_id) from top t), '[]'::json),
      'cells', coalesce((select json_agg(json_build_object('schoolId', c.school_id, 'industryCode', lpad(c.i::text, 2, '0'), 'applications', c.applications,
        'placements', c.placements, 'projects', c.projects, 'consortia', c.consortia)) from cell c), '[]'::json),
      'industries', coalesce((select json_agg(json_build_object('code', lpad(i.i::text, 2, '0'), 'schools', i.schools) order by i.schools desc, i.i)
        from industry_cov i), '[]'::json),
      'schoolsCovered', (select count(*) from masks where lo <> 0 or hi <> 0)::int,
      'industriesCovered', (select count(*) from industry_cov)::int,
      'schoolsTotal', (select count(*) from organization where kind = 'school' and status = 'verified')::int
    ) as result`);
  if (!row) throw new Error('the matrix query returned no row');
  // both drivers parse json; a driver configured not to would hand back the text
  return typeof row.result === 'string' ? (JSON.parse(row.result) as SchoolIndustryMatrixRows) : row.result;
}
