import { z } from 'zod';
import { listReports } from '@ronghe/db/queries/monitoring';
import { indicatorInput, indicatorReportInput } from '@ronghe/domain/monitoring';
import { archiveIndicator, breakdown, createIndicator, dashboardStatuses, reportValue, takeSnapshot, trend, updateSchedule } from '../services/monitoring.ts';
import { adminProcedure, router } from '../trpc.ts';

const milestone = z.number().min(0, { message: 'indicator.valueNegative' }).max(1e9).optional();
const admin = (ctx: { session: { userId: string; name: string } }) => ({ userId: ctx.session.userId, name: ctx.session.name });

// The commission's monitoring of the plan: every procedure is for platform admins (adminProcedure).
export const monitoringRouter = router({
  /** every indicator with its value on a day (default today), expected value and red/amber/green */
  indicators: adminProcedure
    .input(z.object({ day: z.iso.date().optional() }).default({}))
    .query(({ ctx, input }) => dashboardStatuses(ctx.db, input.day)),

  breakdown: adminProcedure.input(z.object({ id: z.uuid() })).query(({ ctx, input }) => breakdown(ctx.db, input.id)),

  trend: adminProcedure.input(z.object({ id: z.uuid(), from: z.iso.date().optional() })).query(({ ctx, input }) => trend(ctx.db, input.id, input.from)),

  reports: adminProcedure.input(z.object({ id: z.uuid() })).query(({ ctx, input }) => listReports(ctx.db, input.id)),

  report: adminProcedure.input(indicatorReportInput).mutation(({ ctx, input }) => reportValue(ctx.db, admin(ctx), input)),

  create: adminProcedure.input(indicatorInput).mutation(({ ctx, input }) => createIndicator(ctx.db, admin(ctx), input)),

  setSchedule: adminProcedure
    .input(z.object({ id: z.uuid(), baseline: z.number().min(0, { message: 'indicator.valueNegative' }).max(1e9), milestones: z.object({ 2025: milestone, 2026: milestone }) }))
    .mutation(({ ctx, input }) => updateSchedule(ctx.db, admin(ctx), input.id, { baseline: input.baseline, milestones: input.milestones })),

  archive: adminProcedure.input(z.object({ id: z.uuid() })).mutation(({ ctx, input }) => archiveIndicator(ctx.db, admin(ctx), input.id)),

  /** records today's values now, as the daily run does */
  snapshot: adminProcedure.mutation(({ ctx }) => takeSnapshot(ctx.db)),
});
