import { z } from 'zod';
import { countOrganizations } from '@ronghe/db/queries/organizations';
import { identifierSchema } from '@ronghe/domain/account';
import {
  memberRoles,
  organizationInputSchema,
  organizationKinds,
  organizationStatuses,
  organizationUpdateSchema,
  partnerTypes,
  schoolLevels,
} from '@ronghe/domain/organization';
import { regionCodeSchema } from '@ronghe/domain/reference/regions';
import { membersOf, openInvitationsOf, organizationDirectory } from '../services/organization-directory.ts';
import { createOrganization, getOrganizationView, updateOrganization } from '../services/organizations.ts';
import { changeRole, invite, removeMember, revokeInvitation } from '../services/memberships.ts';
import { protectedProcedure, publicProcedure, router } from '../trpc.ts';

const listItem = z.object({
  id: z.string(),
  kind: z.enum(organizationKinds),
  name: z.string(),
  status: z.enum(organizationStatuses),
  schoolLevel: z.enum(schoolLevels).nullable(),
  industryCode: z.string().nullable(),
  regionCode: z.string(),
  regionName: z.string(),
  provinceCode: z.string(),
  isDemo: z.boolean(),
});

/** the vouched-for values a change request holds (only the fields it changes) */
export const vouchedValuesOutput = z.object({
  name: z.string().optional(),
  regionCode: z.string().optional(),
  uscc: z.string().nullable().optional(),
  schoolCode: z.string().nullable().optional(),
  schoolLevel: z.enum(schoolLevels).nullable().optional(),
  staffCount: z.number().nullable().optional(),
});

const view = z.object({
  id: z.string(),
  kind: z.enum(organizationKinds),
  name: z.string(),
  status: z.enum(organizationStatuses),
  regionCode: z.string(),
  regionName: z.string(),
  provinceCode: z.string(),
  address: z.string(),
  description: z.string(),
  uscc: z.string().nullable(),
  schoolCode: z.string().nullable(),
  schoolLevel: z.enum(schoolLevels).nullable(),
  partnerType: z.enum(partnerTypes).nullable(),
  industryCode: z.string().nullable(),
  industryName: z.string().nullable(),
  staffCount: z.number().nullable(),
  isLeadingEnterprise: z.boolean(),
  isDemo: z.boolean(),
  majors: z.array(z.object({ code: z.string(), name: z.string() })),
  contactName: z.string(),
  contactPhone: z.string(),
  myRole: z.enum(memberRoles).nullable(),
  statusReason: z.string().nullable(),
  /** members and admins: the change to vouched-for values waiting for an admin */
  pendingChange: z.object({ id: z.string(), before: vouchedValuesOutput, after: vouchedValuesOutput, createdAt: z.date() }).nullable(),
  createdAt: z.date(),
});

const orgId = z.object({ organizationId: z.uuid() });

export const organizationsRouter = router({
  /** signed in: the directory. Others see verified organisations; admins may ask for any status. */
  list: protectedProcedure
    .input(
      z.object({
        kind: z.enum(organizationKinds).optional(),
        provinceCode: z.enum(['11', '12', '13']).optional(),
        regionCode: regionCodeSchema.optional(),
        industryCode: z
          .string()
          .regex(/^\d{2}$/)
          .optional(),
        schoolLevel: z.enum(schoolLevels).optional(),
        status: z.enum(organizationStatuses).optional(),
        q: z.string().trim().max(50).optional(),
        cursor: z.object({ name: z.string(), id: z.uuid() }).nullish(),
        limit: z.number().int().min(1).max(100).default(20),
      }),
    )
    .output(z.object({ items: z.array(listItem), next: z.object({ name: z.string(), id: z.string() }).nullable() }))
    .query(({ ctx, input }) => organizationDirectory(ctx.db, ctx.session, input)),

  /** anyone: verified organisations per kind and province */
  stats: publicProcedure
    .output(z.array(z.object({ kind: z.enum(organizationKinds), provinceCode: z.string(), count: z.number() })))
    .query(({ ctx }) => countOrganizations(ctx.db)),

  /** signed in: registers an organisation, pending verification, with the caller as owner */
  create: protectedProcedure
    .input(organizationInputSchema)
    .output(z.object({ id: z.string(), status: z.enum(organizationStatuses) }))
    .mutation(({ ctx, input }) => createOrganization(ctx.db, ctx.session, input)),

  /** signed in: a verified organisation's public part for all; private part (and a non-verified organisation) for members and admins */
  get: protectedProcedure
    .input(z.object({ id: z.uuid() }))
    .output(view)
    .query(({ ctx, input }) => getOrganizationView(ctx.db, ctx.session, input.id)),

  /** owner or manager; on a verified organisation a change to vouched-for values becomes a change request */
  update: protectedProcedure
    .input(z.object({ id: z.uuid(), data: organizationUpdateSchema }))
    .output(z.object({ id: z.string(), changeRequestId: z.string().nullable() }))
    .mutation(({ ctx, input }) => updateOrganization(ctx.db, ctx.session, input.id, input.data)),

  /** any member */
  members: protectedProcedure
    .input(orgId)
    .output(
      z.array(
        z.object({
          userId: z.string(),
          name: z.string(),
          email: z.string().nullable(),
          phoneNumber: z.string().nullable(),
          role: z.enum(memberRoles),
          since: z.date(),
        }),
      ),
    )
    .query(({ ctx, input }) => membersOf(ctx.db, ctx.session, input.organizationId)),

  /** owner or manager */
  invitations: protectedProcedure
    .input(orgId)
    .output(
      z.array(
        z.object({
          id: z.string(),
          identifier: z.string(),
          role: z.enum(memberRoles),
          token: z.string(),
          expiresAt: z.date(),
          createdAt: z.date(),
        }),
      ),
    )
    .query(({ ctx, input }) => openInvitationsOf(ctx.db, ctx.session, input.organizationId)),

  /** owner or manager of a verified organisation (only owners invite owners); RONGHE_INVITATIONS_PER_DAY a day */
  invite: protectedProcedure
    .input(z.object({ organizationId: z.uuid(), identifier: identifierSchema, role: z.enum(memberRoles).default('member') }))
    .output(z.object({ id: z.string(), token: z.string(), link: z.string(), expiresAt: z.date() }))
    .mutation(({ ctx, input }) =>
      invite(ctx.db, ctx.notifier, ctx.session, { ...input, baseUrl: ctx.publicUrl, dailyLimit: ctx.invitationsPerDay }),
    ),

  /** owner or manager */
  revokeInvitation: protectedProcedure
    .input(z.object({ invitationId: z.uuid() }))
    .output(z.object({ ok: z.literal(true) }))
    .mutation(async ({ ctx, input }) => {
      await revokeInvitation(ctx.db, ctx.session, input.invitationId);
      return { ok: true as const };
    }),

  /** owner */
  setRole: protectedProcedure
    .input(z.object({ organizationId: z.uuid(), userId: z.string().min(1), role: z.enum(memberRoles) }))
    .output(z.object({ ok: z.literal(true) }))
    .mutation(async ({ ctx, input }) => {
      await changeRole(ctx.db, ctx.session, input);
      return { ok: true as const };
    }),

  /** owner (or the member themselves, to leave) */
  removeMember: protectedProcedure
    .input(z.object({ organizationId: z.uuid(), userId: z.string().min(1) }))
    .output(z.object({ ok: z.literal(true) }))
    .mutation(async ({ ctx, input }) => {
      await removeMember(ctx.db, ctx.session, input);
      return { ok: true as const };
    }),
});
