import type { Database } from '@ronghe/db/client';
import { claimOutboundMessage, settleOutboundMessage } from '@ronghe/db/queries/outbox';
import type { MessageChannel } from '@ronghe/domain/outbox';

// Delivering what the outbox holds (services/notifier.ts writes it). One attempt per call; the job queue calls
// again after a delay while attempts remain (jobs/background-jobs.ts, queue ronghe-deliver).

/** A provider for one channel: SMTP for email (smtp-transport.ts), an SMS service for text messages. */
export type Transport = { send: (message: { to: string; subject: string; body: string }) => Promise<void> };
export type Transports = Partial<Record<MessageChannel, Transport>>;

/** Attempts per message before it is marked failed. */
export const MAX_DELIVERY_ATTEMPTS = 5;

export type DeliveryOutcome = 'sent' | 'held' | 'failed' | 'retry' | 'skipped';

export class DeliveryRetry extends Error {}

/**
 * One delivery attempt. `held`: no provider for its channel (it stays for admins to read); `retry`: the provider
 * refused or was unreachable and attempts remain (the caller schedules the next); `failed`: that was the last;
 * `skipped`: it was not queued (already handled, or another worker has it).
 */
export async function deliverMessage(db: Database, transports: Transports, id: string): Promise<DeliveryOutcome> {
  const message = await claimOutboundMessage(db, id);
  if (!message) return 'skipped';
  const transport = transports[message.channel];
  if (!transport) {
    await settleOutboundMessage(db, id, { status: 'held' });
    return 'held';
  }
  try {
    await transport.send({ to: message.recipient, subject: message.subject, body: message.body });
  } catch (error) {
    const reason = (error instanceof Error ? error.message : String(error)).slice(0, 500);
    const last = message.attempts >= MAX_DELIVERY_ATTEMPTS;
    await settleOutboundMessage(db, id, { status: last ? 'failed' : 'queued', error: reason });
    return last ? 'failed' : 'retry';
  }
  await settleOutboundMessage(db, id, { status: 'sent' });
  return 'sent';
}
