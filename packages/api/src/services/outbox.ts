import type { Database } from '@ronghe/db/client';
import { listOutboundMessages } from '@ronghe/db/queries/outbox';
import type { MessageStatus } from '@ronghe/domain/outbox';
import { maskIdentifier } from '@ronghe/domain/account';
import { DomainError } from '@ronghe/domain/errors';
import type { Notifier } from './notifier.ts';

/** Messages someone may still need to read here: nothing delivered them (held: no provider; failed: every attempt failed). */
const undelivered = new Set<MessageStatus>(['held', 'failed', 'queued', 'sending']);

/**
 * The outbox, for platform admins (the router's adminProcedure): what Ronghe sent or holds, newest first. A message
 * that reached its provider shows its recipient masked and no body (a code or link in it is the recipient's alone);
 * one that did not shows both, so that an admin can pass it on where no provider is configured.
 */
export async function outbox(db: Database, input: { status?: MessageStatus; page: number; pageSize: number }) {
  const { total, rows } = await listOutboundMessages(db, {
    statuses: input.status ? [input.status] : undefined,
    limit: input.pageSize,
    offset: (input.page - 1) * input.pageSize,
  });
  return {
    total,
    items: rows.map((m) => {
      const open = undelivered.has(m.status);
      return {
        id: m.id,
        channel: m.channel,
        recipient: open ? m.recipient : maskIdentifier(m.recipient),
        purpose: m.purpose,
        subject: m.subject,
        body: open ? m.body : null,
        status: m.status,
        attempts: m.attempts,
        lastError: m.lastError,
        createdAt: m.createdAt,
        sentAt: m.sentAt,
      };
    }),
  };
}

/** Sends a held or failed message again (after a provider was configured, or the provider is back). */
export async function retryMessage(notifier: Notifier, id: string) {
  if (!notifier.requeue || !(await notifier.requeue(id))) throw new DomainError('CONFLICT', 'outbox.notRetryable');
  return { ok: true as const };
}
