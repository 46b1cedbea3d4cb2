import { and, eq, inArray, isNotNull, isNull, or } from 'drizzle-orm';
import type { Database } from '../client.ts';
import { sessions, users } from '../schema/index.ts';

export async function findUserByEmailOrPhone(db: Database, identifier: { kind: 'email' | 'mobile'; value: string }) {
  const [row] = await db.orm
    .select({
      id: users.id,
      email: users.email,
      emailVerified: users.emailVerified,
      name: users.name,
      phoneNumber: users.phoneNumber,
      phoneNumberVerified: users.phoneNumberVerified,
      isPlatformAdmin: users.isPlatformAdmin,
      disabledAt: users.disabledAt,
    })
    .from(users)
    .where(identifier.kind === 'email' ? eq(users.email, identifier.value) : eq(users.phoneNumber, identifier.value));
  return row ?? null;
}

export async function isIdentifierTaken(db: Database, email: string, phone: string | null): Promise<boolean> {
  const rows = await db.orm
    .select({ id: users.id })
    .from(users)
    .where(phone ? or(eq(users.email, email), eq(users.phoneNumber, phone)) : eq(users.email, email))
    .limit(1);
  return rows.length > 0;
}

export async function setUserPhone(db: Database, userId: string, phone: string): Promise<void> {
  await db.orm.update(users).set({ phoneNumber: phone, updatedAt: new Date() }).where(eq(users.id, userId));
}

export async function setPlatformAdmin(db: Database, userId: string, isAdmin: boolean): Promise<void> {
  await db.orm.update(users).set({ isPlatformAdmin: isAdmin, updatedAt: new Date() }).where(eq(users.id, userId));
}

/** Records that the person agreed to this version of the privacy notice, now. */
export async function recordPrivacyConsent(db: Database, userId: string, version: string): Promise<void> {
  await db.orm
    .update(users)
    .set({ privacyVersion: version, privacyAcceptedAt: new Date(), updatedAt: new Date() })
    .where(eq(users.id, userId));
}

/**
 * Disables the accounts with these emails (they may not sign in; their sessions are deleted) or enables them again.
 * Returns the emails whose state changed.
 */
export async function setAccountsDisabled(db: Database, emails: readonly string[], disabled: boolean): Promise<string[]> {
  if (emails.length === 0) return [];
  return db.orm.transaction(async (tx) => {
    const changed = await tx
      .update(users)
      .set({ disabledAt: disabled ? new Date() : null, updatedAt: new Date() })
      .where(and(inArray(users.email, [...emails]), disabled ? isNull(users.disabledAt) : isNotNull(users.disabledAt)))
      .returning({ id: users.id, email: users.email });
    if (disabled && changed.length > 0)
      await tx.delete(sessions).where(
        inArray(
          sessions.userId,
          changed.map((u) => u.id),
        ),
      );
    return changed.map((u) => u.email);
  });
}
