import { z } from 'zod';
import { majorLevels } from './reference/majors.ts';
import { regionCodeSchema } from './reference/regions.ts';
import { majorCodeSchema } from './training-base.ts';

// 学生批次 (cohort): students of one major and year a school can send to internships or order classes.

export const cohortStatuses = ['open', 'closed'] as const;
export type CohortStatus = (typeof cohortStatuses)[number];

export const cohortFields = z.object({
  majorCode: majorCodeSchema,
  level: z.enum(majorLevels),
  /** the year the students entered (入学年份) */
  year: z.number().int().min(2015).max(2035),
  /** students available */
  students: z.number().int().min(1, { message: 'base.capacityPositive' }).max(10_000),
  /** when they can go (the internship window) */
  windowFrom: z.iso.date(),
  windowTo: z.iso.date(),
  /** where they can go: provinces, Hebei prefectures or districts */
  regionCodes: z.array(regionCodeSchema).min(1).max(20),
  /** teachers who accompany them */
  teachers: z.number().int().min(0).max(1000).default(0),
  note: z.string().trim().max(1000).default(''),
});

export function refineCohort(v: { windowFrom: string; windowTo: string }, ctx: z.RefinementCtx) {
  if (v.windowTo < v.windowFrom) ctx.addIssue({ code: 'custom', message: 'booking.endBeforeStart', path: ['windowTo'] });
}

export const cohortInputSchema = cohortFields.superRefine(refineCohort);
export type CohortInput = z.infer<typeof cohortFields>;

/** Phones, emails and names in free text (a cohort's note naming its teachers), masked for outsiders: see masking.ts. */
export { maskContactsInText } from './masking.ts';

/** Once a cohort has applications or invitations, what they were made for stays: major, level and year. */
export const lockedWhileTaken = ['majorCode', 'level', 'year'] as const;
