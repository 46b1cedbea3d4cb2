import { z } from 'zod';
import { consortiumStats } from '@ronghe/db/queries/consortia';
import {
  consortiumInputSchema,
  consortiumItemKinds,
  consortiumKinds,
  consortiumLevels,
  consortiumMembershipStatuses,
  consortiumRoles,
  consortiumStatuses,
  councilPositions,
} from '@ronghe/domain/consortium';
import { organizationKinds } from '@ronghe/domain/organization';
import { regionCodeSchema } from '@ronghe/domain/reference/regions';
import * as consortia from '../services/consortia.ts';
import { addConsortiumItem, removeConsortiumItem } from '../services/consortium-items.ts';
import {
  consortiaOfOrganization,
  consortiumDirectory,
  directoryFilter as filterFor,
  getConsortiumDetail,
} from '../services/consortium-view.ts';
import { exportDirectory, exportMembers } from '../services/consortium-export.ts';
import { adminProcedure, protectedProcedure, publicProcedure, router } from '../trpc.ts';

const ok = z.object({ ok: z.literal(true) });
const done = { ok: true as const };
const reason = z.string().trim().min(2, { message: 'reason.required' }).max(500);

const listItem = z.object({
  id: z.string(),
  kind: z.enum(consortiumKinds),
  level: z.enum(consortiumLevels),
  name: z.string(),
  status: z.enum(consortiumStatuses),
  industryCode: z.string().nullable(),
  memberCount: z.number(),
  counts: z.object({ school: z.number(), enterprise: z.number(), partner: z.number() }),
});

/** an active member: public */
const member = z.object({
  organizationId: z.string(),
  name: z.string(),
  kind: z.enum(organizationKinds),
  regionCode: z.string(),
  regionName: z.string(),
  regionParentCode: z.string().nullable(),
  provinceCode: z.string(),
  role: z.enum(consortiumRoles),
  councilPosition: z.enum(councilPositions).nullable(),
  joinedAt: z.date().nullable(),
});

/** an application or invitation: only for the organisation's own members, the lead's managers and admins */
const request = z.object({
  organizationId: z.string(),
  name: z.string(),
  kind: z.enum(organizationKinds),
  regionName: z.string(),
  provinceCode: z.string(),
  role: z.enum(consortiumRoles),
  councilPosition: z.enum(councilPositions).nullable(),
  status: z.enum(['applied', 'invited', 'declined']),
  message: z.string(),
});

const detail = z.object({
  id: z.string(),
  kind: z.enum(consortiumKinds),
  level: z.enum(consortiumLevels),
  name: z.string(),
  status: z.enum(consortiumStatuses),
  statusReason: z.string().nullable(),
  industryCode: z.string().nullable(),
  industryName: z.string().nullable(),
  gaojingjian: z.string().nullable(),
  anchorRegionName: z.string(),
  anchorProvinceCode: z.string(),
  foundedOn: z.string().nullable(),
  charter: z.string(),
  goals: z.string(),
  proposerName: z.string(),
  approvedAt: z.date().nullable(),
  members: z.array(member),
  requests: z.array(request),
  events: z.array(
    z.object({
      id: z.number(),
      at: z.date(),
      type: z.string(),
      organizationName: z.string().nullable(),
      detail: z.object({ role: z.string().optional(), title: z.string().optional(), reason: z.string().optional() }),
    }),
  ),
  items: z.array(z.object({ id: z.string(), kind: z.enum(consortiumItemKinds), title: z.string(), description: z.string() })),
});

const file = z.object({ filename: z.string(), base64: z.string() });
const directoryFilter = z.object({
  kind: z.enum(consortiumKinds).optional(),
  level: z.enum(consortiumLevels).optional(),
  status: z.enum(consortiumStatuses).optional(),
  industryCode: z
    .string()
    .regex(/^\d{2}$/)
    .optional(),
  regionCode: regionCodeSchema.optional(),
  q: z.string().trim().max(50).optional(),
  sort: z.enum(['members', 'date']).default('members'),
});

export const consortiaRouter = router({
  /** anyone: active consortia by kind, level and province (targets T01/T02) */
  stats: publicProcedure
    .output(
      z.array(z.object({ kind: z.enum(consortiumKinds), level: z.enum(consortiumLevels), provinceCode: z.string(), count: z.number() })),
    )
    .query(({ ctx }) => consortiumStats(ctx.db)),

  /** anyone: the directory of active consortia; admins may list any status */
  list: publicProcedure
    .input(
      directoryFilter.extend({
        page: z.number().int().min(1).max(10_000).default(1),
        pageSize: z.number().int().min(1).max(100).default(20),
      }),
    )
    .output(z.object({ total: z.number(), items: z.array(listItem) }))
    .query(({ ctx, input }) => consortiumDirectory(ctx.db, ctx.session, input)),

  /** anyone for active (and past) consortia; drafts and proposals only for their members and admins. Applications and invitations: see getConsortiumDetail */
  get: publicProcedure
    .input(z.object({ id: z.uuid() }))
    .output(detail)
    .query(({ ctx, input }) => getConsortiumDetail(ctx.db, ctx.session, input.id)),

  /** members of the organisation: the consortia it belongs to, has applied to or is invited to */
  ofOrganization: protectedProcedure
    .input(z.object({ organizationId: z.uuid() }))
    .output(
      z.array(
        z.object({
          id: z.string(),
          name: z.string(),
          kind: z.enum(consortiumKinds),
          status: z.enum(consortiumStatuses),
          membershipStatus: z.enum(consortiumMembershipStatuses),
        }),
      ),
    )
    .query(({ ctx, input }) => consortiaOfOrganization(ctx.db, ctx.session, input.organizationId)),

  /** anyone: the directory (same filters) as an Excel file */
  exportDirectory: publicProcedure
    .input(directoryFilter)
    .output(file)
    .query(({ ctx, input }) => exportDirectory(ctx.db, filterFor(ctx.session, input), ctx.lang)),

  /** anyone: the active members of an active (or past) consortium as an Excel file */
  exportMembers: publicProcedure
    .input(z.object({ id: z.uuid() }))
    .output(file)
    .query(({ ctx, input }) => exportMembers(ctx.db, input.id, ctx.lang)),

  /** a manager of a verified organisation, which becomes the first lead */
  propose: protectedProcedure
    .input(consortiumInputSchema.extend({ organizationId: z.uuid() }))
    .output(z.object({ id: z.string(), status: z.enum(consortiumStatuses) }))
    .mutation(({ ctx, input }) => consortia.propose(ctx.db, ctx.session, input)),

  /** a manager of a lead organisation */
  update: protectedProcedure
    .input(
      z.object({
        id: z.uuid(),
        organizationId: z.uuid(),
        data: consortiumInputSchema.pick({ charter: true, goals: true, foundedOn: true, gaojingjian: true }).partial(),
      }),
    )
    .output(z.object({ id: z.string() }))
    .mutation(({ ctx, input }) => consortia.update(ctx.db, ctx.session, input)),

  /** a manager of a lead organisation */
  invite: protectedProcedure
    .input(
      z.object({
        consortiumId: z.uuid(),
        actingOrganizationId: z.uuid(),
        organizationId: z.uuid(),
        role: z.enum(consortiumRoles),
        councilPosition: z.enum(councilPositions).nullish(),
      }),
    )
    .output(ok)
    .mutation(async ({ ctx, input }) => {
      await consortia.invite(ctx.db, ctx.session, input);
      return done;
    }),

  /** a manager of a verified organisation */
  applyFor: protectedProcedure
    .input(z.object({ consortiumId: z.uuid(), organizationId: z.uuid(), message: z.string().trim().max(1000).default('') }))
    .output(ok)
    .mutation(async ({ ctx, input }) => {
      await consortia.applyFor(ctx.db, ctx.session, input);
      return done;
    }),

  /** a manager of a lead organisation */
  decide: protectedProcedure
    .input(z.object({ consortiumId: z.uuid(), actingOrganizationId: z.uuid(), organizationId: z.uuid(), accept: z.boolean() }))
    .output(ok)
    .mutation(async ({ ctx, input }) => {
      await consortia.decide(ctx.db, ctx.session, input);
      return done;
    }),

  /** a manager of the invited organisation */
  respond: protectedProcedure
    .input(z.object({ consortiumId: z.uuid(), organizationId: z.uuid(), accept: z.boolean() }))
    .output(ok)
    .mutation(async ({ ctx, input }) => {
      await consortia.respond(ctx.db, ctx.session, input);
      return done;
    }),

  /** a manager of the member organisation */
  leave: protectedProcedure
    .input(z.object({ consortiumId: z.uuid(), organizationId: z.uuid() }))
    .output(ok)
    .mutation(async ({ ctx, input }) => {
      await consortia.leave(ctx.db, ctx.session, input);
      return done;
    }),

  /** a manager of a lead organisation */
  submit: protectedProcedure
    .input(z.object({ consortiumId: z.uuid(), organizationId: z.uuid() }))
    .output(z.object({ id: z.string(), status: z.enum(consortiumStatuses) }))
    .mutation(({ ctx, input }) => consortia.submit(ctx.db, ctx.session, input)),

  /** a manager of a lead organisation */
  addItem: protectedProcedure
    .input(
      z.object({
        consortiumId: z.uuid(),
        organizationId: z.uuid(),
        kind: z.enum(consortiumItemKinds),
        title: z.string().trim().min(2).max(100),
        description: z.string().trim().max(2000).default(''),
      }),
    )
    .output(z.object({ id: z.string() }))
    .mutation(({ ctx, input }) => addConsortiumItem(ctx.db, ctx.session, input)),

  /** a manager of a lead organisation */
  removeItem: protectedProcedure
    .input(z.object({ consortiumId: z.uuid(), organizationId: z.uuid(), itemId: z.uuid() }))
    .output(ok)
    .mutation(async ({ ctx, input }) => {
      await removeConsortiumItem(ctx.db, ctx.session, input);
      return done;
    }),

  /** platform admins */
  review: adminProcedure
    .input(
      z.discriminatedUnion('decision', [
        z.object({ consortiumId: z.uuid(), decision: z.literal('approve') }),
        z.object({ consortiumId: z.uuid(), decision: z.literal('reinstate') }),
        z.object({ consortiumId: z.uuid(), decision: z.literal('return'), reason }),
        z.object({ consortiumId: z.uuid(), decision: z.literal('suspend'), reason }),
        z.object({ consortiumId: z.uuid(), decision: z.literal('dissolve'), reason }),
      ]),
    )
    .output(z.object({ id: z.string(), status: z.enum(consortiumStatuses) }))
    .mutation(({ ctx, input }) =>
      consortia.review(ctx.db, ctx.session, {
        consortiumId: input.consortiumId,
        decision: input.decision,
        reason: 'reason' in input ? input.reason : null,
      }),
    ),
});
