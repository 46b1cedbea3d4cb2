import { z } from 'zod';
import { countOrganizations, listOrganizations } from '@ronghe/db/queries/organizations';
import { organizationKinds, organizationStatuses, schoolLevels } from '@ronghe/domain/organization';
import { publicProcedure, router } from '../trpc.ts';

// The public directory shows organisations' public fields only (name, kind, region, level);
// contacts and members arrive with accounts (issue 3) and are never public.

const listItem = z.object({
  id: z.string(),
  kind: z.enum(organizationKinds),
  name: z.string(),
  status: z.enum(organizationStatuses),
  schoolLevel: z.enum(schoolLevels).nullable(),
  regionCode: z.string(),
  regionName: z.string(),
  provinceCode: z.string(),
  isDemo: z.boolean(),
});

export const organizationsRouter = router({
  list: publicProcedure
    .input(
      z.object({
        kind: z.enum(organizationKinds).optional(),
        provinceCode: z.enum(['11', '12', '13']).optional(),
        q: z.string().trim().max(50).optional(),
        cursor: z.object({ name: z.string(), id: z.uuid() }).nullish(),
        limit: z.number().int().min(1).max(100).default(20),
      }),
    )
    .output(z.object({ items: z.array(listItem), next: z.object({ name: z.string(), id: z.string() }).nullable() }))
    .query(async ({ ctx, input }) => {
      const rows = await listOrganizations(ctx.db, { ...input, q: input.q || undefined, after: input.cursor ?? undefined, limit: input.limit + 1 });
      const items = rows.slice(0, input.limit);
      const last = items.at(-1);
      return { items, next: rows.length > input.limit && last ? { name: last.name, id: last.id } : null };
    }),

  stats: publicProcedure
    .output(z.array(z.object({ kind: z.enum(organizationKinds), provinceCode: z.string(), count: z.number() })))
    .query(({ ctx }) => countOrganizations(ctx.db)),
});
