import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { BookingStatus } from '@ronghe/domain/training-base';
import type { Database, Drizzle } from '../client.ts';
import { baseBookings, organizations, trainingBases } from '../schema/index.ts';

export type NewBooking = typeof baseBookings.$inferInsert;
export type BookingRow = typeof baseBookings.$inferSelect;

export async function insertBooking(tx: Drizzle, values: NewBooking) {
  const [row] = await tx.insert(baseBookings).values(values).returning();
  if (!row) throw new Error('insert returned no row');
  return row;
}

export async function lockBooking(tx: Drizzle, id: string) {
  const [row] = await tx.select().from(baseBookings).where(eq(baseBookings.id, id)).for('update');
  return row ?? null;
}

export async function updateBooking(tx: Drizzle, id: string, set: Partial<NewBooking>) {
  await tx
    .update(baseBookings)
    .set({ ...set, updatedAt: new Date() })
    .where(eq(baseBookings.id, id));
}

export type BookingSide = { ownerOrganizationId: string } | { requesterOrganizationId: string } | { baseId: string };

/** Bookings for one owner's bases, one requester, or one base, newest first. */
export async function listBookings(db: Database, side: BookingSide, statuses?: BookingStatus[]) {
  const requester = organizations;
  const where = and(
    'ownerOrganizationId' in side ? eq(trainingBases.ownerOrganizationId, side.ownerOrganizationId) : undefined,
    'requesterOrganizationId' in side ? eq(baseBookings.requesterOrganizationId, side.requesterOrganizationId) : undefined,
    'baseId' in side ? eq(baseBookings.baseId, side.baseId) : undefined,
    statuses?.length ? inArray(baseBookings.status, statuses) : undefined,
  );
  return db.orm
    .select({
      id: baseBookings.id,
      baseId: baseBookings.baseId,
      baseName: trainingBases.name,
      ownerOrganizationId: trainingBases.ownerOrganizationId,
      requesterOrganizationId: baseBookings.requesterOrganizationId,
      requesterName: requester.name,
      fromDay: baseBookings.fromDay,
      toDay: baseBookings.toDay,
      stations: baseBookings.stations,
      purpose: baseBookings.purpose,
      note: baseBookings.note,
      status: baseBookings.status,
      proposedFrom: baseBookings.proposedFrom,
      proposedTo: baseBookings.proposedTo,
      responseNote: baseBookings.responseNote,
      createdAt: baseBookings.createdAt,
      decidedAt: baseBookings.decidedAt,
    })
    .from(baseBookings)
    .innerJoin(trainingBases, eq(trainingBases.id, baseBookings.baseId))
    .innerJoin(requester, eq(requester.id, baseBookings.requesterOrganizationId))
    .where(where)
    .orderBy(desc(baseBookings.createdAt))
    .limit(500);
}

/** Does the user belong to an organisation with an approved booking at this base? (They may see its contact.) */
export async function hasApprovedBooking(db: Database, baseId: string, userId: string): Promise<boolean> {
  const rows = await db.rows(sql`
    select 1 from base_booking b join organization_member m on m.organization_id = b.requester_organization_id
    where b.base_id = ${baseId}::uuid and b.status = 'approved' and m.user_id = ${userId} limit 1`);
  return rows.length > 0;
}
