import { z } from 'zod';
import { baseStats, supplyByCategory, supplyByRegion } from '@ronghe/db/queries/training-base-supply';
import { MAX_BASE_PHOTOS } from '@ronghe/db/schema';
import { organizationKinds } from '@ronghe/domain/organization';
import { regionCodeSchema } from '@ronghe/domain/reference/regions';
import { consortiumKinds, consortiumStatuses } from '@ronghe/domain/consortium';
import {
  daysBetween,
  openTerms,
  refineTrainingBase,
  trainingBaseFields,
  trainingBaseKinds,
  trainingBaseStatuses,
} from '@ronghe/domain/training-base';
import * as bases from '../services/training-bases.ts';
import { basePoints, searchBases } from '../services/training-base-search.ts';
import { protectedProcedure, publicProcedure, router } from '../trpc.ts';

const isoDate = z.iso.date();
const range = z
  .object({ from: isoDate, to: isoDate })
  .refine((v) => v.to >= v.from, { message: 'booking.endBeforeStart', path: ['to'] })
  .refine((v) => v.to < v.from || daysBetween(v.from, v.to) <= 366, { message: 'booking.tooLong', path: ['to'] });

// NUL cannot be stored or compared in PostgreSQL text; other control characters mean nothing in a keyword
const printable = (c: string) => (c.codePointAt(0) ?? 0) >= 0x20 && c !== '\u007f';

/** Search input is taken literally: wildcards and quotes are escaped, NUL and other control characters dropped, cut to 100 characters. */
const keyword = z
  .string()
  .max(10_000)
  .transform((q) => Array.from(Array.from(q).filter(printable).join('').trim()).slice(0, 100).join(''))
  .optional();

const filters = z.object({
  q: keyword,
  kind: z.enum(trainingBaseKinds).optional(),
  regionCode: regionCodeSchema.optional(),
  majorCategory: z.number().int().min(1).max(19).optional(),
  majorCode: z
    .string()
    .regex(/^\d{6}$/, { message: 'major.unknown' })
    .optional(),
  industryCode: z
    .string()
    .regex(/^\d{2}$/, { message: 'industry.unknown' })
    .optional(),
  openToPartners: z.boolean().optional(),
  /** only bases with this many stations free on every day of [freeFrom, freeTo] */
  freeFrom: isoDate.optional(),
  freeTo: isoDate.optional(),
  freeStations: z.number().int().min(1).max(100_000).default(1),
});

const sortInput = z.object({
  sort: z.enum(['relevance', 'distance', 'capacity']).default('relevance'),
  near: z.object({ lng: z.number().finite(), lat: z.number().finite() }).optional(),
  cursor: z.string().max(200).optional(),
  limit: z.number().int().min(1).max(50).default(20),
});

const hit = z.object({
  id: z.string(),
  kind: z.enum(trainingBaseKinds),
  name: z.string(),
  ownerName: z.string(),
  regionCode: z.string(),
  mapRegionCode: z.string(),
  address: z.string(),
  lng: z.number(),
  lat: z.number(),
  stations: z.number(),
  dailyCapacity: z.number(),
  openToPartners: z.boolean(),
  openTerms: z.enum(openTerms).nullable(),
  majorCodes: z.array(z.string()),
  /** km from `near`, when given */
  distanceKm: z.number().nullable(),
});

const equipment = z.object({ name: z.string(), model: z.string(), count: z.number() });

const detail = z.object({
  id: z.string(),
  ownerOrganizationId: z.string(),
  ownerName: z.string(),
  ownerKind: z.enum(organizationKinds),
  kind: z.enum(trainingBaseKinds),
  name: z.string(),
  description: z.string(),
  majorCodes: z.array(z.string()),
  majors: z.array(z.object({ code: z.string(), name: z.string() })),
  industryCodes: z.array(z.string()),
  regionCode: z.string(),
  regionName: z.string(),
  mapRegionCode: z.string(),
  provinceCode: z.string(),
  address: z.string(),
  lng: z.number(),
  lat: z.number(),
  stations: z.number(),
  dailyCapacity: z.number(),
  equipment: z.array(equipment),
  openingHours: z.string(),
  openToPartners: z.boolean(),
  openTerms: z.enum(openTerms).nullable(),
  termsNote: z.string(),
  contactName: z.string(),
  contactPhone: z.string(),
  contactEmail: z.string(),
  contactMasked: z.boolean(),
  canManage: z.boolean(),
  status: z.enum(trainingBaseStatuses),
  version: z.number(),
  publishedAt: z.date().nullable(),
  createdAt: z.date(),
  updatedAt: z.date(),
  coBuilders: z.array(z.object({ id: z.string(), name: z.string(), kind: z.enum(organizationKinds) })),
  consortia: z.array(z.object({ id: z.string(), name: z.string(), kind: z.enum(consortiumKinds), status: z.enum(consortiumStatuses) })),
  /** in display order; `url` serves the image (apps/api/src/files.ts) */
  photos: z.array(z.object({ id: z.string(), url: z.string() })),
});

/** uploaded base photos (POST /api/files?purpose=base_photo) in display order; left out on update, the photos stay */
const baseInput = trainingBaseFields.extend({ photoIds: z.array(z.uuid()).max(MAX_BASE_PHOTOS).optional() });

export const trainingBasesRouter = router({
  /** anyone: published bases by kind and province (T03 counts open practice centres and common technology platforms) */
  stats: publicProcedure
    .output(z.array(z.object({ kind: z.enum(trainingBaseKinds), provinceCode: z.string(), count: z.number() })))
    .query(({ ctx }) => baseStats(ctx.db)),

  /** anyone: published bases by keyword and filters, keyset-paginated */
  search: publicProcedure
    .input(filters.extend(sortInput.shape))
    // total: matches counted up to SEARCH_TOTAL_CAP; totalCapped when there are more
    .output(z.object({ items: z.array(hit), nextCursor: z.string().nullable(), total: z.number().nullable(), totalCapped: z.boolean() }))
    .query(({ ctx, input }) => searchBases(ctx.readDb, input)),

  /** anyone: coordinates of matching bases for the map's point layer (at most `limit`) */
  points: publicProcedure
    .input(filters.extend({ limit: z.number().int().min(1).max(1000).default(300) }))
    .output(
      z.array(
        z.object({
          id: z.string(),
          name: z.string(),
          kind: z.enum(trainingBaseKinds),
          lng: z.number(),
          lat: z.number(),
          stations: z.number(),
        }),
      ),
    )
    .query(({ ctx, input }) => basePoints(ctx.readDb, input)),

  /** anyone: published bases per map region (43 regions), overall or for one kind / major category / open to partners */
  mapStats: publicProcedure
    .input(
      z.discriminatedUnion('dimension', [
        z.object({ dimension: z.literal('all') }),
        z.object({ dimension: z.literal('open') }),
        z.object({ dimension: z.literal('kind'), value: z.enum(trainingBaseKinds) }),
        z.object({ dimension: z.literal('category'), value: z.number().int().min(1).max(19) }),
      ]),
    )
    .output(z.array(z.object({ mapRegionCode: z.string(), count: z.number() })))
    .query(({ ctx, input }) => supplyByRegion(ctx.readDb, input.dimension, 'value' in input ? String(input.value) : '')),

  /**
   * anyone: the supply layer, published bases per map region and major category, as a table: `counts[i]` of a
   * region is its bases in `categories[i]` (43 rows of numbers rather than ≈ 470 objects)
   */
  supply: publicProcedure
    .output(
      z.object({ categories: z.array(z.number()), regions: z.array(z.object({ mapRegionCode: z.string(), counts: z.array(z.number()) })) }),
    )
    .query(async ({ ctx }) => {
      const rows = await supplyByCategory(ctx.readDb);
      const categories = [...new Set(rows.map((r) => r.category))].sort((a, b) => a - b);
      const column = new Map(categories.map((c, i) => [c, i]));
      const regions = new Map<string, number[]>();
      for (const r of rows) {
        let counts = regions.get(r.mapRegionCode);
        if (!counts) regions.set(r.mapRegionCode, (counts = categories.map(() => 0)));
        counts[column.get(r.category) ?? 0] = r.count;
      }
      return {
        categories,
        regions: [...regions].sort(([a], [b]) => a.localeCompare(b)).map(([mapRegionCode, counts]) => ({ mapRegionCode, counts })),
      };
    }),

  /** anyone for a published base; drafts for the owner's members and admins; contact masked to outsiders */
  get: publicProcedure
    .input(z.object({ id: z.uuid() }))
    .output(detail)
    .query(({ ctx, input }) => bases.trainingBasePage(ctx.db, ctx.session, input.id)),

  /** anyone who may see the base: booked and capacity per day */
  calendar: publicProcedure
    .input(
      z
        .object({ id: z.uuid() })
        .and(range)
        .refine((v) => daysBetween(v.from, v.to) <= 92, { message: 'booking.tooLong', path: ['to'] }),
    )
    .output(z.array(z.object({ day: z.string(), booked: z.number(), capacity: z.number() })))
    .query(({ ctx, input }) => bases.trainingBaseCalendar(ctx.db, ctx.session, input)),

  /** members of the organisation: its bases in every status */
  mine: protectedProcedure
    .input(z.object({ organizationId: z.uuid() }))
    .output(
      z.array(
        z.object({
          id: z.string(),
          kind: z.enum(trainingBaseKinds),
          name: z.string(),
          status: z.enum(trainingBaseStatuses),
          stations: z.number(),
          regionCode: z.string(),
          openToPartners: z.boolean(),
          updatedAt: z.date(),
          pendingBookings: z.number(),
        }),
      ),
    )
    .query(({ ctx, input }) => bases.basesOfOrganization(ctx.db, ctx.session, input.organizationId)),

  /** a manager of a verified organisation: a new draft */
  create: protectedProcedure
    .input(baseInput.extend({ organizationId: z.uuid() }).superRefine(refineTrainingBase))
    .output(z.object({ id: z.string(), status: z.enum(trainingBaseStatuses) }))
    .mutation(({ ctx, input }) => bases.createTrainingBase(ctx.db, ctx.session, input)),

  /** a manager of the owner: saves a new version (kept in the history) */
  update: protectedProcedure
    .input(baseInput.extend({ id: z.uuid() }).superRefine(refineTrainingBase))
    .output(z.object({ id: z.string(), version: z.number() }))
    .mutation(({ ctx, input }) => bases.editTrainingBase(ctx.db, ctx.session, input)),

  /** a manager of the (verified) owner */
  publish: protectedProcedure
    .input(z.object({ id: z.uuid() }))
    .output(z.object({ id: z.string(), status: z.enum(trainingBaseStatuses) }))
    .mutation(({ ctx, input }) => bases.setTrainingBaseStatus(ctx.db, ctx.session, { id: input.id, action: 'publish' })),

  /** a manager of the owner */
  unpublish: protectedProcedure
    .input(z.object({ id: z.uuid() }))
    .output(z.object({ id: z.string(), status: z.enum(trainingBaseStatuses) }))
    .mutation(({ ctx, input }) => bases.setTrainingBaseStatus(ctx.db, ctx.session, { id: input.id, action: 'unpublish' })),

  /** members of the owner and admins: every saved version */
  history: protectedProcedure
    .input(z.object({ id: z.uuid() }))
    .output(
      z.array(z.object({ id: z.number(), version: z.number(), at: z.date(), action: z.string(), changedFields: z.array(z.string()) })),
    )
    .query(({ ctx, input }) => bases.trainingBaseHistory(ctx.db, ctx.session, input.id)),

  /** members of the owner and admins: station-days used against offered */
  usage: protectedProcedure
    .input(z.object({ id: z.uuid() }).and(range))
    .output(z.object({ from: z.string(), to: z.string(), usedStationDays: z.number(), offeredStationDays: z.number(), ratio: z.number() }))
    .query(({ ctx, input }) => bases.trainingBaseUsage(ctx.db, ctx.session, input)),
});
