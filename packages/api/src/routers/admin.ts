import { z } from 'zod';
import { listChangeRequests } from '@ronghe/db/queries/organization-changes';
import { changeRequestStatuses, organizationKinds, organizationStatuses } from '@ronghe/domain/organization';
import { approveChange, rejectChange } from '../services/organization-changes.ts';
import { decideOrganization, verificationQueue } from '../services/organizations.ts';
import { vouchedValuesOutput } from './organizations.ts';
import * as audit from '../services/audit.ts';
import { auditEntry } from '../services/audit.ts';
import { messageChannels, messageStatuses } from '@ronghe/domain/outbox';
import { outbox, retryMessage } from '../services/outbox.ts';
import { adminProcedure, router } from '../trpc.ts';

const reason = z.string().trim().min(2, { message: 'reason.required' }).max(500);
const decision = z.object({ id: z.string(), status: z.enum(organizationStatuses) });
const registeredBy = z.object({ name: z.string(), identifier: z.string() }).nullable();
const changeDecision = z.object({ id: z.string(), status: z.enum(changeRequestStatuses) });

// Every procedure here is for platform admins only (adminProcedure).
export const adminRouter = router({
  /** the registrations of one status, each with its registrant, its evidence and the competing claims to its code */
  queue: adminProcedure
    .input(z.object({ status: z.enum(organizationStatuses).default('pending'), limit: z.number().int().min(1).max(200).default(50) }))
    .output(
      z.array(
        z.object({
          id: z.string(),
          kind: z.enum(organizationKinds),
          name: z.string(),
          status: z.enum(organizationStatuses),
          uscc: z.string().nullable(),
          schoolCode: z.string().nullable(),
          regionName: z.string(),
          provinceCode: z.string(),
          address: z.string(),
          description: z.string(),
          contactName: z.string(),
          contactPhone: z.string(),
          registeredBy,
          createdAt: z.date(),
          statusReason: z.string().nullable(),
          competing: z.array(
            z.object({
              id: z.string(),
              name: z.string(),
              status: z.enum(organizationStatuses),
              regionName: z.string(),
              address: z.string(),
              description: z.string(),
              registeredBy,
              createdAt: z.date(),
              statusReason: z.string().nullable(),
            }),
          ),
        }),
      ),
    )
    .query(({ ctx, input }) => verificationQueue(ctx.db, input.status, input.limit)),

  verify: adminProcedure
    .input(z.object({ id: z.uuid() }))
    .output(decision)
    .mutation(({ ctx, input }) => decideOrganization(ctx.db, ctx.session, input.id, 'verify', null)),

  reject: adminProcedure
    .input(z.object({ id: z.uuid(), reason }))
    .output(decision)
    .mutation(({ ctx, input }) => decideOrganization(ctx.db, ctx.session, input.id, 'reject', input.reason)),

  suspend: adminProcedure
    .input(z.object({ id: z.uuid(), reason }))
    .output(decision)
    .mutation(({ ctx, input }) => decideOrganization(ctx.db, ctx.session, input.id, 'suspend', input.reason)),

  /** changes to vouched-for values (name, codes, staff count, level, region) of verified organisations */
  changeRequests: adminProcedure
    .input(z.object({ status: z.enum(changeRequestStatuses).default('pending'), limit: z.number().int().min(1).max(200).default(50) }))
    .output(
      z.array(
        z.object({
          id: z.string(),
          organizationId: z.string(),
          organizationName: z.string(),
          kind: z.enum(organizationKinds),
          regionName: z.string(),
          status: z.enum(changeRequestStatuses),
          before: vouchedValuesOutput,
          after: vouchedValuesOutput,
          requestedByName: z.string().nullable(),
          createdAt: z.date(),
          decidedAt: z.date().nullable(),
          reason: z.string().nullable(),
        }),
      ),
    )
    .query(({ ctx, input }) => listChangeRequests(ctx.db, input.status, input.limit)),

  approveChange: adminProcedure
    .input(z.object({ id: z.uuid() }))
    .output(changeDecision)
    .mutation(({ ctx, input }) => approveChange(ctx.db, ctx.session, input.id)),

  rejectChange: adminProcedure
    .input(z.object({ id: z.uuid(), reason }))
    .output(changeDecision)
    .mutation(({ ctx, input }) => rejectChange(ctx.db, ctx.session, input.id, input.reason)),

  auditLog: adminProcedure
    .input(
      z.object({
        entity: z.string().max(50).optional(),
        action: z.string().max(50).optional(),
        organizationId: z.uuid().optional(),
        cursor: z.number().int().positive().nullish(),
        limit: z.number().int().min(1).max(200).default(50),
      }),
    )
    .output(z.object({ items: z.array(auditEntry), next: z.number().nullable() }))
    .query(({ ctx, input }) => audit.auditLog(ctx.db, input)),

  /** every email and text message, newest first; undelivered ones with their text (services/outbox.ts) */
  outbox: adminProcedure
    .input(
      z.object({
        status: z.enum(messageStatuses).optional(),
        page: z.number().int().min(1).max(10_000).default(1),
        pageSize: z.number().int().min(1).max(100).default(20),
      }),
    )
    .output(
      z.object({
        total: z.number(),
        items: z.array(
          z.object({
            id: z.string(),
            channel: z.enum(messageChannels),
            recipient: z.string(),
            purpose: z.string(),
            subject: z.string(),
            body: z.string().nullable(),
            status: z.enum(messageStatuses),
            attempts: z.number(),
            lastError: z.string().nullable(),
            createdAt: z.date(),
            sentAt: z.date().nullable(),
          }),
        ),
      }),
    )
    .query(({ ctx, input }) => outbox(ctx.db, input)),

  retryMessage: adminProcedure
    .input(z.object({ id: z.uuid() }))
    .output(z.object({ ok: z.literal(true) }))
    .mutation(({ ctx, input }) => retryMessage(ctx.notifier, input.id)),
});
