import type { Database } from '@ronghe/db/client';
import { claimOutboundMessage, settleOutboundMessage } from '@ronghe/db/queries/outbox';
import type { MessageChannel } from '@ronghe/domain/outbox';

// Delivering what the outbox holds (services/notifier.ts writes it). One attempt per call; the job queue calls
// again after a delay while attempts remain (jobs/background-jobs.ts, queue ronghe-deliver).

/** A provider for one channel: SMTP for email (smtp-transport.ts), an SMS service for text messages (sms-transport.ts). */
export type Transport = { send: (message: { to: string; subject: string; body: string; purpose: string }) => Promise<void> };
export type Transports = Partial<Record<MessageChannel, Transport>>;

/** Attempts per message before it is marked failed. */
export const MAX_DELIVERY_ATTEMPTS = 5;

export type DeliveryOutcome = 'sent' | 'held' | 'failed' | 'retry' | 'skipped';

export class DeliveryRetry extends Error {}

/**
 * What a provider throws for a message that trying again will not deliver: `held` when it has no way to carry this
 * kind of message (admins read it in the outbox), `failed` when the provider refused it for good (a bad number).
 */
export class Undeliverable extends Error {
  constructor(
    message: string,
    readonly status: 'held' | 'failed',
  ) {
    super(message);
  }
}

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
    await transport.send({ to: message.recipient, subject: message.subject, body: message.body, purpose: message.purpose });
  } catch (error) {
    const reason = (error instanceof Error ? error.message : String(error)).slice(0, 500);
    if (error instanceof Undeliverable) {
      await settleOutboundMessage(db, id, { status: error.status, error: reason });
      return error.status;
    }
    const last = message.attempts >= MAX_DELIVERY_ATTEMPTS;
    await settleOutboundMessage(db, id, { status: last ? 'failed' : 'queued', error: reason });
    return last ? 'failed' : 'retry';
  }
  await settleOutboundMessage(db, id, { status: 'sent' });
  return 'sent';
}
