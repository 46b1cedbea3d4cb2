// The plan's tasks' fixed lists, with no validator: the web imports these at run time, and the zod
// schemas in ../plan-task.ts are built from them, so there is one copy.

export const planTaskStatuses = ['not_started', 'in_progress', 'done', 'cancelled'] as const;
export type PlanTaskStatus = (typeof planTaskStatuses)[number];

export const planTaskFlags = ['overdue', 'at_risk', 'on_track', 'done', 'cancelled'] as const;
export type PlanTaskFlag = (typeof planTaskFlags)[number];
