import { and, desc, eq, inArray, lt, sql } from 'drizzle-orm';
import type { Database } from '../client.ts';
import type { MessageChannel, MessageStatus } from '@ronghe/domain/outbox';
import { outboundMessages } from '../schema/index.ts';
import { ormOf, type Executor } from './sql.ts';

export type NewOutboundMessage = {
  channel: MessageChannel;
  recipient: string;
  userId?: string | null;
  purpose: string;
  subject: string;
  body: string;
};

/** Writes a message to the outbox, queued; in a transaction it exists only if the transaction commits. */
export async function insertOutboundMessage(db: Executor, message: NewOutboundMessage): Promise<string> {
  const [row] = await ormOf(db)
    .insert(outboundMessages)
    .values({ ...message, userId: message.userId ?? null })
    .returning({ id: outboundMessages.id });
  if (!row) throw new Error('insert returned no row');
  return row.id;
}

/**
 * Takes a queued message for delivery (one worker wins), counting the attempt; null when it is not queued (sent,
 * held, failed, or another worker has it).
 */
export async function claimOutboundMessage(db: Database, id: string) {
  const [row] = await db.orm
    .update(outboundMessages)
    .set({ status: 'sending', attempts: sql`${outboundMessages.attempts} + 1`, claimedAt: new Date() })
    .where(and(eq(outboundMessages.id, id), eq(outboundMessages.status, 'queued')))
    .returning();
  return row ?? null;
}

/** The outcome of an attempt: sent, held (no provider), failed for good, or queued again for a retry. */
export async function settleOutboundMessage(
  db: Database,
  id: string,
  outcome: { status: Extract<MessageStatus, 'sent' | 'held' | 'failed' | 'queued'>; error?: string },
): Promise<void> {
  await db.orm
    .update(outboundMessages)
    .set({
      status: outcome.status,
      lastError: outcome.error ?? null,
      sentAt: outcome.status === 'sent' ? new Date() : null,
      claimedAt: null,
    })
    .where(eq(outboundMessages.id, id));
}

/** Messages waiting for a delivery job, and those whose worker went away mid-send (claimed before `staleBefore`). */
export async function dueOutboundMessages(db: Database, staleBefore: Date, limit = 500): Promise<string[]> {
  await db.orm
    .update(outboundMessages)
    .set({ status: 'queued', claimedAt: null })
    .where(and(eq(outboundMessages.status, 'sending'), lt(outboundMessages.claimedAt, staleBefore)));
  const rows = await db.orm
    .select({ id: outboundMessages.id })
    .from(outboundMessages)
    .where(eq(outboundMessages.status, 'queued'))
    .orderBy(outboundMessages.createdAt)
    .limit(limit);
  return rows.map((r) => r.id);
}

/** The outbox for platform admins: newest first, optionally by status. */
export async function listOutboundMessages(db: Database, opts: { statuses?: MessageStatus[]; limit: number; offset: number }) {
  const where = opts.statuses?.length ? inArray(outboundMessages.status, opts.statuses) : undefined;
  const [rows, [total]] = await Promise.all([
    db.orm.select().from(outboundMessages).where(where).orderBy(desc(outboundMessages.createdAt)).limit(opts.limit).offset(opts.offset),
    db.orm
      .select({ n: sql<number>`count(*)::int` })
      .from(outboundMessages)
      .where(where),
  ]);
  return { total: total?.n ?? 0, rows };
}

/** Puts a held or failed message back in the queue (an admin's retry, or a provider configured since). */
export async function requeueOutboundMessage(db: Database, id: string): Promise<boolean> {
  const rows = await db.orm
    .update(outboundMessages)
    .set({ status: 'queued', lastError: null, claimedAt: null })
    .where(and(eq(outboundMessages.id, id), inArray(outboundMessages.status, ['held', 'failed'])))
    .returning({ id: outboundMessages.id });
  return rows.length > 0;
}

/** The latest message of a purpose to a recipient (tests and the development outbox read codes from it). */
export async function latestOutboundMessage(db: Database, recipient: string, purpose: string) {
  const [row] = await db.orm
    .select()
    .from(outboundMessages)
    .where(and(eq(outboundMessages.recipient, recipient), eq(outboundMessages.purpose, purpose)))
    .orderBy(desc(outboundMessages.createdAt))
    .limit(1);
  return row ?? null;
}
