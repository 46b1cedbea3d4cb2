import { z } from 'zod';
import { cohortFields, cohortStatuses, refineCohort } from '@ronghe/domain/cohort';
import { cohortRow, cohortView, matchScore } from '@ronghe/domain/need-rows';
import * as cohorts from '../services/cohorts.ts';
import { protectedProcedure, router } from '../trpc.ts';

// 学生批次: one line into services/cohorts.ts per procedure, which authorises and decides.

export const cohortsRouter = router({
  /** a manager of a verified school */
  create: protectedProcedure
    .input(cohortFields.extend({ organizationId: z.uuid() }).superRefine(refineCohort))
    .output(z.object({ id: z.string(), status: z.enum(cohortStatuses) }))
    .mutation(({ ctx, input }) => cohorts.create(ctx.db, ctx.session, input)),

  /** members of the school */
  list: protectedProcedure
    .input(z.object({ organizationId: z.uuid() }))
    .output(z.array(cohortRow))
    .query(({ ctx, input }) => cohorts.list(ctx.db, ctx.session, input.organizationId)),

  /** members of the school and admins: all of it; members of other verified organisations: an open cohort, contacts masked */
  get: protectedProcedure
    .input(z.object({ id: z.uuid() }))
    .output(cohortView)
    .query(({ ctx, input }) => cohorts.get(ctx.db, ctx.session, input.id)),

  /** a manager of the school: an open cohort; major, level and year stay once applied for; students not below those taken */
  update: protectedProcedure
    .input(z.object({ id: z.uuid(), data: cohortFields.superRefine(refineCohort) }))
    .output(z.object({ id: z.string(), status: z.enum(cohortStatuses) }))
    .mutation(({ ctx, input }) => cohorts.update(ctx.db, ctx.session, input)),

  /** a manager of the school */
  close: protectedProcedure
    .input(z.object({ id: z.uuid() }))
    .output(z.object({ id: z.string(), status: z.enum(cohortStatuses) }))
    .mutation(({ ctx, input }) => cohorts.close(ctx.db, ctx.session, input.id)),

  /** members of the school and admins: needs ranked for the cohort, with the parts of each score */
  recommendNeeds: protectedProcedure
    .input(z.object({ cohortId: z.uuid(), limit: z.number().int().min(1).max(50).default(20) }))
    .output(
      z.array(
        z.object({
          need: z.object({
            id: z.string(),
            organizationId: z.string(),
            organizationName: z.string(),
            kind: z.string(),
            title: z.string(),
            regionCode: z.string(),
            headcount: z.number().nullable(),
            accepted: z.number(),
            deadline: z.string(),
          }),
          score: matchScore,
        }),
      ),
    )
    .query(({ ctx, input }) => cohorts.recommendNeeds(ctx.db, ctx.session, input)),
});
