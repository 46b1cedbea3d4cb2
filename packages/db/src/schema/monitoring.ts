import { sql } from 'drizzle-orm';
import {
  bigserial,
  boolean,
  check,
  date,
  doublePrecision,
  index,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
  varchar,
} from 'drizzle-orm/pg-core';
import {
  clusterDesignations,
  indicatorMetrics,
  indicatorScopes,
  indicatorSources,
  type MetricParams,
  type Milestones,
} from '@ronghe/domain/monitoring';
import { planTaskStatuses } from '@ronghe/domain/plan-task';
import { createdAt, id, updatedAt } from './columns.ts';
import { users } from './auth.ts';
import { organizations } from './organizations.ts';
import { consortia } from './consortia.ts';
import { regions } from './reference.ts';

/** 指标: the plan's T01–T16 (code T..) and admins' own indicators (code C..), each with a target and a schedule. */
export const indicators = pgTable(
  'indicator',
  {
    id: id(),
    code: varchar('code', { length: 12 }).notNull(),
    name: text('name').notNull(),
    nameEn: text('name_en').notNull().default(''),
    unit: text('unit').notNull(),
    definition: text('definition').notNull().default(''),
    /** the plan's wording */
    wording: text('wording').notNull().default(''),
    target: doublePrecision('target').notNull(),
    targetNote: text('target_note').notNull().default(''),
    baseline: doublePrecision('baseline').notNull().default(0),
    milestones: jsonb('milestones').$type<Milestones>().notNull().default({}),
    startsOn: date('starts_on').notNull(),
    dueOn: date('due_on').notNull(),
    source: text('source', { enum: indicatorSources }).notNull(),
    metric: text('metric', { enum: indicatorMetrics }),
    params: jsonb('params').$type<MetricParams>().notNull().default({}),
    scope: text('scope', { enum: indicatorScopes }).notNull().default('platform'),
    scopeRegionCode: varchar('scope_region_code', { length: 6 }).references(() => regions.code, { onDelete: 'restrict' }),
    scopeConsortiumId: uuid('scope_consortium_id').references(() => consortia.id, { onDelete: 'cascade' }),
    isPlan: boolean('is_plan').notNull().default(false),
    sortOrder: doublePrecision('sort_order').notNull().default(1000),
    createdByUserId: text('created_by_user_id').references(() => users.id, { onDelete: 'set null' }),
    archivedAt: timestamp('archived_at', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('indicator_code_key').on(t.code),
    check('indicator_computed_has_metric', sql`(${t.source} = 'computed') = (${t.metric} IS NOT NULL)`),
    check('indicator_target_nonnegative', sql`${t.target} >= 0 AND ${t.baseline} >= 0`),
    check('indicator_schedule', sql`${t.dueOn} > ${t.startsOn}`),
  ],
);

/** A value an admin reports for an indicator the platform cannot count, with its evidence. */
export const indicatorReports = pgTable(
  'indicator_report',
  {
    id: id(),
    indicatorId: uuid('indicator_id')
      .notNull()
      .references(() => indicators.id, { onDelete: 'cascade' }),
    value: doublePrecision('value').notNull(),
    asOf: date('as_of').notNull(),
    evidenceText: text('evidence_text').notNull(),
    evidenceUrl: text('evidence_url').notNull().default(''),
    reportedByUserId: text('reported_by_user_id').references(() => users.id, { onDelete: 'set null' }),
    reportedByName: text('reported_by_name').notNull().default(''),
    createdAt: createdAt(),
  },
  (t) => [
    index('indicator_report_indicator_idx').on(t.indicatorId, t.asOf, t.createdAt),
    check('indicator_report_value_nonnegative', sql`${t.value} >= 0`),
  ],
);

/** The actual value of every indicator, recorded daily (and on demand): trends are charted from these. */
export const indicatorSnapshots = pgTable(
  'indicator_snapshot',
  {
    indicatorId: uuid('indicator_id')
      .notNull()
      .references(() => indicators.id, { onDelete: 'cascade' }),
    day: date('day').notNull(),
    value: doublePrecision('value'),
    takenAt: timestamp('taken_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.indicatorId, t.day] }), index('indicator_snapshot_day_idx').on(t.day)],
);

/** 高水平专业群: a school's major cluster designated at national or Beijing level (T07, T09). */
export const majorClusters = pgTable(
  'major_cluster',
  {
    id: id(),
    schoolId: uuid('school_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    majorCodes: text('major_codes')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    designation: text('designation', { enum: clusterDesignations }).notNull(),
    designatedOn: date('designated_on'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('major_cluster_school_name_key').on(t.schoolId, t.name, t.designation),
    index('major_cluster_designation_idx').on(t.designation),
  ],
);

/** 建设任务: one task of the schedule, with an owner, a deadline and an expected outcome. */
export const planTasks = pgTable(
  'plan_task',
  {
    id: id(),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    ownerOrganizationId: uuid('owner_organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'restrict' }),
    responsibleName: text('responsible_name').notNull(),
    startsOn: date('starts_on').notNull(),
    deadline: date('deadline').notNull(),
    expectedOutcome: text('expected_outcome').notNull(),
    status: text('status', { enum: planTaskStatuses }).notNull().default('not_started'),
    progress: doublePrecision('progress').notNull().default(0),
    completedOn: date('completed_on'),
    /** when the owner's managers were last reminded of the deadline */
    remindedAt: timestamp('reminded_at', { withTimezone: true }),
    createdByUserId: text('created_by_user_id').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('plan_task_deadline_idx').on(t.status, t.deadline),
    index('plan_task_owner_idx').on(t.ownerOrganizationId),
    check('plan_task_schedule', sql`${t.deadline} >= ${t.startsOn}`),
    check('plan_task_progress', sql`${t.progress} >= 0 AND ${t.progress} <= 100`),
  ],
);

export const planTaskIndicators = pgTable(
  'plan_task_indicator',
  {
    taskId: uuid('task_id')
      .notNull()
      .references(() => planTasks.id, { onDelete: 'cascade' }),
    indicatorId: uuid('indicator_id')
      .notNull()
      .references(() => indicators.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.taskId, t.indicatorId] }), index('plan_task_indicator_indicator_idx').on(t.indicatorId)],
);

/** A dated progress update on a task, with evidence. */
export const planTaskUpdates = pgTable(
  'plan_task_update',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    taskId: uuid('task_id')
      .notNull()
      .references(() => planTasks.id, { onDelete: 'cascade' }),
    on: date('on').notNull(),
    note: text('note').notNull(),
    evidenceUrl: text('evidence_url').notNull().default(''),
    progress: doublePrecision('progress').notNull(),
    status: text('status', { enum: planTaskStatuses }).notNull(),
    byUserId: text('by_user_id').references(() => users.id, { onDelete: 'set null' }),
    byName: text('by_name').notNull().default(''),
    createdAt: createdAt(),
  },
  (t) => [index('plan_task_update_task_idx').on(t.taskId, t.createdAt)],
);
