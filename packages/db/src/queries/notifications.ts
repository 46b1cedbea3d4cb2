import { and, desc, eq, inArray, isNull, count, sql } from 'drizzle-orm';
import type { Database, Drizzle } from '../client.ts';
import { messageText, noticeCategoryOf, type NotificationMessage } from '@ronghe/domain/notifications';
import { notifications, organizationMembers, outboundMessages, users } from '../schema/index.ts';

/** The users who act for these organisations as owners or managers: they receive its notifications. */
export async function managersOf(tx: Drizzle, organizationIds: string[]): Promise<string[]> {
  if (organizationIds.length === 0) return [];
  const rows = await tx
    .selectDistinct({ userId: organizationMembers.userId })
    .from(organizationMembers)
    .where(and(inArray(organizationMembers.organizationId, organizationIds), inArray(organizationMembers.role, ['owner', 'manager'])));
  return rows.map((r) => r.userId);
}

/**
 * A notice to these users: its message key and params; the Chinese text is kept too, as `title`. Those who chose to
 * have this kind of notice by email or text message (user.notice_channels) also get one in the outbox, in their
 * language, to their verified address or number, in the same transaction: the outbox sweep delivers it.
 */
export async function insertNotifications(tx: Drizzle, userIds: string[], n: { type: string; link: string } & NotificationMessage) {
  if (userIds.length === 0) return;
  const row = { type: n.type, link: n.link, messageKey: n.key, messageParams: n.params, title: messageText(n.key, n.params, 'zh-CN') };
  await tx.insert(notifications).values(userIds.map((userId) => ({ userId, ...row })));
  const category = noticeCategoryOf(n.type);
  if (!category) return;
  const wanting = await tx
    .select({
      id: users.id,
      channel: sql<string>`${users.noticeChannels} ->> ${category}`,
      email: users.email,
      emailVerified: users.emailVerified,
      phoneNumber: users.phoneNumber,
      phoneNumberVerified: users.phoneNumberVerified,
      language: users.language,
    })
    .from(users)
    .where(and(inArray(users.id, userIds), sql`${users.noticeChannels} ->> ${category} in ('email', 'sms')`, isNull(users.disabledAt)));
  const messages = wanting.flatMap((u) => {
    const to =
      u.channel === 'email'
        ? u.emailVerified && !u.email.endsWith('.invalid')
          ? u.email
          : null
        : u.phoneNumberVerified
          ? u.phoneNumber
          : null;
    if (!to) return [];
    const text = messageText(n.key, n.params, u.language);
    const subject = messageText('noticeMessage.subject', {}, u.language);
    const body = messageText('noticeMessage.body', { text }, u.language);
    return [{ channel: u.channel as 'email' | 'sms', recipient: to, userId: u.id, purpose: `notice:${category}`, subject, body }];
  });
  if (messages.length > 0) await tx.insert(outboundMessages).values(messages);
}

export async function listNotifications(db: Database, userId: string, limit: number) {
  return db.orm
    .select({
      id: notifications.id,
      type: notifications.type,
      title: notifications.title,
      messageKey: notifications.messageKey,
      messageParams: notifications.messageParams,
      link: notifications.link,
      readAt: notifications.readAt,
      createdAt: notifications.createdAt,
    })
    .from(notifications)
    .where(eq(notifications.userId, userId))
    .orderBy(desc(notifications.createdAt))
    .limit(limit);
}

export async function unreadCount(db: Database, userId: string): Promise<number> {
  const [row] = await db.orm
    .select({ n: count() })
    .from(notifications)
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)));
  return row?.n ?? 0;
}

/** Marks the user's notifications read (these ids, or all); never another user's. */
export async function markNotificationsRead(db: Database, userId: string, ids: string[] | null) {
  await db.orm
    .update(notifications)
    .set({ readAt: new Date() })
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt), ids ? inArray(notifications.id, ids) : undefined));
}
