import { z } from 'zod';
import { listAudit } from '@ronghe/db/queries/audit';
import { listOrganizationsByStatus } from '@ronghe/db/queries/organizations';
import { organizationKinds, organizationStatuses } from '@ronghe/domain/organization';
import { decideOrganization } from '../services/organizations.ts';
import { adminProcedure, router } from '../trpc.ts';

const reason = z.string().trim().min(2, { message: 'reason.required' }).max(500);
const decision = z.object({ id: z.string(), status: z.enum(organizationStatuses) });

// Every procedure here is for platform admins only (adminProcedure).
export const adminRouter = router({
  queue: adminProcedure
    .input(z.object({ status: z.enum(organizationStatuses).default('pending'), limit: z.number().int().min(1).max(200).default(50) }))
    .output(
      z.array(
        z.object({
          id: z.string(),
          kind: z.enum(organizationKinds),
          name: z.string(),
          uscc: z.string().nullable(),
          schoolCode: z.string().nullable(),
          regionName: z.string(),
          provinceCode: z.string(),
          createdAt: z.date(),
          statusReason: z.string().nullable(),
        }),
      ),
    )
    .query(({ ctx, input }) => listOrganizationsByStatus(ctx.db, input.status, input.limit)),

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

  auditLog: adminProcedure
    .input(z.object({ entity: z.string().max(50).optional(), action: z.string().max(50).optional(), organizationId: z.uuid().optional(), cursor: z.number().int().positive().nullish(), limit: z.number().int().min(1).max(200).default(50) }))
    .output(
      z.object({
        items: z.array(
          z.object({
            id: z.number(),
            at: z.date(),
            action: z.string(),
            entity: z.string(),
            entityId: z.string(),
            before: z.unknown(),
            after: z.unknown(),
            organizationId: z.string().nullable(),
            actorUserId: z.string().nullable(),
            actorName: z.string().nullable(),
          }),
        ),
        next: z.number().nullable(),
      }),
    )
    .query(async ({ ctx, input }) => {
      const rows = await listAudit(ctx.db, { ...input, beforeId: input.cursor ?? undefined, limit: input.limit + 1 });
      const items = rows.slice(0, input.limit);
      return { items, next: rows.length > input.limit ? (items.at(-1)?.id ?? null) : null };
    }),
});
