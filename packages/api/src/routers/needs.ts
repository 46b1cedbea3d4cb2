import { z } from 'zod';
import { applicationStatuses, needInputSchema, needKinds, needStatuses } from '@ronghe/domain/need';
import { applicationRow, matchScore, needHistoryEntry, needHit, needRow, needView } from '@ronghe/domain/need-rows';
import { invitationInput } from '@ronghe/domain/cooperation';
import { regionCodeSchema } from '@ronghe/domain/reference/regions';
import * as needs from '../services/needs.ts';
import * as edits from '../services/need-edits.ts';
import * as needSearch from '../services/need-search.ts';
import * as cooperation from '../services/cooperation.ts';
import * as endorsements from '../services/need-endorsements.ts';
import { protectedProcedure, publicProcedure, router } from '../trpc.ts';

// 合作需求: one line into a service per procedure (services/needs.ts and its neighbours authorise and decide).

const status = z.object({ id: z.string(), status: z.enum(needStatuses) });

export const needsRouter = router({
  /** a manager of a verified school: applies with a number of students (`apply` is reserved by tRPC) */
  applyFor: protectedProcedure
    .input(
      z.object({
        needId: z.uuid(),
        organizationId: z.uuid(),
        cohortId: z.uuid().optional(),
        students: z.number().int().min(1, { message: 'base.capacityPositive' }).max(10_000),
        message: z.string().trim().max(1000).default(''),
      }),
    )
    .output(z.object({ id: z.string(), status: z.enum(applicationStatuses) }))
    .mutation(({ ctx, input }) => needs.applyFor(ctx.db, ctx.session, input)),

  /** a manager of the enterprise: accepts all, part or none (with a reason) of an application */
  decide: protectedProcedure
    .input(z.object({ id: z.uuid(), accept: z.number().int().min(0).max(10_000), reason: z.string().trim().max(500).default('') }))
    .output(z.object({ id: z.string(), status: z.enum(applicationStatuses), accepted: z.number() }))
    .mutation(({ ctx, input }) => needs.decide(ctx.db, ctx.session, input)),

  /** a manager of the verified enterprise: offers places of an internship or order-class need to an open cohort, held until answered or expired */
  invite: protectedProcedure
    .input(invitationInput.extend({ needId: z.uuid(), cohortId: z.uuid() }))
    .output(z.object({ id: z.string(), status: z.enum(applicationStatuses), expiresAt: z.date() }))
    .mutation(({ ctx, input }) => cooperation.invite(ctx.db, ctx.session, input)),

  /** a manager of the invited school: takes all, part or none (with a reason) of the places offered */
  respond: protectedProcedure
    .input(z.object({ id: z.uuid(), accept: z.number().int().min(0).max(10_000), reason: z.string().trim().max(500).default('') }))
    .output(z.object({ id: z.string(), status: z.enum(applicationStatuses), accepted: z.number() }))
    .mutation(({ ctx, input }) => cooperation.respond(ctx.db, ctx.session, input)),

  /** signed-in users: the consortia they may endorse this need for (lead or council managers of consortia the enterprise is in) */
  endorsableConsortia: protectedProcedure
    .input(z.object({ needId: z.uuid() }))
    .output(z.array(z.object({ id: z.string(), name: z.string() })))
    .query(({ ctx, input }) => endorsements.endorsableConsortia(ctx.db, ctx.session, input.needId)),

  /** managers of the consortium's lead or council organisations (or admins): the consortium endorses a member enterprise's need */
  endorse: protectedProcedure
    .input(z.object({ needId: z.uuid(), consortiumId: z.uuid() }))
    .output(z.object({ id: z.string(), consortiumId: z.string().nullable(), consortiumName: z.string().nullable() }))
    .mutation(({ ctx, input }) => endorsements.endorseNeed(ctx.db, ctx.session, input)),

  /** the same deciders: the endorsement is taken back */
  withdrawEndorsement: protectedProcedure
    .input(z.object({ needId: z.uuid() }))
    .output(z.object({ id: z.string(), consortiumId: z.string().nullable(), consortiumName: z.string().nullable() }))
    .mutation(({ ctx, input }) => endorsements.withdrawEndorsement(ctx.db, ctx.session, input)),

  /** members of the enterprise: the applications to one of its needs */
  applications: protectedProcedure
    .input(z.object({ needId: z.uuid() }))
    .output(z.array(applicationRow))
    .query(({ ctx, input }) => needs.applications(ctx.db, ctx.session, input.needId)),

  /** members of the school: its applications and how they were decided */
  myApplications: protectedProcedure
    .input(z.object({ organizationId: z.uuid() }))
    .output(z.array(applicationRow))
    .query(({ ctx, input }) => needs.myApplications(ctx.db, ctx.session, input.organizationId)),

  /** a manager of a verified enterprise: a draft need of one kind */
  create: protectedProcedure
    .input(z.object({ organizationId: z.uuid(), need: needInputSchema }))
    .output(status)
    .mutation(({ ctx, input }) => needs.create(ctx.db, ctx.session, { ...input.need, organizationId: input.organizationId })),

  /** a manager of the enterprise: publishes after the automatic checks (internship rules) */
  publish: protectedProcedure
    .input(z.object({ id: z.uuid() }))
    .output(status)
    .mutation(({ ctx, input }) => needs.publish(ctx.db, ctx.session, input.id)),

  /** a manager of the enterprise */
  close: protectedProcedure
    .input(z.object({ id: z.uuid() }))
    .output(status)
    .mutation(({ ctx, input }) => needs.close(ctx.db, ctx.session, input.id)),

  /** anyone for a published (or past) need; drafts for the enterprise's members and admins */
  get: publicProcedure
    .input(z.object({ id: z.uuid() }))
    .output(needView)
    .query(({ ctx, input }) => needs.get(ctx.db, ctx.session, input.id)),

  /** members of the organisation: its needs in every status */
  list: protectedProcedure
    .input(z.object({ organizationId: z.uuid() }))
    .output(z.array(needRow))
    .query(({ ctx, input }) => needs.list(ctx.db, ctx.session, input.organizationId)),

  /** a manager of the enterprise: a draft freely; a published need only in the applicants' favour, checked again; history kept, applicants told */
  update: protectedProcedure
    .input(z.object({ id: z.uuid(), data: needInputSchema }))
    .output(z.object({ id: z.string(), status: z.enum(needStatuses), changed: z.array(z.string()) }))
    .mutation(({ ctx, input }) => edits.update(ctx.db, ctx.session, input)),

  /** members of the enterprise and admins: the need's edits and publishing, newest first */
  history: protectedProcedure
    .input(z.object({ id: z.uuid() }))
    .output(z.array(needHistoryEntry))
    .query(({ ctx, input }) => needs.history(ctx.db, ctx.session, input.id)),

  /** anyone: published needs still open to apply, by kind, region (any level), major (code or its start) and keyword; keyset-paginated; no contacts */
  search: publicProcedure
    .input(
      z.object({
        kind: z.enum(needKinds).optional(),
        regionCode: regionCodeSchema.optional(),
        major: z
          .string()
          .regex(/^\d{2}(\d{2}(\d{2})?)?$/, { message: 'major.unknown' })
          .optional(),
        q: z.string().trim().max(50).optional(),
        sort: z.enum(['deadline', 'newest']).default('deadline'),
        cursor: z.string().max(200).optional(),
        limit: z.number().int().min(1).max(50).default(20),
      }),
    )
    .output(z.object({ items: z.array(needHit), nextCursor: z.string().nullable() }))
    .query(({ ctx, input }) => needSearch.search(ctx.readDb, input)),

  /** members of the enterprise and admins: cohorts ranked for the need, with the parts of each score */
  recommendCohorts: protectedProcedure
    .input(z.object({ needId: z.uuid(), limit: z.number().int().min(1).max(50).default(20) }))
    .output(
      z.array(
        z.object({
          cohort: z.object({
            id: z.string(),
            organizationId: z.string(),
            organizationName: z.string(),
            regionCode: z.string(),
            majorCode: z.string(),
            year: z.number(),
            students: z.number(),
            windowFrom: z.string(),
            windowTo: z.string(),
          }),
          score: matchScore,
        }),
      ),
    )
    .query(({ ctx, input }) => needs.recommendCohorts(ctx.db, ctx.session, input)),
});
