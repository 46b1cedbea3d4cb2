import type { Database } from '@ronghe/db/client';
import { addToRateLimit, hitRateLimit, resetRateLimit } from '@ronghe/db/queries/rate-limits';
import { findUserByEmailOrPhone, isIdentifierTaken, recordPrivacyConsent, setPlatformAdmin, setUserPhone } from '@ronghe/db/queries/users';
import { uniqueViolation } from '@ronghe/db/errors';
import { markIdentifiersVerified } from '@ronghe/db/queries/verification-codes';
import { maskIdentifier, mobileAccountEmail, type Identifier } from '@ronghe/domain/account';
import { DomainError } from '@ronghe/domain/errors';
import type { Language } from '@ronghe/domain/messages';
import { PRIVACY_NOTICE_VERSION } from '@ronghe/domain/privacy';
import { messageText } from '@ronghe/domain/notifications';
import type { Auth } from '../auth/create-auth.ts';
import { recognizeDevice } from './sessions.ts';
import { CODE_MINUTES, RESEND_AFTER_S, sendCode, useCode } from './verification.ts';
import type { Notifier } from './notifier.ts';

// Account actions go through better-auth's server API; cookies it sets are copied to the response.

export const SIGN_IN_WINDOW_S = 15 * 60;
export const SIGN_IN_FAILURES_PER_ACCOUNT = 5;
export const SIGN_IN_FAILURES_PER_ADDRESS = 20;
export const PASSWORD_CHANGE_WINDOW_S = 15 * 60;
export const PASSWORD_CHANGE_FAILURES = 5;
const SIGN_UP_WINDOW_S = 60 * 60;
const SIGN_UPS_PER_ADDRESS = 20;

type AuthCall = { auth: Auth; db: Database; headers: Headers; resHeaders: Headers };
/** what a sign-in or sign-up needs besides: the device notice (services/sessions.ts) */
type Arrival = AuthCall & { ip: string; notifier: Notifier; lang: Language; publicUrl: string };

function copyCookies(from: Headers, to: Headers): void {
  for (const cookie of from.getSetCookie()) to.append('set-cookie', cookie);
}

function errorCode(error: unknown): string {
  const body = (error as { body?: { code?: unknown } }).body;
  return typeof body?.code === 'string' ? body.code : '';
}

const emailFor = (id: Identifier) => (id.kind === 'email' ? id.value : mobileAccountEmail(id.value));

/**
 * Starts a sign-up: the answer is the same whether or not the address or number is registered (where a code went,
 * masked), and nobody is signed in until the code comes back (completeSignUp).
 * - Free: the account is made, unverified, and a code sent to it.
 * - Held by an unverified account: a code is sent carrying this sign-up's password and name; whoever brings it back
 *   holds the address, and the account becomes theirs (decision 026).
 * - Held by a verified account: nothing is made; its holder is told someone tried (at most once a minute).
 */
export async function signUp(c: Arrival, input: { identifier: Identifier; password: string; name: string; acceptPrivacy?: true }) {
  if ((await hitRateLimit(c.db, `signup:ip:${c.ip}`, SIGN_UP_WINDOW_S)) > SIGN_UPS_PER_ADDRESS) {
    throw new DomainError('RATE_LIMITED', 'account.rateLimited', { params: { minutes: 60 } });
  }
  const channel = input.identifier.kind === 'email' ? ('email' as const) : ('sms' as const);
  const answer = { channel, sentTo: maskIdentifier(input.identifier.value), resendAfterS: RESEND_AFTER_S, validMinutes: CODE_MINUTES };
  const existing = (await findUserByEmailOrPhone(c.db, input.identifier)) ?? (await createUnverified(c, input));
  if (existing === 'raced') return answer; // another request made it this moment: that one sends the code
  const verified = channel === 'email' ? existing.emailVerified : existing.phoneNumberVerified;
  if (verified) {
    await tellHolderOfAttempt(c, input.identifier, existing.id);
    return answer;
  }
  const caller = {
    userId: existing.id,
    email: existing.email,
    phoneNumber: existing.phoneNumber,
    emailVerified: false,
    phoneNumberVerified: false,
  };
  const pending =
    'created' in existing ? undefined : { passwordHash: await (await c.auth.$context).password.hash(input.password), name: input.name };
  await sendCode(c, caller, channel, pending);
  return answer;
}

/** Makes the account, unverified; 'raced' when a concurrent sign-up with the same address or number made it first. */
async function createUnverified(c: AuthCall, input: { identifier: Identifier; password: string; name: string }) {
  const email = emailFor(input.identifier);
  const phone = input.identifier.kind === 'mobile' ? input.identifier.value : null;
  try {
    const { user } = await c.auth.api.signUpEmail({ body: { email, password: input.password, name: input.name } });
    if (phone) await setUserPhone(c.db, user.id, phone);
    return { id: user.id, email, phoneNumber: phone, emailVerified: false, phoneNumberVerified: false, created: true };
  } catch (error) {
    // better-auth reports the unique violation only as FAILED_TO_CREATE_USER or USER_ALREADY_EXISTS: look again
    if (
      uniqueViolation(error) !== null ||
      errorCode(error).startsWith('USER_ALREADY_EXISTS') ||
      errorCode(error) === 'FAILED_TO_CREATE_USER'
    )
      if (await isIdentifierTaken(c.db, email, phone)) return 'raced' as const;
    throw error;
  }
}

/** "Someone tried to sign up with your address": to its verified holder, at most once a minute, paced like a code. */
async function tellHolderOfAttempt(c: Arrival, identifier: Identifier, userId: string) {
  if ((await hitRateLimit(c.db, `signup-attempt:${identifier.value}`, RESEND_AFTER_S)) > 1)
    throw new DomainError('RATE_LIMITED', 'verification.wait', { params: { seconds: RESEND_AFTER_S } });
  await c.notifier.send({
    to: identifier.value,
    channel: identifier.kind === 'email' ? 'email' : 'sms',
    purpose: 'sign-up-attempt',
    userId,
    subject: messageText('signUpAttempt.subject', {}, c.lang),
    body: messageText('signUpAttempt.body', { identifier: identifier.value }, c.lang),
  });
}

/**
 * Finishes a sign-up with the code sent to its address or number, then signs in with its password. A wrong,
 * expired or unknown code all answer alike (`signUp.codeInvalid`), so this says nothing about who is registered.
 */
export async function completeSignUp(c: Arrival, input: { identifier: Identifier; password: string; code: string }) {
  const user = await findUserByEmailOrPhone(c.db, input.identifier);
  const channel = input.identifier.kind === 'email' ? ('email' as const) : ('sms' as const);
  const outcome = user && !user.disabledAt ? await useCode(c.db, user.id, channel, input.code) : 'none';
  if (outcome !== 'verified' || !user) throw new DomainError('INVALID', 'signUp.codeInvalid', { field: 'code' });
  // the sign-up this code came from agreed to the privacy notice (signUp's acceptPrivacy): the account is now theirs
  await recordPrivacyConsent(c.db, user.id, PRIVACY_NOTICE_VERSION);
  return signIn(c, input);
}

/**
 * Signs in; failures are limited per account and per address, and never say whether the account exists. Every
 * attempt is counted before its password is compared, in one atomic statement per counter: of many attempts sent at
 * once (from several processes) at most the limit reach the comparison. A success takes its attempt back.
 */
export async function signIn(c: Arrival, input: { identifier: Identifier; password: string }) {
  const accountKey = `signin:acct:${input.identifier.value}`;
  const addressKey = `signin:ip:${c.ip}`;
  const [byAccount, byAddress] = await Promise.all([
    hitRateLimit(c.db, accountKey, SIGN_IN_WINDOW_S),
    hitRateLimit(c.db, addressKey, SIGN_IN_WINDOW_S),
  ]);
  if (byAccount > SIGN_IN_FAILURES_PER_ACCOUNT || byAddress > SIGN_IN_FAILURES_PER_ADDRESS) {
    throw new DomainError('RATE_LIMITED', 'account.rateLimited', { params: { minutes: SIGN_IN_WINDOW_S / 60 } });
  }
  const user = await findUserByEmailOrPhone(c.db, input.identifier);
  // a disabled account answers as a wrong password does: nothing is compared, nothing said about the account
  if (user?.disabledAt) throw new DomainError('UNAUTHORIZED', 'account.invalidCredentials');
  const email = user?.email ?? emailFor(input.identifier);
  let signedIn;
  try {
    signedIn = await c.auth.api.signInEmail({
      body: { email, password: input.password },
      headers: c.headers,
      returnHeaders: true,
    });
  } catch (error) {
    if (errorCode(error) !== 'INVALID_EMAIL_OR_PASSWORD' && errorCode(error) !== 'INVALID_PASSWORD') throw error;
    throw new DomainError('UNAUTHORIZED', 'account.invalidCredentials');
  }
  copyCookies(signedIn.headers, c.resHeaders);
  const userId = signedIn.response.user.id;
  await recognizeDevice(c, { userId, email, emailVerified: user?.emailVerified ?? false });
  // a school's lab behind one address signs many people in: only failures stay on the address's count
  await Promise.all([resetRateLimit(c.db, accountKey), addToRateLimit(c.db, addressKey, -1, SIGN_IN_WINDOW_S)]);
  return { userId };
}

export async function signOut(c: AuthCall, input: { everywhere: boolean }) {
  if (input.everywhere) await c.auth.api.revokeSessions({ headers: c.headers });
  const { headers } = await c.auth.api.signOut({ headers: c.headers, returnHeaders: true });
  copyCookies(headers, c.resHeaders);
}

/** Changes the password; attempts are counted before the current password is compared, as for signing in. */
export async function changePassword(c: AuthCall & { userId: string }, input: { currentPassword: string; newPassword: string }) {
  const key = `password:user:${c.userId}`;
  if ((await hitRateLimit(c.db, key, PASSWORD_CHANGE_WINDOW_S)) > PASSWORD_CHANGE_FAILURES) {
    throw new DomainError('RATE_LIMITED', 'account.rateLimited', { params: { minutes: PASSWORD_CHANGE_WINDOW_S / 60 } });
  }
  try {
    const { headers } = await c.auth.api.changePassword({
      body: { currentPassword: input.currentPassword, newPassword: input.newPassword, revokeOtherSessions: true },
      headers: c.headers,
      returnHeaders: true,
    });
    copyCookies(headers, c.resHeaders);
  } catch (error) {
    if (errorCode(error) === 'INVALID_PASSWORD') throw new DomainError('INVALID', 'account.wrongPassword', { field: 'currentPassword' });
    throw error;
  }
  await resetRateLimit(c.db, key);
}

/**
 * Creates a user directly (admin command, demo accounts), or finds the existing one by email.
 * Returns whether it was created.
 */
export async function ensureUser(
  auth: Auth,
  db: Database,
  u: { email: string; password: string; name: string; phone?: string; isPlatformAdmin?: boolean },
) {
  const existing = await findUserByEmailOrPhone(db, { kind: 'email', value: u.email });
  let userId = existing?.id;
  if (!userId) {
    const { user } = await auth.api.signUpEmail({ body: { email: u.email, password: u.password, name: u.name } });
    userId = user.id;
    if (u.phone) await setUserPhone(db, userId, u.phone);
  }
  if (u.isPlatformAdmin) await setPlatformAdmin(db, userId, true);
  // made by an admin's command or the demo: nobody is there to receive a code, and the address was chosen by them
  if (!existing) await markIdentifiersVerified(db, userId);
  return { userId, created: !existing };
}

/** Agrees to the privacy notice; only its current version can be agreed to (a page left open on an older one cannot). */
export async function acceptPrivacyNotice(db: Database, userId: string, version: string): Promise<void> {
  if (version !== PRIVACY_NOTICE_VERSION) throw new DomainError('CONFLICT', 'privacy.outdated', { field: 'version' });
  await recordPrivacyConsent(db, userId, PRIVACY_NOTICE_VERSION);
}
