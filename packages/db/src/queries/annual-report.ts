import { sql } from 'drizzle-orm';
import type { PlanTaskStatus } from '@ronghe/domain/plan-task';
import type { Database } from '../client.ts';

// The yearly implementation report's aggregates: each grouped in the database, so the report reads a few
// hundred rows whatever the platform's size. Days are China days: a timestamp counts on the day it
// falls in Asia/Shanghai, so `[start, end)` below are the instants that bound the year up to the report's date.

export type ReportPeriod = {
  /** first day of the year, ISO */
  from: string;
  /** the report's date (the year's last day, or today), ISO */
  to: string;
};

/** The instant a China day begins (00:00 +08:00). */
const dayStart = (day: string) => new Date(Date.parse(`${day}T00:00:00+08:00`)).toISOString();
const nextDayStart = (day: string) => new Date(Date.parse(`${day}T00:00:00+08:00`) + 86_400_000).toISOString();

const int = (v: unknown) => Number(v ?? 0);

export type ReportTaskRow = {
  id: string;
  title: string;
  ownerName: string;
  responsibleName: string;
  startsOn: string;
  deadline: string;
  status: PlanTaskStatus;
  progress: number;
  completedOn: string | null;
  /** the latest progress update on or before the report's date, when there is one */
  statusThen: PlanTaskStatus | null;
  progressThen: number | null;
};

/**
 * The plan's tasks that concern the year: started by the report's date and not finished before the year
 * began. Tasks are few (the commission's schedule), so they come as a list; counts are taken from it.
 */
export async function reportTasks(db: Database, p: ReportPeriod): Promise<ReportTaskRow[]> {
  const rows = await db.rows<Record<string, unknown>>(sql`
    select t.id, t.title, o.name as owner_name, t.responsible_name, t.starts_on::text as starts_on, t.deadline::text as deadline,
           t.status, t.progress, t.completed_on::text as completed_on, u.status as status_then, u.progress as progress_then
    from plan_task t
    join organization o on o.id = t.owner_organization_id
    left join lateral (
      select x.status, x.progress from plan_task_update x
      where x.task_id = t.id and x."on" <= ${p.to}
      order by x."on" desc, x.created_at desc limit 1
    ) u on true
    where t.starts_on <= ${p.to} and (t.completed_on is null or t.completed_on >= ${p.from})
    order by t.deadline, t.title`);
  return rows.map((r) => ({
    id: String(r.id),
    title: String(r.title),
    ownerName: String(r.owner_name),
    responsibleName: String(r.responsible_name),
    startsOn: String(r.starts_on),
    deadline: String(r.deadline),
    status: r.status as PlanTaskStatus,
    progress: Number(r.progress),
    completedOn: r.completed_on === null ? null : String(r.completed_on),
    statusThen: r.status_then === null ? null : (r.status_then as PlanTaskStatus),
    progressThen: r.progress_then === null ? null : Number(r.progress_then),
  }));
}

export type ConsortiaByRegion = {
  kind: string;
  regionCode: string;
  count: number;
  members: number;
  schools: number;
  enterprises: number;
  partners: number;
};

/** Active consortia (approved by the report's date) by kind and anchor region, with their active members. */
export async function consortiaByRegion(db: Database, p: ReportPeriod): Promise<ConsortiaByRegion[]> {
  const rows = await db.rows<Record<string, unknown>>(sql`
    select kind, anchor_region_code as region_code, count(*) as n, sum(member_count) as members,
           sum(school_count) as schools, sum(enterprise_count) as enterprises, sum(partner_count) as partners
    from consortium
    where status = 'active' and (approved_at is null or approved_at < ${nextDayStart(p.to)}::timestamptz)
    group by 1, 2`);
  return rows.map((r) => ({
    kind: String(r.kind),
    regionCode: String(r.region_code),
    count: int(r.n),
    members: int(r.members),
    schools: int(r.schools),
    enterprises: int(r.enterprises),
    partners: int(r.partners),
  }));
}

export type BasesByRegion = { kind: string; regionCode: string; count: number; stations: number; newInYear: number };

/** Published training bases by kind and region, with their stations; `newInYear` were published in the year. */
export async function basesByRegion(db: Database, p: ReportPeriod): Promise<BasesByRegion[]> {
  const rows = await db.rows<Record<string, unknown>>(sql`
    select kind, region_code, count(*) as n, sum(stations) as stations,
           count(*) filter (where published_at >= ${dayStart(p.from)}::timestamptz) as new_in_year
    from training_base
    where status = 'published' and (published_at is null or published_at < ${nextDayStart(p.to)}::timestamptz)
    group by 1, 2`);
  return rows.map((r) => ({
    kind: String(r.kind),
    regionCode: String(r.region_code),
    count: int(r.n),
    stations: int(r.stations),
    newInYear: int(r.new_in_year),
  }));
}

export type NeedsByGroup = {
  kind: string;
  industrySection: string | null;
  provinceCode: string;
  count: number;
  headcount: number;
  accepted: number;
};

/** Needs published in the year (whatever became of them since) by kind, the enterprise's industry section and the need's province. */
export async function needsPublishedIn(db: Database, p: ReportPeriod): Promise<NeedsByGroup[]> {
  const rows = await db.rows<Record<string, unknown>>(sql`
    select n.kind, i.section, left(n.region_code, 2) as province_code, count(*) as n,
           coalesce(sum(n.headcount), 0) as headcount, sum(n.accepted) as accepted
    from need n
    join organization o on o.id = n.organization_id
    left join industry i on i.code = o.industry_code
    where n.status <> 'draft'
      and n.published_at >= ${dayStart(p.from)}::timestamptz and n.published_at < ${nextDayStart(p.to)}::timestamptz
    group by 1, 2, 3`);
  return rows.map((r) => ({
    kind: String(r.kind),
    industrySection: r.section === null ? null : String(r.section),
    provinceCode: String(r.province_code),
    count: int(r.n),
    headcount: int(r.headcount),
    accepted: int(r.accepted),
  }));
}

export type PlacementsByRegion = { regionCode: string; count: number; students: number; countInYear: number; studentsInYear: number };

/** Planned placements arranged by the report's date, by the school's region; `…InYear` were arranged in the year. */
export async function placementsByRegion(db: Database, p: ReportPeriod): Promise<PlacementsByRegion[]> {
  const start = dayStart(p.from);
  const rows = await db.rows<Record<string, unknown>>(sql`
    select s.region_code, count(*) as n, sum(x.students) as students,
           count(*) filter (where x.created_at >= ${start}::timestamptz) as n_year,
           coalesce(sum(x.students) filter (where x.created_at >= ${start}::timestamptz), 0) as students_year
    from placement x
    join organization s on s.id = x.school_id
    where x.status = 'planned' and x.created_at < ${nextDayStart(p.to)}::timestamptz
    group by 1`);
  return rows.map((r) => ({
    regionCode: String(r.region_code),
    count: int(r.n),
    students: int(r.students),
    countInYear: int(r.n_year),
    studentsInYear: int(r.students_year),
  }));
}

export type ProjectsByKind = { kind: string; status: string; count: number; newInYear: number; completedInYear: number };

/** Cooperation projects started by the report's date by kind and (current) status; started and completed in the year. */
export async function projectsByKind(db: Database, p: ReportPeriod): Promise<ProjectsByKind[]> {
  const start = dayStart(p.from);
  const end = nextDayStart(p.to);
  const rows = await db.rows<Record<string, unknown>>(sql`
    select kind, status, count(*) as n,
           count(*) filter (where created_at >= ${start}::timestamptz) as new_in_year,
           count(*) filter (where completed_at >= ${start}::timestamptz and completed_at < ${end}::timestamptz) as completed_in_year
    from cooperation_project
    where created_at < ${end}::timestamptz
    group by 1, 2`);
  return rows.map((r) => ({
    kind: String(r.kind),
    status: String(r.status),
    count: int(r.n),
    newInYear: int(r.new_in_year),
    completedInYear: int(r.completed_in_year),
  }));
}
