import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { latestOutboundMessage } from '@ronghe/db/queries/outbox';
import { createTestEnv, errorOf, keyOf, makeAdmin, signUpUser, type TestEnv } from '../test-support.ts';
import { deliverMessage, MAX_DELIVERY_ATTEMPTS, type Transport } from './message-delivery.ts';
import { outboxNotifier } from './notifier.ts';
import { smtpTransport } from './smtp-transport.ts';

// The outbox and its delivery against a real SMTP server started here (smtp-server), read back with mailparser.

type Received = { to: string; from: string; subject: string; text: string };

let env: TestEnv;
let smtp: SMTPServer;
let smtpUrl: string;
const received: Received[] = [];

beforeAll(async () => {
  env = await createTestEnv();
  smtp = new SMTPServer({
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
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  smtpUrl = `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
  await env.close();
});

/** A notifier over the test database that records which messages it asked to deliver. */
function recordingNotifier() {
  const asked: string[] = [];
  return { asked, notifier: outboxNotifier(env.db, (id) => asked.push(id)) };
}

describe('the outbox', () => {
  it('writes a message first, then delivers it through SMTP: subject, body and sender read back', async () => {
    const { asked, notifier } = recordingNotifier();
    await notifier.send({
      to: 'reader@example.com',
      channel: 'email',
      subject: '融合平台验证码',
      body: '您的验证码是 123456',
      purpose: 'test',
    });
    expect(asked).toHaveLength(1);
    const id = asked[0] ?? '';
    const transport = smtpTransport(smtpUrl, '融合 Ronghe <noreply@ronghe.test>');
    try {
      expect(await deliverMessage(env.db, { email: transport }, id)).toBe('sent');
      // delivered once: a second attempt (a duplicate job) finds nothing queued
      expect(await deliverMessage(env.db, { email: transport }, id)).toBe('skipped');
    } finally {
      transport.close();
    }
    const mail = received.find((m) => m.to === 'reader@example.com');
    expect(mail?.subject).toBe('融合平台验证码');
    expect(mail?.from).toBe('"融合 Ronghe" <noreply@ronghe.test>');
    expect(mail?.text).toContain('您的验证码是 123456');
    expect(received.filter((m) => m.to === 'reader@example.com')).toHaveLength(1);
    expect((await latestOutboundMessage(env.db, 'reader@example.com', 'test'))?.status).toBe('sent');
  });

  it('holds a message whose channel has no provider, and admins read it; a sent one shows no body', async () => {
    const { asked, notifier } = recordingNotifier();
    await notifier.send({ to: '13800138000', channel: 'sms', subject: '验证码', body: '验证码 654321，10分钟内有效', purpose: 'test' });
    expect(await deliverMessage(env.db, {}, asked[0] ?? '')).toBe('held');
    const admin = await makeAdmin(env, await signUpUser(env));
    const held = await admin.caller.admin.outbox({ status: 'held' });
    expect(held.items.find((m) => m.recipient === '13800138000')).toMatchObject({ body: '验证码 654321，10分钟内有效', status: 'held' });
    const sent = await admin.caller.admin.outbox({ status: 'sent' });
    const reader = sent.items.find((m) => m.subject === '融合平台验证码');
    expect(reader).toMatchObject({ body: null, recipient: expect.not.stringContaining('reader@example.com') as unknown });
    // nobody else reads the outbox
    expect((await errorOf((await signUpUser(env)).caller.admin.outbox({}))).code).toBe('FORBIDDEN');
  });

  it(`retries a provider that fails, marks the message failed after ${MAX_DELIVERY_ATTEMPTS} attempts, and an admin queues it again`, async () => {
    const { asked, notifier } = recordingNotifier();
    await notifier.send({ to: 'bounce@example.com', channel: 'email', subject: '通知', body: '正文', purpose: 'test' });
    const id = asked[0] ?? '';
    const down: Transport = { send: () => Promise.reject(new Error('connect ECONNREFUSED')) };
    const outcomes = [];
    for (let i = 0; i < MAX_DELIVERY_ATTEMPTS; i++) outcomes.push(await deliverMessage(env.db, { email: down }, id));
    expect(outcomes).toEqual([...Array.from({ length: MAX_DELIVERY_ATTEMPTS - 1 }, () => 'retry'), 'failed']);
    const failed = await latestOutboundMessage(env.db, 'bounce@example.com', 'test');
    expect(failed).toMatchObject({ status: 'failed', attempts: MAX_DELIVERY_ATTEMPTS, lastError: 'connect ECONNREFUSED' });

    const admin = await makeAdmin(env, await signUpUser(env));
    const adminWithOutbox = admin.caller; // the test env's notifier does not requeue: the service answers CONFLICT
    expect(keyOf(await errorOf(adminWithOutbox.admin.retryMessage({ id })))).toBe('outbox.notRetryable');
    expect(await notifier.requeue?.(id)).toBe(true);
    expect(asked).toContain(id);
    expect((await latestOutboundMessage(env.db, 'bounce@example.com', 'test'))?.status).toBe('queued');
    expect(await notifier.requeue?.(id)).toBe(false); // queued already
  });

  it('delivers a message once when two workers take it at the same moment', async () => {
    const { asked, notifier } = recordingNotifier();
    await notifier.send({ to: 'twice@example.com', channel: 'email', subject: '一次', body: '只发一次', purpose: 'test' });
    let sends = 0;
    const counting: Transport = { send: async () => void (sends += 1) };
    const outcomes = await Promise.all([0, 1, 2].map(() => deliverMessage(env.db, { email: counting }, asked[0] ?? '')));
    expect(outcomes.filter((o) => o === 'sent')).toHaveLength(1);
    expect(sends).toBe(1);
  });
});
