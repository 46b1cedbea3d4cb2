import { and, asc, desc, eq, gte, inArray, isNull, lte, sql, type SQL } from 'drizzle-orm';
import type { IndicatorMetric, IndicatorScope, MetricParams } from '@ronghe/domain/monitoring';
import { PLAN_END, PLAN_START, planIndicators } from '@ronghe/domain/monitoring';
import { t03Kinds } from '@ronghe/domain/training-base';
import type { Database, Drizzle } from '../client.ts';
import { indicatorReports, indicators, indicatorSnapshots } from '../schema/index.ts';
import { ormOf, rowsOf, type Executor } from './sql.ts';

export type IndicatorRow = typeof indicators.$inferSelect;
export type NewIndicator = typeof indicators.$inferInsert;
export type Scope = { scope: IndicatorScope; scopeRegionCode: string | null; scopeConsortiumId: string | null };

/** Upserts the plan's T01–T16 from packages/domain; what admins set (baseline, milestones) is kept. */
export async function syncPlanIndicators(tx: Drizzle): Promise<void> {
  const rows = planIndicators.map((p, i) => ({ ...p, startsOn: PLAN_START, dueOn: PLAN_END, isPlan: true, sortOrder: i + 1 }));
  await tx
    .insert(indicators)
    .values(rows)
    .onConflictDoUpdate({
      target: indicators.code,
      set: {
        name: sql`excluded.name`,
        nameEn: sql`excluded.name_en`,
        unit: sql`excluded.unit`,
        target: sql`excluded.target`,
        targetNote: sql`excluded.target_note`,
        definition: sql`excluded.definition`,
        wording: sql`excluded.wording`,
        source: sql`excluded.source`,
        metric: sql`excluded.metric`,
        params: sql`excluded.params`,
        sortOrder: sql`excluded.sort_order`,
      },
    });
}

// ---- computed metrics ----

/** GB/T 2260 codes nest by prefix: 110000 → 11, 130100 → 1301, 110105 → 110105. */
export const regionPrefix = (code: string) => code.replace(/(00)+$/, '');

type MetricQuery = {
  from: SQL;
  where: SQL[];
  /** the region the counted thing is in (a county-level code) */
  region: SQL;
  /** organisations that tie it to a consortium's members */
  orgs: SQL[];
  value: SQL;
};

const count = sql`count(*)::float8`;
const activeMembers = (consortiumId: string) =>
  sql`(select organization_id from consortium_member where consortium_id = ${consortiumId} and status = 'active')`;

function metricQuery(metric: IndicatorMetric, p: MetricParams): MetricQuery {
  switch (metric) {
    case 'consortia_active':
      return {
        from: sql`consortium x`,
        where: [sql`x.status = 'active'`, ...(p.consortiumKind ? [sql`x.kind = ${p.consortiumKind}`] : [])],
        region: sql`x.anchor_region_code`,
        orgs: [sql`x.proposed_by_organization_id`],
        value: count,
      };
    case 'practice_centres_open':
      return {
        from: sql`training_base x`,
        where: [
          sql`x.status = 'published'`,
          sql`x.kind in (${sql.join(
            t03Kinds.map((k) => sql`${k}`),
            sql`, `,
          )})`,
        ],
        region: sql`x.region_code`,
        orgs: [sql`x.owner_organization_id`],
        value: count,
      };
    case 'schools_designated':
      return {
        from: sql`organization x`,
        where: [
          sql`x.kind = 'school'`,
          sql`x.status = 'verified'`,
          ...(p.schoolDesignation ? [sql`x.designations @> array[${p.schoolDesignation}]::text[]`] : [sql`x.designations <> '{}'`]),
        ],
        region: sql`x.region_code`,
        orgs: [sql`x.id`],
        value: count,
      };
    case 'clusters_designated':
      return {
        from: sql`major_cluster x join organization s on s.id = x.school_id`,
        where: [sql`s.status = 'verified'`, ...(p.clusterDesignation ? [sql`x.designation = ${p.clusterDesignation}`] : [])],
        region: sql`s.region_code`,
        orgs: [sql`x.school_id`],
        value: count,
      };
    case 'projects_completed':
      return {
        from: sql`cooperation_project x join organization s on s.id = x.school_id`,
        where: [sql`x.status = 'completed'`, ...(p.projectKind ? [sql`x.kind = ${p.projectKind}`] : [])],
        region: sql`s.region_code`,
        orgs: [sql`x.school_id`, sql`x.enterprise_id`],
        value: count,
      };
    case 'placement_students':
      return {
        from: sql`placement x join organization s on s.id = x.school_id`,
        where: [sql`x.status = 'planned'`],
        region: sql`s.region_code`,
        orgs: [sql`x.school_id`, sql`x.enterprise_id`],
        value: sql`coalesce(sum(x.students), 0)::float8`,
      };
  }
}

function scopeConditions(q: MetricQuery, s: Scope): SQL[] {
  if (s.scope === 'region' && s.scopeRegionCode) return [sql`${q.region} like ${`${regionPrefix(s.scopeRegionCode)}%`}`];
  if (s.scope === 'consortium' && s.scopeConsortiumId) {
    const members = activeMembers(s.scopeConsortiumId);
    return [
      sql`(${sql.join(
        q.orgs.map((o) => sql`${o} in ${members}`),
        sql` or `,
      )})`,
    ];
  }
  return [];
}

/** One scalar subquery: the metric's value over the scope, now. */
export function metricValueSql(metric: IndicatorMetric, params: MetricParams, scope: Scope): SQL {
  const q = metricQuery(metric, params);
  return sql`(select ${q.value} from ${q.from} where ${sql.join([...q.where, ...scopeConditions(q, scope)], sql` and `)})`;
}

type Computable = Pick<IndicatorRow, 'id' | 'metric' | 'params'> & Scope;

/** The live values of computed indicators, in one round trip. */
export async function computeValues(db: Executor, rows: Computable[]): Promise<Map<string, number>> {
  const computed = rows.flatMap((r) => (r.metric ? [{ ...r, metric: r.metric }] : []));
  const values = new Map<string, number>();
  if (computed.length === 0) return values;
  const columns = computed.map((r, i) => sql`${metricValueSql(r.metric, r.params, r)} as ${sql.identifier(`v${i}`)}`);
  const result = await rowsOf<Record<string, number | string | null>>(db, sql`select ${sql.join(columns, sql`, `)}`);
  const row = result[0] ?? {};
  computed.forEach((r, i) => values.set(r.id, Number(row[`v${i}`] ?? 0)));
  return values;
}

/** The metric over the whole platform, by the (county-level) region the counted things are in. */
export async function metricByRegion(
  db: Database,
  metric: IndicatorMetric,
  params: MetricParams,
): Promise<Array<{ regionCode: string; value: number }>> {
  const q = metricQuery(metric, params);
  const rows = await rowsOf<{ region_code: string; value: number | string }>(
    db,
    sql`select ${q.region} as region_code, ${q.value} as value from ${q.from} where ${sql.join(q.where, sql` and `)} group by 1`,
  );
  return rows.map((r) => ({ regionCode: r.region_code, value: Number(r.value) }));
}

// ---- indicators, reports, snapshots ----

export async function listIndicators(db: Executor, opts: { includeArchived?: boolean } = {}) {
  return ormOf(db)
    .select()
    .from(indicators)
    .where(opts.includeArchived ? undefined : isNull(indicators.archivedAt))
    .orderBy(asc(indicators.sortOrder), asc(indicators.code));
}

export async function getIndicator(db: Database, id: string) {
  const [row] = await db.orm.select().from(indicators).where(eq(indicators.id, id));
  return row ?? null;
}

export async function insertIndicator(tx: Drizzle, values: NewIndicator) {
  const [row] = await tx.insert(indicators).values(values).returning();
  if (!row) throw new Error('insert returned no row');
  return row;
}

export async function updateIndicatorRow(tx: Drizzle, id: string, set: Partial<NewIndicator>) {
  const [row] = await tx
    .update(indicators)
    .set({ ...set, updatedAt: new Date() })
    .where(eq(indicators.id, id))
    .returning();
  return row ?? null;
}

/** The next free code for an admin's own indicator: C01, C02, … */
export async function nextCustomCode(tx: Drizzle): Promise<string> {
  const [row] = await tx
    .select({ n: sql<number>`coalesce(max(substr(${indicators.code}, 2)::int), 0)::int` })
    .from(indicators)
    .where(sql`${indicators.code} ~ '^C[0-9]+$'`);
  return `C${String((row?.n ?? 0) + 1).padStart(2, '0')}`;
}

export async function insertReport(tx: Drizzle, values: typeof indicatorReports.$inferInsert) {
  const [row] = await tx.insert(indicatorReports).values(values).returning();
  if (!row) throw new Error('insert returned no row');
  return row;
}

export async function listReports(db: Database, indicatorId: string, limit = 50) {
  return db.orm
    .select()
    .from(indicatorReports)
    .where(eq(indicatorReports.indicatorId, indicatorId))
    .orderBy(desc(indicatorReports.asOf), desc(indicatorReports.createdAt))
    .limit(limit);
}

/** For each reported indicator, its latest report on or before `day` (the latest entered wins a tie). */
export async function latestReports(db: Executor, day: string) {
  return ormOf(db)
    .selectDistinctOn([indicatorReports.indicatorId])
    .from(indicatorReports)
    .where(lte(indicatorReports.asOf, day))
    .orderBy(indicatorReports.indicatorId, desc(indicatorReports.asOf), desc(indicatorReports.createdAt));
}

/** Records the values of a day: one row per indicator, replaced when taken again the same day. */
export async function upsertSnapshots(tx: Drizzle, day: string, values: Array<{ indicatorId: string; value: number | null }>) {
  if (values.length === 0) return;
  await tx
    .insert(indicatorSnapshots)
    .values(values.map((v) => ({ ...v, day })))
    .onConflictDoUpdate({
      target: [indicatorSnapshots.indicatorId, indicatorSnapshots.day],
      set: { value: sql`excluded.value`, takenAt: sql`now()` },
    });
}

export async function hasSnapshot(db: Database, day: string): Promise<boolean> {
  const [row] = await db.orm
    .select({ day: indicatorSnapshots.day })
    .from(indicatorSnapshots)
    .where(eq(indicatorSnapshots.day, day))
    .limit(1);
  return Boolean(row);
}

/** For each indicator, its latest snapshot on or before `day`. */
export async function snapshotsAsOf(db: Database, day: string) {
  return db.orm
    .selectDistinctOn([indicatorSnapshots.indicatorId], {
      indicatorId: indicatorSnapshots.indicatorId,
      day: indicatorSnapshots.day,
      value: indicatorSnapshots.value,
    })
    .from(indicatorSnapshots)
    .where(lte(indicatorSnapshots.day, day))
    .orderBy(indicatorSnapshots.indicatorId, desc(indicatorSnapshots.day));
}

/** The snapshots of some indicators between two days, oldest first: the trend charts. */
export async function snapshotHistory(db: Database, indicatorIds: string[], from: string, to: string) {
  if (indicatorIds.length === 0) return [];
  return db.orm
    .select({ indicatorId: indicatorSnapshots.indicatorId, day: indicatorSnapshots.day, value: indicatorSnapshots.value })
    .from(indicatorSnapshots)
    .where(and(inArray(indicatorSnapshots.indicatorId, indicatorIds), gte(indicatorSnapshots.day, from), lte(indicatorSnapshots.day, to)))
    .orderBy(asc(indicatorSnapshots.day));
}
