import nodemailer from 'nodemailer';
import type { Transport } from './message-delivery.ts';

/**
 * Email through an SMTP server (nodemailer): `url` as nodemailer takes it (smtp://user:pass@host:587,
 * smtps://… for TLS from the start), `from` the sender address, e.g. "融合平台 <noreply@ronghe.example.gov.cn>".
 */
export function smtpTransport(url: string, from: string): Transport & { close: () => void } {
  const transporter = nodemailer.createTransport(url, { from });
  // a provider that hangs fails the attempt instead of holding a worker
  Object.assign(transporter.options, { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 20_000 });
  return {
    send: async ({ to, subject, body }) => {
      await transporter.sendMail({ to, subject, text: body });
    },
    close: () => transporter.close(),
  };
}
