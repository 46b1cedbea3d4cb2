import { z } from 'zod';
import { getNeed, listApplications, listCohortsOfOrganization, listNeedsOfOrganization, needHistory, searchNeeds } from '@ronghe/db/queries/needs';
import { membershipOf } from '@ronghe/db/queries/memberships';
import { getConsortium } from '@ronghe/db/queries/consortia';
import { cohortFields, cohortStatuses, refineCohort } from '@ronghe/domain/cohort';
import { DomainError } from '@ronghe/domain/errors';
import { applicationDirections, applicationStatuses, needInputSchema, needKinds, needStatuses } from '@ronghe/domain/need';
import * as needs from '../services/needs.ts';
import * as edits from '../services/need-edits.ts';
import { regionCodeSchema } from '@ronghe/domain/reference/regions';
import { todayInChina } from '@ronghe/domain/training-base';
import * as cooperation from '../services/cooperation.ts';
import * as endorsements from '../services/need-endorsements.ts';
import { invitationInput } from '@ronghe/domain/cooperation';
import { anyMember, requireRole } from '../services/authz.ts';
import { protectedProcedure, publicProcedure, router } from '../trpc.ts';

const status = z.object({ id: z.string(), status: z.enum(needStatuses) });
const scorePart = z.object({ key: z.string(), points: z.number(), max: z.number(), level: z.string() });
const score = z.object({ total: z.number(), parts: z.array(scorePart) });

const needRow = z.object({
  id: z.string(),
  organizationId: z.string(),
  kind: z.enum(needKinds),
  title: z.string(),
  description: z.string(),
  regionCode: z.string(),
  deadline: z.string(),
  majorCodes: z.array(z.string()),
  headcount: z.number().nullable(),
  accepted: z.number(),
  periodFrom: z.string().nullable(),
  periodTo: z.string().nullable(),
  details: z.unknown(),
  status: z.enum(needStatuses),
  publishedAt: z.date().nullable(),
});

const cohortRow = z.object({
  id: z.string(),
  organizationId: z.string(),
  majorCode: z.string(),
  level: z.string(),
  year: z.number(),
  students: z.number(),
  windowFrom: z.string(),
  windowTo: z.string(),
  regionCodes: z.array(z.string()),
  teachers: z.number(),
  note: z.string(),
  status: z.enum(cohortStatuses),
});

const application = z.object({
  id: z.string(),
  needId: z.string(),
  needTitle: z.string(),
  organizationId: z.string(),
  organizationName: z.string(),
  cohortId: z.string().nullable(),
  students: z.number(),
  accepted: z.number(),
  message: z.string(),
  status: z.enum(applicationStatuses),
  direction: z.enum(applicationDirections),
  expiresAt: z.date().nullable(),
  reason: z.string(),
  createdAt: z.date(),
  decidedAt: z.date().nullable(),
});

const needHit = z.object({
  id: z.string(),
  kind: z.enum(needKinds),
  title: z.string(),
  organizationName: z.string(),
  regionCode: z.string(),
  regionName: z.string(),
  majorCodes: z.array(z.string()),
  headcount: z.number().nullable(),
  accepted: z.number(),
  remaining: z.number().nullable(),
  deadline: z.string(),
  publishedAt: z.date().nullable(),
});

const cohortView = cohortRow.omit({ note: true }).extend({
  organizationName: z.string(),
  organizationRegionCode: z.string().nullable(),
  taken: z.number(),
  note: z.string(),
  contactName: z.string(),
  contactPhone: z.string(),
  canEdit: z.boolean(),
  masked: z.boolean(),
});

const cursorSchema = z.tuple([z.number(), z.uuid()]);
const encodeCursor = (c: [number, string]) => Buffer.from(JSON.stringify(c)).toString('base64url');
function decodeCursor(s: string): [number, string] {
  try {
    return cursorSchema.parse(JSON.parse(Buffer.from(s, 'base64url').toString('utf8')));
  } catch {
    throw new DomainError('INVALID', 'input.invalid', { field: 'cursor' });
  }
}

export const needsRouter = router({
  /** a manager of a verified school: applies with a number of students (`apply` is reserved by tRPC) */
  applyFor: protectedProcedure
    .input(z.object({ needId: z.uuid(), organizationId: z.uuid(), cohortId: z.uuid().optional(), students: z.number().int().min(1, { message: 'base.capacityPositive' }).max(10_000), message: z.string().trim().max(1000).default('') }))
    .output(z.object({ id: z.string(), status: z.enum(applicationStatuses) }))
    .mutation(({ ctx, input }) => needs.applyToNeed(ctx.db, ctx.session, input)),

  /** a manager of the enterprise: accepts all, part or none (with a reason) of an application */
  decide: protectedProcedure
    .input(z.object({ id: z.uuid(), accept: z.number().int().min(0).max(10_000), reason: z.string().trim().max(500).default('') }))
    .output(z.object({ id: z.string(), status: z.enum(applicationStatuses), accepted: z.number() }))
    .mutation(({ ctx, input }) => needs.decideApplication(ctx.db, ctx.session, input)),

  /** a manager of the verified enterprise: offers places of an internship or order-class need to an open cohort, held until answered or expired */
  invite: protectedProcedure
    .input(invitationInput.extend({ needId: z.uuid(), cohortId: z.uuid() }))
    .output(z.object({ id: z.string(), status: z.enum(applicationStatuses), expiresAt: z.date() }))
    .mutation(({ ctx, input }) => cooperation.inviteCohort(ctx.db, ctx.session, input)),

  /** a manager of the invited school: takes all, part or none (with a reason) of the places offered */
  answerInvitation: protectedProcedure
    .input(z.object({ id: z.uuid(), accept: z.number().int().min(0).max(10_000), reason: z.string().trim().max(500).default('') }))
    .output(z.object({ id: z.string(), status: z.enum(applicationStatuses), accepted: z.number() }))
    .mutation(({ ctx, input }) => cooperation.answerInvitation(ctx.db, ctx.session, input)),

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
    .output(z.array(application))
    .query(async ({ ctx, input }) => {
      const n = await getNeed(ctx.db, input.needId);
      if (!n) throw new DomainError('NOT_FOUND', 'notFound');
      await requireRole(ctx.db, ctx.session, n.organizationId, anyMember);
      return listApplications(ctx.db, { needId: n.id });
    }),

  /** members of the school: its applications and how they were decided */
  myApplications: protectedProcedure
    .input(z.object({ organizationId: z.uuid() }))
    .output(z.array(application))
    .query(async ({ ctx, input }) => {
      await requireRole(ctx.db, ctx.session, input.organizationId, anyMember);
      return listApplications(ctx.db, { organizationId: input.organizationId });
    }),

  /** a manager of a verified enterprise: a draft need of one kind */
  create: protectedProcedure
    .input(z.object({ organizationId: z.uuid(), need: needInputSchema }))
    .output(status)
    .mutation(({ ctx, input }) => needs.createNeed(ctx.db, ctx.session, { ...input.need, organizationId: input.organizationId })),

  /** a manager of the enterprise: publishes after the automatic checks (internship rules) */
  publish: protectedProcedure
    .input(z.object({ id: z.uuid() }))
    .output(status)
    .mutation(({ ctx, input }) => needs.publishNeed(ctx.db, ctx.session, input.id)),

  /** a manager of the enterprise */
  close: protectedProcedure
    .input(z.object({ id: z.uuid() }))
    .output(status)
    .mutation(({ ctx, input }) => needs.closeNeed(ctx.db, ctx.session, input.id)),

  /** anyone for a published (or past) need; drafts for the enterprise's members and admins */
  get: publicProcedure
    .input(z.object({ id: z.uuid() }))
    .output(needRow.extend({ organizationName: z.string(), regionName: z.string(), consortiumId: z.string().nullable(), consortiumName: z.string().nullable() }))
    .query(async ({ ctx, input }) => {
      const n = await getNeed(ctx.db, input.id);
      if (!n) throw new DomainError('NOT_FOUND', 'notFound');
      if (n.status === 'draft' && !ctx.session?.isPlatformAdmin && !(ctx.session && (await membershipOf(ctx.db, n.organizationId, ctx.session.userId))))
        throw new DomainError('NOT_FOUND', 'notFound');
      const consortium = n.consortiumId ? await getConsortium(ctx.db, n.consortiumId) : null;
      return { ...n, consortiumName: consortium?.name ?? null };
    }),

  /** members of the organisation: its needs in every status */
  mine: protectedProcedure
    .input(z.object({ organizationId: z.uuid() }))
    .output(z.array(needRow))
    .query(async ({ ctx, input }) => {
      await requireRole(ctx.db, ctx.session, input.organizationId, anyMember);
      return listNeedsOfOrganization(ctx.db, input.organizationId);
    }),

  /** a manager of the enterprise: a draft freely; a published need only in the applicants' favour, checked again; history kept, applicants told */
  update: protectedProcedure
    .input(z.object({ id: z.uuid(), data: needInputSchema }))
    .output(z.object({ id: z.string(), status: z.enum(needStatuses), changed: z.array(z.string()) }))
    .mutation(({ ctx, input }) => edits.editNeed(ctx.db, ctx.session, input)),

  /** members of the enterprise and admins: the need's edits and publishing, newest first */
  history: protectedProcedure
    .input(z.object({ id: z.uuid() }))
    .output(z.array(z.object({ id: z.number(), at: z.date(), action: z.string(), before: z.unknown(), after: z.unknown(), actorName: z.string().nullable() })))
    .query(async ({ ctx, input }) => {
      const n = await getNeed(ctx.db, input.id);
      if (!n) throw new DomainError('NOT_FOUND', 'notFound');
      if (!ctx.session.isPlatformAdmin) await requireRole(ctx.db, ctx.session, n.organizationId, anyMember);
      return needHistory(ctx.db, n.id);
    }),

  /** anyone: published needs still open to apply, by kind, region (any level), major (code or its start) and keyword; keyset-paginated; no contacts */
  search: publicProcedure
    .input(
      z.object({
        kind: z.enum(needKinds).optional(),
        regionCode: regionCodeSchema.optional(),
        major: z.string().regex(/^\d{2}(\d{2}(\d{2})?)?$/, { message: 'major.unknown' }).optional(),
        q: z.string().trim().max(50).optional(),
        sort: z.enum(['deadline', 'newest']).default('deadline'),
        cursor: z.string().max(200).optional(),
        limit: z.number().int().min(1).max(50).default(20),
      }),
    )
    .output(z.object({ items: z.array(needHit), nextCursor: z.string().nullable() }))
    .query(async ({ ctx, input }) => {
      const after = input.cursor ? decodeCursor(input.cursor) : undefined;
      const rows = await searchNeeds(ctx.readDb, { kind: input.kind, regionCode: input.regionCode, major: input.major, q: input.q || undefined, sort: input.sort, today: todayInChina(), after, limit: input.limit + 1 });
      const page = rows.slice(0, input.limit);
      const last = page.at(-1);
      return {
        items: page.map(({ k1: _k, ...r }) => ({ ...r, remaining: r.headcount === null ? null : Math.max(0, r.headcount - r.accepted) })),
        nextCursor: rows.length > input.limit && last ? encodeCursor([Number(last.k1), last.id]) : null,
      };
    }),

  /** members of the enterprise and admins: cohorts ranked for the need, with the parts of each score */
  recommendCohorts: protectedProcedure
    .input(z.object({ needId: z.uuid(), limit: z.number().int().min(1).max(50).default(20) }))
    .output(z.array(z.object({ cohort: z.object({ id: z.string(), organizationId: z.string(), organizationName: z.string(), regionCode: z.string(), majorCode: z.string(), year: z.number(), students: z.number(), windowFrom: z.string(), windowTo: z.string() }), score })))
    .query(({ ctx, input }) => needs.recommendCohorts(ctx.db, ctx.session, input)),
});

export const cohortsRouter = router({
  /** a manager of a verified school */
  create: protectedProcedure
    .input(cohortFields.extend({ organizationId: z.uuid() }).superRefine(refineCohort))
    .output(z.object({ id: z.string(), status: z.enum(cohortStatuses) }))
    .mutation(({ ctx, input }) => needs.createCohort(ctx.db, ctx.session, input)),

  /** members of the school */
  mine: protectedProcedure
    .input(z.object({ organizationId: z.uuid() }))
    .output(z.array(cohortRow))
    .query(async ({ ctx, input }) => {
      await requireRole(ctx.db, ctx.session, input.organizationId, anyMember);
      return listCohortsOfOrganization(ctx.db, input.organizationId);
    }),

  /** members of the school and admins: all of it; members of other verified organisations: an open cohort, contacts masked */
  get: protectedProcedure
    .input(z.object({ id: z.uuid() }))
    .output(cohortView)
    .query(({ ctx, input }) => edits.getCohortView(ctx.db, ctx.session, input.id)),

  /** a manager of the school: an open cohort; major, level and year stay once applied for; students not below those taken */
  update: protectedProcedure
    .input(z.object({ id: z.uuid(), data: cohortFields.superRefine(refineCohort) }))
    .output(z.object({ id: z.string(), status: z.enum(cohortStatuses) }))
    .mutation(({ ctx, input }) => edits.editCohort(ctx.db, ctx.session, input)),

  /** a manager of the school */
  close: protectedProcedure
    .input(z.object({ id: z.uuid() }))
    .output(z.object({ id: z.string(), status: z.enum(cohortStatuses) }))
    .mutation(({ ctx, input }) => edits.closeCohort(ctx.db, ctx.session, input.id)),

  /** members of the school and admins: needs ranked for the cohort, with the parts of each score */
  recommendNeeds: protectedProcedure
    .input(z.object({ cohortId: z.uuid(), limit: z.number().int().min(1).max(50).default(20) }))
    .output(z.array(z.object({ need: z.object({ id: z.string(), organizationId: z.string(), organizationName: z.string(), kind: z.string(), title: z.string(), regionCode: z.string(), headcount: z.number().nullable(), accepted: z.number(), deadline: z.string() }), score })))
    .query(({ ctx, input }) => needs.recommendNeeds(ctx.db, ctx.session, input)),
});
