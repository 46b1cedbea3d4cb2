import { z } from 'zod';
import { daysBetween } from './training-base.ts';

// 建设任务进度表: the schedule of the plan's tasks, each with an owner organisation, a responsible person,
// a deadline and an expected outcome (定项目、定时限、定成效), and dated progress updates with evidence.

import { planTaskStatuses, type PlanTaskFlag, type PlanTaskStatus } from './constants/plan-task.ts';
export { planTaskFlags, planTaskStatuses } from './constants/plan-task.ts';
export type { PlanTaskFlag, PlanTaskStatus } from './constants/plan-task.ts';

/** Owners' managers are reminded this many days before a deadline. */
export const REMIND_DAYS_BEFORE = 14;
/** A task is at risk when its deadline is this close and its progress is behind the time elapsed. */
export const AT_RISK_DAYS = 30;

/**
 * Overdue: not done and the deadline has passed. At risk: not done, the deadline within 30 days, and the
 * progress (0–100) below the share of the task's time already elapsed.
 */
export function planTaskFlag(
  t: { status: PlanTaskStatus; startsOn: string; deadline: string; progress: number },
  today: string,
): PlanTaskFlag {
  if (t.status === 'done' || t.status === 'cancelled') return t.status;
  if (today > t.deadline) return 'overdue';
  const left = daysBetween(today, t.deadline) - 1;
  const span = Math.max(1, daysBetween(t.startsOn, t.deadline) - 1);
  const elapsed = Math.min(1, Math.max(0, (daysBetween(t.startsOn, today) - 1) / span));
  return left <= AT_RISK_DAYS && t.progress < elapsed * 100 ? 'at_risk' : 'on_track';
}

const isoDay = z.iso.date({ message: 'date.invalid' });

export const planTaskInput = z
  .object({
    title: z.string().trim().min(2, { message: 'task.titleRequired' }).max(120),
    description: z.string().trim().max(2000).default(''),
    ownerOrganizationId: z.uuid({ message: 'task.ownerRequired' }),
    responsibleName: z.string().trim().min(2, { message: 'task.responsibleRequired' }).max(40),
    startsOn: isoDay,
    deadline: isoDay,
    expectedOutcome: z.string().trim().min(2, { message: 'task.outcomeRequired' }).max(1000),
    indicatorIds: z.array(z.uuid()).max(16).default([]),
  })
  .superRefine((v, ctx) => {
    if (v.deadline < v.startsOn) ctx.addIssue({ code: 'custom', message: 'task.deadlineBeforeStart', path: ['deadline'] });
  });
export type PlanTaskInput = z.infer<typeof planTaskInput>;

export const planTaskUpdateInput = z.object({
  taskId: z.uuid(),
  note: z.string().trim().min(2, { message: 'task.noteRequired' }).max(2000),
  evidenceUrl: z.union([z.literal(''), z.url({ protocol: /^https?$/, message: 'indicator.evidenceUrl' }).max(500)]).default(''),
  progress: z.number().int().min(0, { message: 'task.progressRange' }).max(100, { message: 'task.progressRange' }),
  status: z.enum(planTaskStatuses),
});
