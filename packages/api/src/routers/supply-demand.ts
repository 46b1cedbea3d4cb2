import { z } from 'zod';
import { MATRIX_MAX_LIMIT, provinceCodes, schoolIndustryMatrix, supplyDemand } from '../services/supply-demand.ts';
import { adminProcedure, router } from '../trpc.ts';

// The commission's supply-and-demand map and 百校百业 matrix: platform admins only.

const level = z.enum(['short', 'balanced', 'surplus', 'none']);
const figure = {
  students: z.number(),
  stations: z.number(),
  supply: z.number(),
  demand: z.number(),
  gap: z.number(),
  ratio: z.number().nullable(),
  level,
};

const mapOutput = z.object({
  takenAt: z.date(),
  provinceCode: z.enum(provinceCodes).nullable(),
  categorySeq: z.number().nullable(),
  threshold: z.number(),
  categories: z.array(z.object({ seq: z.number(), name: z.string(), ...figure })),
  regions: z.array(z.object({ code: z.string(), name: z.string(), provinceCode: z.string(), ...figure })),
  cells: z.array(z.object({ regionCode: z.string(), categorySeq: z.number(), ...figure })),
  totals: z.object(figure),
  unmapped: z.object({ students: z.number(), demand: z.number() }),
});

const matrixOutput = z.object({
  schools: z.array(z.object({ id: z.string(), name: z.string(), regionCode: z.string(), regionName: z.string(), industries: z.number() })),
  industries: z.array(z.object({ code: z.string(), name: z.string(), schools: z.number() })),
  cells: z.array(
    z.object({
      schoolId: z.string(),
      industryCode: z.string(),
      applications: z.number(),
      placements: z.number(),
      projects: z.number(),
      consortia: z.number(),
      ties: z.number(),
    }),
  ),
  totals: z.object({ schoolsCovered: z.number(), industriesCovered: z.number(), schoolsTotal: z.number(), industriesTotal: z.number() }),
});

export const supplyDemandRouter = router({
  /** supply and demand by map region and 专业大类, for a province (京/津/冀) and a category, or all; counted at most 10 minutes ago, or now with `refresh` */
  map: adminProcedure
    .input(
      z
        .object({
          provinceCode: z.enum(provinceCodes).optional(),
          categorySeq: z.number().int().min(1).max(19).optional(),
          refresh: z.boolean().default(false),
        })
        .default({ refresh: false }),
    )
    .output(mapOutput)
    .query(({ ctx, input }) => supplyDemand(ctx.db, input)),

  /** 百校百业: schools × industries, the top schools by coverage or those matching a name */
  matrix: adminProcedure
    .input(
      z.object({ q: z.string().trim().max(50).optional(), limit: z.number().int().min(1).max(MATRIX_MAX_LIMIT).optional() }).default({}),
    )
    .output(matrixOutput)
    .query(({ ctx, input }) => schoolIndustryMatrix(ctx.db, input)),
});
