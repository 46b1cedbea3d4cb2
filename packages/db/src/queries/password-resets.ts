import { and, desc, eq, gt, isNull, lt, sql } from 'drizzle-orm';
import type { Database, Drizzle } from '../client.ts';
import { accounts, passwordResets, sessions, users } from '../schema/index.ts';

export type ResetChannel = 'email' | 'sms';

export async function insertPasswordReset(
  db: Database,
  values: { id: string; userId: string; channel: ResetChannel; secretHash: string; expiresAt: Date },
): Promise<void> {
  await db.orm.insert(passwordResets).values(values);
}

/** The user's newest text-message reset, to pace resends; null when there is none. */
export async function latestPasswordReset(db: Database, userId: string, channel: ResetChannel) {
  const [row] = await db.orm
    .select({ id: passwordResets.id, createdAt: passwordResets.createdAt })
    .from(passwordResets)
    .where(and(eq(passwordResets.userId, userId), eq(passwordResets.channel, channel)))
    .orderBy(desc(passwordResets.createdAt))
    .limit(1);
  return row ?? null;
}

/**
 * Counts one attempt against the user's newest live text-message reset (unused, unexpired, attempts left) and
 * returns it; null when there is none. One atomic update: of many attempts sent at once, at most `maxAttempts` pass.
 */
export async function spendResetAttempt(db: Database, userId: string, maxAttempts: number) {
  const newest = db.orm
    .select({ id: passwordResets.id })
    .from(passwordResets)
    .where(and(eq(passwordResets.userId, userId), eq(passwordResets.channel, 'sms')))
    .orderBy(desc(passwordResets.createdAt))
    .limit(1);
  const [row] = await db.orm
    .update(passwordResets)
    .set({ attempts: sql`${passwordResets.attempts} + 1` })
    .where(
      and(
        eq(passwordResets.id, sql`(${newest})`),
        isNull(passwordResets.usedAt),
        gt(passwordResets.expiresAt, sql`now()`),
        lt(passwordResets.attempts, maxAttempts),
      ),
    )
    .returning({ id: passwordResets.id, secretHash: passwordResets.secretHash, attempts: passwordResets.attempts });
  return row ?? null;
}

/**
 * Uses a live reset (by its secret's hash) and sets the new password hash, deleting every session of the account, in
 * one transaction; the email or mobile number the secret reached is then verified too. Returns the account, or null
 * when the reset is unknown, used (by this or a concurrent request) or expired: then nothing changes.
 */
export async function completePasswordReset(db: Database, secretHash: string, passwordHash: string) {
  return db.orm.transaction(async (tx: Drizzle) => {
    const [used] = await tx
      .update(passwordResets)
      .set({ usedAt: new Date() })
      .where(and(eq(passwordResets.secretHash, secretHash), isNull(passwordResets.usedAt), gt(passwordResets.expiresAt, sql`now()`)))
      .returning({ userId: passwordResets.userId, channel: passwordResets.channel });
    if (!used) return null;
    await tx
      .update(accounts)
      .set({ password: passwordHash, updatedAt: new Date() })
      .where(and(eq(accounts.userId, used.userId), eq(accounts.providerId, 'credential')));
    await tx.delete(sessions).where(eq(sessions.userId, used.userId));
    // older links and codes of the account die with this one
    await tx
      .update(passwordResets)
      .set({ usedAt: new Date() })
      .where(and(eq(passwordResets.userId, used.userId), isNull(passwordResets.usedAt)));
    const [user] = await tx
      .update(users)
      .set(used.channel === 'email' ? { emailVerified: true, updatedAt: new Date() } : { phoneNumberVerified: true, updatedAt: new Date() })
      .where(eq(users.id, used.userId))
      .returning({ email: users.email });
    return { userId: used.userId, channel: used.channel, email: user?.email ?? null };
  });
}
