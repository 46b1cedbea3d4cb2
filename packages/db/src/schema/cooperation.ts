import { sql } from 'drizzle-orm';
import { check, date, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { agreementStatuses, placementStatuses, projectStatuses } from '@ronghe/domain/cooperation';
import { needKinds } from '@ronghe/domain/need';
import { createdAt, id, updatedAt } from './columns.ts';
import { users } from './auth.ts';
import { organizations } from './organizations.ts';
import { storedFiles } from './files.ts';
import { cohorts, needApplications, needs } from './needs.ts';

/** 实习安排: the students of one accepted internship application, with their tripartite agreement. */
export const placements = pgTable(
  'placement',
  {
    id: id(),
    applicationId: uuid('application_id')
      .notNull()
      .references(() => needApplications.id, { onDelete: 'cascade' }),
    needId: uuid('need_id')
      .notNull()
      .references(() => needs.id, { onDelete: 'cascade' }),
    enterpriseId: uuid('enterprise_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'restrict' }),
    schoolId: uuid('school_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'restrict' }),
    cohortId: uuid('cohort_id').references(() => cohorts.id, { onDelete: 'set null' }),
    students: integer('students').notNull(),
    periodFrom: date('period_from').notNull(),
    periodTo: date('period_to').notNull(),
    status: text('status', { enum: placementStatuses }).notNull().default('planned'),
    agreementStatus: text('agreement_status', { enum: agreementStatuses }).notNull().default('missing'),
    agreementReference: text('agreement_reference'),
    agreementSignedOn: date('agreement_signed_on'),
    /** the scanned agreement the school uploaded, when it did */
    agreementFileId: uuid('agreement_file_id').references(() => storedFiles.id, { onDelete: 'set null' }),
    agreementRecordedBy: text('agreement_recorded_by').references(() => users.id, { onDelete: 'set null' }),
    agreementConfirmedBy: text('agreement_confirmed_by').references(() => users.id, { onDelete: 'set null' }),
    agreementConfirmedAt: timestamp('agreement_confirmed_at', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('placement_application_idx').on(t.applicationId),
    index('placement_enterprise_idx').on(t.enterpriseId, t.periodFrom),
    index('placement_school_idx').on(t.schoolId, t.periodFrom),
    index('placement_agreement_file_idx').on(t.agreementFileId),
    check('placement_students_positive', sql`${t.students} > 0`),
    check('placement_period', sql`${t.periodTo} >= ${t.periodFrom}`),
    check(
      'placement_agreement_recorded',
      sql`${t.agreementStatus} = 'missing' OR (${t.agreementReference} IS NOT NULL AND ${t.agreementSignedOn} IS NOT NULL)`,
    ),
  ],
);

/** 合作项目: what an accepted non-internship need becomes (order class, course, textbook, teacher practice, …). */
export const cooperationProjects = pgTable(
  'cooperation_project',
  {
    id: id(),
    applicationId: uuid('application_id')
      .notNull()
      .references(() => needApplications.id, { onDelete: 'cascade' }),
    needId: uuid('need_id')
      .notNull()
      .references(() => needs.id, { onDelete: 'cascade' }),
    enterpriseId: uuid('enterprise_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'restrict' }),
    schoolId: uuid('school_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'restrict' }),
    kind: text('kind', { enum: needKinds }).notNull(),
    title: text('title').notNull(),
    /** people or places the project involves (students of an order class, teachers, …), when the kind has them */
    size: integer('size'),
    status: text('status', { enum: projectStatuses }).notNull().default('active'),
    completedAt: timestamp('completed_at', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('cooperation_project_application_idx').on(t.applicationId),
    index('cooperation_project_enterprise_idx').on(t.enterpriseId, t.status),
    index('cooperation_project_school_idx').on(t.schoolId, t.status),
    index('cooperation_project_kind_idx').on(t.kind, t.status),
  ],
);

export const projectMilestones = pgTable(
  'project_milestone',
  {
    id: id(),
    projectId: uuid('project_id')
      .notNull()
      .references(() => cooperationProjects.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    title: text('title').notNull(),
    dueOn: date('due_on'),
    doneAt: timestamp('done_at', { withTimezone: true }),
    doneBy: text('done_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('project_milestone_position_idx').on(t.projectId, t.position)],
);
