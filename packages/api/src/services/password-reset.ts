import { createHash, randomBytes, randomInt, randomUUID, timingSafeEqual } from 'node:crypto';
import type { Database } from '@ronghe/db/client';
import { insertNotifications } from '@ronghe/db/queries/notifications';
import { completePasswordReset, insertPasswordReset, spendResetAttempt } from '@ronghe/db/queries/password-resets';
import { hitRateLimit } from '@ronghe/db/queries/rate-limits';
import { findUserByEmailOrPhone } from '@ronghe/db/queries/users';
import { isMobileAccountEmail, maskIdentifier, type Identifier } from '@ronghe/domain/account';
import { DomainError } from '@ronghe/domain/errors';
import type { Language } from '@ronghe/domain/messages';
import { messageText } from '@ronghe/domain/notifications';
import type { Auth } from '../auth/create-auth.ts';
import type { Notifier } from './notifier.ts';

// Forgotten passwords (issue 20): a link by email or a 6-digit code by text message, valid 30 minutes and used once.
// Asking answers the same whether or not the account exists; a reset sets the new password and ends every session of
// the account in one transaction (queries/password-resets.ts), and tells the owner.

export const RESET_MINUTES = 30;
export const RESET_CODE_ATTEMPTS = 5;
const RESETS_PER_IDENTIFIER_PER_HOUR = 5;
const RESETS_PER_ADDRESS_PER_HOUR = 20;

type Call = { db: Database; auth: Auth; notifier: Notifier; ip: string; lang: Language; publicUrl: string };

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
/** a text-message code is bound to its reset row: the same six digits in two resets hash apart */
const codeHash = (resetId: string, code: string) => sha256(`${resetId}\n${code}`);

/** Sends a reset link (email) or code (mobile) if the account exists; the answer is the same either way. */
export async function requestPasswordReset(c: Omit<Call, 'auth'>, identifier: Identifier) {
  const [byIdentifier, byAddress] = await Promise.all([
    hitRateLimit(c.db, `reset:to:${identifier.value}`, 3600),
    hitRateLimit(c.db, `reset:ip:${c.ip}`, 3600),
  ]);
  if (byIdentifier > RESETS_PER_IDENTIFIER_PER_HOUR || byAddress > RESETS_PER_ADDRESS_PER_HOUR)
    throw new DomainError('RATE_LIMITED', 'account.rateLimited', { params: { minutes: 60 } });
  const answer = {
    channel: identifier.kind === 'email' ? ('email' as const) : ('sms' as const),
    sentTo: maskIdentifier(identifier.value),
    validMinutes: RESET_MINUTES,
  };
  const user = await findUserByEmailOrPhone(c.db, identifier);
  if (!user || user.disabledAt) return answer;
  const id = randomUUID();
  const expiresAt = new Date(Date.now() + RESET_MINUTES * 60_000);
  const subject = messageText('resetMessage.subject', {}, c.lang);
  if (identifier.kind === 'email') {
    const token = randomBytes(32).toString('base64url');
    await insertPasswordReset(c.db, { id, userId: user.id, channel: 'email', secretHash: sha256(token), expiresAt });
    const link = `${c.publicUrl.replace(/\/$/, '')}/reset-password?token=${token}`;
    const body = messageText('resetMessage.linkBody', { link, minutes: RESET_MINUTES }, c.lang);
    await c.notifier.send({ to: identifier.value, channel: 'email', purpose: 'password-reset', userId: user.id, subject, body });
  } else {
    const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
    await insertPasswordReset(c.db, { id, userId: user.id, channel: 'sms', secretHash: codeHash(id, code), expiresAt });
    const body = messageText('resetMessage.codeBody', { code, minutes: RESET_MINUTES }, c.lang);
    await c.notifier.send({ to: identifier.value, channel: 'sms', purpose: 'password-reset', userId: user.id, subject, body });
  }
  return answer;
}

export type ResetInput = { token: string; newPassword: string } | { mobile: string; code: string; newPassword: string };

/**
 * Sets a new password with an emailed link's token or a texted code. A code's attempts are counted before it is
 * compared; any failure says only that the link or code does not work (never whether the account exists).
 */
export async function resetPassword(c: Call, input: ResetInput) {
  const field = 'token' in input ? 'token' : 'code';
  const invalid = () => new DomainError('INVALID', 'reset.invalid', { field });
  let secretHash: string;
  if ('token' in input) {
    secretHash = sha256(input.token);
  } else {
    const user = await findUserByEmailOrPhone(c.db, { kind: 'mobile', value: input.mobile });
    if (!user) throw invalid();
    const live = await spendResetAttempt(c.db, user.id, RESET_CODE_ATTEMPTS);
    if (!live) throw invalid();
    const given = Buffer.from(codeHash(live.id, input.code), 'hex');
    if (!timingSafeEqual(given, Buffer.from(live.secretHash, 'hex'))) throw invalid();
    secretHash = live.secretHash;
  }
  const passwordHash = await (await c.auth.$context).password.hash(input.newPassword);
  const done = await completePasswordReset(c.db, secretHash, passwordHash);
  if (!done) throw invalid();
  const time = new Date().toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false });
  await insertNotifications(c.db.orm, [done.userId], {
    type: 'account',
    link: '/account',
    key: 'notify.account.passwordReset',
    params: { time },
  });
  if (done.email && !isMobileAccountEmail(done.email) && done.channel === 'sms') {
    // the emailed link proved the address just now; a reset by text is told to the email as well
    await c.notifier.send({
      to: done.email,
      channel: 'email',
      purpose: 'security-notice',
      userId: done.userId,
      subject: messageText('accountNotice.subject', {}, c.lang),
      body: messageText('notify.account.passwordReset', { time }, c.lang),
    });
  }
  return { ok: true as const };
}
