import { createHash, randomBytes } from 'node:crypto';
import type { Database } from '@ronghe/db/client';
import { insertNotifications } from '@ronghe/db/queries/notifications';
import { deleteSessionOfUser, listSessionsOfUser, rememberDevice } from '@ronghe/db/queries/sessions';
import { isMobileAccountEmail } from '@ronghe/domain/account';
import { deviceLabel } from '@ronghe/domain/device';
import { DomainError } from '@ronghe/domain/errors';
import type { Language } from '@ronghe/domain/messages';
import { messageText } from '@ronghe/domain/notifications';
import type { Notifier } from './notifier.ts';

// The account's sessions (issue 20): the list on the account page with sign-out per session, and the notice when an
// account signs in from a browser it has not used before. A browser is known by a random id in a long-lived httpOnly
// cookie; the table keeps only its hash (queries/sessions.ts).

export const DEVICE_COOKIE = 'ronghe.device';
const DEVICE_COOKIE_DAYS = 400;

/** The account's live sessions for its owner: device, address, when it began and was last seen, which is this one. */
export async function listSessions(db: Database, caller: { userId: string; sessionId: string }) {
  const rows = await listSessionsOfUser(db, caller.userId);
  return rows.map((r) => ({
    id: r.id,
    device: deviceLabel(r.userAgent),
    ipAddress: r.ipAddress,
    createdAt: r.createdAt,
    lastSeenAt: r.lastSeenAt,
    current: r.id === caller.sessionId,
  }));
}

/** Signs one of the caller's other sessions out; the current one ends by signing out. */
export async function revokeSession(db: Database, caller: { userId: string; sessionId: string }, sessionId: string) {
  if (sessionId === caller.sessionId) throw new DomainError('INVALID', 'session.current', { field: 'sessionId' });
  if (!(await deleteSessionOfUser(db, caller.userId, sessionId))) throw new DomainError('NOT_FOUND', 'session.notFound');
}

function cookieValue(headers: Headers, name: string): string | null {
  for (const part of (headers.get('cookie') ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return rest.join('=');
  }
  return null;
}

type DeviceCall = {
  db: Database;
  notifier: Notifier;
  headers: Headers;
  resHeaders: Headers;
  ip: string;
  lang: Language;
  publicUrl: string;
};

/**
 * After a sign-in (or sign-up): makes sure the browser carries a device id and records it for the account. A browser
 * new to an account that has used others gets a notice: in the bell and to the account's verified email.
 */
export async function recognizeDevice(c: DeviceCall, user: { userId: string; email: string; emailVerified: boolean }) {
  let deviceId = cookieValue(c.headers, DEVICE_COOKIE);
  if (!deviceId || !/^[\w-]{20,64}$/.test(deviceId)) {
    deviceId = randomBytes(24).toString('base64url');
    const secure = c.publicUrl.startsWith('https://') ? '; Secure' : '';
    c.resHeaders.append(
      'set-cookie',
      `${DEVICE_COOKIE}=${deviceId}; Path=/; Max-Age=${DEVICE_COOKIE_DAYS * 86_400}; HttpOnly; SameSite=Lax${secure}`,
    );
  }
  const seen = await rememberDevice(c.db, user.userId, createHash('sha256').update(deviceId).digest('hex'));
  if (!seen.isNew || !seen.hadOthers) return;
  const params = {
    time: new Date().toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false }),
    device: deviceLabel(c.headers.get('user-agent')) ?? '?',
    ip: c.ip,
  };
  await insertNotifications(c.db.orm, [user.userId], { type: 'account', link: '/account', key: 'notify.account.newDevice', params });
  if (user.emailVerified && !isMobileAccountEmail(user.email)) {
    await c.notifier.send({
      to: user.email,
      channel: 'email',
      purpose: 'security-notice',
      userId: user.userId,
      subject: messageText('accountNotice.subject', {}, c.lang),
      body: messageText('notify.account.newDevice', params, c.lang),
    });
  }
}
