import { z } from 'zod';
import { indicatorSources, ragStatuses } from '@ronghe/domain/monitoring';
import { planTaskFlags, planTaskStatuses } from '@ronghe/domain/plan-task';
import { todayInChina } from '@ronghe/domain/training-base';
import { annualReportWorkbook, buildAnnualReport, FIRST_REPORT_YEAR, reportFilename } from '../services/annual-report.ts';
import { adminProcedure, router } from '../trpc.ts';

// 年度实施报告: the commission's yearly report, as data for the printable page and as an Excel workbook.
const yearInput = z.object({
  year: z
    .number()
    .int({ message: 'report.yearOutOfRange' })
    .min(FIRST_REPORT_YEAR, { message: 'report.yearOutOfRange' })
    .refine((y) => y <= Number(todayInChina().slice(0, 4)), { message: 'report.yearOutOfRange' }),
});

const count = z.number();
const named = { code: z.string(), name: z.string() };
const byKind = { kind: z.string(), count };
/** What the printable report shows (AnnualReport without the generation time, target wording and value source, which it does not). */
const annualReport = z.object({
  year: z.number(),
  asOf: z.string(),
  rag: z.object({ green: count, amber: count, red: count }),
  trend: z.object({
    yearEnds: z.array(z.object({ year: z.number(), day: z.string() })),
    months: z.array(z.object({ month: z.string(), day: z.string() })),
  }),
  indicators: z.array(
    z.object({
      id: z.string(),
      code: z.string(),
      name: z.string(),
      nameEn: z.string(),
      unit: z.string(),
      target: z.number(),
      value: z.number().nullable(),
      expected: z.number(),
      progress: z.number().nullable(),
      rag: z.enum(ragStatuses),
      source: z.enum(indicatorSources),
      reportedOn: z.string().nullable(),
      yearEnds: z.array(z.number().nullable()),
      months: z.array(z.number().nullable()),
    }),
  ),
  tasks: z.object({
    counts: z.object({ total: count, done: count, late: count, open: count, atRisk: count, cancelled: count }),
    items: z.array(
      z.object({
        id: z.string(),
        title: z.string(),
        ownerName: z.string(),
        responsibleName: z.string(),
        startsOn: z.string(),
        deadline: z.string(),
        status: z.enum(planTaskStatuses),
        progress: z.number(),
        completedOn: z.string().nullable(),
        flag: z.enum(planTaskFlags),
      }),
    ),
  }),
  consortia: z.object({
    count,
    members: count,
    byKind: z.array(z.object({ ...byKind, members: count })),
    byProvince: z.array(z.object({ ...named, count, members: count })),
    byRegion: z.array(
      z.object({
        ...named,
        provinceCode: z.string(),
        cityUnion: count,
        industryCommunity: count,
        count,
        members: count,
        schools: count,
        enterprises: count,
        partners: count,
      }),
    ),
  }),
  bases: z.object({
    count,
    stations: count,
    newInYear: count,
    byKind: z.array(z.object({ ...byKind, stations: count, newInYear: count, byProvince: z.record(z.string(), count) })),
    byProvince: z.array(z.object({ ...named, count, stations: count })),
  }),
  needs: z.object({
    count,
    headcount: count,
    accepted: count,
    byKind: z.array(z.object({ ...byKind, headcount: count, accepted: count })),
    byIndustry: z.array(z.object({ ...named, count, headcount: count, byKind: z.record(z.string(), count) })),
    byProvince: z.array(z.object({ ...named, count, headcount: count })),
  }),
  placements: z.object({
    count,
    students: count,
    countInYear: count,
    studentsInYear: count,
    byProvince: z.array(z.object({ ...named, count, students: count, countInYear: count, studentsInYear: count })),
  }),
  projects: z.object({
    count,
    newInYear: count,
    completedInYear: count,
    byKind: z.array(z.object({ ...byKind, active: count, completed: count, cancelled: count, newInYear: count, completedInYear: count })),
  }),
});

export const annualReportRouter = router({
  /** the report as JSON: the printable page */
  data: adminProcedure
    .input(yearInput)
    .output(annualReport)
    .query(({ ctx, input }) => buildAnnualReport(ctx.db, input.year, ctx.writes)),

  /** the report as an .xlsx in the caller's language, base64 for the browser to save */
  excel: adminProcedure
    .input(yearInput)
    .output(z.object({ filename: z.string(), base64: z.string() }))
    .query(async ({ ctx, input }) => {
      const file = await annualReportWorkbook(await buildAnnualReport(ctx.db, input.year, ctx.writes), ctx.lang);
      return { filename: reportFilename(input.year), base64: file.toString('base64') };
    }),
});
