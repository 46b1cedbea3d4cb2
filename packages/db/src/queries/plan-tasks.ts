import { and, asc, desc, eq, inArray, isNull, lt, lte, or, sql, type SQL } from 'drizzle-orm';
import type { PlanTaskStatus } from '@ronghe/domain/plan-task';
import type { Database, Drizzle } from '../client.ts';
import { indicators, organizationMembers, organizations, planTaskIndicators, planTasks, planTaskUpdates } from '../schema/index.ts';
import { ormOf, type Executor } from './sql.ts';

// 建设任务进度表: plan tasks, the indicators they serve and their dated progress updates.

export type PlanTaskRow = typeof planTasks.$inferSelect;
export type NewPlanTask = typeof planTasks.$inferInsert;

export async function insertTask(tx: Drizzle, values: NewPlanTask): Promise<PlanTaskRow> {
  const [row] = await tx.insert(planTasks).values(values).returning();
  if (!row) throw new Error('insert returned no row');
  return row;
}

export async function lockTask(tx: Drizzle, id: string): Promise<PlanTaskRow | null> {
  const [row] = await tx.select().from(planTasks).where(eq(planTasks.id, id)).for('update');
  return row ?? null;
}

export async function updateTaskRow(tx: Drizzle, id: string, set: Partial<NewPlanTask>): Promise<PlanTaskRow | null> {
  const [row] = await tx
    .update(planTasks)
    .set({ ...set, updatedAt: new Date() })
    .where(eq(planTasks.id, id))
    .returning();
  return row ?? null;
}

/** Replaces the task's linked indicators with these. */
export async function setTaskIndicators(tx: Drizzle, taskId: string, indicatorIds: string[]): Promise<void> {
  await tx.delete(planTaskIndicators).where(eq(planTaskIndicators.taskId, taskId));
  if (indicatorIds.length > 0)
    await tx.insert(planTaskIndicators).values([...new Set(indicatorIds)].map((indicatorId) => ({ taskId, indicatorId })));
}

/** Of these indicator ids, the ones that exist and are not archived. */
export async function liveIndicatorIds(tx: Executor, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await ormOf(tx)
    .select({ id: indicators.id })
    .from(indicators)
    .where(and(inArray(indicators.id, ids), isNull(indicators.archivedAt)));
  return new Set(rows.map((r) => r.id));
}

const indicatorCodes = sql<
  string[]
>`array(select i.code::text from ${planTaskIndicators} pti join ${indicators} i on i.id = pti.indicator_id
  where pti.task_id = ${planTasks.id} order by i.sort_order, i.code)`;
const indicatorIdList = sql<
  string[]
>`array(select pti.indicator_id::text from ${planTaskIndicators} pti where pti.task_id = ${planTasks.id})`;

const taskColumns = {
  id: planTasks.id,
  title: planTasks.title,
  description: planTasks.description,
  ownerOrganizationId: planTasks.ownerOrganizationId,
  ownerName: organizations.name,
  responsibleName: planTasks.responsibleName,
  startsOn: planTasks.startsOn,
  deadline: planTasks.deadline,
  expectedOutcome: planTasks.expectedOutcome,
  status: planTasks.status,
  progress: planTasks.progress,
  completedOn: planTasks.completedOn,
  remindedAt: planTasks.remindedAt,
  createdAt: planTasks.createdAt,
  updatedAt: planTasks.updatedAt,
  indicatorIds: indicatorIdList,
  indicatorCodes,
};

export type TaskFilter = {
  status?: PlanTaskStatus;
  ownerOrganizationIds?: string[];
  /** tasks whose schedule overlaps these days (inclusive) */
  from?: string;
  to?: string;
  /** tasks linked to any of these indicators */
  indicatorIds?: string[];
};

/** Tasks with their owner's name and linked indicators, soonest deadline first. */
export async function listTasks(db: Database, f: TaskFilter = {}) {
  const where: SQL[] = [];
  if (f.status) where.push(eq(planTasks.status, f.status));
  if (f.ownerOrganizationIds)
    where.push(f.ownerOrganizationIds.length > 0 ? inArray(planTasks.ownerOrganizationId, f.ownerOrganizationIds) : sql`false`);
  if (f.from) where.push(sql`${planTasks.deadline} >= ${f.from}`);
  if (f.to) where.push(sql`${planTasks.startsOn} <= ${f.to}`);
  if (f.indicatorIds) {
    where.push(
      f.indicatorIds.length > 0
        ? sql`exists (select 1 from ${planTaskIndicators} pti where pti.task_id = ${planTasks.id} and pti.indicator_id in (${sql.join(
            f.indicatorIds.map((id) => sql`${id}::uuid`),
            sql`, `,
          )}))`
        : sql`false`,
    );
  }
  return db.orm
    .select(taskColumns)
    .from(planTasks)
    .innerJoin(organizations, eq(organizations.id, planTasks.ownerOrganizationId))
    .where(and(...where))
    .orderBy(asc(planTasks.deadline), asc(planTasks.title));
}
export type TaskListRow = Awaited<ReturnType<typeof listTasks>>[number];

export async function getTask(db: Executor, id: string): Promise<TaskListRow | null> {
  const [row] = await ormOf(db)
    .select(taskColumns)
    .from(planTasks)
    .innerJoin(organizations, eq(organizations.id, planTasks.ownerOrganizationId))
    .where(eq(planTasks.id, id));
  return row ?? null;
}

const updateColumns = {
  id: planTaskUpdates.id,
  taskId: planTaskUpdates.taskId,
  on: planTaskUpdates.on,
  note: planTaskUpdates.note,
  evidenceUrl: planTaskUpdates.evidenceUrl,
  progress: planTaskUpdates.progress,
  status: planTaskUpdates.status,
  byName: planTaskUpdates.byName,
  createdAt: planTaskUpdates.createdAt,
};
export type TaskUpdateRow = {
  id: number;
  taskId: string;
  on: string;
  note: string;
  evidenceUrl: string;
  progress: number;
  status: PlanTaskStatus;
  byName: string;
  createdAt: Date;
};

export async function insertTaskUpdate(tx: Drizzle, values: typeof planTaskUpdates.$inferInsert): Promise<TaskUpdateRow> {
  const [row] = await tx.insert(planTaskUpdates).values(values).returning(updateColumns);
  if (!row) throw new Error('insert returned no row');
  return row;
}

/** A task's updates, newest first. */
export async function listTaskUpdates(db: Database, taskId: string): Promise<TaskUpdateRow[]> {
  return db.orm
    .select(updateColumns)
    .from(planTaskUpdates)
    .where(eq(planTaskUpdates.taskId, taskId))
    .orderBy(desc(planTaskUpdates.on), desc(planTaskUpdates.id));
}

/** The newest update of each of these tasks. */
export async function latestTaskUpdates(db: Database, taskIds: string[]): Promise<Map<string, TaskUpdateRow>> {
  if (taskIds.length === 0) return new Map();
  const rows = await db.orm
    .selectDistinctOn([planTaskUpdates.taskId], updateColumns)
    .from(planTaskUpdates)
    .where(inArray(planTaskUpdates.taskId, taskIds))
    .orderBy(planTaskUpdates.taskId, desc(planTaskUpdates.on), desc(planTaskUpdates.id));
  return new Map(rows.map((r) => [r.taskId, r]));
}

/** The organisations this user acts for as owner or manager. */
export async function managedOrganizationIds(db: Database, userId: string): Promise<string[]> {
  const rows = await db.orm
    .select({ organizationId: organizationMembers.organizationId })
    .from(organizationMembers)
    .where(and(eq(organizationMembers.userId, userId), inArray(organizationMembers.role, ['owner', 'manager'])));
  return rows.map((r) => r.organizationId);
}

/**
 * Open tasks due by `until` (or overdue) whose owners were not reminded since `remindedBefore`, marked
 * reminded at `now` in the same statement: whichever process runs first takes each task once.
 */
export async function claimDueTasks(tx: Drizzle, until: string, remindedBefore: Date, now: Date) {
  return tx
    .update(planTasks)
    .set({ remindedAt: now })
    .where(
      and(
        inArray(planTasks.status, ['not_started', 'in_progress']),
        lte(planTasks.deadline, until),
        or(isNull(planTasks.remindedAt), lt(planTasks.remindedAt, remindedBefore)),
      ),
    )
    .returning({
      id: planTasks.id,
      title: planTasks.title,
      deadline: planTasks.deadline,
      ownerOrganizationId: planTasks.ownerOrganizationId,
    });
}

export async function organizationExists(tx: Drizzle, id: string): Promise<boolean> {
  const [row] = await tx.select({ id: organizations.id }).from(organizations).where(eq(organizations.id, id));
  return Boolean(row);
}
