/** A message to a person: an email or a text message. Delivery sits behind this one interface. */
export type OutgoingMessage = { to: string; channel: 'email' | 'sms'; subject: string; body: string };

export type Notifier = { send: (message: OutgoingMessage) => Promise<void> };

/** Out of the box, messages are written to the log instead of being delivered. */
export function logNotifier(write: (message: OutgoingMessage) => void): Notifier {
  return {
    send: async (message) => {
      write(message);
    },
  };
}
