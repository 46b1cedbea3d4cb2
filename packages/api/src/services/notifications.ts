import type { Database } from '@ronghe/db/client';
import { listNotifications, markNotificationsRead, unreadCount } from '@ronghe/db/queries/notifications';
import type { Language } from '@ronghe/domain/messages';
import { notificationText } from '@ronghe/domain/notifications';

// The bell: every function acts on the caller's own notifications only, and speaks the reader's language.

/** The latest notifications, each with its text in `lang` (stored as a message key and params). */
export async function listMine(db: Database, userId: string, lang: Language, limit: number) {
  const rows = await listNotifications(db, userId, limit);
  return rows.map((n) => ({
    id: n.id,
    type: n.type,
    title: notificationText(n, lang),
    link: n.link,
    readAt: n.readAt,
    createdAt: n.createdAt,
  }));
}

export const countUnread = (db: Database, userId: string) => unreadCount(db, userId);

/** These, or all when `ids` is null; never another user's. */
export async function markRead(db: Database, userId: string, ids: string[] | null) {
  await markNotificationsRead(db, userId, ids);
  return { ok: true as const };
}
