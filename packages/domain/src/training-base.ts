import { z } from 'zod';
import { industryDivisionSchema } from './reference/industries.ts';
import { locateMapRegion } from './reference/geo.ts';
import {
  bookingPurposes,
  jjjBounds,
  openTerms,
  todayInChina,
  trainingBaseKinds,
  type OpenTerms,
  type TrainingBaseKind,
} from './constants/training-base.ts';
import { getRegion } from './reference/regions.ts';
import { mobileSchema } from './account.ts';

// 实训基地 / 实践中心 / 共性技术服务平台: a training base with a kind, published by a verified
// organisation, found on the 京津冀 map, and booked by the station-day.

export { trainingBaseKindNames, trainingBaseKinds } from './constants/training-base.ts';
export type { TrainingBaseKind } from './constants/training-base.ts';

/** The kinds target T03 counts: open practice centres and common technology platforms. */
export const t03Kinds: readonly TrainingBaseKind[] = ['open_practice_centre', 'common_tech_platform'];

export { bookingPurposes, bookingStatuses, openTerms, trainingBaseStatuses } from './constants/training-base.ts';
export type { BookingPurpose, BookingStatus, OpenTerms, TrainingBaseStatus } from './constants/training-base.ts';

export const MAX_BOOKING_DAYS = 92;
export const MAX_STATIONS = 100_000;

export { todayInChina } from './constants/training-base.ts';

/** Days from `from` to `to` inclusive (ISO dates). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1;
}

export function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}

/**
 * The map region a region code falls in: Beijing and Tianjin districts are map regions themselves,
 * Hebei counties fall in their prefecture. Provinces are too coarse (undefined).
 */
export function mapRegionOf(regionCode: string): string | undefined {
  const r = getRegion(regionCode);
  if (!r || r.level === 'province') return undefined;
  if (r.provinceCode === '13' && r.level === 'county') return r.parentCode ?? undefined;
  return r.code;
}

const regionForBase = z
  .string()
  .trim()
  .superRefine((code, ctx) => {
    const region = getRegion(code);
    if (!region) ctx.addIssue({ code: 'custom', message: 'region.unknown' });
    else if (region.level === 'province') ctx.addIssue({ code: 'custom', message: 'organization.regionTooCoarse' });
  });

export const majorCodeSchema = z
  .string()
  .trim()
  .regex(/^\d{6}$/, { message: 'major.unknown' });

export const equipmentSchema = z.object({
  name: z.string().trim().min(1).max(100),
  model: z.string().trim().max(100).default(''),
  count: z.number().int().min(1).max(MAX_STATIONS),
});
export type Equipment = z.infer<typeof equipmentSchema>;

const lng = z.number().finite().min(jjjBounds.minLng, { message: 'geo.outsideJjj' }).max(jjjBounds.maxLng, { message: 'geo.outsideJjj' });
const lat = z.number().finite().min(jjjBounds.minLat, { message: 'geo.outsideJjj' }).max(jjjBounds.maxLat, { message: 'geo.outsideJjj' });

/** The fields of a base, without the cross-field rules (extend this, then apply refineTrainingBase). */
export const trainingBaseFields = z.object({
  kind: z.enum(trainingBaseKinds),
  name: z.string().trim().min(2).max(100),
  description: z.string().trim().max(5000).default(''),
  majorCodes: z.array(majorCodeSchema).max(30).default([]),
  industryCodes: z.array(industryDivisionSchema).max(10).default([]),
  /** verified organisations that co-built it (besides the owner) */
  coBuilderIds: z.array(z.uuid()).max(20).default([]),
  /** consortia the base serves; the owner must be an active member */
  consortiumIds: z.array(z.uuid()).max(10).default([]),
  regionCode: regionForBase,
  address: z.string().trim().min(2).max(200),
  lng,
  lat,
  /** 工位 */
  stations: z.number().int().min(1, { message: 'base.capacityPositive' }).max(MAX_STATIONS),
  /** people per day */
  dailyCapacity: z.number().int().min(1, { message: 'base.capacityPositive' }).max(MAX_STATIONS),
  equipment: z.array(equipmentSchema).max(200).default([]),
  openingHours: z.string().trim().max(200).default(''),
  openToPartners: z.boolean().default(false),
  openTerms: z.enum(openTerms).nullable().default(null),
  termsNote: z.string().trim().max(1000).default(''),
  contactName: z.string().trim().max(50).default(''),
  contactPhone: z.union([z.literal(''), mobileSchema]).default(''),
  contactEmail: z.union([z.literal(''), z.email()]).default(''),
});

/** Coordinates inside 京津冀 (not just its bounding box); terms when open to partners. */
export function refineTrainingBase(
  v: { lng: number; lat: number; openToPartners: boolean; openTerms: OpenTerms | null },
  ctx: z.RefinementCtx,
) {
  if (locateMapRegion(v.lng, v.lat) === undefined) ctx.addIssue({ code: 'custom', message: 'geo.outsideJjj', path: ['lng'] });
  if (v.openToPartners && !v.openTerms) ctx.addIssue({ code: 'custom', message: 'base.termsRequired', path: ['openTerms'] });
}

export const trainingBaseInputSchema = trainingBaseFields.superRefine(refineTrainingBase);
export type TrainingBaseInput = z.infer<typeof trainingBaseInputSchema>;

const isoDate = z.iso.date();

/** A date range of whole days, not in the past, end not before start, at most MAX_BOOKING_DAYS long. */

export function refineRange(v: { from: string; to: string }, ctx: z.RefinementCtx) {
  if (v.from < todayInChina()) ctx.addIssue({ code: 'custom', message: 'booking.pastDate', path: ['from'] });
  if (v.to < v.from) ctx.addIssue({ code: 'custom', message: 'booking.endBeforeStart', path: ['to'] });
  else if (daysBetween(v.from, v.to) > MAX_BOOKING_DAYS) ctx.addIssue({ code: 'custom', message: 'booking.tooLong', path: ['to'] });
}

export const bookingRequestFields = z.object({
  from: isoDate,
  to: isoDate,
  stations: z.number().int().min(1, { message: 'base.capacityPositive' }).max(MAX_STATIONS),
  purpose: z.enum(bookingPurposes),
  note: z.string().trim().max(1000).default(''),
});
export type BookingRequest = z.infer<typeof bookingRequestFields>;
