import { sql } from 'drizzle-orm';
import { index, pgTable, text, timestamp, uniqueIndex, uuid, varchar } from 'drizzle-orm/pg-core';
import { memberRoles, invitationStatuses } from '@ronghe/domain/organization';
import { createdAt, id, updatedAt } from './columns.ts';
import { users } from './auth.ts';
import { majors } from './reference.ts';
import { organizations } from './organizations.ts';

export const organizationMembers = pgTable(
  'organization_member',
  {
    id: id(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    role: text('role', { enum: memberRoles }).notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('organization_member_key').on(t.organizationId, t.userId), index('organization_member_user_idx').on(t.userId)],
);

export const invitations = pgTable(
  'invitation',
  {
    id: id(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    /** an email (lower case) or an 11-digit mobile number */
    identifier: text('identifier').notNull(),
    role: text('role', { enum: memberRoles }).notNull(),
    /** the secret in the copyable link */
    token: text('token').notNull().unique(),
    status: text('status', { enum: invitationStatuses }).notNull().default('pending'),
    invitedByUserId: text('invited_by_user_id').references(() => users.id, { onDelete: 'set null' }),
    acceptedByUserId: text('accepted_by_user_id').references(() => users.id, { onDelete: 'set null' }),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('invitation_identifier_idx').on(t.identifier),
    // the daily invitation limit counts an organisation's invitations of the last 24 hours
    index('invitation_organization_created_idx').on(t.organizationId, t.createdAt),
    // one open invitation per person and organisation
    uniqueIndex('invitation_pending_key')
      .on(t.organizationId, t.identifier)
      .where(sql`status = 'pending'`),
  ],
);

/** The majors a school runs. */
export const organizationMajors = pgTable(
  'organization_major',
  {
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    majorCode: varchar('major_code', { length: 6 })
      .notNull()
      .references(() => majors.code, { onDelete: 'restrict' }),
  },
  (t) => [uniqueIndex('organization_major_key').on(t.organizationId, t.majorCode), index('organization_major_code_idx').on(t.majorCode)],
);
