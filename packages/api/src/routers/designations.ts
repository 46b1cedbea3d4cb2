import { z } from 'zod';
import { addClusterInput, removeClusterInput, setSchoolDesignationsInput } from '@ronghe/domain/designations';
import { clusterDesignations, schoolDesignations } from '@ronghe/domain/monitoring';
import { addCluster, listForSchool, removeCluster, setSchoolDesignations } from '../services/designations.ts';
import { adminProcedure, publicProcedure, router } from '../trpc.ts';

const designations = z.array(z.enum(schoolDesignations));

const cluster = z.object({
  id: z.string(),
  name: z.string(),
  designation: z.enum(clusterDesignations),
  majors: z.array(z.object({ code: z.string(), name: z.string() })),
  designatedOn: z.string().nullable(),
});

// 双高 and 高水平专业群: public honours, recorded by platform admins, counted by T04–T09.
export const designationsRouter = router({
  /** anyone: a school's designations and clusters */
  ofSchool: publicProcedure
    .input(z.object({ organizationId: z.uuid() }))
    .output(z.object({ organizationId: z.string(), designations, clusters: z.array(cluster) }))
    .query(({ ctx, input }) => listForSchool(ctx.db, input.organizationId)),

  /** admin: replaces a school's designations */
  setSchool: adminProcedure
    .input(setSchoolDesignationsInput)
    .output(z.object({ organizationId: z.string(), designations }))
    .mutation(({ ctx, input }) => setSchoolDesignations(ctx.db, ctx.session, input)),

  /** admin: records a national or Beijing 高水平专业群 of a school */
  addCluster: adminProcedure
    .input(addClusterInput)
    .output(z.object({ id: z.string() }))
    .mutation(({ ctx, input }) => addCluster(ctx.db, ctx.session, input)),

  /** admin */
  removeCluster: adminProcedure
    .input(removeClusterInput)
    .output(z.object({ ok: z.literal(true) }))
    .mutation(({ ctx, input }) => removeCluster(ctx.db, ctx.session, input.clusterId)),
});
