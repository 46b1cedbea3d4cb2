import type { Database, Drizzle } from '@ronghe/db/client';
import { writeAudit } from '@ronghe/db/queries/audit';
import { insertNotifications, managersOf } from '@ronghe/db/queries/notifications';
import {
  claimDueTasks,
  getTask,
  insertTask,
  insertTaskUpdate,
  latestTaskUpdates,
  listTasks,
  listTaskUpdates,
  liveIndicatorIds,
  lockTask,
  managedOrganizationIds,
  organizationExists,
  setTaskIndicators,
  updateTaskRow,
  type TaskFilter,
  type TaskListRow,
  type TaskUpdateRow,
} from '@ronghe/db/queries/plan-tasks';
import { DomainError } from '@ronghe/domain/errors';
import {
  planTaskFlag,
  REMIND_DAYS_BEFORE,
  type PlanTaskFlag,
  type PlanTaskInput,
  type PlanTaskStatus,
  type planTaskUpdateInput,
} from '@ronghe/domain/plan-task';
import { addDays, todayInChina } from '@ronghe/domain/training-base';
import type { z } from 'zod';
import { anyMember, managers, requireRole, type Caller } from './authz.ts';

// 建设任务进度表: admins set the plan's tasks (owner, person responsible, deadline, expected outcome,
// linked indicators); the owner's managers report dated progress with evidence; overdue and at-risk
// tasks are flagged (domain/plan-task.ts) and owners are reminded before deadlines.

type Tx = Drizzle;
type Actor = Caller & { name: string };
const notFound = () => new DomainError('NOT_FOUND', 'notFound');
const WEEK_MS = 7 * 86_400_000;
const closed = new Set<PlanTaskStatus>(['done', 'cancelled']);

/** Where a task's notifications lead: the tasks page opens it (owners see their own tasks there). */
export const taskLink = (id: string) => `/admin/tasks?task=${id}`;

export type TaskRow = TaskListRow & { flag: PlanTaskFlag; lastUpdate: TaskUpdateRow | null };

async function withFlags(db: Database, rows: TaskListRow[], today: string): Promise<TaskRow[]> {
  const latest = await latestTaskUpdates(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => ({ ...r, flag: planTaskFlag(r, today), lastUpdate: latest.get(r.id) ?? null }));
}

/** The owner exists and every linked indicator exists and is live; otherwise the field is named. */
async function checkReferences(tx: Tx, input: PlanTaskInput) {
  if (!(await organizationExists(tx, input.ownerOrganizationId)))
    throw new DomainError('INVALID', 'task.ownerUnknown', { field: 'ownerOrganizationId' });
  const live = await liveIndicatorIds(tx, input.indicatorIds);
  if (input.indicatorIds.some((id) => !live.has(id))) throw new DomainError('INVALID', 'task.indicatorUnknown', { field: 'indicatorIds' });
}

const fieldsOf = (input: PlanTaskInput) => ({
  title: input.title,
  description: input.description,
  ownerOrganizationId: input.ownerOrganizationId,
  responsibleName: input.responsibleName,
  startsOn: input.startsOn,
  deadline: input.deadline,
  expectedOutcome: input.expectedOutcome,
});

/** An admin sets a task: the task, its indicator links and the audit record land together. */
export async function createTask(db: Database, admin: Actor, input: PlanTaskInput) {
  return db.orm.transaction(async (tx: Tx) => {
    await checkReferences(tx, input);
    const task = await insertTask(tx, { ...fieldsOf(input), createdByUserId: admin.userId });
    await setTaskIndicators(tx, task.id, input.indicatorIds);
    await insertNotifications(tx, await managersOf(tx, [task.ownerOrganizationId]), {
      type: 'task.assigned',
      key: 'notify.task.assigned',
      params: { task: task.title, deadline: task.deadline },
      link: taskLink(task.id),
    });
    await writeAudit(tx, {
      actorUserId: admin.userId,
      action: 'task.create',
      entity: 'plan_task',
      entityId: task.id,
      organizationId: task.ownerOrganizationId,
      after: { ...fieldsOf(input), indicatorIds: input.indicatorIds },
    });
    return { id: task.id };
  });
}

/** An admin edits a task's fields and indicator links; its status and progress come from updates. */
export async function updateTask(db: Database, admin: Actor, id: string, input: PlanTaskInput) {
  return db.orm.transaction(async (tx: Tx) => {
    const before = await lockTask(tx, id);
    if (!before) throw notFound();
    await checkReferences(tx, input);
    const previous = await getTask(tx, id);
    await updateTaskRow(tx, id, fieldsOf(input));
    await setTaskIndicators(tx, id, input.indicatorIds);
    await writeAudit(tx, {
      actorUserId: admin.userId,
      action: 'task.update',
      entity: 'plan_task',
      entityId: id,
      organizationId: input.ownerOrganizationId,
      before: { ...fieldsOf({ ...before, indicatorIds: [] }), indicatorIds: previous?.indicatorIds ?? [] },
      after: { ...fieldsOf(input), indicatorIds: input.indicatorIds },
    });
    return { id };
  });
}

export type TaskListFilter = { status?: PlanTaskStatus; ownerOrganizationId?: string; flag?: PlanTaskFlag };

/** Every task (admins), with its flag and latest update; filtered by status, owner and flag. */
export async function taskList(db: Database, f: TaskListFilter = {}, today = todayInChina()): Promise<TaskRow[]> {
  const rows = await listTasks(db, { status: f.status, ownerOrganizationIds: f.ownerOrganizationId ? [f.ownerOrganizationId] : undefined });
  const flagged = await withFlags(db, rows, today);
  return f.flag ? flagged.filter((r) => r.flag === f.flag) : flagged;
}

/** The tasks of the organisations the caller manages, so owners see and report on them. */
export async function myTasks(db: Database, caller: Caller, today = todayInChina()): Promise<TaskRow[]> {
  const orgIds = await managedOrganizationIds(db, caller.userId);
  if (orgIds.length === 0) return [];
  return withFlags(db, await listTasks(db, { ownerOrganizationIds: orgIds }), today);
}

/** A task with its updates, newest first: admins and members of the owner organisation. */
export async function taskDetail(db: Database, caller: Caller, id: string, today = todayInChina()) {
  const row = await getTask(db, id);
  if (!row) throw notFound();
  if (!caller.isPlatformAdmin) await requireRole(db, caller, row.ownerOrganizationId, anyMember);
  const [task] = await withFlags(db, [row], today);
  if (!task) throw notFound();
  const canUpdate = caller.isPlatformAdmin || (await managedOrganizationIds(db, caller.userId)).includes(row.ownerOrganizationId);
  return { ...task, canUpdate, updates: await listTaskUpdates(db, id) };
}

/**
 * An admin or a manager of the owner posts a dated progress update; the task takes its progress and
 * status in the same transaction. A done or cancelled task takes no more updates.
 */
export async function addTaskUpdate(db: Database, caller: Actor, input: z.infer<typeof planTaskUpdateInput>, today = todayInChina()) {
  return db.orm.transaction(async (tx: Tx) => {
    const task = await lockTask(tx, input.taskId);
    if (!task) throw notFound();
    if (!caller.isPlatformAdmin) await requireRole(tx, caller, task.ownerOrganizationId, managers);
    if (closed.has(task.status)) throw new DomainError('CONFLICT', 'task.closed');
    // done means complete: the bar reads 100 whatever was typed
    const progress = input.status === 'done' ? 100 : input.progress;
    const update = await insertTaskUpdate(tx, {
      taskId: task.id,
      on: today,
      note: input.note,
      evidenceUrl: input.evidenceUrl,
      progress,
      status: input.status,
      byUserId: caller.userId,
      byName: caller.name,
    });
    await updateTaskRow(tx, task.id, { progress, status: input.status, completedOn: input.status === 'done' ? today : null });
    await writeAudit(tx, {
      actorUserId: caller.userId,
      action: 'task.progress',
      entity: 'plan_task',
      entityId: task.id,
      organizationId: task.ownerOrganizationId,
      before: { progress: task.progress, status: task.status },
      after: { progress, status: input.status, note: input.note, evidenceUrl: input.evidenceUrl },
    });
    return { id: update.id, taskId: task.id, progress, status: input.status };
  });
}

/**
 * Reminds the owners' managers of open tasks due within REMIND_DAYS_BEFORE days (or overdue), at most once
 * a week per task. Safe to run from several processes: each task is claimed by one UPDATE. Returns how many.
 */
export async function remindDueTasks(db: Database, today = todayInChina(), now = new Date()): Promise<number> {
  return db.orm.transaction(async (tx: Tx) => {
    const due = await claimDueTasks(tx, addDays(today, REMIND_DAYS_BEFORE), new Date(now.getTime() - WEEK_MS), now);
    for (const task of due) {
      const key = task.deadline < today ? 'notify.task.overdue' : 'notify.task.dueSoon';
      const params = { task: task.title, deadline: task.deadline };
      await insertNotifications(tx, await managersOf(tx, [task.ownerOrganizationId]), {
        type: 'task.due',
        key,
        params,
        link: taskLink(task.id),
      });
    }
    return due.length;
  });
}

/** Tasks linked to any of these indicators, with their flags: what an indicator's page or the report lists. */
export async function tasksForIndicators(db: Database, indicatorIds: string[], today = todayInChina()): Promise<TaskRow[]> {
  return withFlags(db, await listTasks(db, { indicatorIds }), today);
}

export type TaskSummary = {
  /** done by the deadline */
  done: number;
  /** done after the deadline, or still open past it */
  late: number;
  /** open and not yet past the deadline */
  open: number;
  cancelled: number;
  rows: TaskRow[];
};

/**
 * The tasks whose schedule overlaps [from, to], counted for an annual report. The counts are disjoint:
 * a task finished late counts as late, not done. Everything is judged on `to` or today, whichever is earlier.
 */
export async function taskSummary(db: Database, period: { from: string; to: string }, today = todayInChina()): Promise<TaskSummary> {
  const asOf = period.to < today ? period.to : today;
  const rows = await withFlags(db, await listTasks(db, { from: period.from, to: period.to } satisfies TaskFilter), asOf);
  const summary: TaskSummary = { done: 0, late: 0, open: 0, cancelled: 0, rows };
  for (const r of rows) {
    // finished after the period ends: still open as the period saw it
    const doneBy = r.status === 'done' ? (r.completedOn ?? r.deadline) : null;
    if (r.status === 'cancelled') summary.cancelled += 1;
    else if (doneBy !== null && doneBy <= asOf) {
      if (doneBy > r.deadline) summary.late += 1;
      else summary.done += 1;
    } else if (r.deadline < asOf) summary.late += 1;
    else summary.open += 1;
  }
  return summary;
}
