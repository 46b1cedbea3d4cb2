import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  date,
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
  varchar,
} from 'drizzle-orm/pg-core';
import { roundEntryStatuses, roundStatuses } from '@ronghe/domain/round';
import { createdAt, id, updatedAt } from './columns.ts';
import { users } from './auth.ts';
import { regions } from './reference.ts';
import { consortia } from './consortia.ts';
import { cohorts, needs } from './needs.ts';

/** 双选 allocation round: its needs and cohorts, their preferences, and its stored results. */
export const allocationRounds = pgTable(
  'allocation_round',
  {
    id: id(),
    title: text('title').notNull(),
    regionCode: varchar('region_code', { length: 6 })
      .notNull()
      .references(() => regions.code, { onDelete: 'restrict' }),
    consortiumId: uuid('consortium_id').references(() => consortia.id, { onDelete: 'restrict' }),
    preferencesOpenOn: date('preferences_open_on').notNull(),
    preferencesCloseOn: date('preferences_close_on').notNull(),
    resultsOn: date('results_on').notNull(),
    keepGroupsTogether: boolean('keep_groups_together').notNull().default(false),
    status: text('status', { enum: roundStatuses }).notNull().default('draft'),
    /** the lottery seed, fixed when the round opens, so that every run on the stored inputs gives the same result */
    seed: text('seed').notNull(),
    /** sha-256 of the stored result, to show that a re-run reproduced it */
    resultDigest: text('result_digest'),
    /** algorithm name and figures of the last run: proposals, placed, unplaced, milliseconds */
    runStats: jsonb('run_stats').$type<{
      algorithm: string;
      proposals: number;
      placed: number;
      unplaced: number;
      applicants: number;
      ms: number;
    }>(),
    createdBy: text('created_by').references(() => users.id, { onDelete: 'set null' }),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('allocation_round_status_idx').on(t.status, t.createdAt),
    check('allocation_round_dates', sql`${t.preferencesCloseOn} >= ${t.preferencesOpenOn} AND ${t.resultsOn} >= ${t.preferencesCloseOn}`),
  ],
);

/** A need taking part, with its places in the round and how its enterprise ranks cohorts. */
export const roundNeeds = pgTable(
  'round_need',
  {
    roundId: uuid('round_id')
      .notNull()
      .references(() => allocationRounds.id, { onDelete: 'cascade' }),
    needId: uuid('need_id')
      .notNull()
      .references(() => needs.id, { onDelete: 'restrict' }),
    capacity: integer('capacity').notNull(),
    /** the enterprise's choice: cohorts it did not rank are still acceptable when they meet the hard rules (after the ranked ones); off unless it says so */
    acceptUnranked: boolean('accept_unranked').notNull().default(false),
    /** the enterprise's order of cohorts, best first (cohort ids) */
    ranking: text('ranking')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    /** invited by the organiser until the enterprise answers; only accepted needs take part (issue 18) */
    status: text('status', { enum: roundEntryStatuses }).notNull().default('invited'),
    respondedAt: timestamp('responded_at', { withTimezone: true }),
    /** when the enterprise last submitted its ranking */
    rankedAt: timestamp('ranked_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.roundId, t.needId] }),
    check('round_need_capacity_positive', sql`${t.capacity} > 0`),
    index('round_need_need_idx').on(t.needId, t.status),
  ],
);

/** A cohort taking part, with how many of its students are in the round. */
export const roundCohorts = pgTable(
  'round_cohort',
  {
    roundId: uuid('round_id')
      .notNull()
      .references(() => allocationRounds.id, { onDelete: 'cascade' }),
    cohortId: uuid('cohort_id')
      .notNull()
      .references(() => cohorts.id, { onDelete: 'restrict' }),
    slots: integer('slots').notNull(),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    /** invited by the organiser until the school answers; only accepted cohorts take part (issue 18) */
    status: text('status', { enum: roundEntryStatuses }).notNull().default('invited'),
    respondedAt: timestamp('responded_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.roundId, t.cohortId] }),
    check('round_cohort_slots_positive', sql`${t.slots} > 0`),
    index('round_cohort_cohort_idx').on(t.cohortId, t.status),
  ],
);

/** A cohort's ranked needs; the unique keys refuse a need listed twice or two needs at one rank. */
export const roundPreferences = pgTable(
  'round_preference',
  {
    roundId: uuid('round_id').notNull(),
    cohortId: uuid('cohort_id').notNull(),
    rank: integer('rank').notNull(),
    needId: uuid('need_id').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.roundId, t.cohortId, t.rank] }),
    foreignKey({
      columns: [t.roundId, t.cohortId],
      foreignColumns: [roundCohorts.roundId, roundCohorts.cohortId],
      name: 'round_preference_cohort_fk',
    }).onDelete('cascade'),
    foreignKey({
      columns: [t.roundId, t.needId],
      foreignColumns: [roundNeeds.roundId, roundNeeds.needId],
      name: 'round_preference_need_fk',
    }).onDelete('cascade'),
    uniqueIndex('round_preference_need_idx').on(t.roundId, t.cohortId, t.needId),
    check('round_preference_rank', sql`${t.rank} between 1 and 20`),
  ],
);

/** One student slot's outcome: placed in a need at its n-th choice, or unplaced with the reason and each choice's outcome. */
export const roundResults = pgTable(
  'round_result',
  {
    roundId: uuid('round_id')
      .notNull()
      .references(() => allocationRounds.id, { onDelete: 'cascade' }),
    cohortId: uuid('cohort_id').notNull(),
    slot: integer('slot').notNull(),
    needId: uuid('need_id'),
    choice: integer('choice'),
    reason: text('reason'),
    choices: jsonb('choices'),
    /** the slot's lottery number (53 bits; lower wins a tie), kept so the tie-breaks can be checked */
    lottery: bigint('lottery', { mode: 'number' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.roundId, t.cohortId, t.slot] }), index('round_result_need_idx').on(t.roundId, t.needId)],
);
