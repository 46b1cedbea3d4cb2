import { z } from 'zod';
import { planTaskFlags, planTaskInput, planTaskStatuses, planTaskUpdateInput } from '@ronghe/domain/plan-task';
import { addTaskUpdate, createTask, myTasks, taskDetail, taskList, updateTask } from '../services/plan-tasks.ts';
import { adminProcedure, protectedProcedure, router } from '../trpc.ts';

const update = z.object({
  id: z.number(),
  on: z.string(),
  note: z.string(),
  evidenceUrl: z.string(),
  progress: z.number(),
  status: z.enum(planTaskStatuses),
  byName: z.string(),
  createdAt: z.date(),
});

const task = z.object({
  id: z.string(),
  title: z.string(),
  description: z.string(),
  ownerOrganizationId: z.string(),
  ownerName: z.string(),
  responsibleName: z.string(),
  startsOn: z.string(),
  deadline: z.string(),
  expectedOutcome: z.string(),
  status: z.enum(planTaskStatuses),
  progress: z.number(),
  completedOn: z.string().nullable(),
  indicatorIds: z.array(z.string()),
  indicatorCodes: z.array(z.string()),
  flag: z.enum(planTaskFlags),
  lastUpdate: update.nullable(),
});

const actor = (ctx: { session: { userId: string; name: string; isPlatformAdmin: boolean } }) => ({
  userId: ctx.session.userId,
  name: ctx.session.name,
  isPlatformAdmin: ctx.session.isPlatformAdmin,
});

// 建设任务进度表: admins set and edit tasks and see them all; managers of the owner organisation see
// their tasks and report progress (checked in services/plan-tasks.ts).
export const planTasksRouter = router({
  /** admins: every task with its flag, filtered by status, owner and flag */
  list: adminProcedure
    .input(
      z
        .object({
          status: z.enum(planTaskStatuses).optional(),
          ownerOrganizationId: z.uuid().optional(),
          flag: z.enum(planTaskFlags).optional(),
        })
        .default({}),
    )
    .output(z.array(task))
    .query(({ ctx, input }) => taskList(ctx.db, input)),

  /** admins and members of the owner organisation: the task with its updates, newest first */
  get: protectedProcedure
    .input(z.object({ id: z.uuid() }))
    .output(task.extend({ canUpdate: z.boolean(), updates: z.array(update) }))
    .query(({ ctx, input }) => taskDetail(ctx.db, ctx.session, input.id)),

  /** signed-in users: the tasks of organisations they manage (none for others) */
  mine: protectedProcedure.output(z.array(task)).query(({ ctx }) => myTasks(ctx.db, ctx.session)),

  create: adminProcedure
    .input(planTaskInput)
    .output(z.object({ id: z.string() }))
    .mutation(({ ctx, input }) => createTask(ctx.db, actor(ctx), input)),

  update: adminProcedure
    .input(z.object({ id: z.uuid(), data: planTaskInput }))
    .output(z.object({ id: z.string() }))
    .mutation(({ ctx, input }) => updateTask(ctx.db, actor(ctx), input.id, input.data)),

  /** admins and managers of the owner organisation, while the task is open */
  addUpdate: protectedProcedure
    .input(planTaskUpdateInput)
    .output(z.object({ id: z.number(), taskId: z.string(), progress: z.number(), status: z.enum(planTaskStatuses) }))
    .mutation(({ ctx, input }) => addTaskUpdate(ctx.db, actor(ctx), input)),
});
