import { sql } from 'drizzle-orm';
import { bigserial, check, date, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid, varchar } from 'drizzle-orm/pg-core';
import {
  consortiumItemKinds,
  consortiumKinds,
  consortiumLevels,
  consortiumMembershipStatuses,
  consortiumRoles,
  consortiumStatuses,
  councilPositions,
} from '@ronghe/domain/consortium';
import { createdAt, id, updatedAt } from './columns.ts';
import { industries, regions } from './reference.ts';
import { organizations } from './organizations.ts';
import { users } from './auth.ts';

export const consortia = pgTable(
  'consortium',
  {
    id: id(),
    kind: text('kind', { enum: consortiumKinds }).notNull(),
    level: text('level', { enum: consortiumLevels }).notNull(),
    name: text('name').notNull(),
    industryCode: varchar('industry_code', { length: 2 }).references(() => industries.code, { onDelete: 'restrict' }),
    gaojingjian: text('gaojingjian'),
    anchorRegionCode: varchar('anchor_region_code', { length: 6 })
      .notNull()
      .references(() => regions.code, { onDelete: 'restrict' }),
    foundedOn: date('founded_on'),
    charter: text('charter').notNull().default(''),
    goals: text('goals').notNull().default(''),
    status: text('status', { enum: consortiumStatuses }).notNull().default('draft'),
    statusReason: text('status_reason'),
    /** the organisation that proposed it */
    proposedByOrganizationId: uuid('proposed_by_organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'restrict' }),
    // Active members, by kind, and the regions they sit in (district, Hebei prefecture, province codes):
    // derived from consortium_member by refreshMemberStats() in the same transaction as every membership
    // change, because the directory sorts and filters on them at 5,000 consortia / 100,000 memberships.
    memberCount: integer('member_count').notNull().default(0),
    schoolCount: integer('school_count').notNull().default(0),
    enterpriseCount: integer('enterprise_count').notNull().default(0),
    partnerCount: integer('partner_count').notNull().default(0),
    memberRegions: text('member_regions')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    approvedAt: timestamp('approved_at', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('consortium_name_key').on(t.name),
    index('consortium_status_kind_idx').on(t.status, t.kind, t.level),
    index('consortium_member_count_idx').on(t.status, t.memberCount),
    index('consortium_created_idx').on(t.status, t.createdAt.desc(), t.id),
    index('consortium_member_regions_idx').using('gin', t.memberRegions),
    index('consortium_name_bigrams_idx').using('gin', sql`ronghe_bigrams(${t.name})`),
    check('consortium_member_count_nonnegative', sql`${t.memberCount} >= 0`),
  ],
);

export const consortiumMembers = pgTable(
  'consortium_member',
  {
    id: id(),
    consortiumId: uuid('consortium_id')
      .notNull()
      .references(() => consortia.id, { onDelete: 'cascade' }),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    role: text('role', { enum: consortiumRoles }).notNull(),
    councilPosition: text('council_position', { enum: councilPositions }),
    status: text('status', { enum: consortiumMembershipStatuses }).notNull(),
    message: text('message').notNull().default(''),
    joinedAt: timestamp('joined_at', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    // one membership row per organisation and consortium: duplicate or concurrent joins produce one
    uniqueIndex('consortium_member_key').on(t.consortiumId, t.organizationId),
    index('consortium_member_org_idx').on(t.organizationId, t.status),
    index('consortium_member_active_idx').on(t.consortiumId, t.status, t.role),
  ],
);

/** The dated history of a consortium: every status change and membership change. */
export const consortiumEvents = pgTable(
  'consortium_event',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    consortiumId: uuid('consortium_id')
      .notNull()
      .references(() => consortia.id, { onDelete: 'cascade' }),
    at: createdAt(),
    type: text('type').notNull(),
    actorUserId: text('actor_user_id'),
    organizationId: uuid('organization_id').references(() => organizations.id, { onDelete: 'set null' }),
    detail: jsonb('detail'),
  },
  (t) => [index('consortium_event_consortium_idx').on(t.consortiumId, t.at)],
);

/** Products and services, technology needs and talent needs the consortium keeps. */
export const consortiumItems = pgTable(
  'consortium_item',
  {
    id: id(),
    consortiumId: uuid('consortium_id')
      .notNull()
      .references(() => consortia.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: consortiumItemKinds }).notNull(),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    createdAt: createdAt(),
  },
  (t) => [index('consortium_item_consortium_idx').on(t.consortiumId, t.kind)],
);

/** In-app notifications (the bell). */
export const notifications = pgTable(
  'notification',
  {
    id: id(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    type: text('type').notNull(),
    /** the text in Chinese when written; what rows from before message keys show */
    title: text('title').notNull(),
    /** the message (domain message-texts/notifications.ts) and its params, rendered in the reader's language */
    messageKey: text('message_key'),
    messageParams: jsonb('message_params').$type<Record<string, unknown>>(),
    link: text('link').notNull().default(''),
    readAt: timestamp('read_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [index('notification_user_idx').on(t.userId, t.readAt, t.createdAt)],
);
