import { and, desc, eq, gt, ne, sql } from 'drizzle-orm';
import type { Database } from '../client.ts';
import { knownDevices, sessions } from '../schema/index.ts';

/** The account's live sessions, the most recently active first (never their tokens). */
export async function listSessionsOfUser(db: Database, userId: string) {
  return db.orm
    .select({
      id: sessions.id,
      userAgent: sessions.userAgent,
      ipAddress: sessions.ipAddress,
      createdAt: sessions.createdAt,
      lastSeenAt: sessions.updatedAt,
    })
    .from(sessions)
    .where(and(eq(sessions.userId, userId), gt(sessions.expiresAt, sql`now()`)))
    .orderBy(desc(sessions.updatedAt), desc(sessions.createdAt));
}

/** Ends one of the account's sessions; false when the account has no such session. */
export async function deleteSessionOfUser(db: Database, userId: string, sessionId: string): Promise<boolean> {
  const rows = await db.orm
    .delete(sessions)
    .where(and(eq(sessions.userId, userId), eq(sessions.id, sessionId)))
    .returning({ id: sessions.id });
  return rows.length > 0;
}

/** Ends every session of the account except this one; how many ended. */
export async function deleteOtherSessions(db: Database, userId: string, keepSessionId: string): Promise<number> {
  const rows = await db.orm
    .delete(sessions)
    .where(and(eq(sessions.userId, userId), ne(sessions.id, keepSessionId)))
    .returning({ id: sessions.id });
  return rows.length;
}

/**
 * Records that the account signed in from this browser. Returns whether the browser is new to an account that had
 * signed in from another before: the case for a new-device notice. Atomic: of two sign-ins at once, one is "new".
 */
export async function rememberDevice(db: Database, userId: string, deviceHash: string): Promise<{ isNew: boolean; hadOthers: boolean }> {
  const inserted = await db.orm
    .insert(knownDevices)
    .values({ userId, deviceHash })
    .onConflictDoNothing()
    .returning({ deviceHash: knownDevices.deviceHash });
  if (inserted.length === 0) return { isNew: false, hadOthers: true };
  const [others] = await db.orm
    .select({ n: sql<number>`count(*)::int` })
    .from(knownDevices)
    .where(and(eq(knownDevices.userId, userId), ne(knownDevices.deviceHash, deviceHash)));
  return { isNew: true, hadOthers: (others?.n ?? 0) > 0 };
}
