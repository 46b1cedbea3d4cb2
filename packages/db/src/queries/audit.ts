import { and, desc, eq, lt } from 'drizzle-orm';
import type { Database, Drizzle } from '../client.ts';
import { auditLog, users } from '../schema/index.ts';

export type AuditEntry = {
  actorUserId: string | null;
  action: string;
  entity: string;
  entityId: string;
  before?: unknown;
  after?: unknown;
  organizationId?: string | null;
};

/** Writes an audit record; pass the transaction that makes the change, so both land or neither. */
export async function writeAudit(tx: Drizzle, entry: AuditEntry): Promise<void> {
  await tx.insert(auditLog).values({
    actorUserId: entry.actorUserId,
    action: entry.action,
    entity: entry.entity,
    entityId: entry.entityId,
    before: entry.before ?? null,
    after: entry.after ?? null,
    organizationId: entry.organizationId ?? null,
  });
}

export async function listAudit(
  db: Database,
  f: { entity?: string; action?: string; organizationId?: string; beforeId?: number; limit: number },
) {
  return db.orm
    .select({
      id: auditLog.id,
      at: auditLog.at,
      action: auditLog.action,
      entity: auditLog.entity,
      entityId: auditLog.entityId,
      before: auditLog.before,
      after: auditLog.after,
      organizationId: auditLog.organizationId,
      actorUserId: auditLog.actorUserId,
      actorName: users.name,
    })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorUserId))
    .where(
      and(
        f.entity ? eq(auditLog.entity, f.entity) : undefined,
        f.action ? eq(auditLog.action, f.action) : undefined,
        f.organizationId ? eq(auditLog.organizationId, f.organizationId) : undefined,
        f.beforeId ? lt(auditLog.id, f.beforeId) : undefined,
      ),
    )
    .orderBy(desc(auditLog.id))
    .limit(f.limit);
}
