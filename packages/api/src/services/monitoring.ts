import type { Database, Drizzle } from '@ronghe/db/client';
import { writeAudit } from '@ronghe/db/queries/audit';
import {
  computeValues,
  getIndicator,
  hasSnapshot,
  insertIndicator,
  insertReport,
  latestReports,
  listIndicators,
  metricByRegion,
  nextCustomCode,
  snapshotHistory,
  snapshotsAsOf,
  updateIndicatorRow,
  upsertSnapshots,
  type IndicatorRow,
} from '@ronghe/db/queries/monitoring';
import { DomainError } from '@ronghe/domain/errors';
import { expectedValue, PLAN_START, ragStatus, type IndicatorInput, type Milestones, type Rag } from '@ronghe/domain/monitoring';
import { getRegion } from '@ronghe/domain/reference/regions';
import { mapRegionOf, todayInChina } from '@ronghe/domain/training-base';
import type { z } from 'zod';
import type { WriteEpoch } from '../middleware/write-epoch.ts';
import type { indicatorReportInput } from '@ronghe/domain/monitoring';

// The dashboard's figures: every indicator's actual value on a day (computed live from platform data
// for today, from the daily snapshots for days past; reported values from the latest dated report),
// its expected value and its red / amber / green status (domain/monitoring.ts).

type Tx = Drizzle;
type Admin = { userId: string; name: string };
const notFound = () => new DomainError('NOT_FOUND', 'notFound');

export type ValueSource = 'live' | 'snapshot' | 'report' | 'none';
export type IndicatorValue = { value: number | null; source: ValueSource; reportedOn: string | null };

/**
 * The actual values on `day`. Today (or later) they are counted live; a day in the past reads that
 * day's snapshot (or the latest one before it). Reported indicators take their latest report on or
 * before the day either way, so the dashboard and the report agree for the same date.
 */
export async function valuesOn(
  db: Database,
  rows: IndicatorRow[],
  day: string,
  today = todayInChina(),
): Promise<Map<string, IndicatorValue>> {
  const values = new Map<string, IndicatorValue>();
  const [reports, live, snapshots] = await Promise.all([
    latestReports(db, day),
    day >= today ? computeValues(db, rows) : Promise.resolve(new Map<string, number>()),
    day < today ? snapshotsAsOf(db, day) : Promise.resolve([]),
  ]);
  const reported = new Map(reports.map((r) => [r.indicatorId, r]));
  const snapshot = new Map(snapshots.map((s) => [s.indicatorId, s]));
  for (const row of rows) {
    if (row.source === 'reported') {
      const r = reported.get(row.id);
      values.set(row.id, r ? { value: r.value, source: 'report', reportedOn: r.asOf } : { value: null, source: 'none', reportedOn: null });
    } else if (live.has(row.id)) {
      values.set(row.id, { value: live.get(row.id) ?? 0, source: 'live', reportedOn: null });
    } else {
      const s = snapshot.get(row.id);
      values.set(
        row.id,
        s && s.value !== null
          ? { value: s.value, source: 'snapshot', reportedOn: s.day }
          : { value: null, source: 'none', reportedOn: null },
      );
    }
  }
  return values;
}

export type IndicatorStatus = {
  id: string;
  code: string;
  name: string;
  nameEn: string;
  unit: string;
  definition: string;
  wording: string;
  target: number;
  targetNote: string;
  baseline: number;
  milestones: Milestones;
  startsOn: string;
  dueOn: string;
  source: 'computed' | 'reported';
  metric: string | null;
  scope: 'platform' | 'region' | 'consortium';
  scopeRegionCode: string | null;
  scopeConsortiumId: string | null;
  isPlan: boolean;
  value: number | null;
  valueSource: ValueSource;
  reportedOn: string | null;
  expected: number;
  rag: Rag;
};

/** Every indicator with its value on `day`, what it should be by then, and its status. */
export async function indicatorStatuses(db: Database, day = todayInChina()): Promise<IndicatorStatus[]> {
  const rows = await listIndicators(db);
  const values = await valuesOn(db, rows, day);
  return rows.map((row) => {
    const v = values.get(row.id) ?? { value: null, source: 'none' as const, reportedOn: null };
    return {
      id: row.id,
      code: row.code,
      name: row.name,
      nameEn: row.nameEn,
      unit: row.unit,
      definition: row.definition,
      wording: row.wording,
      target: row.target,
      targetNote: row.targetNote,
      baseline: row.baseline,
      milestones: row.milestones,
      startsOn: row.startsOn,
      dueOn: row.dueOn,
      source: row.source,
      metric: row.metric,
      scope: row.scope,
      scopeRegionCode: row.scopeRegionCode,
      scopeConsortiumId: row.scopeConsortiumId,
      isPlan: row.isPlan,
      value: v.value,
      valueSource: v.source,
      reportedOn: v.reportedOn,
      expected: Math.round(expectedValue(row, day) * 10) / 10,
      rag: ragStatus(row, v.value, day),
    };
  });
}

/** How long the dashboard's live figures are reused when nothing was written through this process meanwhile. */
export const LIVE_FIGURES_TTL_MS = 5_000;

/**
 * The dashboard's figures (indicatorStatuses). Today's are counted live at most once per LIVE_FIGURES_TTL_MS per
 * process and database, and afresh after any write through this process (`writes`, the process's write epoch), so
 * several admins watching the dashboard cost one count, not one each; a write through another process shows within
 * that time. Other days read snapshots and are not kept. (docs/decisions/013-dashboard-cache.md)
 */
export function dashboardStatuses(db: Database, writes: WriteEpoch, day?: string): Promise<IndicatorStatus[]> {
  const today = todayInChina();
  if (day && day !== today) return indicatorStatuses(db, day);
  return writes.reuse(db, 'monitoring.liveFigures', today, LIVE_FIGURES_TTL_MS, () => indicatorStatuses(db, today));
}

/** Records every indicator's value for `day` (today: counted live). Taking it again the same day replaces it. */
export async function takeSnapshot(db: Database, day = todayInChina()): Promise<{ day: string; indicators: number }> {
  const rows = await listIndicators(db);
  const values = await valuesOn(db, rows, day, day);
  await db.orm.transaction((tx: Tx) =>
    upsertSnapshots(
      tx,
      day,
      rows.map((r) => ({ indicatorId: r.id, value: values.get(r.id)?.value ?? null })),
    ),
  );
  return { day, indicators: rows.length };
}

/** The daily snapshot, from housekeeping: taken once a day, whichever process gets there first. */
export async function snapshotIfMissing(db: Database, day = todayInChina()): Promise<boolean> {
  if (await hasSnapshot(db, day)) return false;
  await takeSnapshot(db, day);
  return true;
}

export async function reportValue(db: Database, admin: Admin, input: z.infer<typeof indicatorReportInput>) {
  const row = await getIndicator(db, input.indicatorId);
  if (!row || row.archivedAt) throw notFound();
  if (row.source !== 'reported') throw new DomainError('CONFLICT', 'indicator.computedNotReported');
  if (input.asOf > todayInChina()) throw new DomainError('INVALID', 'indicator.futureReport', { field: 'asOf' });
  return db.orm.transaction(async (tx: Tx) => {
    const report = await insertReport(tx, { ...input, reportedByUserId: admin.userId, reportedByName: admin.name });
    await writeAudit(tx, {
      actorUserId: admin.userId,
      action: 'indicator.report',
      entity: 'indicator',
      entityId: row.id,
      after: { value: input.value, asOf: input.asOf },
    });
    return { id: report.id };
  });
}

export async function createIndicator(db: Database, admin: Admin, input: IndicatorInput) {
  if (input.scope === 'region' && input.regionCode && !getRegion(input.regionCode))
    throw new DomainError('INVALID', 'region.unknown', { field: 'regionCode' });
  return db.orm.transaction(async (tx: Tx) => {
    const code = await nextCustomCode(tx);
    const row = await insertIndicator(tx, {
      code,
      name: input.name,
      unit: input.unit,
      definition: input.definition,
      wording: input.wording,
      target: input.target,
      baseline: input.baseline,
      milestones: input.milestones,
      startsOn: input.startsOn,
      dueOn: input.dueOn,
      source: input.metric ? 'computed' : 'reported',
      metric: input.metric,
      params: input.params,
      scope: input.scope,
      scopeRegionCode: input.scope === 'region' ? input.regionCode : null,
      scopeConsortiumId: input.scope === 'consortium' ? input.consortiumId : null,
      createdByUserId: admin.userId,
    });
    await writeAudit(tx, {
      actorUserId: admin.userId,
      action: 'indicator.create',
      entity: 'indicator',
      entityId: row.id,
      after: { code, name: input.name },
    });
    return { id: row.id, code };
  });
}

/** The schedule of an indicator (baseline and yearly milestones); an admin's own indicator may also be archived. */
export async function updateSchedule(db: Database, admin: Admin, id: string, set: { baseline: number; milestones: Milestones }) {
  return db.orm.transaction(async (tx: Tx) => {
    const row = await updateIndicatorRow(tx, id, set);
    if (!row) throw notFound();
    await writeAudit(tx, { actorUserId: admin.userId, action: 'indicator.schedule', entity: 'indicator', entityId: id, after: set });
    return { id };
  });
}

export async function archiveIndicator(db: Database, admin: Admin, id: string) {
  const row = await getIndicator(db, id);
  if (!row) throw notFound();
  if (row.isPlan) throw new DomainError('CONFLICT', 'indicator.planKept');
  return db.orm.transaction(async (tx: Tx) => {
    await updateIndicatorRow(tx, id, { archivedAt: new Date() });
    await writeAudit(tx, { actorUserId: admin.userId, action: 'indicator.archive', entity: 'indicator', entityId: id });
    return { id };
  });
}

/** A computed indicator's value now, by province (京/津/冀) and by map region (district; Hebei prefecture). */
export async function breakdown(db: Database, id: string) {
  const row = await getIndicator(db, id);
  if (!row) throw notFound();
  if (!row.metric) return { byProvince: [], byRegion: [] };
  const rows = await metricByRegion(db, row.metric, row.params);
  const byProvince = new Map<string, number>();
  const byRegion = new Map<string, number>();
  for (const r of rows) {
    const region = getRegion(r.regionCode);
    if (!region) continue;
    byProvince.set(region.provinceCode, (byProvince.get(region.provinceCode) ?? 0) + r.value);
    const map = mapRegionOf(r.regionCode);
    if (map) byRegion.set(map, (byRegion.get(map) ?? 0) + r.value);
  }
  const list = (m: Map<string, number>) => [...m].map(([code, value]) => ({ code, value })).sort((a, b) => b.value - a.value);
  return { byProvince: list(byProvince), byRegion: list(byRegion) };
}

/** The trend: the indicator's daily snapshots from the plan's start (or `from`) to today, today's value last. */
export async function trend(db: Database, id: string, from = PLAN_START) {
  const row = await getIndicator(db, id);
  if (!row) throw notFound();
  const today = todayInChina();
  const points = (await snapshotHistory(db, [id], from, today)).map((p) => ({ day: p.day, value: p.value }));
  const now = (await valuesOn(db, [row], today, today)).get(id);
  const last = points.at(-1);
  if (now && now.value !== null) {
    if (last?.day === today) last.value = now.value;
    else points.push({ day: today, value: now.value });
  }
  return { points, expected: [row.startsOn, today, row.dueOn].map((day) => ({ day, value: expectedValue(row, day) })) };
}
