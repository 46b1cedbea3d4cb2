import { z } from 'zod';
import { listIndustries, listMajorCategories, listMajors, listPlanTargets, listRegions } from '@ronghe/db/queries/reference';
import { gaojingjianIndustries } from '@ronghe/domain/reference/industries';
import { regionLevels } from '@ronghe/domain/reference/regions';
import { majorLevels } from '@ronghe/domain/reference/majors';
import { publicProcedure, router } from '../trpc.ts';

// Reference data: public, needs no sign-in.

const region = z.object({
  code: z.string(),
  name: z.string(),
  level: z.enum(regionLevels),
  parentCode: z.string().nullable(),
  provinceCode: z.string(),
  statutory: z.boolean(),
});

const majorCategory = z.object({
  seq: z.number(),
  name: z.string(),
  codeZhongzhi: z.string(),
  codeGaozhi: z.string(),
  codeBenke: z.string(),
});
const major = z.object({
  code: z.string(),
  name: z.string(),
  level: z.enum(majorLevels),
  classCode: z.string(),
  className: z.string(),
  categorySeq: z.number(),
  starter: z.boolean(),
});
const industry = z.object({ code: z.string(), level: z.enum(['section', 'division']), section: z.string(), name: z.string() });
const gaojingjian = z.object({ framework: z.string(), seq: z.number(), name: z.string(), group: z.string().nullable() });
const target = z.object({
  code: z.string(),
  nameZh: z.string(),
  nameEn: z.string(),
  unit: z.string(),
  target2027: z.number(),
  targetText: z.string(),
  source: z.enum(['computed', 'reported']),
});

export const referenceRouter = router({
  regions: publicProcedure.output(z.array(region)).query(({ ctx }) => listRegions(ctx.db)),

  majors: publicProcedure
    .output(z.object({ categories: z.array(majorCategory), majors: z.array(major) }))
    .query(async ({ ctx }) => ({ categories: await listMajorCategories(ctx.db), majors: await listMajors(ctx.db) })),

  industries: publicProcedure
    .output(z.object({ gbt4754: z.array(industry), gaojingjian: z.array(gaojingjian) }))
    .query(async ({ ctx }) => ({ gbt4754: await listIndustries(ctx.db), gaojingjian: [...gaojingjianIndustries] })),

  targets: publicProcedure.output(z.array(target)).query(({ ctx }) => listPlanTargets(ctx.db)),
});
