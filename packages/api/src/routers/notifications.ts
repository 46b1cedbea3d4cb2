import { z } from 'zod';
import { countUnread, listMine, markRead } from '../services/notifications.ts';
import { protectedProcedure, router } from '../trpc.ts';

// The bell: every procedure acts on the caller's own notifications only, in the caller's language.
export const notificationsRouter = router({
  /** signed in */
  list: protectedProcedure
    .input(z.object({ limit: z.number().int().min(1).max(100).default(20) }))
    .output(
      z.array(
        z.object({
          id: z.string(),
          type: z.string(),
          title: z.string(),
          link: z.string(),
          readAt: z.date().nullable(),
          createdAt: z.date(),
        }),
      ),
    )
    .query(({ ctx, input }) => listMine(ctx.db, ctx.session.userId, ctx.lang, input.limit)),

  /** signed in */
  unreadCount: protectedProcedure.output(z.number()).query(({ ctx }) => countUnread(ctx.db, ctx.session.userId)),

  /** signed in: these, or all when ids is omitted */
  markRead: protectedProcedure
    .input(z.object({ ids: z.array(z.uuid()).max(100).optional() }))
    .output(z.object({ ok: z.literal(true) }))
    .mutation(({ ctx, input }) => markRead(ctx.db, ctx.session.userId, input.ids ?? null)),
});
