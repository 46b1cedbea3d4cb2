import { and, asc, eq, gt, inArray, or, sql } from 'drizzle-orm';
import type { MemberRole } from '@ronghe/domain/organization';
import type { Database, Drizzle } from '../client.ts';
import { invitations, organizationMembers, organizations, sessions, users } from '../schema/index.ts';
import { ormOf, type Executor } from './sql.ts';

export async function membershipOf(db: Executor, organizationId: string, userId: string) {
  const [row] = await ormOf(db)
    .select({ role: organizationMembers.role })
    .from(organizationMembers)
    .where(and(eq(organizationMembers.organizationId, organizationId), eq(organizationMembers.userId, userId)));
  return row ?? null;
}

export async function listMembershipsOfUser(db: Database, userId: string) {
  return db.orm
    .select({
      organizationId: organizations.id,
      name: organizations.name,
      kind: organizations.kind,
      status: organizations.status,
      role: organizationMembers.role,
    })
    .from(organizationMembers)
    .innerJoin(organizations, eq(organizations.id, organizationMembers.organizationId))
    .where(eq(organizationMembers.userId, userId))
    .orderBy(asc(organizations.name));
}

export async function listMembers(db: Database, organizationId: string) {
  return db.orm
    .select({
      userId: users.id,
      name: users.name,
      email: users.email,
      phoneNumber: users.phoneNumber,
      role: organizationMembers.role,
      since: organizationMembers.createdAt,
    })
    .from(organizationMembers)
    .innerJoin(users, eq(users.id, organizationMembers.userId))
    .where(eq(organizationMembers.organizationId, organizationId))
    .orderBy(asc(organizationMembers.createdAt));
}

export async function insertMember(tx: Drizzle, organizationId: string, userId: string, role: MemberRole) {
  await tx.insert(organizationMembers).values({ organizationId, userId, role });
}

/** Locks every membership row of the organisation (role changes serialise on it) and returns them. */
export async function lockMembers(tx: Drizzle, organizationId: string) {
  return tx
    .select({ userId: organizationMembers.userId, role: organizationMembers.role })
    .from(organizationMembers)
    .where(eq(organizationMembers.organizationId, organizationId))
    .for('update');
}

export async function setMemberRole(tx: Drizzle, organizationId: string, userId: string, role: MemberRole) {
  await tx
    .update(organizationMembers)
    .set({ role, updatedAt: new Date() })
    .where(and(eq(organizationMembers.organizationId, organizationId), eq(organizationMembers.userId, userId)));
}

export async function deleteMember(tx: Drizzle, organizationId: string, userId: string) {
  await tx
    .delete(organizationMembers)
    .where(and(eq(organizationMembers.organizationId, organizationId), eq(organizationMembers.userId, userId)));
  // a session acting for this organisation stops doing so
  await tx
    .update(sessions)
    .set({ activeOrganizationId: null })
    .where(and(eq(sessions.userId, userId), eq(sessions.activeOrganizationId, organizationId)));
}

export async function setActiveOrganization(db: Database, sessionId: string, organizationId: string | null) {
  await db.orm.update(sessions).set({ activeOrganizationId: organizationId }).where(eq(sessions.id, sessionId));
}

export type NewInvitation = typeof invitations.$inferInsert;

export async function insertInvitation(tx: Drizzle, values: NewInvitation) {
  const [row] = await tx.insert(invitations).values(values).returning();
  if (!row) throw new Error('insert returned no row');
  return row;
}

export async function listOpenInvitationsOfOrganization(db: Database, organizationId: string) {
  return db.orm
    .select({
      id: invitations.id,
      identifier: invitations.identifier,
      role: invitations.role,
      token: invitations.token,
      expiresAt: invitations.expiresAt,
      createdAt: invitations.createdAt,
    })
    .from(invitations)
    .where(and(eq(invitations.organizationId, organizationId), eq(invitations.status, 'pending'), gt(invitations.expiresAt, sql`now()`)))
    .orderBy(asc(invitations.createdAt));
}

/** Open invitations addressed to any of a user's identifiers (email, mobile). */
export async function listOpenInvitationsFor(db: Database, identifiers: string[]) {
  if (identifiers.length === 0) return [];
  return db.orm
    .select({
      id: invitations.id,
      token: invitations.token,
      role: invitations.role,
      organizationId: organizations.id,
      organizationName: organizations.name,
      organizationKind: organizations.kind,
      expiresAt: invitations.expiresAt,
    })
    .from(invitations)
    .innerJoin(organizations, eq(organizations.id, invitations.organizationId))
    .where(and(inArray(invitations.identifier, identifiers), eq(invitations.status, 'pending'), gt(invitations.expiresAt, sql`now()`)))
    .orderBy(asc(invitations.createdAt));
}

export async function lockInvitationByToken(tx: Drizzle, token: string) {
  const [row] = await tx.select().from(invitations).where(eq(invitations.token, token)).for('update');
  return row ?? null;
}

export async function lockInvitationById(tx: Drizzle, id: string) {
  const [row] = await tx.select().from(invitations).where(eq(invitations.id, id)).for('update');
  return row ?? null;
}

export async function setInvitationStatus(
  tx: Drizzle,
  id: string,
  status: 'accepted' | 'revoked' | 'expired',
  acceptedByUserId: string | null = null,
) {
  await tx.update(invitations).set({ status, acceptedByUserId, updatedAt: new Date() }).where(eq(invitations.id, id));
}

/**
 * Locks the organisation row against other invitations (FOR NO KEY UPDATE: rows referencing it can still be written)
 * and counts its invitations of the last `hours` hours. Concurrent invitations of one organisation serialise here, so
 * the daily limit holds across processes.
 */
export async function lockAndCountRecentInvitations(tx: Drizzle, organizationId: string, hours: number): Promise<number> {
  await tx.select({ id: organizations.id }).from(organizations).where(eq(organizations.id, organizationId)).for('no key update');
  const [row] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(invitations)
    .where(and(eq(invitations.organizationId, organizationId), gt(invitations.createdAt, sql`now() - make_interval(hours => ${hours})`)));
  return row?.n ?? 0;
}

/** Is a user with this email or mobile already a member? */
export async function isMemberByIdentifier(db: Executor, organizationId: string, identifier: string) {
  const rows = await ormOf(db)
    .select({ id: users.id })
    .from(organizationMembers)
    .innerJoin(users, eq(users.id, organizationMembers.userId))
    .where(and(eq(organizationMembers.organizationId, organizationId), or(eq(users.email, identifier), eq(users.phoneNumber, identifier))))
    .limit(1);
  return rows.length > 0;
}

/** Whether the user belongs to any verified organisation (who may look at other schools' cohorts). */
export async function isMemberOfVerifiedOrganization(db: Database, userId: string): Promise<boolean> {
  const rows = await db.orm
    .select({ id: organizations.id })
    .from(organizationMembers)
    .innerJoin(organizations, eq(organizations.id, organizationMembers.organizationId))
    .where(and(eq(organizationMembers.userId, userId), eq(organizations.status, 'verified')))
    .limit(1);
  return rows.length > 0;
}
