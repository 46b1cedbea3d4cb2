import { eq, max, sql } from 'drizzle-orm';
import { passwordResets } from '@ronghe/db/schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymous, callerFor, cookieHeader, createTestEnv, errorOf, keyOf, signUpUser, type TestEnv } from '../test-support.ts';

// Issue 20, forgotten passwords: a link by email or a code by text message, single use, 30 minutes; asking says the
// same whether or not the account exists; a reset ends every session of the account.

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
});
afterAll(async () => {
  await env.close();
});

const resetsTo = (to: string) => env.outbox.filter((m) => m.to === to && m.purpose === 'password-reset');
const tokenIn = (body: string) => /reset-password\?token=([\w-]+)/.exec(body)?.[1] ?? null;
const codeIn = (body: string) => /\b(\d{6})\b/.exec(body)?.[1] ?? null;
const otherThan = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, '0');

async function signIn(identifier: string, password: string) {
  const resHeaders = new Headers();
  await anonymous(env, { resHeaders, ip: '10.9.0.1' }).account.signIn({ identifier, password });
  return cookieHeader(resHeaders);
}

describe('forgot password by email', () => {
  it('answers an unknown address as a known one, and mails only the account holder a single-use link', async () => {
    const user = await signUpUser(env, { identifier: 'forgetful@example.com', password: 'old-password-1' });
    const second = await signIn('forgetful@example.com', 'old-password-1');
    const known = await anonymous(env, { ip: '10.9.0.2' }).account.requestPasswordReset({ identifier: 'forgetful@example.com' });
    const unknown = await anonymous(env, { ip: '10.9.0.2' }).account.requestPasswordReset({ identifier: 'nobody-here@example.com' });
    expect(known).toEqual({ channel: 'email', sentTo: 'f***@example.com', validMinutes: 30 });
    expect(unknown).toEqual({ channel: 'email', sentTo: 'n***@example.com', validMinutes: 30 });
    expect(resetsTo('nobody-here@example.com')).toEqual([]);
    const [mail] = resetsTo('forgetful@example.com');
    expect(mail).toMatchObject({ channel: 'email', subject: '融合平台：重置密码' });
    expect(mail?.body).toContain('http://localhost:3000/reset-password?token=');
    expect(mail?.body).toContain('30 分钟内有效');
    const token = tokenIn(mail?.body ?? '');
    if (!token) throw new Error('no link in the message');
    // only a hash is stored
    expect(await env.db.orm.select().from(passwordResets).where(eq(passwordResets.secretHash, token))).toEqual([]);

    expect(await anonymous(env).account.resetPassword({ token, newPassword: 'new-password-2' })).toEqual({ ok: true });
    // every session of the account ended, the first and the second
    expect(await (await callerFor(env, user.headers)).account.me()).toBeNull();
    expect(await (await callerFor(env, second)).account.me()).toBeNull();
    // the link works once
    const again = await errorOf(anonymous(env).account.resetPassword({ token, newPassword: 'new-password-3' }));
    expect([again.code, keyOf(again)]).toEqual(['BAD_REQUEST', 'reset.invalid']);
    // the old password no longer signs in; the new one does, and the owner is told of the reset
    expect(keyOf(await errorOf(signIn('forgetful@example.com', 'old-password-1')))).toBe('account.invalidCredentials');
    const caller = await callerFor(env, await signIn('forgetful@example.com', 'new-password-2'));
    const notices = await caller.notifications.list({});
    expect(notices.map((n) => n.title).join('\n')).toContain('您的密码已于');
  });

  it('refuses a link after 30 minutes, and a link once a newer reset has been used', async () => {
    await signUpUser(env, { identifier: 'slow@example.com' });
    await anonymous(env, { ip: '10.9.0.3' }).account.requestPasswordReset({ identifier: 'slow@example.com' });
    await anonymous(env, { ip: '10.9.0.3' }).account.requestPasswordReset({ identifier: 'slow@example.com' });
    const [older, newer] = resetsTo('slow@example.com').map((m) => tokenIn(m.body) ?? '');
    if (!older || !newer) throw new Error('expected two links');
    await env.db.orm.execute(sql`update password_reset set expires_at = now() - interval '1 second'
      where user_id = (select id from "user" where email = 'slow@example.com') and created_at = (select max(created_at) from password_reset)`);
    expect(keyOf(await errorOf(anonymous(env).account.resetPassword({ token: newer, newPassword: 'new-password-4' })))).toBe(
      'reset.invalid',
    );
    expect(await anonymous(env).account.resetPassword({ token: older, newPassword: 'new-password-4' })).toEqual({ ok: true });
  });

  it('limits requests per address asked for, known or not, to 5 an hour', async () => {
    for (const identifier of ['limited@example.com', 'limited-unknown@example.com']) {
      if (identifier === 'limited@example.com') await signUpUser(env, { identifier });
      const answers = [];
      for (let i = 0; i < 6; i += 1)
        answers.push(await errorOf(anonymous(env, { ip: `10.9.1.${i}` }).account.requestPasswordReset({ identifier })).catch(() => null));
      expect(answers.slice(0, 5).every((a) => a === null)).toBe(true);
      expect(answers[5] && keyOf(answers[5])).toBe('account.rateLimited');
    }
  });

  it('checks the new password and the token as any input', async () => {
    const weak = await errorOf(anonymous(env).account.resetPassword({ token: 'a'.repeat(43), newPassword: 'short' }));
    expect(weak.code).toBe('BAD_REQUEST');
    expect(weak.message).toContain('newPassword');
  });
});

describe('forgot password by text message', () => {
  it('texts a code that allows 5 attempts of many sent at once; a new code then resets', async () => {
    const user = await signUpUser(env, { identifier: '13800138077', password: 'old-password-1' });
    expect(await anonymous(env, { ip: '10.9.2.1' }).account.requestPasswordReset({ identifier: '13800138077' })).toEqual({
      channel: 'sms',
      sentTo: '138****8077',
      validMinutes: 30,
    });
    const code = codeIn(resetsTo('13800138077').at(-1)?.body ?? '');
    if (!code) throw new Error('no code was texted');
    const guesses = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        errorOf(
          anonymous(env).account.resetPassword({
            mobile: '13800138077',
            code: otherThan(String(Number(code) + i)),
            newPassword: 'guess-pass-9',
          }),
        ),
      ),
    );
    expect(guesses.every((g) => keyOf(g) === 'reset.invalid')).toBe(true);
    const [spent] = await env.db.orm
      .select({ n: max(passwordResets.attempts) })
      .from(passwordResets)
      .where(eq(passwordResets.channel, 'sms'));
    expect(spent?.n).toBe(5);
    // five wrong guesses spent the code: the right one no longer works
    expect(keyOf(await errorOf(anonymous(env).account.resetPassword({ mobile: '13800138077', code, newPassword: 'new-pass-1' })))).toBe(
      'reset.invalid',
    );
    expect(await (await callerFor(env, user.headers)).account.me()).not.toBeNull();

    await anonymous(env, { ip: '10.9.2.2' }).account.requestPasswordReset({ identifier: '13800138077' });
    const fresh = codeIn(resetsTo('13800138077').at(-1)?.body ?? '');
    if (!fresh) throw new Error('no new code');
    expect(await anonymous(env).account.resetPassword({ mobile: '13800138077', code: fresh, newPassword: 'new-pass-1' })).toEqual({
      ok: true,
    });
    expect(await (await callerFor(env, user.headers)).account.me()).toBeNull();
    await signIn('13800138077', 'new-pass-1');
  });

  it('answers a code for an unknown number as a wrong code', async () => {
    const e = await errorOf(anonymous(env).account.resetPassword({ mobile: '13800138099', code: '123456', newPassword: 'new-pass-1' }));
    expect([e.code, keyOf(e)]).toEqual(['BAD_REQUEST', 'reset.invalid']);
  });
});
