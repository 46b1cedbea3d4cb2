import { z } from 'zod';
import { listReports } from '@ronghe/db/queries/monitoring';
import { indicatorInput, indicatorReportInput, indicatorSources, ragStatuses } from '@ronghe/domain/monitoring';
import {
  archiveIndicator,
  breakdown,
  createIndicator,
  dashboardStatuses,
  reportValue,
  takeSnapshot,
  trend,
  updateSchedule,
} from '../services/monitoring.ts';
import { adminProcedure, router } from '../trpc.ts';

const milestone = z.number().min(0, { message: 'indicator.valueNegative' }).max(1e9).optional();
const admin = (ctx: { session: { userId: string; name: string } }) => ({ userId: ctx.session.userId, name: ctx.session.name });

/** What the dashboard, the indicator drawer and the task form show of an indicator (not its metric, scope or English name). */
const indicatorRow = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  unit: z.string(),
  definition: z.string(),
  wording: z.string(),
  target: z.number(),
  targetNote: z.string(),
  baseline: z.number(),
  milestones: z.object({ 2025: z.number().optional(), 2026: z.number().optional() }),
  startsOn: z.string(),
  dueOn: z.string(),
  source: z.enum(indicatorSources),
  isPlan: z.boolean(),
  value: z.number().nullable(),
  valueSource: z.enum(['live', 'snapshot', 'report', 'none']),
  reportedOn: z.string().nullable(),
  expected: z.number(),
  rag: z.enum(ragStatuses),
});
const byCode = z.array(z.object({ code: z.string(), value: z.number() }));
const point = z.object({ day: z.string(), value: z.number().nullable() });
/** a dated report as the drawer lists it: the reporter's name, not their account */
const report = z.object({
  id: z.string(),
  value: z.number(),
  asOf: z.string(),
  evidenceText: z.string(),
  evidenceUrl: z.string(),
  reportedByName: z.string(),
});
const idOnly = z.object({ id: z.string() });

// The commission's monitoring of the plan: every procedure is for platform admins (adminProcedure).
export const monitoringRouter = router({
  /** every indicator with its value on a day (default today), expected value and red/amber/green */
  indicators: adminProcedure
    .input(z.object({ day: z.iso.date().optional() }).default({}))
    .output(z.array(indicatorRow))
    .query(({ ctx, input }) => dashboardStatuses(ctx.db, ctx.writes, input.day)),

  breakdown: adminProcedure
    .input(z.object({ id: z.uuid() }))
    .output(z.object({ byProvince: byCode, byRegion: byCode }))
    .query(({ ctx, input }) => breakdown(ctx.db, input.id)),

  trend: adminProcedure
    .input(z.object({ id: z.uuid(), from: z.iso.date().optional() }))
    .output(z.object({ points: z.array(point), expected: z.array(z.object({ day: z.string(), value: z.number() })) }))
    .query(({ ctx, input }) => trend(ctx.db, input.id, input.from)),

  reports: adminProcedure
    .input(z.object({ id: z.uuid() }))
    .output(z.array(report))
    .query(({ ctx, input }) => listReports(ctx.db, input.id)),

  report: adminProcedure
    .input(indicatorReportInput)
    .output(idOnly)
    .mutation(({ ctx, input }) => reportValue(ctx.db, admin(ctx), input)),

  create: adminProcedure
    .input(indicatorInput)
    .output(z.object({ id: z.string(), code: z.string() }))
    .mutation(({ ctx, input }) => createIndicator(ctx.db, admin(ctx), input)),

  setSchedule: adminProcedure
    .input(
      z.object({
        id: z.uuid(),
        baseline: z.number().min(0, { message: 'indicator.valueNegative' }).max(1e9),
        milestones: z.object({ 2025: milestone, 2026: milestone }),
      }),
    )
    .output(idOnly)
    .mutation(({ ctx, input }) => updateSchedule(ctx.db, admin(ctx), input.id, { baseline: input.baseline, milestones: input.milestones })),

  archive: adminProcedure
    .input(z.object({ id: z.uuid() }))
    .output(idOnly)
    .mutation(({ ctx, input }) => archiveIndicator(ctx.db, admin(ctx), input.id)),

  /** records today's values now, as the daily run does */
  snapshot: adminProcedure.output(z.object({ day: z.string(), indicators: z.number() })).mutation(({ ctx }) => takeSnapshot(ctx.db)),
});
