import { and, eq, inArray, ne, sql } from 'drizzle-orm';
import type { Database, Drizzle } from '../client.ts';
import { writeAudit } from './audit.ts';
import {
  accounts,
  knownDevices,
  notifications,
  organizationMembers,
  organizations,
  outboundMessages,
  passwordResets,
  sessions,
  users,
  verificationCodes,
} from '../schema/index.ts';

/** The account's password hash (its credential account), to confirm a deletion; null when it has none. */
export async function credentialHashOf(db: Database, userId: string): Promise<string | null> {
  const [row] = await db.orm
    .select({ hash: accounts.password })
    .from(accounts)
    .where(and(eq(accounts.userId, userId), eq(accounts.providerId, 'credential')));
  return row?.hash ?? null;
}

/** The organisations this user is the only owner of: they must hand them over before deleting the account. */
export async function organizationsOnlyOwnedBy(db: Database | Drizzle, userId: string) {
  const orm = 'orm' in db ? db.orm : db;
  const otherOwners = orm
    .select({ n: sql<number>`count(*)` })
    .from(organizationMembers)
    .where(
      and(
        eq(organizationMembers.organizationId, organizations.id),
        eq(organizationMembers.role, 'owner'),
        ne(organizationMembers.userId, userId),
      ),
    );
  return orm
    .select({ id: organizations.id, name: organizations.name })
    .from(organizations)
    .innerJoin(organizationMembers, eq(organizationMembers.organizationId, organizations.id))
    .where(and(eq(organizationMembers.userId, userId), eq(organizationMembers.role, 'owner'), sql`(${otherOwners}) = 0`));
}

/**
 * Deletes an account by anonymising it, in one transaction: the user row stays (its random id is the pseudonym the
 * audit log and records of who did what keep), its name, email and mobile number are replaced, and its password,
 * sessions, memberships, codes, known browsers and notifications are deleted; messages to it lose recipient and text.
 * Returns false, changing nothing, if the user is (by now) the only owner of an organisation.
 */
export async function anonymizeUser(db: Database, userId: string): Promise<boolean> {
  return db.orm.transaction(async (tx: Drizzle) => {
    // lock the owners of every organisation the user belongs to: an owner removed meanwhile waits, then is seen
    await tx.execute(sql`select 1 from ${organizationMembers}
      where ${organizationMembers.role} = 'owner' and ${organizationMembers.organizationId} in
        (select ${organizationMembers.organizationId} from ${organizationMembers} where ${organizationMembers.userId} = ${userId})
      for update`);
    if ((await organizationsOnlyOwnedBy(tx, userId)).length > 0) return false;
    await tx
      .update(users)
      .set({
        name: '已注销用户',
        email: `deleted-${userId.toLowerCase()}@deleted.ronghe.invalid`,
        emailVerified: false,
        phoneNumber: null,
        phoneNumberVerified: false,
        image: null,
        isPlatformAdmin: false,
        disabledAt: new Date(),
        updatedAt: new Date(),
      })
      .where(eq(users.id, userId));
    await tx.delete(accounts).where(eq(accounts.userId, userId));
    await tx.delete(sessions).where(eq(sessions.userId, userId));
    await tx.delete(organizationMembers).where(eq(organizationMembers.userId, userId));
    await tx.delete(knownDevices).where(eq(knownDevices.userId, userId));
    await tx.delete(verificationCodes).where(eq(verificationCodes.userId, userId));
    await tx.delete(passwordResets).where(eq(passwordResets.userId, userId));
    await tx.delete(notifications).where(eq(notifications.userId, userId));
    await tx
      .update(outboundMessages)
      .set({ recipient: '（已注销）', subject: '（已注销）', body: '' })
      .where(inArray(outboundMessages.userId, [userId]));
    // the audit log keeps what the account did under its id, which now names nobody
    await writeAudit(tx, { actorUserId: userId, action: 'account.delete', entity: 'user', entityId: userId });
    return true;
  });
}
