import { sql } from 'drizzle-orm';
import {
  bigserial,
  boolean,
  check,
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
  varchar,
} from 'drizzle-orm/pg-core';
import {
  bookingPurposes,
  bookingStatuses,
  openTerms,
  trainingBaseKinds,
  trainingBaseStatuses,
  type Equipment,
} from '@ronghe/domain/training-base';
import { createdAt, id, updatedAt } from './columns.ts';
import { regions } from './reference.ts';
import { organizations } from './organizations.ts';
import { consortia } from './consortia.ts';

/** 实训基地 / 实践中心 / 共性技术服务平台 (trainingBase), owned by one organisation. */
export const trainingBases = pgTable(
  'training_base',
  {
    id: id(),
    ownerOrganizationId: uuid('owner_organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'restrict' }),
    kind: text('kind', { enum: trainingBaseKinds }).notNull(),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    majorCodes: text('major_codes')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    industryCodes: text('industry_codes')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    regionCode: varchar('region_code', { length: 6 })
      .notNull()
      .references(() => regions.code, { onDelete: 'restrict' }),
    /** the map region: the Beijing/Tianjin district or the Hebei prefecture */
    mapRegionCode: varchar('map_region_code', { length: 6 }).notNull(),
    address: text('address').notNull(),
    lng: doublePrecision('lng').notNull(),
    lat: doublePrecision('lat').notNull(),
    stations: integer('stations').notNull(),
    dailyCapacity: integer('daily_capacity').notNull(),
    equipment: jsonb('equipment').$type<Equipment[]>().notNull().default([]),
    openingHours: text('opening_hours').notNull().default(''),
    openToPartners: boolean('open_to_partners').notNull().default(false),
    openTerms: text('open_terms', { enum: openTerms }),
    termsNote: text('terms_note').notNull().default(''),
    contactName: text('contact_name').notNull().default(''),
    contactPhone: text('contact_phone').notNull().default(''),
    contactEmail: text('contact_email').notNull().default(''),
    status: text('status', { enum: trainingBaseStatuses }).notNull().default('draft'),
    // Search: the text keywords match (name, description, equipment names and models) and one GIN
    // array of its character bigrams plus facet tokens (status, kind, region at every level, majors,
    // major categories, industries, open), so a keyword and any filters meet in one index probe.
    // Searches read them from training_base_search (migration 0016: published bases only, by province × open,
    // kept by a trigger on this table; not declared here, as drizzle cannot declare a partitioned table).
    searchText: text('search_text').notNull().default(''),
    searchTokens: text('search_tokens')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    version: integer('version').notNull().default(1),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    // published bases only: every search is of published bases, and the status token (in 9 of 10 rows)
    // would otherwise be the longest posting list of every probe
    index('training_base_published_tokens_idx')
      .using('gin', t.searchTokens)
      .where(sql`${t.status} = 'published'`),
    index('training_base_capacity_idx').on(t.status, t.stations.desc(), t.id),
    index('training_base_owner_idx').on(t.ownerOrganizationId, t.status),
    index('training_base_map_region_idx').on(t.status, t.mapRegionCode),
    check('training_base_stations_positive', sql`${t.stations} > 0`),
    check('training_base_daily_capacity_positive', sql`${t.dailyCapacity} > 0`),
  ],
);

/** Organisations that co-built a base, besides its owner. */
export const trainingBaseCoBuilders = pgTable(
  'training_base_co_builder',
  {
    baseId: uuid('base_id')
      .notNull()
      .references(() => trainingBases.id, { onDelete: 'cascade' }),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.baseId, t.organizationId] }), index('training_base_co_builder_org_idx').on(t.organizationId)],
);

/** Consortia a base serves. */
export const trainingBaseConsortia = pgTable(
  'training_base_consortium',
  {
    baseId: uuid('base_id')
      .notNull()
      .references(() => trainingBases.id, { onDelete: 'cascade' }),
    consortiumId: uuid('consortium_id')
      .notNull()
      .references(() => consortia.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.baseId, t.consortiumId] }), index('training_base_consortium_consortium_idx').on(t.consortiumId)],
);

/** Every saved version of a base: who changed what, and the whole record as it was after. */
export const trainingBaseRevisions = pgTable(
  'training_base_revision',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    baseId: uuid('base_id')
      .notNull()
      .references(() => trainingBases.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    at: createdAt(),
    actorUserId: text('actor_user_id'),
    action: text('action').notNull(),
    changedFields: text('changed_fields')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    snapshot: jsonb('snapshot').notNull(),
  },
  (t) => [index('training_base_revision_base_idx').on(t.baseId, t.id)],
);

/**
 * Published bases per map region, overall and by kind, major category and openness: what the map
 * colours. Kept in the transaction of every base write (refreshSupply), so the map reads ≤ 43×19 rows.
 */
export const trainingBaseSupply = pgTable(
  'training_base_supply',
  {
    mapRegionCode: varchar('map_region_code', { length: 6 }).notNull(),
    dimension: text('dimension', { enum: ['all', 'kind', 'category', 'open'] }).notNull(),
    value: text('value').notNull(),
    count: integer('count').notNull(),
  },
  (t) => [primaryKey({ columns: [t.dimension, t.value, t.mapRegionCode] })],
);

/**
 * Stations booked per base and day. The CHECK is what keeps bookings within capacity: approvals add
 * to `booked` with an upsert, so concurrent approvals from any number of server processes serialise
 * on the row and the one that would overfill a day fails.
 */
export const trainingBaseDays = pgTable(
  'training_base_day',
  {
    baseId: uuid('base_id')
      .notNull()
      .references(() => trainingBases.id, { onDelete: 'cascade' }),
    day: date('day').notNull(),
    booked: integer('booked').notNull(),
    capacity: integer('capacity').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.baseId, t.day] }),
    check('training_base_day_booked_nonnegative', sql`${t.booked} >= 0`),
    check('training_base_day_within_capacity', sql`${t.booked} <= ${t.capacity}`),
  ],
);

/** A request for stations on a range of days. */
export const baseBookings = pgTable(
  'base_booking',
  {
    id: id(),
    baseId: uuid('base_id')
      .notNull()
      .references(() => trainingBases.id, { onDelete: 'cascade' }),
    requesterOrganizationId: uuid('requester_organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    requestedByUserId: text('requested_by_user_id'),
    fromDay: date('from_day').notNull(),
    toDay: date('to_day').notNull(),
    stations: integer('stations').notNull(),
    purpose: text('purpose', { enum: bookingPurposes }).notNull(),
    note: text('note').notNull().default(''),
    status: text('status', { enum: bookingStatuses }).notNull().default('requested'),
    proposedFrom: date('proposed_from'),
    proposedTo: date('proposed_to'),
    responseNote: text('response_note').notNull().default(''),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('base_booking_base_idx').on(t.baseId, t.status, t.fromDay),
    index('base_booking_requester_idx').on(t.requesterOrganizationId, t.createdAt),
    check('base_booking_stations_positive', sql`${t.stations} > 0`),
    check('base_booking_range', sql`${t.toDay} >= ${t.fromDay}`),
  ],
);
