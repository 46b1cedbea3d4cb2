import { sql } from 'drizzle-orm';
import { index, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { changeRequestStatuses, type VouchedValues } from '@ronghe/domain/organization';
import { users } from './auth.ts';
import { createdAt, id, updatedAt } from './columns.ts';
import { organizations } from './organizations.ts';

/**
 * A change to what verification vouched for (name, codes, staff count, level, region) of a verified organisation:
 * it applies only when a platform admin approves it; until then the organisation keeps its old values.
 */
export const organizationChangeRequests = pgTable(
  'organization_change_request',
  {
    id: id(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    status: text('status', { enum: changeRequestStatuses }).notNull().default('pending'),
    /** the vouched values when the request was made, and the ones asked for (only the fields that change) */
    before: jsonb('before').$type<VouchedValues>().notNull(),
    after: jsonb('after').$type<VouchedValues>().notNull(),
    requestedByUserId: text('requested_by_user_id').references(() => users.id, { onDelete: 'set null' }),
    decidedByUserId: text('decided_by_user_id').references(() => users.id, { onDelete: 'set null' }),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    /** why it was rejected, shown to the organisation */
    reason: text('reason'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    // one open request per organisation: a further edit amends it
    uniqueIndex('organization_change_request_pending_key')
      .on(t.organizationId)
      .where(sql`status = 'pending'`),
    index('organization_change_request_status_idx').on(t.status, t.createdAt),
  ],
);
