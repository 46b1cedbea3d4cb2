import { index, jsonb, pgTable, text, uuid, bigserial } from 'drizzle-orm/pg-core';
import { createdAt } from './columns.ts';

/** Who did what, when, with the record before and after. Written in the same transaction as the change. */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    at: createdAt(),
    /** the user who acted; null for the system (seed, jobs) */
    actorUserId: text('actor_user_id'),
    action: text('action').notNull(),
    entity: text('entity').notNull(),
    entityId: text('entity_id').notNull(),
    before: jsonb('before'),
    after: jsonb('after'),
    organizationId: uuid('organization_id'),
  },
  (t) => [index('audit_log_entity_idx').on(t.entity, t.entityId), index('audit_log_at_idx').on(t.at)],
);
