import type { inferRouterOutputs } from '@trpc/server';
import { createCallerFactory, router } from './trpc.ts';
import { organizationsRouter } from './routers/organizations.ts';
import { referenceRouter } from './routers/reference.ts';
import { accountRouter } from './routers/account.ts';
import { adminRouter } from './routers/admin.ts';
import { invitationsRouter } from './routers/invitations.ts';
import { importsRouter } from './routers/imports.ts';
import { consortiaRouter } from './routers/consortia.ts';
import { notificationsRouter } from './routers/notifications.ts';
import { trainingBasesRouter } from './routers/training-bases.ts';
import { baseBookingsRouter } from './routers/base-bookings.ts';
import { needsRouter } from './routers/needs.ts';
import { cohortsRouter } from './routers/cohorts.ts';
import { placementsRouter, projectsRouter } from './routers/cooperation.ts';
import { roundsRouter } from './routers/rounds.ts';
import { monitoringRouter } from './routers/monitoring.ts';
import { planTasksRouter } from './routers/plan-tasks.ts';
import { supplyDemandRouter } from './routers/supply-demand.ts';
import { annualReportRouter } from './routers/annual-report.ts';
import { designationsRouter } from './routers/designations.ts';

export const appRouter = router({
  reference: referenceRouter,
  organizations: organizationsRouter,
  account: accountRouter,
  invitations: invitationsRouter,
  admin: adminRouter,
  imports: importsRouter,
  consortia: consortiaRouter,
  notifications: notificationsRouter,
  trainingBases: trainingBasesRouter,
  baseBookings: baseBookingsRouter,
  needs: needsRouter,
  cohorts: cohortsRouter,
  placements: placementsRouter,
  projects: projectsRouter,
  rounds: roundsRouter,
  monitoring: monitoringRouter,
  planTasks: planTasksRouter,
  supplyDemand: supplyDemandRouter,
  annualReport: annualReportRouter,
  designations: designationsRouter,
});

export type AppRouter = typeof appRouter;
/** What each procedure returns, for the web's components that take query data as props. */
export type RouterOutputs = inferRouterOutputs<AppRouter>;

export const createCaller = createCallerFactory(appRouter);
