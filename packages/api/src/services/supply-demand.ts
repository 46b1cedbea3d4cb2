import type { Database } from '@ronghe/db/client';
import {
  demandByRegion,
  schoolIndustryMatrixRows,
  stationsByMapRegion,
  studentsByRegion,
  type RegionCategoryFigure,
} from '@ronghe/db/queries/supply-demand';
import { industries as industryList } from '@ronghe/domain/reference/industries';
import { majorCategories } from '@ronghe/domain/reference/majors';
import { getRegion, regions as regionList } from '@ronghe/domain/reference/regions';
import { mapRegionOf, todayInChina } from '@ronghe/domain/training-base';

// 职业教育资源匹配数字地图 and 百校百业 (the commission's monitoring pages, the annual report).
//
// Definitions (what the map and the annual report count):
// - demand: places still open (headcount − accepted) on published needs before their deadline, in the need's
//   region (where the work is). Every kind with places counts: internships, order classes, teacher practice.
// - supply: students of open cohorts whose window has not closed, in the school's region, plus stations of
//   published training bases open to outside partners, in the base's region. Both are returned apart too.
// - gap = demand − supply; "short" when demand exceeds supply by more than 20 %, "surplus" when supply exceeds
//   demand by more than 20 %, else "balanced" ("none" when both are 0).
// - categories: a need counts in each 专业大类 of its majors (and once in the total); a cohort in its major's;
//   a base in each category of the majors it trains. A need or base without majors counts in the totals only.
// Regions are map regions: Beijing and Tianjin districts and Hebei prefectures (mapRegionOf); figures filed
// under a whole province cannot be placed on the map and are reported as `unmapped`.

export const GAP_THRESHOLD = 0.2;
export const provinceCodes = ['11', '12', '13'] as const;
export type ProvinceCode = (typeof provinceCodes)[number];
export type GapLevel = 'short' | 'balanced' | 'surplus' | 'none';

export type Figure = {
  students: number;
  stations: number;
  supply: number;
  demand: number;
  gap: number;
  ratio: number | null;
  level: GapLevel;
};

export function gapLevel(demand: number, supply: number): GapLevel {
  if (demand === 0 && supply === 0) return 'none';
  if (demand > supply * (1 + GAP_THRESHOLD)) return 'short';
  if (supply > demand * (1 + GAP_THRESHOLD)) return 'surplus';
  return 'balanced';
}

type Raw = { students: number; stations: number; demand: number };
const emptyRaw = (): Raw => ({ students: 0, stations: 0, demand: 0 });

function figure(r: Raw): Figure {
  const supply = r.students + r.stations;
  return {
    students: r.students,
    stations: r.stations,
    supply,
    demand: r.demand,
    gap: r.demand - supply,
    ratio: supply > 0 ? Math.round((r.demand / supply) * 100) / 100 : null,
    level: gapLevel(r.demand, supply),
  };
}

/** Map regions in map order: Beijing districts, Tianjin districts, Hebei prefectures. */
export const mapRegions = regionList.filter((r) => (r.provinceCode === '13' ? r.level === 'prefecture' : r.level === 'county'));

export type SupplyDemand = {
  /** when the figures were counted (they are kept up to 10 minutes) */
  takenAt: Date;
  provinceCode: ProvinceCode | null;
  categorySeq: number | null;
  threshold: number;
  categories: Array<{ seq: number; name: string } & Figure>;
  regions: Array<{ code: string; name: string; provinceCode: string } & Figure>;
  cells: Array<{ regionCode: string; categorySeq: number } & Figure>;
  totals: Figure;
  unmapped: { students: number; demand: number };
};

/**
 * Supply and demand by map region and 专业大类, in a province (or all three) and for one category (or all):
 * `regions` and `totals` are for the chosen category, `cells` and `categories` for every category (just the
 * chosen one when given), nonzero cells only.
 */
/**
 * The figures behind the map, unfiltered: counted once and kept for up to 10 minutes per process (housekeeping
 * refreshes them), so the map answers from memory; `refresh` counts them again now. Filters apply in memory.
 */
export const FIGURES_MAX_AGE_MS = 10 * 60_000;
type Figures = {
  day: string;
  takenAt: Date;
  demand: RegionCategoryFigure[];
  students: RegionCategoryFigure[];
  stations: RegionCategoryFigure[];
};
const figuresCache = new WeakMap<Database, Promise<Figures>>();

async function countFigures(db: Database): Promise<Figures> {
  const day = todayInChina();
  const [demand, students, stations] = await Promise.all([
    demandByRegion(db, { today: day }),
    studentsByRegion(db, { today: day }),
    stationsByMapRegion(db, {}),
  ]);
  return { day, takenAt: new Date(), demand, students, stations };
}

export async function supplyDemandFigures(db: Database, opts: { refresh?: boolean } = {}): Promise<Figures> {
  const cached = figuresCache.get(db);
  if (cached && !opts.refresh) {
    const figures = await cached.catch(() => null);
    if (figures && figures.day === todayInChina() && Date.now() - figures.takenAt.getTime() < FIGURES_MAX_AGE_MS) return figures;
  }
  const counting = countFigures(db);
  figuresCache.set(db, counting);
  try {
    return await counting;
  } catch (error) {
    figuresCache.delete(db);
    throw error;
  }
}

export async function supplyDemand(
  db: Database,
  f: { provinceCode?: ProvinceCode; categorySeq?: number; refresh?: boolean } = {},
): Promise<SupplyDemand> {
  const { demand, students, stations, takenAt } = await supplyDemandFigures(db, { refresh: f.refresh });
  const inScope = mapRegions.filter((r) => !f.provinceCode || r.provinceCode === f.provinceCode);
  const scope = new Set(inScope.map((r) => r.code));
  // region → category (0: every category) → figures
  const grid = new Map<string, Map<number, Raw>>();
  const unmapped = { students: 0, demand: 0 };
  // what an unmapped row adds: the chosen category's row, or the total (a need's category 0; every cohort row)
  const countsUnmapped = (row: RegionCategoryFigure, key: keyof Raw) =>
    f.categorySeq ? row.category === f.categorySeq : key === 'students' || row.category === 0;
  const add = (rows: RegionCategoryFigure[], key: keyof Raw, mapped: boolean) => {
    for (const row of rows) {
      if (f.provinceCode && !row.regionCode.startsWith(f.provinceCode)) continue;
      const region = mapped ? row.regionCode : mapRegionOf(row.regionCode);
      if (!region || !scope.has(region)) {
        if (key !== 'stations' && countsUnmapped(row, key)) unmapped[key] += row.value;
        continue;
      }
      const byCategory = grid.get(region) ?? new Map<number, Raw>();
      grid.set(region, byCategory);
      // a cohort has one category, so its region total is the sum of its rows
      const categories = key === 'students' ? [0, ...(row.category ? [row.category] : [])] : [row.category ?? 0];
      for (const c of categories) {
        const raw = byCategory.get(c) ?? emptyRaw();
        raw[key] += row.value;
        byCategory.set(c, raw);
      }
    }
  };
  add(demand, 'demand', false);
  add(students, 'students', false);
  add(stations, 'stations', true);

  const chosen = f.categorySeq ?? 0;
  const totals = emptyRaw();
  const regions = inScope.map((r) => {
    const raw = grid.get(r.code)?.get(chosen) ?? emptyRaw();
    totals.students += raw.students;
    totals.stations += raw.stations;
    totals.demand += raw.demand;
    return { code: r.code, name: r.name, provinceCode: r.provinceCode, ...figure(raw) };
  });
  const shown = majorCategories.filter((c) => !f.categorySeq || c.seq === f.categorySeq);
  const cells: SupplyDemand['cells'] = [];
  const byCategory = new Map<number, Raw>(shown.map((c) => [c.seq, emptyRaw()]));
  for (const r of inScope) {
    for (const c of shown) {
      const raw = grid.get(r.code)?.get(c.seq);
      if (!raw) continue;
      const sum = byCategory.get(c.seq) ?? emptyRaw();
      sum.students += raw.students;
      sum.stations += raw.stations;
      sum.demand += raw.demand;
      cells.push({ regionCode: r.code, categorySeq: c.seq, ...figure(raw) });
    }
  }
  return {
    takenAt,
    provinceCode: f.provinceCode ?? null,
    categorySeq: f.categorySeq ?? null,
    threshold: GAP_THRESHOLD,
    categories: shown.map((c) => ({ seq: c.seq, name: c.name, ...figure(byCategory.get(c.seq) ?? emptyRaw()) })),
    regions,
    cells,
    totals: figure(totals),
    unmapped,
  };
}

// ---- 百校百业 ---------------------------------------------------------------------------------

export const MATRIX_DEFAULT_LIMIT = 20;
export const MATRIX_MAX_LIMIT = 100;
const industryNames = new Map(industryList.filter((i) => i.level === 'division').map((i) => [i.code, i.name]));

export type SchoolIndustryMatrix = {
  schools: Array<{ id: string; name: string; regionCode: string; regionName: string; industries: number }>;
  industries: Array<{ code: string; name: string; schools: number }>;
  cells: Array<{
    schoolId: string;
    industryCode: string;
    applications: number;
    placements: number;
    projects: number;
    consortia: number;
    ties: number;
  }>;
  totals: { schoolsCovered: number; industriesCovered: number; schoolsTotal: number; industriesTotal: number };
};

/**
 * Schools × GB/T 4754 divisions: which pairs cooperate (applications, placements, projects, shared consortia),
 * how many industries each school covers and how many schools each industry; the top `limit` schools by
 * coverage (or those whose name contains `q`) with their cells; every covered industry, most schools first.
 */
export async function schoolIndustryMatrix(db: Database, f: { q?: string; limit?: number } = {}): Promise<SchoolIndustryMatrix> {
  const limit = Math.min(Math.max(1, Math.trunc(f.limit ?? MATRIX_DEFAULT_LIMIT)), MATRIX_MAX_LIMIT);
  const q = f.q?.trim() || undefined;
  const rows = await schoolIndustryMatrixRows(db, { q, limit });
  return {
    schools: rows.schools.map((s) => ({ ...s, regionName: getRegion(s.regionCode)?.name ?? s.regionCode })),
    industries: rows.industries.map((i) => ({ code: i.code, name: industryNames.get(i.code) ?? i.code, schools: i.schools })),
    cells: rows.cells.map((c) => ({ ...c, ties: c.applications + c.placements + c.projects + c.consortia })),
    totals: {
      schoolsCovered: rows.schoolsCovered,
      industriesCovered: rows.industriesCovered,
      schoolsTotal: rows.schoolsTotal,
      industriesTotal: industryNames.size,
    },
  };
}
