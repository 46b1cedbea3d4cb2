import { and, desc, eq, gt, isNull, lt, sql } from 'drizzle-orm';
import type { Database, Drizzle } from '../client.ts';
import { uniqueViolation } from '../errors.ts';
import { accounts, knownDevices, sessions, users, verificationCodes } from '../schema/index.ts';

export type CodeChannel = 'email' | 'sms';

/** The newest code of the user for the channel, used or not. */
export async function latestCode(db: Database, userId: string, channel: CodeChannel) {
  const [row] = await db.orm
    .select()
    .from(verificationCodes)
    .where(and(eq(verificationCodes.userId, userId), eq(verificationCodes.channel, channel)))
    .orderBy(desc(verificationCodes.createdAt))
    .limit(1);
  return row ?? null;
}

export async function insertCode(
  db: Database,
  values: {
    userId: string;
    channel: CodeChannel;
    identifier: string;
    codeHash: string;
    expiresAt: Date;
    pendingPasswordHash?: string | null;
    pendingName?: string | null;
    addsIdentifier?: boolean;
  },
): Promise<void> {
  await db.orm.insert(verificationCodes).values(values);
}

/**
 * Counts one attempt against the user's newest live code (unused, unexpired, with attempts left) and returns it; null
 * when there is none. One atomic update: of many attempts sent at once, at most `maxAttempts` get the code back.
 */
export async function spendCodeAttempt(db: Database, userId: string, channel: CodeChannel, maxAttempts: number) {
  const newest = db.orm
    .select({ id: verificationCodes.id })
    .from(verificationCodes)
    .where(and(eq(verificationCodes.userId, userId), eq(verificationCodes.channel, channel)))
    .orderBy(desc(verificationCodes.createdAt))
    .limit(1);
  const [row] = await db.orm
    .update(verificationCodes)
    .set({ attempts: sql`${verificationCodes.attempts} + 1` })
    .where(
      and(
        eq(verificationCodes.id, sql`(${newest})`),
        isNull(verificationCodes.consumedAt),
        gt(verificationCodes.expiresAt, sql`now()`),
        lt(verificationCodes.attempts, maxAttempts),
      ),
    )
    .returning();
  return row ?? null;
}

/**
 * Uses the code and marks its identifier verified on the account, in one transaction; false when another request
 * used it first, or the account's identifier is no longer the one the code was sent to. A code sent for a sign-up
 * with an address an unverified account held also gives the account the new person's password and name, and ends
 * the account's sessions and known browsers: whoever held it unverified is out.
 */
export async function consumeCode(
  db: Database,
  code: {
    id: string;
    userId: string;
    channel: CodeChannel;
    identifier: string;
    pendingPasswordHash?: string | null;
    pendingName?: string | null;
    addsIdentifier?: boolean;
  },
) {
  if (code.addsIdentifier) return addIdentifierWith(db, code);
  return db.orm.transaction(async (tx: Drizzle) => {
    const used = await tx
      .update(verificationCodes)
      .set({ consumedAt: new Date() })
      .where(and(eq(verificationCodes.id, code.id), isNull(verificationCodes.consumedAt)))
      .returning({ id: verificationCodes.id });
    if (used.length === 0) return false;
    const verified = code.channel === 'email' ? { emailVerified: true } : { phoneNumberVerified: true };
    const marked = await tx
      .update(users)
      .set({ ...verified, ...(code.pendingName ? { name: code.pendingName } : {}), updatedAt: new Date() })
      .where(
        and(
          eq(users.id, code.userId),
          code.channel === 'email' ? eq(users.email, code.identifier) : eq(users.phoneNumber, code.identifier),
        ),
      )
      .returning({ id: users.id });
    if (marked.length === 0) return false;
    if (code.pendingPasswordHash) {
      await tx
        .update(accounts)
        .set({ password: code.pendingPasswordHash, updatedAt: new Date() })
        .where(and(eq(accounts.userId, code.userId), eq(accounts.providerId, 'credential')));
      await tx.delete(sessions).where(eq(sessions.userId, code.userId));
      await tx.delete(knownDevices).where(eq(knownDevices.userId, code.userId));
    }
    return true;
  });
}

/**
 * Uses a code that adds its identifier to the account (verified); false when the code was used meanwhile or another
 * account took the address or number first (the unique constraint refuses it, and nothing changes).
 */
async function addIdentifierWith(db: Database, code: { id: string; userId: string; channel: CodeChannel; identifier: string }) {
  try {
    return await db.orm.transaction(async (tx: Drizzle) => {
      const used = await tx
        .update(verificationCodes)
        .set({ consumedAt: new Date() })
        .where(and(eq(verificationCodes.id, code.id), isNull(verificationCodes.consumedAt)))
        .returning({ id: verificationCodes.id });
      if (used.length === 0) return false;
      await tx
        .update(users)
        .set(
          code.channel === 'email'
            ? { email: code.identifier, emailVerified: true, updatedAt: new Date() }
            : { phoneNumber: code.identifier, phoneNumberVerified: true, updatedAt: new Date() },
        )
        .where(eq(users.id, code.userId));
      return true;
    });
  } catch (error) {
    if (uniqueViolation(error) !== null) return false;
    throw error;
  }
}

/** Marks the account's email and mobile number verified without a code (accounts an admin or the demo creates, tests). */
export async function markIdentifiersVerified(db: Database, userId: string): Promise<void> {
  await db.orm
    .update(users)
    .set({ emailVerified: true, phoneNumberVerified: sql`${users.phoneNumber} is not null`, updatedAt: new Date() })
    .where(eq(users.id, userId));
}
