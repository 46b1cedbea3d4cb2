import { sql } from 'drizzle-orm';
import { check, date, index, integer, jsonb, pgTable, text, timestamp, uuid, varchar } from 'drizzle-orm/pg-core';
import { cohortStatuses } from '@ronghe/domain/cohort';
import { applicationDirections, applicationStatuses, needKinds, needStatuses } from '@ronghe/domain/need';
import { majorLevels } from '@ronghe/domain/reference/majors';
import { createdAt, id, updatedAt } from './columns.ts';
import { regions } from './reference.ts';
import { organizations } from './organizations.ts';
import { consortia } from './consortia.ts';

/** 合作需求 (need): posted by an enterprise, optionally on behalf of or endorsed by a consortium. */
export const needs = pgTable(
  'need',
  {
    id: id(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'restrict' }),
    consortiumId: uuid('consortium_id').references(() => consortia.id, { onDelete: 'set null' }),
    kind: text('kind', { enum: needKinds }).notNull(),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    regionCode: varchar('region_code', { length: 6 })
      .notNull()
      .references(() => regions.code, { onDelete: 'restrict' }),
    deadline: date('deadline').notNull(),
    majorCodes: text('major_codes')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    /** the 专业大类 (catalogue sequences 1–19) of those majors, for matching */
    majorCategories: integer('major_categories')
      .array()
      .notNull()
      .default(sql`'{}'::integer[]`),
    /** places wanted: interns, order-class intake, teacher positions; null for kinds without places */
    headcount: integer('headcount'),
    /** places accepted so far; the CHECK keeps acceptances within the headcount */
    accepted: integer('accepted').notNull().default(0),
    periodFrom: date('period_from'),
    periodTo: date('period_to'),
    /** the kind-specific fields, as validated by needInputSchema */
    details: jsonb('details').notNull().default({}),
    status: text('status', { enum: needStatuses }).notNull().default('draft'),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('need_status_kind_idx').on(t.status, t.kind, t.deadline),
    index('need_organization_idx').on(t.organizationId, t.status),
    index('need_major_categories_idx').using('gin', t.majorCategories),
    // recommendations for a cohort: published needs by region, with what the score reads (an index-only scan)
    index('need_published_region_idx')
      .on(
        t.regionCode,
        t.deadline,
        t.id,
        t.organizationId,
        t.majorCategories,
        t.majorCodes,
        t.periodFrom,
        t.periodTo,
        t.headcount,
        t.accepted,
      )
      .where(sql`status = 'published'`),
    check('need_headcount_positive', sql`${t.headcount} IS NULL OR ${t.headcount} > 0`),
    check('need_accepted_within_headcount', sql`${t.accepted} >= 0 AND (${t.headcount} IS NULL OR ${t.accepted} <= ${t.headcount})`),
    check('need_period', sql`${t.periodFrom} IS NULL OR ${t.periodTo} IS NULL OR ${t.periodTo} >= ${t.periodFrom}`),
  ],
);

/** 学生批次 (cohort): students of one major and year that a school can send. */
export const cohorts = pgTable(
  'cohort',
  {
    id: id(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'restrict' }),
    majorCode: varchar('major_code', { length: 6 }).notNull(),
    /** the 专业大类 (catalogue sequence 1–19) of the major, for matching */
    majorCategory: integer('major_category'),
    level: text('level', { enum: majorLevels }).notNull(),
    year: integer('year').notNull(),
    students: integer('students').notNull(),
    windowFrom: date('window_from').notNull(),
    windowTo: date('window_to').notNull(),
    regionCodes: text('region_codes').array().notNull(),
    teachers: integer('teachers').notNull().default(0),
    note: text('note').notNull().default(''),
    status: text('status', { enum: cohortStatuses }).notNull().default('open'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('cohort_open_major_idx').on(t.status, t.majorCategory, t.majorCode),
    index('cohort_organization_idx').on(t.organizationId),
    // recommendations for a need: open cohorts by major, with what the score reads (an index-only scan)
    index('cohort_open_match_idx')
      .on(t.majorCategory, t.majorCode, t.organizationId, t.id, t.windowFrom, t.windowTo, t.students, t.regionCodes)
      .where(sql`status = 'open'`),
    check('cohort_students_positive', sql`${t.students} > 0`),
    check('cohort_window', sql`${t.windowTo} >= ${t.windowFrom}`),
  ],
);

/** A school's application to a need with a number of students (from a cohort, or not). */
export const needApplications = pgTable(
  'need_application',
  {
    id: id(),
    needId: uuid('need_id')
      .notNull()
      .references(() => needs.id, { onDelete: 'cascade' }),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    cohortId: uuid('cohort_id').references(() => cohorts.id, { onDelete: 'set null' }),
    students: integer('students').notNull(),
    /** students the enterprise accepted (all, part, or none) */
    accepted: integer('accepted').notNull().default(0),
    message: text('message').notNull().default(''),
    status: text('status', { enum: applicationStatuses }).notNull().default('applied'),
    /** 'invite': the enterprise offered `students` places to the cohort and holds them in need.accepted until answered or expired */
    direction: text('direction', { enum: applicationDirections }).notNull().default('apply'),
    /** when an invitation lapses unanswered (null for applications) */
    expiresAt: timestamp('expires_at', { withTimezone: true }),
    reason: text('reason').notNull().default(''),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('need_application_need_idx').on(t.needId, t.status),
    index('need_application_org_idx').on(t.organizationId, t.createdAt),
    index('need_application_invited_idx')
      .on(t.expiresAt)
      .where(sql`${t.status} = 'invited'`),
    check('need_application_invitation_expires', sql`${t.direction} <> 'invite' OR ${t.expiresAt} IS NOT NULL`),
    check('need_application_students_positive', sql`${t.students} > 0`),
    check('need_application_accepted_within', sql`${t.accepted} >= 0 AND ${t.accepted} <= ${t.students}`),
  ],
);
