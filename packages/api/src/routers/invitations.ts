import { z } from 'zod';
import { respondToInvitation } from '../services/memberships.ts';
import { protectedProcedure, router } from '../trpc.ts';

const token = z.object({ token: z.string().min(10).max(100) });
const result = z.object({ organizationId: z.string(), accepted: z.boolean() });

export const invitationsRouter = router({
  /** signed in as the invitee */
  accept: protectedProcedure
    .input(token)
    .output(result)
    .mutation(({ ctx, input }) => respondToInvitation(ctx.db, ctx.session, input.token, true)),

  /** signed in as the invitee */
  decline: protectedProcedure
    .input(token)
    .output(result)
    .mutation(({ ctx, input }) => respondToInvitation(ctx.db, ctx.session, input.token, false)),
});
