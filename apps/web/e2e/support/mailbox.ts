import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export type Mail = { to: string; from: string; subject: string; text: string };

export type Mailbox = {
  /** what the server under test is given as SMTP_URL */
  url: string;
  received: Mail[];
  /** the newest mail to `to` that matches, waiting up to 30 s for it (delivery runs as a job, after the request) */
  waitFor: (to: string, match: (mail: Mail) => boolean) => Promise<Mail>;
  close: () => Promise<void>;
};

/** A real SMTP server on a free port (smtp-server), keeping every mail it receives, parsed (mailparser). */
export async function startMailbox(): Promise<Mailbox> {
  const received: Mail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((mail) => {
          const to = Array.isArray(mail.to) ? mail.to.map((a) => a.text).join(', ') : (mail.to?.text ?? '');
          received.push({ to, from: mail.from?.text ?? '', subject: mail.subject ?? '', text: mail.text ?? '' });
          callback();
        })
        .catch(callback);
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    async waitFor(to, match) {
      const deadline = Date.now() + 30_000;
      for (;;) {
        const mail = received.filter((m) => m.to.includes(to) && match(m)).at(-1);
        if (mail) return mail;
        if (Date.now() > deadline) {
          const seen = received.map((m) => `${m.to}: ${m.subject}`).join('; ') || 'nothing';
          throw new Error(`no mail to ${to} as expected within 30 s (received: ${seen})`);
        }
        await new Promise((r) => setTimeout(r, 200));
      }
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
