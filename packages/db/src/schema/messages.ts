import { index, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { createdAt, id } from './columns.ts';
import { messageChannels, messageStatuses } from '@ronghe/domain/outbox';
import { users } from './auth.ts';

/** Every email and text message Ronghe sends, written before it is sent: nothing is dropped silently (decision 022). */
export const outboundMessages = pgTable(
  'outbound_message',
  {
    id: id(),
    channel: text('channel', { enum: messageChannels }).notNull(),
    /** an email address or an 11-digit mobile number */
    recipient: text('recipient').notNull(),
    /** the account it is for, when there is one (an invitation may go to someone without an account) */
    userId: text('user_id').references(() => users.id, { onDelete: 'set null' }),
    /** what it is: verification, invitation, … (for the admins' list and the retention of codes) */
    purpose: text('purpose').notNull(),
    subject: text('subject').notNull(),
    body: text('body').notNull(),
    status: text('status', { enum: messageStatuses }).notNull().default('queued'),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    createdAt: createdAt(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    /** when a worker last claimed it: a claim older than a few minutes was lost with its process */
    claimedAt: timestamp('claimed_at', { withTimezone: true }),
  },
  (t) => [index('outbound_message_status_idx').on(t.status, t.createdAt), index('outbound_message_created_idx').on(t.createdAt)],
);
