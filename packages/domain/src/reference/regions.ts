import { z } from 'zod';
import data from './data/regions.json' with { type: 'json' };

export const regionLevels = ['province', 'prefecture', 'county'] as const;

export const regionSchema = z.object({
  code: z.string().regex(/^\d{6}$/),
  name: z.string().min(1),
  level: z.enum(regionLevels),
  parentCode: z
    .string()
    .regex(/^\d{6}$/)
    .nullable(),
  provinceCode: z.enum(['11', '12', '13']),
  /** false for Hebei development zones: statistical codes, not GB/T 2260 */
  statutory: z.boolean(),
});
export type Region = z.infer<typeof regionSchema>;

export const regionsSource: string = data.source;
export const regions: readonly Region[] = z.array(regionSchema).parse(data.rows);

const byCode = new Map(regions.map((r) => [r.code, r]));

export const getRegion = (code: string): Region | undefined => byCode.get(code);
export const isJjjRegion = (code: string): boolean => byCode.has(code);

/** Province, then prefecture (Hebei only), then the region itself. */
export function regionPath(code: string): Region[] {
  const path: Region[] = [];
  for (let r = byCode.get(code); r; r = r.parentCode ? byCode.get(r.parentCode) : undefined) path.unshift(r);
  return path;
}

export const regionCodeSchema = z.string().trim().refine(isJjjRegion, { message: 'region.unknown' });
