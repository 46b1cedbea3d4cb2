import { z } from 'zod';
import { buildTemplate, importOrganizations } from '../services/organization-import.ts';
import { adminProcedure, router } from '../trpc.ts';

// A 5 MB file is 6,990,508 characters of base64; the service checks the decoded size exactly.
const base64File = z
  .string()
  .max(7_000_000)
  .regex(/^[A-Za-z0-9+/]*={0,2}$/);

// Every procedure here is for platform admins only (adminProcedure).
export const importsRouter = router({
  /** platform admins: the organisation import template (.xlsx) in the caller's language */
  template: adminProcedure.output(z.object({ filename: z.string(), base64: z.string() })).query(async ({ ctx }) => ({
    filename: ctx.lang === 'en' ? 'organization-import-template.xlsx' : '单位批量导入模板.xlsx',
    base64: (await buildTemplate(ctx.lang)).toString('base64'),
  })),

  /** platform admins: imports organisations from .xlsx or .csv, all or nothing; dryRun validates only */
  organizations: adminProcedure
    .input(z.object({ filename: z.string().trim().min(1).max(255), base64: base64File, dryRun: z.boolean().default(false) }))
    .output(
      z.object({
        ok: z.boolean(),
        rows: z.number(),
        created: z.number(),
        errors: z.array(z.object({ row: z.number(), column: z.string(), message: z.string() })),
        reportBase64: z.string().nullable(),
      }),
    )
    .mutation(({ ctx, input }) =>
      importOrganizations(ctx.db, ctx.session, {
        filename: input.filename,
        data: Buffer.from(input.base64, 'base64'),
        dryRun: input.dryRun,
        lang: ctx.lang,
      }),
    ),
});
