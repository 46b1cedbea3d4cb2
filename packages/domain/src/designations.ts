import { z } from 'zod';
import { clusterDesignations, schoolDesignations } from './monitoring.ts';
import { todayInChina } from './training-base.ts';

// A school's designations (新设职业本科, 新型高职, 国家/北京市“双高计划”建设单位) and its 高水平专业群,
// set by platform admins from the published lists; they feed the plan's indicators T04–T09.

/** The whole set of a school's designations: what the admin ticks replaces what was there. */
export const setSchoolDesignationsInput = z.object({
  organizationId: z.uuid(),
  designations: z
    .array(z.enum(schoolDesignations, { message: 'designation.unknown' }))
    .max(schoolDesignations.length)
    .transform((list) => [...new Set(list)]),
});
export type SetSchoolDesignationsInput = z.infer<typeof setSchoolDesignationsInput>;

export const addClusterInput = z.object({
  organizationId: z.uuid(),
  name: z.string().trim().min(2, { message: 'designation.clusterName' }).max(60, { message: 'designation.clusterName' }),
  designation: z.enum(clusterDesignations, { message: 'designation.clusterLevel' }),
  majorCodes: z
    .array(
      z
        .string()
        .trim()
        .regex(/^\d{6}$/, { message: 'major.unknown' }),
    )
    .max(30)
    .default([])
    .transform((codes) => [...new Set(codes)]),
  // the official lists are dated; a date in the future is a typing mistake
  designatedOn: z.iso
    .date({ message: 'date.invalid' })
    .refine((d) => d <= todayInChina(), { message: 'designation.futureDate' })
    .optional(),
});
export type AddClusterInput = z.infer<typeof addClusterInput>;

export const removeClusterInput = z.object({ clusterId: z.uuid() });
