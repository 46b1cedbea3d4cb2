import { and, asc, desc, eq } from 'drizzle-orm';
import type { ChangeRequestStatus, VouchedValues } from '@ronghe/domain/organization';
import type { Database, Drizzle } from '../client.ts';
import { organizationChangeRequests, organizations, regions, users } from '../schema/index.ts';
import { ormOf, type Executor } from './sql.ts';

/** The organisation's open change request, or null. */
export async function pendingChangeOf(db: Executor, organizationId: string) {
  const [row] = await ormOf(db)
    .select()
    .from(organizationChangeRequests)
    .where(and(eq(organizationChangeRequests.organizationId, organizationId), eq(organizationChangeRequests.status, 'pending')));
  return row ?? null;
}

/** Opens a change request, or amends the open one (its `before` stays, the new values join its `after`). */
export async function upsertPendingChange(
  tx: Drizzle,
  values: { organizationId: string; before: VouchedValues; after: VouchedValues; requestedByUserId: string },
) {
  const [open] = await tx
    .select()
    .from(organizationChangeRequests)
    .where(and(eq(organizationChangeRequests.organizationId, values.organizationId), eq(organizationChangeRequests.status, 'pending')))
    .for('update');
  if (open) {
    const [row] = await tx
      .update(organizationChangeRequests)
      .set({
        before: { ...values.before, ...open.before },
        after: { ...open.after, ...values.after },
        requestedByUserId: values.requestedByUserId,
        updatedAt: new Date(),
      })
      .where(eq(organizationChangeRequests.id, open.id))
      .returning();
    if (!row) throw new Error('update returned no row');
    return row;
  }
  const [row] = await tx.insert(organizationChangeRequests).values(values).returning();
  if (!row) throw new Error('insert returned no row');
  return row;
}

export async function changeRequestById(tx: Drizzle, id: string) {
  const [row] = await tx
    .select({ id: organizationChangeRequests.id, organizationId: organizationChangeRequests.organizationId })
    .from(organizationChangeRequests)
    .where(eq(organizationChangeRequests.id, id));
  return row ?? null;
}

export async function lockChangeRequest(tx: Drizzle, id: string) {
  const [row] = await tx.select().from(organizationChangeRequests).where(eq(organizationChangeRequests.id, id)).for('update');
  return row ?? null;
}

export async function decideChangeRequest(
  tx: Drizzle,
  id: string,
  decision: { status: Exclude<ChangeRequestStatus, 'pending'>; decidedByUserId: string; reason: string | null },
) {
  await tx
    .update(organizationChangeRequests)
    .set({ ...decision, decidedAt: new Date(), updatedAt: new Date() })
    .where(eq(organizationChangeRequests.id, id));
}

/** Change requests for the admin page: open ones oldest first, decided ones newest first. */
export async function listChangeRequests(db: Database, status: ChangeRequestStatus, limit: number) {
  return db.orm
    .select({
      id: organizationChangeRequests.id,
      organizationId: organizations.id,
      organizationName: organizations.name,
      kind: organizations.kind,
      regionName: regions.name,
      status: organizationChangeRequests.status,
      before: organizationChangeRequests.before,
      after: organizationChangeRequests.after,
      requestedByName: users.name,
      createdAt: organizationChangeRequests.createdAt,
      decidedAt: organizationChangeRequests.decidedAt,
      reason: organizationChangeRequests.reason,
    })
    .from(organizationChangeRequests)
    .innerJoin(organizations, eq(organizations.id, organizationChangeRequests.organizationId))
    .innerJoin(regions, eq(regions.code, organizations.regionCode))
    .leftJoin(users, eq(users.id, organizationChangeRequests.requestedByUserId))
    .where(eq(organizationChangeRequests.status, status))
    .orderBy(status === 'pending' ? asc(organizationChangeRequests.createdAt) : desc(organizationChangeRequests.decidedAt))
    .limit(limit);
}
