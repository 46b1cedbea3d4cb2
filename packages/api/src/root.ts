import { createCallerFactory, router } from './trpc.ts';
import { organizationsRouter } from './routers/organizations.ts';
import { referenceRouter } from './routers/reference.ts';

export const appRouter = router({
  reference: referenceRouter,
  organizations: organizationsRouter,
});

export type AppRouter = typeof appRouter;

export const createCaller = createCallerFactory(appRouter);
