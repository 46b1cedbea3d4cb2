import { z } from 'zod';
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

export const annualReportRouter = router({
  /** the report as JSON: the printable page */
  data: adminProcedure.input(yearInput).query(({ ctx, input }) => buildAnnualReport(ctx.db, input.year)),

  /** the report as an .xlsx in the caller's language, base64 for the browser to save */
  excel: adminProcedure
    .input(yearInput)
    .output(z.object({ filename: z.string(), base64: z.string() }))
    .query(async ({ ctx, input }) => {
      const file = await annualReportWorkbook(await buildAnnualReport(ctx.db, input.year), ctx.lang);
      return { filename: reportFilename(input.year), base64: file.toString('base64') };
    }),
});
