import { createHash, randomInt, timingSafeEqual } from 'node:crypto';
import type { Database } from '@ronghe/db/client';
import { hitRateLimit } from '@ronghe/db/queries/rate-limits';
import { consumeCode, insertCode, latestCode, spendCodeAttempt, type CodeChannel } from '@ronghe/db/queries/verification-codes';
import { isMobileAccountEmail, maskIdentifier, type Identifier } from '@ronghe/domain/account';
import { findUserByEmailOrPhone } from '@ronghe/db/queries/users';
import { DomainError } from '@ronghe/domain/errors';
import type { Language } from '@ronghe/domain/messages';
import { messageText } from '@ronghe/domain/notifications';
import type { Session } from '../context.ts';
import type { Notifier } from './notifier.ts';

// One-time codes that prove an email address or a mobile number is the account holder's (issue 20): until one is
// verified, an account may sign in and fill its profile, but neither register nor join an organisation
// (requireVerifiedIdentity) nor see or accept an invitation (memberships.ts).

export const CODE_MINUTES = 10;
export const CODE_ATTEMPTS = 5;
export const RESEND_AFTER_S = 60;
const CODES_PER_IDENTIFIER_PER_HOUR = 5;
const CODES_PER_ADDRESS_PER_HOUR = 20;

/** The account a code is for: who it is and what of it is verified. */
type Caller = Pick<NonNullable<Session>, 'userId' | 'email' | 'phoneNumber' | 'emailVerified' | 'phoneNumberVerified'>;
type Call = { db: Database; notifier: Notifier; ip: string; lang: Language };

/** The address or number of the account that a code on `channel` goes to; null when it has none. */
function identifierOf(caller: Caller, channel: CodeChannel): string | null {
  if (channel === 'sms') return caller.phoneNumber;
  return isMobileAccountEmail(caller.email) ? null : caller.email;
}

const isVerified = (caller: Caller, channel: CodeChannel) => (channel === 'email' ? caller.emailVerified : caller.phoneNumberVerified);

/** A hash of the code bound to its account and channel: the table never holds a usable code. */
const hashOf = (userId: string, channel: CodeChannel, code: string) =>
  createHash('sha256').update(`${userId}\n${channel}\n${code}`).digest('hex');

/**
 * Sends a new code to the account's email or mobile number; once a minute, 5 an hour a recipient, 20 an hour an
 * address. `pending`: the password hash and name of a sign-up that claims an address this unverified account holds.
 */
export async function sendCode(c: Call, caller: Caller, channel: CodeChannel, pending?: { passwordHash: string; name: string }) {
  const identifier = identifierOf(caller, channel);
  if (!identifier) throw new DomainError('INVALID', 'verification.noIdentifier', { field: 'channel' });
  if (isVerified(caller, channel)) throw new DomainError('CONFLICT', 'verification.alreadyVerified');
  return sendCodeTo(c, caller.userId, channel, identifier, {
    pendingPasswordHash: pending?.passwordHash ?? null,
    pendingName: pending?.name ?? null,
  });
}

/**
 * Adds a second identifier to the account: a mobile number to an email account, or an email to a mobile one. A code
 * goes to it; entering it (verifyCode) adds it, verified. One taken by another account answers alike and gets nothing.
 */
export async function addIdentifier(c: Call, caller: Caller, identifier: Identifier) {
  const channel: CodeChannel = identifier.kind === 'email' ? 'email' : 'sms';
  const has = channel === 'email' ? !isMobileAccountEmail(caller.email) : caller.phoneNumber !== null;
  if (has) throw new DomainError('CONFLICT', 'verification.haveOne', { field: 'identifier' });
  if (await findUserByEmailOrPhone(c.db, identifier)) {
    // paced like a real code, so that the answer says nothing about who holds it
    if ((await hitRateLimit(c.db, `add-taken:${caller.userId}`, RESEND_AFTER_S)) > 1)
      throw new DomainError('RATE_LIMITED', 'verification.wait', { params: { seconds: RESEND_AFTER_S } });
    return { sentTo: maskIdentifier(identifier.value), resendAfterS: RESEND_AFTER_S, validMinutes: CODE_MINUTES };
  }
  return sendCodeTo(c, caller.userId, channel, identifier.value, { addsIdentifier: true });
}

/** A new code to `identifier`: once a minute, 5 an hour a recipient, 20 an hour an address. */
async function sendCodeTo(
  c: Call,
  userId: string,
  channel: CodeChannel,
  identifier: string,
  extra: { pendingPasswordHash?: string | null; pendingName?: string | null; addsIdentifier?: boolean },
) {
  const previous = await latestCode(c.db, userId, channel);
  const waitS = previous ? Math.ceil(RESEND_AFTER_S - (Date.now() - previous.createdAt.getTime()) / 1000) : 0;
  if (waitS > 0) throw new DomainError('RATE_LIMITED', 'verification.wait', { params: { seconds: waitS } });
  const [byIdentifier, byAddress] = await Promise.all([
    hitRateLimit(c.db, `code:to:${identifier}`, 3600),
    hitRateLimit(c.db, `code:ip:${c.ip}`, 3600),
  ]);
  if (byIdentifier > CODES_PER_IDENTIFIER_PER_HOUR || byAddress > CODES_PER_ADDRESS_PER_HOUR)
    throw new DomainError('RATE_LIMITED', 'account.rateLimited', { params: { minutes: 60 } });
  const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
  await insertCode(c.db, {
    userId,
    channel,
    identifier,
    codeHash: hashOf(userId, channel, code),
    expiresAt: new Date(Date.now() + CODE_MINUTES * 60_000),
    ...extra,
  });
  const params = { code, minutes: CODE_MINUTES };
  await c.notifier.send({
    to: identifier,
    channel,
    purpose: 'verification',
    userId,
    subject: messageText('codeMessage.subject', params, c.lang),
    body: messageText('codeMessage.body', params, c.lang),
  });
  return { sentTo: maskIdentifier(identifier), resendAfterS: RESEND_AFTER_S, validMinutes: CODE_MINUTES };
}

/** Checks a code: each attempt is counted before the comparison; the right one verifies its identifier once. */
export async function verifyCode(c: { db: Database }, caller: Caller, channel: CodeChannel, code: string) {
  if (isVerified(caller, channel)) return { verified: true as const };
  const outcome = await useCode(c.db, caller.userId, channel, code);
  if (outcome === 'verified') return { verified: true as const };
  if (typeof outcome === 'number' && outcome > 0)
    throw new DomainError('INVALID', 'verification.wrong', { field: 'code', params: { left: outcome } });
  throw new DomainError('INVALID', 'verification.expired', { field: 'code' });
}

/**
 * Spends one attempt of the account's live code on `code`: 'verified' when it was right (and is now used), the
 * attempts left when it was wrong, 'none' when there is no live code (expired, used, or out of attempts).
 */
export async function useCode(db: Database, userId: string, channel: CodeChannel, code: string): Promise<'verified' | 'none' | number> {
  const live = await spendCodeAttempt(db, userId, channel, CODE_ATTEMPTS);
  if (!live) return 'none';
  const given = Buffer.from(hashOf(userId, channel, code), 'hex');
  const expected = Buffer.from(live.codeHash, 'hex');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return CODE_ATTEMPTS - live.attempts;
  return (await consumeCode(db, live)) ? 'verified' : 'none';
}

/** Whether the account has a verified email or mobile number: needed to register, join or be invited. */
export function requireVerifiedIdentity(caller: { emailVerified: boolean; phoneNumberVerified: boolean }): void {
  if (!caller.emailVerified && !caller.phoneNumberVerified) throw new DomainError('FORBIDDEN', 'account.unverified');
}
