import { z } from 'zod';
import { agreementInput, agreementStatuses, milestoneInput, placementStatuses, projectStatuses } from '@ronghe/domain/cooperation';
import { needKinds } from '@ronghe/domain/need';
import * as cooperation from '../services/cooperation.ts';
import { protectedProcedure, router } from '../trpc.ts';

const phases = ['awaiting_agreement', 'ready', 'blocked', 'running', 'finished', 'cancelled'] as const;

const placement = z.object({
  id: z.string(),
  needId: z.string(),
  needTitle: z.string(),
  enterpriseId: z.string(),
  enterpriseName: z.string(),
  schoolId: z.string(),
  schoolName: z.string(),
  students: z.number(),
  periodFrom: z.string(),
  periodTo: z.string(),
  status: z.enum(placementStatuses),
  agreementStatus: z.enum(agreementStatuses),
  agreementReference: z.string().nullable(),
  agreementSignedOn: z.string().nullable(),
  agreementConfirmedAt: z.date().nullable(),
  /** the signed agreement's scan, for either side to download */
  agreementFileUrl: z.string().nullable(),
  phase: z.enum(phases),
});

const project = z.object({
  id: z.string(),
  needId: z.string(),
  kind: z.enum(needKinds),
  title: z.string(),
  size: z.number().nullable(),
  status: z.enum(projectStatuses),
  enterpriseId: z.string(),
  enterpriseName: z.string(),
  schoolId: z.string(),
  schoolName: z.string(),
  createdAt: z.date(),
  completedAt: z.date().nullable(),
  milestones: z.number(),
  milestonesDone: z.number(),
});

/** 实习安排: accepted internships and their tripartite agreements. */
export const placementsRouter = router({
  /** members of the organisation (either side); admins may omit it to see all */
  list: protectedProcedure
    .input(z.object({ organizationId: z.uuid().optional() }))
    .output(z.array(placement))
    .query(({ ctx, input }) => cooperation.placementsOf(ctx.db, ctx.session, input.organizationId)),

  /** a manager of the school: the agreement's number and signing date, and optionally its uploaded scan */
  recordAgreement: protectedProcedure
    .input(agreementInput.extend({ id: z.uuid(), agreementFileId: z.uuid().optional() }))
    .output(z.object({ id: z.string(), agreementStatus: z.enum(agreementStatuses) }))
    .mutation(({ ctx, input }) => cooperation.recordAgreement(ctx.db, ctx.session, input)),

  /** a manager of the enterprise, once the school has recorded it */
  confirmAgreement: protectedProcedure
    .input(z.object({ id: z.uuid() }))
    .output(z.object({ id: z.string(), agreementStatus: z.enum(agreementStatuses) }))
    .mutation(({ ctx, input }) => cooperation.confirmAgreement(ctx.db, ctx.session, input)),
});

/** 合作项目: what accepted non-internship needs become, followed through milestones. */
export const projectsRouter = router({
  /** members of the organisation (either side); admins may omit it to see all */
  list: protectedProcedure
    .input(z.object({ organizationId: z.uuid().optional() }))
    .output(z.array(project))
    .query(({ ctx, input }) => cooperation.projectsOf(ctx.db, ctx.session, input.organizationId)),

  /** members of either side, and admins */
  get: protectedProcedure
    .input(z.object({ id: z.uuid() }))
    .output(
      project.extend({
        milestoneList: z.array(
          z.object({ id: z.string(), position: z.number(), title: z.string(), dueOn: z.string().nullable(), doneAt: z.date().nullable() }),
        ),
      }),
    )
    .query(({ ctx, input }) => cooperation.projectFor(ctx.db, ctx.session, input.id)),

  /** a manager of either side, while the project is active */
  addMilestone: protectedProcedure
    .input(milestoneInput.extend({ projectId: z.uuid() }))
    .output(z.object({ id: z.string() }))
    .mutation(({ ctx, input }) => cooperation.addMilestone(ctx.db, ctx.session, input)),

  /** a manager of either side; the last open milestone completes the project */
  completeMilestone: protectedProcedure
    .input(z.object({ id: z.uuid() }))
    .output(z.object({ id: z.string(), projectStatus: z.enum(projectStatuses) }))
    .mutation(({ ctx, input }) => cooperation.completeMilestone(ctx.db, ctx.session, input)),
});
