import { createCallerFactory, router } from './trpc.ts';
import { organizationsRouter } from './routers/organizations.ts';
import { referenceRouter } from './routers/reference.ts';
import { accountRouter } from './routers/account.ts';
import { adminRouter } from './routers/admin.ts';
import { invitationsRouter } from './routers/invitations.ts';
import { importsRouter } from './routers/imports.ts';

export const appRouter = router({
  reference: referenceRouter,
  organizations: organizationsRouter,
  account: accountRouter,
  invitations: invitationsRouter,
  admin: adminRouter,
  imports: importsRouter,
});

export type AppRouter = typeof appRouter;

export const createCaller = createCallerFactory(appRouter);
