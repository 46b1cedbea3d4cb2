import { z } from 'zod';
import { earlyCloseReason, preferenceList, refineRound, roundEntryStatuses, roundFields, roundStatuses } from '@ronghe/domain/round';
import { needKinds } from '@ronghe/domain/need';
import * as rounds from '../services/rounds.ts';
import * as entries from '../services/round-entries.ts';
import { protectedProcedure, router } from '../trpc.ts';

const idInput = z.object({ id: z.uuid() });
const status = z.object({ id: z.string(), status: z.enum(roundStatuses) });
const runFigures = z.object({
  algorithm: z.string(),
  proposals: z.number(),
  placed: z.number(),
  unplaced: z.number(),
  applicants: z.number(),
  ms: z.number(),
});

const entryInput = z.object({ roundId: z.uuid(), kind: z.enum(['need', 'cohort']), id: z.uuid() });
const roundDates = { preferencesOpenOn: z.string(), preferencesCloseOn: z.string() };

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
  /** admins: every round; others: the rounds their organisations take part in or are invited to, and those they organise */
  list: protectedProcedure
    .input(z.object({}).optional())
    .output(
      z.array(
        z.object({
          id: z.string(),
          title: z.string(),
          regionCode: z.string(),
          status: z.enum(roundStatuses),
          preferencesOpenOn: z.string(),
          preferencesCloseOn: z.string(),
          resultsOn: z.string(),
          needs: z.number(),
          cohorts: z.number(),
        }),
      ),
    )
    .query(({ ctx }) => rounds.list(ctx.db, ctx.session)),

  /**
   * the organiser and the participants (invited ones too), sealed: each sees only its own preferences and rankings; results once closed (organiser)
   * or published (participants: their own)
   */
  get: protectedProcedure
    .input(idInput)
    .output(
      z.object({
        round: roundOut,
        organizer: z.boolean(),
        needs: z.array(
          z.object({
            needId: z.string(),
            title: z.string(),
            kind: z.enum(needKinds),
            organizationId: z.string(),
            organizationName: z.string(),
            capacity: z.number(),
            status: z.enum(roundEntryStatuses),
            acceptUnranked: z.boolean(),
            ranking: z.array(z.string()),
            rankedAt: z.date().nullable(),
            placed: z.number(),
            mine: z.boolean(),
          }),
        ),
        cohorts: z.array(
          z.object({
            cohortId: z.string(),
            organizationId: z.string(),
            organizationName: z.string(),
            majorCode: z.string(),
            year: z.number(),
            slots: z.number(),
            status: z.enum(roundEntryStatuses),
            preferences: z.array(z.string()),
            submittedAt: z.date().nullable(),
            mine: z.boolean(),
          }),
        ),
        results: z
          .object({
            placed: z.array(z.object({ cohortId: z.string(), needId: z.string(), choice: z.number().nullable(), students: z.number() })),
            unplaced: z.array(
              z.object({
                cohortId: z.string(),
                reason: z.string(),
                students: z.number(),
                choices: z.array(z.object({ programId: z.string(), outcome: z.string() })),
              }),
            ),
          })
          .nullable(),
      }),
    )
    .query(({ ctx, input }) => rounds.get(ctx.db, ctx.session, input.id)),

  /** the organiser of a draft round: needs and cohorts it may invite (a consortium round: its active members' only) */
  candidates: protectedProcedure
    .input(idInput)
    .output(
      z.object({
        needs: z.array(
          z.object({
            id: z.string(),
            title: z.string(),
            organizationName: z.string(),
            kind: z.string(),
            left: z.number(),
            regionCode: z.string(),
          }),
        ),
        cohorts: z.array(
          z.object({ id: z.string(), organizationName: z.string(), majorCode: z.string(), students: z.number(), year: z.number() }),
        ),
      }),
    )
    .query(({ ctx, input }) => entries.candidatesFor(ctx.db, ctx.session, input.id)),

  /** members of the organisation: its needs and cohorts invited to draft rounds, not yet answered */
  invitations: protectedProcedure
    .input(z.object({ organizationId: z.uuid() }))
    .output(
      z.array(
        z.object({
          roundId: z.string(),
          roundTitle: z.string(),
          ...roundDates,
          kind: z.enum(['need', 'cohort']),
          entryId: z.string(),
          label: z.string(),
          size: z.number(),
        }),
      ),
    )
    .query(({ ctx, input }) => entries.invitationsFor(ctx.db, ctx.session, input.organizationId)),

  /** members of the organisation: draft rounds it may join (its active consortia's, and commission rounds of its region) */
  joinable: protectedProcedure
    .input(z.object({ organizationId: z.uuid() }))
    .output(
      z.array(
        z.object({
          id: z.string(),
          title: z.string(),
          regionCode: z.string(),
          consortiumId: z.string().nullable(),
          ...roundDates,
          resultsOn: z.string(),
        }),
      ),
    )
    .query(({ ctx, input }) => entries.joinableFor(ctx.db, ctx.session, input.organizationId)),

  /** platform admins, or managers of an active consortium's lead for its round */
  create: protectedProcedure
    .input(roundFields.superRefine(refineRound))
    .output(status)
    .mutation(({ ctx, input }) => rounds.createRound(ctx.db, ctx.session, input)),

  /** the organiser, while the round is a draft: invites needs and cohorts; their owners answer */
  invite: protectedProcedure
    .input(
      z.object({ roundId: z.uuid(), needIds: z.array(z.uuid()).max(500).default([]), cohortIds: z.array(z.uuid()).max(500).default([]) }),
    )
    .output(z.object({ invited: z.number() }))
    .mutation(({ ctx, input }) => entries.inviteToRound(ctx.db, ctx.session, input)),

  /** a manager of the invited need's enterprise (cohort's school): accept or decline, and for a need whether it takes unranked cohorts */
  respond: protectedProcedure
    .input(entryInput.extend({ accept: z.boolean(), acceptUnranked: z.boolean().default(false) }))
    .output(z.object({ roundId: z.string(), status: z.enum(roundEntryStatuses) }))
    .mutation(({ ctx, input }) => entries.respondToRound(ctx.db, ctx.session, input)),

  /** a manager of a verified organisation: adds its own need or cohort to a draft round it may join */
  join: protectedProcedure
    .input(entryInput.extend({ acceptUnranked: z.boolean().default(false) }))
    .output(z.object({ roundId: z.string(), status: z.enum(roundEntryStatuses) }))
    .mutation(({ ctx, input }) => entries.joinRound(ctx.db, ctx.session, input)),

  /** the organiser: preferences open (any day up to the closing date; submissions wait for the opening date) */
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

  /**
   * the organiser: closes preferences and runs the round (again, if a crash left it closing); before the closing date only when all have submitted,
   * or by a platform admin with a reason
   */
  close: protectedProcedure
    .input(idInput.extend({ reason: earlyCloseReason.optional() }))
    .output(z.object({ id: z.string(), status: z.enum(roundStatuses), digest: z.string() }).extend(runFigures.shape))
    .mutation(({ ctx, input }) => rounds.closeRound(ctx.db, ctx.session, input)),

  /** the organiser: runs it again on the stored inputs and seed, and compares */
  rerun: protectedProcedure
    .input(idInput)
    .output(z.object({ id: z.string(), identical: z.boolean(), digest: z.string(), ms: z.number() }))
    .mutation(({ ctx, input }) => rounds.rerunRound(ctx.db, ctx.session, input.id)),

  /** the organiser, from the results date: placements become accepted applications and placements; participants are told */
  publish: protectedProcedure
    .input(idInput)
    .output(status)
    .mutation(({ ctx, input }) => rounds.publishRound(ctx.db, ctx.session, input.id)),
});
