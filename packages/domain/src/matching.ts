import { majorCategoryOf } from './reference/majors.ts';
import { getRegion } from './reference/regions.ts';
import { daysBetween } from './training-base.ts';

// How well a cohort of students fits a cooperation need: a deterministic score out of 100, made of
// parts that each say why. The same function ranks cohorts for a need and needs for a cohort.
//
//   part        max  how
//   major        40  same major 40 · same 专业类 (first four digits) 28 · same 专业大类 16 · otherwise 0
//   region       20  same district 20 · same Hebei prefecture or same city/province 12 · elsewhere in 京津冀 6
//   period       15  15 × the share of the need's period the cohort's window covers (1 when either has none)
//   headcount    10  10 × min(available, wanted) / wanted
//   consortium   10  10 when the two organisations share an active consortium
//   history       5  2.5 per past successful cooperation between them, at most 5

export type MatchNeed = {
  majorCodes: readonly string[];
  regionCode: string;
  periodFrom: string | null;
  periodTo: string | null;
  /** places wanted (interns, intake, positions); null when the kind has none */
  headcount: number | null;
  consortiumIds: readonly string[];
};

export type MatchCohort = {
  majorCode: string;
  /** where the school is (district) */
  regionCode: string;
  windowFrom: string | null;
  windowTo: string | null;
  available: number;
  consortiumIds: readonly string[];
};

export type ScorePart = {
  key: 'major' | 'region' | 'period' | 'headcount' | 'consortium' | 'history';
  points: number;
  max: number;
  level: string;
};
export type MatchScore = { total: number; parts: ScorePart[] };

export const scoreWeights = { major: 40, region: 20, period: 15, headcount: 10, consortium: 10, history: 5 } as const;

const round1 = (n: number) => Math.round(n * 10) / 10;

/** How close two majors are: 'same' > 'class' (专业类) > 'category' (专业大类) > 'none'. Symmetric. */
export function majorFit(a: string, b: string): 'same' | 'class' | 'category' | 'none' {
  if (a === b) return 'same';
  if (a.slice(0, 4) === b.slice(0, 4)) return 'class';
  const ca = majorCategoryOf(a);
  const cb = majorCategoryOf(b);
  if (ca && cb && ca.seq === cb.seq) return 'category';
  return 'none';
}

const majorPoints = { same: 40, class: 28, category: 16, none: 0 } as const;
const fitRank = { same: 3, class: 2, category: 1, none: 0 } as const;

/** The best fit between the cohort's major and any the need asks for (a need without majors fits any at 'category'). */
export function bestMajorFit(needMajors: readonly string[], cohortMajor: string): keyof typeof majorPoints {
  if (needMajors.length === 0) return 'category';
  let best: keyof typeof majorPoints = 'none';
  for (const m of needMajors) {
    const fit = majorFit(m, cohortMajor);
    if (fitRank[fit] > fitRank[best]) best = fit;
  }
  return best;
}

/** How close two places are: 'district' > 'city' (same Hebei prefecture, or same province) > 'region' (京津冀). Symmetric. */
export function regionFit(a: string, b: string): 'district' | 'city' | 'region' {
  if (a === b) return 'district';
  const ra = getRegion(a);
  const rb = getRegion(b);
  if (!ra || !rb) return 'region';
  const prefecture = (r: NonNullable<typeof ra>) => (r.provinceCode === '13' ? (r.level === 'county' ? r.parentCode : r.code) : null);
  if (ra.provinceCode === '13' && rb.provinceCode === '13') return prefecture(ra) === prefecture(rb) ? 'city' : 'region';
  return ra.provinceCode === rb.provinceCode ? 'city' : 'region';
}

const regionPoints = { district: 20, city: 12, region: 6 } as const;

/** The share of the need's period that the cohort's window covers (1 when either side has no dates). */
export function periodCover(needFrom: string | null, needTo: string | null, from: string | null, to: string | null): number {
  if (!needFrom || !needTo || !from || !to || needTo < needFrom) return 1;
  const start = needFrom > from ? needFrom : from;
  const end = needTo < to ? needTo : to;
  if (end < start) return 0;
  return daysBetween(start, end) / daysBetween(needFrom, needTo);
}

export function scoreMatch(need: MatchNeed, cohort: MatchCohort, pastCooperations = 0): MatchScore {
  const major = bestMajorFit(need.majorCodes, cohort.majorCode);
  const region = regionFit(need.regionCode, cohort.regionCode);
  const cover = periodCover(need.periodFrom, need.periodTo, cohort.windowFrom, cohort.windowTo);
  const wanted = need.headcount ?? 0;
  const headShare = wanted > 0 ? Math.min(cohort.available, wanted) / wanted : cohort.available > 0 ? 1 : 0;
  const shared = need.consortiumIds.some((id) => cohort.consortiumIds.includes(id));
  const parts: ScorePart[] = [
    { key: 'major', points: majorPoints[major], max: scoreWeights.major, level: major },
    { key: 'region', points: regionPoints[region], max: scoreWeights.region, level: region },
    { key: 'period', points: round1(scoreWeights.period * cover), max: scoreWeights.period, level: String(round1(cover * 100)) },
    {
      key: 'headcount',
      points: round1(scoreWeights.headcount * headShare),
      max: scoreWeights.headcount,
      level: String(round1(headShare * 100)),
    },
    { key: 'consortium', points: shared ? scoreWeights.consortium : 0, max: scoreWeights.consortium, level: shared ? 'shared' : 'none' },
    {
      key: 'history',
      points: Math.min(scoreWeights.history, 2.5 * Math.max(0, Math.floor(pastCooperations))),
      max: scoreWeights.history,
      level: String(Math.max(0, Math.floor(pastCooperations))),
    },
  ];
  return { total: round1(parts.reduce((n, p) => n + p.points, 0)), parts };
}
