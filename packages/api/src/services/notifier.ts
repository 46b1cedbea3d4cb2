import type { Database } from '@ronghe/db/client';
import { insertOutboundMessage, requeueOutboundMessage } from '@ronghe/db/queries/outbox';

/** A message to a person: an email or a text message. Delivery sits behind this one interface. */
export type OutgoingMessage = {
  to: string;
  channel: 'email' | 'sms';
  subject: string;
  body: string;
  /** what it is (verification, invitation, …): the admins' outbox shows it */
  purpose?: string;
  /** the account it is for, when it is for one */
  userId?: string | null;
};

export type Notifier = {
  send: (message: OutgoingMessage) => Promise<void>;
  /** puts a held or failed outbox message back in the queue and asks for its delivery; false if it was neither */
  requeue?: (id: string) => Promise<boolean>;
};

/** Messages written to a function instead of anywhere else (unit tests that only look at what was sent). */
export function logNotifier(write: (message: OutgoingMessage) => void): Notifier {
  return {
    send: async (message) => {
      write(message);
    },
  };
}

/**
 * The server's notifier: every message is written to the outbox (table outbound_message) and its delivery asked for
 * (`deliverSoon`, a job; services/message-delivery.ts). The request that caused it never waits for a provider, and a
 * message whose delivery job is lost is still in the outbox, queued, for the next sweep.
 */
export function outboxNotifier(db: Database, deliverSoon: (id: string) => void): Notifier {
  return {
    send: async ({ to, channel, subject, body, purpose, userId }) => {
      const id = await insertOutboundMessage(db, { recipient: to, channel, subject, body, purpose: purpose ?? 'notice', userId });
      deliverSoon(id);
    },
    requeue: async (id) => {
      const queued = await requeueOutboundMessage(db, id);
      if (queued) deliverSoon(id);
      return queued;
    },
  };
}
