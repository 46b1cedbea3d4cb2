// Outgoing messages (emails and text messages) and the states of their delivery (packages/db schema/messages.ts).

export const messageChannels = ['email', 'sms'] as const;
export type MessageChannel = (typeof messageChannels)[number];

/**
 * queued: waiting for delivery (a job is on its way); sending: a worker has it; sent: the provider took it;
 * held: no provider is configured for its channel, so it stays in the outbox for platform admins to read; failed:
 * every attempt failed (its last error says why).
 */
export const messageStatuses = ['queued', 'sending', 'sent', 'held', 'failed'] as const;
export type MessageStatus = (typeof messageStatuses)[number];
