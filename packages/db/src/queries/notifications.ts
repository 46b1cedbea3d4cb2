import { and, desc, eq, inArray, isNull, count } from 'drizzle-orm';
import type { Database, Drizzle } from '../client.ts';
import { messageText, type NotificationMessage } from '@ronghe/domain/notifications';
import { notifications, organizationMembers } from '../schema/index.ts';

/** The users who act for these organisations as owners or managers: they receive its notifications. */
export async function managersOf(tx: Drizzle, organizationIds: string[]): Promise<string[]> {
  if (organizationIds.length === 0) return [];
  const rows = await tx
    .selectDistinct({ userId: organizationMembers.userId })
    .from(organizationMembers)
    .where(and(inArray(organizationMembers.organizationId, organizationIds), inArray(organizationMembers.role, ['owner', 'manager'])));
  return rows.map((r) => r.userId);
}

/** A notice to these users: its message key and params; the Chinese text is kept too, as `title`. */
export async function insertNotifications(tx: Drizzle, userIds: string[], n: { type: string; link: string } & NotificationMessage) {
  if (userIds.length === 0) return;
  const row = { type: n.type, link: n.link, messageKey: n.key, messageParams: n.params, title: messageText(n.key, n.params, 'zh-CN') };
  await tx.insert(notifications).values(userIds.map((userId) => ({ userId, ...row })));
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
