import { z } from 'zod';
import gbt from './data/industries.json' with { type: 'json' };
import gjj from './data/gaojingjian.json' with { type: 'json' };

export const industrySchema = z.object({
  code: z.string().regex(/^([A-T]|\d{2})$/),
  level: z.enum(['section', 'division']),
  section: z.string().regex(/^[A-T]$/),
  name: z.string().min(1),
});
export type Industry = z.infer<typeof industrySchema>;

export const industriesSource: string = gbt.source;
/** GB/T 4754-2017: 20 sections (门类) and 97 divisions (大类). */
export const industries: readonly Industry[] = z.array(industrySchema).parse(gbt.rows);

const divisions = new Set(industries.filter((i) => i.level === 'division').map((i) => i.code));
export const isIndustryDivision = (code: string): boolean => divisions.has(code);
export const industryDivisionSchema = z.string().trim().refine(isIndustryDivision, { message: 'industry.unknown' });

export const gaojingjianSchema = z.object({
  framework: z.enum(['2017_ten_gaojingjian', '2021_2441_plan']),
  seq: z.number().int().positive(),
  name: z.string().min(1),
  group: z.string().nullable(),
});
export type GaojingjianIndustry = z.infer<typeof gaojingjianSchema>;

export const gaojingjianSource: string = gjj.source;
/** Beijing's 高精尖 industries: the 2017 list of ten and the 2021 "2441" structure. */
export const gaojingjianIndustries: readonly GaojingjianIndustry[] = z.array(gaojingjianSchema).parse(gjj.rows);
