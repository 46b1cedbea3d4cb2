import type { Database } from '@ronghe/db/client';
import {
  basesByRegion,
  consortiaByRegion,
  needsPublishedIn,
  placementsByRegion,
  projectsByKind,
  reportTasks,
  type ReportTaskRow,
} from '@ronghe/db/queries/annual-report';
import { snapshotHistory } from '@ronghe/db/queries/monitoring';
import { DomainError } from '@ronghe/domain/errors';
import { PLAN_END, PLAN_START, type Rag } from '@ronghe/domain/monitoring';
import { planTaskFlag, type PlanTaskFlag, type PlanTaskStatus } from '@ronghe/domain/plan-task';
import { industries } from '@ronghe/domain/reference/industries';
import { getRegion } from '@ronghe/domain/reference/regions';
import { mapRegionOf, todayInChina } from '@ronghe/domain/training-base';
import type { WriteEpoch } from '../middleware/write-epoch.ts';
import { dashboardStatuses, indicatorStatuses, type IndicatorStatus, type ValueSource } from './monitoring.ts';

// 年度实施报告: the plan's indicators on the report's date (the year's last day, or today in the current
// year) exactly as the dashboard shows them for that day (indicatorStatuses), their trend, the tasks, and
// the year's consortia, bases, needs, placements and projects by region and industry.

export const FIRST_REPORT_YEAR = Number(PLAN_START.slice(0, 4));
export const currentYear = (today = todayInChina()) => Number(today.slice(0, 4));

export type ReportIndicator = {
  id: string;
  code: string;
  name: string;
  nameEn: string;
  unit: string;
  target: number;
  targetNote: string;
  value: number | null;
  expected: number;
  /** value / target, 0–1 (null without a value) */
  progress: number | null;
  rag: Rag;
  source: IndicatorStatus['source'];
  valueSource: ValueSource;
  /** the date of the report the value comes from (reported indicators only) */
  reportedOn: string | null;
  /** the value at each year-end of the plan up to the report's date (the last one on that date); see `trend.yearEnds` */
  yearEnds: Array<number | null>;
  /** the value at each month-end of the year up to the report's date; see `trend.months` */
  months: Array<number | null>;
};

/** A plan task as the report shows it: the query's row as of the report's date, with its flag. */
export type ReportTask = Omit<ReportTaskRow, 'statusThen' | 'progressThen'> & { flag: PlanTaskFlag };

export type Named = { code: string; name: string };
export type ByKind = { kind: string; count: number };

export type AnnualReport = {
  year: number;
  /** the report's date: every figure is as of this day */
  asOf: string;
  generatedAt: string;
  rag: Record<Rag, number>;
  trend: { yearEnds: Array<{ year: number; day: string }>; months: Array<{ month: string; day: string }> };
  indicators: ReportIndicator[];
  tasks: { counts: { total: number; done: number; late: number; open: number; atRisk: number; cancelled: number }; items: ReportTask[] };
  consortia: {
    count: number;
    members: number;
    byKind: Array<ByKind & { members: number }>;
    byProvince: Array<Named & { count: number; members: number }>;
    /** by district (Hebei: prefecture), with the counts by kind and members by kind of organisation */
    byRegion: Array<
      Named & {
        provinceCode: string;
        cityUnion: number;
        industryCommunity: number;
        count: number;
        members: number;
        schools: number;
        enterprises: number;
        partners: number;
      }
    >;
  };
  bases: {
    count: number;
    stations: number;
    newInYear: number;
    byKind: Array<ByKind & { stations: number; newInYear: number; byProvince: Record<string, number> }>;
    byProvince: Array<Named & { count: number; stations: number }>;
  };
  needs: {
    count: number;
    headcount: number;
    accepted: number;
    byKind: Array<ByKind & { headcount: number; accepted: number }>;
    /** by the GB/T 4754 section of the enterprise ('' when it gave none), with the counts by kind */
    byIndustry: Array<Named & { count: number; headcount: number; byKind: Record<string, number> }>;
    byProvince: Array<Named & { count: number; headcount: number }>;
  };
  placements: {
    count: number;
    students: number;
    countInYear: number;
    studentsInYear: number;
    byProvince: Array<Named & { count: number; students: number; countInYear: number; studentsInYear: number }>;
  };
  projects: {
    count: number;
    newInYear: number;
    completedInYear: number;
    byKind: Array<ByKind & { active: number; completed: number; cancelled: number; newInYear: number; completedInYear: number }>;
  };
};

const provinces = ['11', '12', '13'] as const;
const provinceName = (code: string) => getRegion(`${code}0000`)?.name ?? code;
const regionName = (code: string) => getRegion(code)?.name ?? code;
const sections = new Map(industries.filter((i) => i.level === 'section').map((i) => [i.code, i.name]));
const sum = <T>(rows: T[], f: (r: T) => number) => rows.reduce((a, r) => a + f(r), 0);

/** Finds (or makes) the entry for `key` and adds into it. */
function tally<T>(map: Map<string, T>, key: string, init: () => NoInfer<T>, add: (t: NoInfer<T>) => void) {
  let entry = map.get(key);
  if (!entry) {
    entry = init();
    map.set(key, entry);
  }
  add(entry);
}

/** The report's date: the year's last day, or today for the current year. */
export function reportDay(year: number, today = todayInChina()): string {
  if (!Number.isInteger(year) || year < FIRST_REPORT_YEAR || year > currentYear(today))
    throw new DomainError('INVALID', 'report.yearOutOfRange', { field: 'year' });
  const end = `${year}-12-31`;
  return end < today ? end : today;
}

const monthEnd = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10);

/** The trend's days: each plan year-end up to the report's date, and each month-end of the year (the last cut at the date). */
function trendDays(year: number, asOf: string) {
  const yearEnds: Array<{ year: number; day: string }> = [];
  for (let y = FIRST_REPORT_YEAR; y <= Math.min(year, Number(PLAN_END.slice(0, 4))); y++) {
    const end = `${y}-12-31`;
    yearEnds.push({ year: y, day: end < asOf ? end : asOf });
  }
  const months: Array<{ month: string; day: string }> = [];
  for (let m = 1; m <= 12; m++) {
    const month = `${year}-${String(m).padStart(2, '0')}`;
    if (`${month}-01` > asOf) break;
    const end = monthEnd(year, m);
    months.push({ month, day: end < asOf ? end : asOf });
  }
  return { yearEnds, months };
}

/** A task as it stood on the report's date: a past year reads its latest progress update by then. */
function taskOn(
  r: ReportTaskRow,
  asOf: string,
  current: boolean,
): { status: PlanTaskStatus; progress: number; completedOn: string | null } {
  if (current || (r.status === 'done' && r.completedOn !== null && r.completedOn <= asOf))
    return { status: r.status, progress: r.progress, completedOn: r.completedOn };
  if (r.statusThen !== null)
    return { status: r.statusThen, progress: r.progressThen ?? 0, completedOn: r.statusThen === 'done' ? r.completedOn : null };
  if (r.status === 'cancelled') return { status: 'cancelled', progress: r.progress, completedOn: null };
  return { status: 'not_started', progress: 0, completedOn: null };
}

/** `writes`: the process's write epoch, to share today's live figures with the dashboard; without it they are counted afresh. */
export async function buildAnnualReport(db: Database, year: number, writes?: WriteEpoch): Promise<AnnualReport> {
  const today = todayInChina();
  const asOf = reportDay(year, today);
  const period = { from: `${year}-01-01`, to: asOf };
  const days = trendDays(year, asOf);
  const pastYearEnds = days.yearEnds.filter((y) => y.day < asOf);

  const [statuses, earlier, taskRows, consortiumRows, baseRows, needRows, placementRows, projectRows] = await Promise.all([
    writes ? dashboardStatuses(db, writes, asOf) : indicatorStatuses(db, asOf),
    Promise.all(pastYearEnds.map((y) => indicatorStatuses(db, y.day))),
    reportTasks(db, period),
    consortiaByRegion(db, period),
    basesByRegion(db, period),
    needsPublishedIn(db, period),
    placementsByRegion(db, period),
    projectsByKind(db, period),
  ]);

  // month-ends read the latest snapshot by then (as the dashboard does for a past day); the report's date reads its own value
  const history = await snapshotHistory(
    db,
    statuses.map((s) => s.id),
    PLAN_START,
    asOf,
  );
  const byIndicator = new Map<string, Array<{ day: string; value: number | null }>>();
  for (const h of history) {
    const list = byIndicator.get(h.indicatorId);
    if (list) list.push(h);
    else byIndicator.set(h.indicatorId, [h]);
  }
  const valueBy = (id: string, day: string) => {
    let value: number | null = null;
    for (const p of byIndicator.get(id) ?? []) {
      if (p.day > day) break;
      value = p.value;
    }
    return value;
  };

  const indicators: ReportIndicator[] = statuses.map((s) => ({
    id: s.id,
    code: s.code,
    name: s.name,
    nameEn: s.nameEn,
    unit: s.unit,
    target: s.target,
    targetNote: s.targetNote,
    value: s.value,
    expected: s.expected,
    progress: s.value === null || s.target <= 0 ? null : Math.round((s.value / s.target) * 1000) / 1000,
    rag: s.rag,
    source: s.source,
    valueSource: s.valueSource,
    reportedOn: s.valueSource === 'report' ? s.reportedOn : null,
    yearEnds: days.yearEnds.map((y) =>
      y.day === asOf ? s.value : (earlier[pastYearEnds.indexOf(y)]?.find((e) => e.id === s.id)?.value ?? null),
    ),
    months: days.months.map((m) => (m.day === asOf ? s.value : valueBy(s.id, m.day))),
  }));
  const rag = { green: 0, amber: 0, red: 0 };
  for (const i of indicators) rag[i.rag] += 1;

  const current = asOf === today;
  const items: ReportTask[] = taskRows.map((r) => {
    const then = taskOn(r, asOf, current);
    return {
      id: r.id,
      title: r.title,
      ownerName: r.ownerName,
      responsibleName: r.responsibleName,
      startsOn: r.startsOn,
      deadline: r.deadline,
      ...then,
      flag: planTaskFlag({ ...then, startsOn: r.startsOn, deadline: r.deadline }, asOf),
    };
  });
  const flagged = (f: PlanTaskFlag) => items.filter((t) => t.flag === f).length;
  const tasks = {
    counts: {
      total: items.length,
      done: flagged('done'),
      late: flagged('overdue'),
      open: flagged('on_track') + flagged('at_risk'),
      atRisk: flagged('at_risk'),
      cancelled: flagged('cancelled'),
    },
    items,
  };

  return {
    year,
    asOf,
    generatedAt: new Date().toISOString(),
    rag,
    trend: days,
    indicators,
    tasks,
    consortia: consortiaSection(consortiumRows),
    bases: basesSection(baseRows),
    needs: needsSection(needRows),
    placements: placementsSection(placementRows),
    projects: projectsSection(projectRows),
  };
}

const byProvinceOrder = <T extends { code: string }>(rows: T[]) => rows.sort((a, b) => a.code.localeCompare(b.code));

function consortiaSection(rows: Awaited<ReturnType<typeof consortiaByRegion>>): AnnualReport['consortia'] {
  const kinds = new Map<string, ByKind & { members: number }>();
  const regions = new Map<string, AnnualReport['consortia']['byRegion'][number]>();
  for (const r of rows) {
    tally(
      kinds,
      r.kind,
      () => ({ kind: r.kind, count: 0, members: 0 }),
      (k) => {
        k.count += r.count;
        k.members += r.members;
      },
    );
    const code = mapRegionOf(r.regionCode) ?? r.regionCode;
    const provinceCode = getRegion(code)?.provinceCode ?? code.slice(0, 2);
    tally(
      regions,
      code,
      () => ({
        code,
        name: regionName(code),
        provinceCode,
        cityUnion: 0,
        industryCommunity: 0,
        count: 0,
        members: 0,
        schools: 0,
        enterprises: 0,
        partners: 0,
      }),
      (g) => {
        if (r.kind === 'city_union') g.cityUnion += r.count;
        else g.industryCommunity += r.count;
        g.count += r.count;
        g.members += r.members;
        g.schools += r.schools;
        g.enterprises += r.enterprises;
        g.partners += r.partners;
      },
    );
  }
  const byRegion = [...regions.values()].sort(
    (a, b) => a.provinceCode.localeCompare(b.provinceCode) || b.count - a.count || a.code.localeCompare(b.code),
  );
  const byProvince = provinces.map((p) => {
    const inP = byRegion.filter((r) => r.provinceCode === p);
    return { code: p, name: provinceName(p), count: sum(inP, (r) => r.count), members: sum(inP, (r) => r.members) };
  });
  const byKind = ['city_union', 'industry_community'].map((k) => kinds.get(k) ?? { kind: k, count: 0, members: 0 });
  return { count: sum(rows, (r) => r.count), members: sum(rows, (r) => r.members), byKind, byProvince, byRegion };
}

function basesSection(rows: Awaited<ReturnType<typeof basesByRegion>>): AnnualReport['bases'] {
  const kinds = new Map<string, AnnualReport['bases']['byKind'][number]>();
  const provs = new Map<string, Named & { count: number; stations: number }>(
    provinces.map((p) => [p, { code: p, name: provinceName(p), count: 0, stations: 0 }]),
  );
  for (const r of rows) {
    const p = r.regionCode.slice(0, 2);
    tally(
      kinds,
      r.kind,
      () => ({ kind: r.kind, count: 0, stations: 0, newInYear: 0, byProvince: {} }),
      (k) => {
        k.count += r.count;
        k.stations += r.stations;
        k.newInYear += r.newInYear;
        k.byProvince[p] = (k.byProvince[p] ?? 0) + r.count;
      },
    );
    tally(
      provs,
      p,
      () => ({ code: p, name: provinceName(p), count: 0, stations: 0 }),
      (g) => {
        g.count += r.count;
        g.stations += r.stations;
      },
    );
  }
  return {
    count: sum(rows, (r) => r.count),
    stations: sum(rows, (r) => r.stations),
    newInYear: sum(rows, (r) => r.newInYear),
    byKind: [...kinds.values()].sort((a, b) => b.count - a.count),
    byProvince: byProvinceOrder([...provs.values()]),
  };
}

function needsSection(rows: Awaited<ReturnType<typeof needsPublishedIn>>): AnnualReport['needs'] {
  const kinds = new Map<string, ByKind & { headcount: number; accepted: number }>();
  const inds = new Map<string, AnnualReport['needs']['byIndustry'][number]>();
  const provs = new Map<string, Named & { count: number; headcount: number }>(
    provinces.map((p) => [p, { code: p, name: provinceName(p), count: 0, headcount: 0 }]),
  );
  for (const r of rows) {
    tally(
      kinds,
      r.kind,
      () => ({ kind: r.kind, count: 0, headcount: 0, accepted: 0 }),
      (k) => {
        k.count += r.count;
        k.headcount += r.headcount;
        k.accepted += r.accepted;
      },
    );
    const section = r.industrySection ?? '';
    tally(
      inds,
      section,
      () => ({ code: section, name: sections.get(section) ?? '', count: 0, headcount: 0, byKind: {} }),
      (g) => {
        g.count += r.count;
        g.headcount += r.headcount;
        g.byKind[r.kind] = (g.byKind[r.kind] ?? 0) + r.count;
      },
    );
    tally(
      provs,
      r.provinceCode,
      () => ({ code: r.provinceCode, name: provinceName(r.provinceCode), count: 0, headcount: 0 }),
      (g) => {
        g.count += r.count;
        g.headcount += r.headcount;
      },
    );
  }
  return {
    count: sum(rows, (r) => r.count),
    headcount: sum(rows, (r) => r.headcount),
    accepted: sum(rows, (r) => r.accepted),
    byKind: [...kinds.values()].sort((a, b) => b.count - a.count),
    byIndustry: [...inds.values()].sort((a, b) => b.count - a.count || a.code.localeCompare(b.code)),
    byProvince: byProvinceOrder([...provs.values()]),
  };
}

function placementsSection(rows: Awaited<ReturnType<typeof placementsByRegion>>): AnnualReport['placements'] {
  const provs = new Map(
    provinces.map((p) => [
      p as string,
      { code: p as string, name: provinceName(p), count: 0, students: 0, countInYear: 0, studentsInYear: 0 },
    ]),
  );
  for (const r of rows) {
    const p = r.regionCode.slice(0, 2);
    tally(
      provs,
      p,
      () => ({ code: p, name: provinceName(p), count: 0, students: 0, countInYear: 0, studentsInYear: 0 }),
      (g) => {
        g.count += r.count;
        g.students += r.students;
        g.countInYear += r.countInYear;
        g.studentsInYear += r.studentsInYear;
      },
    );
  }
  return {
    count: sum(rows, (r) => r.count),
    students: sum(rows, (r) => r.students),
    countInYear: sum(rows, (r) => r.countInYear),
    studentsInYear: sum(rows, (r) => r.studentsInYear),
    byProvince: byProvinceOrder([...provs.values()]),
  };
}

function projectsSection(rows: Awaited<ReturnType<typeof projectsByKind>>): AnnualReport['projects'] {
  const kinds = new Map<string, AnnualReport['projects']['byKind'][number]>();
  for (const r of rows) {
    tally(
      kinds,
      r.kind,
      () => ({ kind: r.kind, count: 0, active: 0, completed: 0, cancelled: 0, newInYear: 0, completedInYear: 0 }),
      (k) => {
        k.count += r.count;
        if (r.status === 'active' || r.status === 'completed' || r.status === 'cancelled') k[r.status] += r.count;
        k.newInYear += r.newInYear;
        k.completedInYear += r.completedInYear;
      },
    );
  }
  return {
    count: sum(rows, (r) => r.count),
    newInYear: sum(rows, (r) => r.newInYear),
    completedInYear: sum(rows, (r) => r.completedInYear),
    byKind: [...kinds.values()].sort((a, b) => b.count - a.count),
  };
}

// ---- the workbook: one sheet per section, laid out for A4 printing ----

export { annualReportWorkbook } from './annual-report-workbook.ts';

export const reportFilename = (year: number) => `ronghe-annual-report-${year}.xlsx`;
