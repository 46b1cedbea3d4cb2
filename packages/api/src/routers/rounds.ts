import { z } from 'zod';
import { listMembershipsOfUser } from '@ronghe/db/queries/memberships';
import { preferenceList, refineRound, roundFields, roundStatuses } from '@ronghe/domain/round';
import { needKinds } from '@ronghe/domain/need';
import * as rounds from '../services/rounds.ts';
import { protectedProcedure, router } from '../trpc.ts';

const idInput = z.object({ id: z.uuid() });
const status = z.object({ id: z.string(), status: z.enum(roundStatuses) });
const ids = (max: number) => z.array(z.uuid()).min(1).max(max);
const runFigures = z.object({ algorithm: z.string(), proposals: z.number(), placed: z.number(), unplaced: z.number(), applicants: z.number(), ms: z.number() });

const myOrganizations = async (ctx: { db: Parameters<typeof listMembershipsOfUser>[0]; session: { userId: string } }) =>
  (await listMembershipsOfUser(ctx.db, ctx.session.userId)).map((m) => m.organizationId);

const roundOut = z.object({
  id: z.string(),
  title: z.string(),
  regionCode: z.string(),
  consortiumId: z.string().nullable(),
  preferencesOpenOn: z.string(),
  preferencesCloseOn: z.string(),
  resultsOn: z.string(),
  keepGroupsTogether: z.boolean(),
  status: z.enum(roundStatuses),
  seed: z.string().nullable(),
  resultDigest: z.string().nullable(),
  runStats: runFigures.nullable(),
  closedAt: z.date().nullable(),
  publishedAt: z.date().nullable(),
});

/** 双选 allocation rounds (issue 7). */
export const roundsRouter = router({
  /** admins: every round; others: the rounds their organisations take part in */
  list: protectedProcedure
    .input(z.object({}).optional())
    .output(z.array(z.object({ id: z.string(), title: z.string(), regionCode: z.string(), status: z.enum(roundStatuses), preferencesOpenOn: z.string(), preferencesCloseOn: z.string(), resultsOn: z.string(), needs: z.number(), cohorts: z.number() })))
    .query(async ({ ctx }) => rounds.roundsFor(ctx.db, ctx.session, await myOrganizations(ctx))),

  /** the organiser and the participants; results once closed (organiser) or published (everyone in it) */
  get: protectedProcedure
    .input(idInput)
    .output(
      z.object({
        round: roundOut,
        organizer: z.boolean(),
        needs: z.array(z.object({ needId: z.string(), title: z.string(), kind: z.enum(needKinds), organizationId: z.string(), organizationName: z.string(), capacity: z.number(), acceptUnranked: z.boolean(), ranking: z.array(z.string()), placed: z.number(), mine: z.boolean() })),
        cohorts: z.array(z.object({ cohortId: z.string(), organizationId: z.string(), organizationName: z.string(), majorCode: z.string(), year: z.number(), slots: z.number(), preferences: z.array(z.string()), submittedAt: z.date().nullable(), mine: z.boolean() })),
        results: z
          .object({
            placed: z.array(z.object({ cohortId: z.string(), needId: z.string(), choice: z.number(), students: z.number() })),
            unplaced: z.array(z.object({ cohortId: z.string(), reason: z.string(), students: z.number(), choices: z.array(z.object({ programId: z.string(), outcome: z.string() })) })),
          })
          .nullable(),
      }),
    )
    .query(async ({ ctx, input }) => rounds.roundFor(ctx.db, ctx.session, input.id, await myOrganizations(ctx))),

  /** the organiser of a draft round: needs and cohorts it may add */
  candidates: protectedProcedure
    .input(idInput)
    .output(z.object({ needs: z.array(z.object({ id: z.string(), title: z.string(), organizationName: z.string(), kind: z.string(), left: z.number(), regionCode: z.string() })), cohorts: z.array(z.object({ id: z.string(), organizationName: z.string(), majorCode: z.string(), students: z.number(), year: z.number() })) }))
    .query(({ ctx, input }) => rounds.candidatesFor(ctx.db, ctx.session, input.id)),

  /** platform admins, or managers of a consortium's lead for its round */
  create: protectedProcedure
    .input(roundFields.superRefine(refineRound))
    .output(status)
    .mutation(({ ctx, input }) => rounds.createRound(ctx.db, ctx.session, input)),

  /** the organiser, while the round is a draft */
  addNeeds: protectedProcedure
    .input(z.object({ roundId: z.uuid(), needIds: ids(500) }))
    .output(z.object({ added: z.number() }))
    .mutation(({ ctx, input }) => rounds.addNeedsToRound(ctx.db, ctx.session, input)),

  /** the organiser, while the round is a draft */
  addCohorts: protectedProcedure
    .input(z.object({ roundId: z.uuid(), cohortIds: ids(500) }))
    .output(z.object({ added: z.number() }))
    .mutation(({ ctx, input }) => rounds.addCohortsToRound(ctx.db, ctx.session, input)),

  /** the organiser: preferences open */
  open: protectedProcedure
    .input(idInput)
    .output(status)
    .mutation(({ ctx, input }) => rounds.openRound(ctx.db, ctx.session, input.id)),

  /** a manager of the cohort's school: its needs, best first (replaces the earlier list) */
  submitPreferences: protectedProcedure
    .input(z.object({ roundId: z.uuid(), cohortId: z.uuid(), needIds: preferenceList }))
    .output(z.object({ cohortId: z.string(), ranked: z.number() }))
    .mutation(({ ctx, input }) => rounds.submitPreferences(ctx.db, ctx.session, input)),

  /** a manager of the need's enterprise: cohorts it prefers, best first, and whether it takes unranked eligible ones */
  submitRanking: protectedProcedure
    .input(z.object({ roundId: z.uuid(), needId: z.uuid(), cohortIds: z.array(z.uuid()).max(500), acceptUnranked: z.boolean() }))
    .output(z.object({ needId: z.string(), ranked: z.number() }))
    .mutation(({ ctx, input }) => rounds.submitRanking(ctx.db, ctx.session, input)),

  /** the organiser: closes preferences and runs the round (again, if a crash left it closing) */
  close: protectedProcedure
    .input(idInput)
    .output(z.object({ id: z.string(), status: z.enum(roundStatuses), digest: z.string() }).extend(runFigures.shape))
    .mutation(({ ctx, input }) => rounds.closeRound(ctx.db, ctx.session, input.id)),

  /** the organiser: runs it again on the stored inputs and seed, and compares */
  rerun: protectedProcedure
    .input(idInput)
    .output(z.object({ id: z.string(), identical: z.boolean(), digest: z.string(), ms: z.number() }))
    .mutation(({ ctx, input }) => rounds.rerunRound(ctx.db, ctx.session, input.id)),

  /** the organiser: placements become accepted applications and placements; participants are told */
  publish: protectedProcedure
    .input(idInput)
    .output(status)
    .mutation(({ ctx, input }) => rounds.publishRound(ctx.db, ctx.session, input.id)),
});
