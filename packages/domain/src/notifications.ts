import { isMessageKey, translate, type Language, type MessageKey } from './messages.ts';

// Notifications are stored as a message key and its params (message-texts/notifications.ts) and turned into text
// in the reader's language when read (the bell) or sent (email, text message).

export type NotificationKey = Extract<MessageKey, `notify.${string}`>;

/**
 * A param is a number, a text (a name or a reason users wrote: shown as written, never looked up as a key), or a
 * list of message keys (e.g. the fields of a need that changed), each translated, joined in the reader's way.
 */
export type NotificationParams = Record<string, string | number | readonly MessageKey[]>;

export type NotificationMessage = { key: NotificationKey; params: NotificationParams };

const separators: Record<Language, string> = { 'zh-CN': '、', en: ', ' };

function paramText(value: unknown, lang: Language): string | null {
  if (typeof value === 'number' || typeof value === 'string') return String(value);
  if (Array.isArray(value))
    return value.map((v) => (typeof v === 'string' && isMessageKey(v) ? translate(v, lang) : String(v))).join(separators[lang]);
  return null;
}

/** The text of a message key with params in `lang`; a param that is missing or of another shape stays as {name}. */
export function messageText(key: MessageKey, params: unknown, lang: Language): string {
  const given = params && typeof params === 'object' ? (params as Record<string, unknown>) : {};
  // filled here, not by translate: a user's text that happens to spell a message key must stay as written
  return translate(key, lang).replace(/\{(\w+)\}/g, (m, name: string) =>
    Object.hasOwn(given, name) ? (paramText(given[name], lang) ?? m) : m,
  );
}

/** A stored notification in `lang`. Rows written before notifications had keys keep their stored (Chinese) title. */
export function notificationText(row: { messageKey: string | null; messageParams: unknown; title: string }, lang: Language): string {
  if (!row.messageKey || !isMessageKey(row.messageKey)) return row.title;
  return messageText(row.messageKey, row.messageParams, lang);
}

/** The kinds of notice a person may also have sent by email or text message (issue 20); the bell always has them. */
export const noticeCategories = ['invitations', 'applications', 'bookings', 'rounds', 'tasks'] as const;
export type NoticeCategory = (typeof noticeCategories)[number];
export const noticeChannels = ['inApp', 'email', 'sms'] as const;
export type NoticeChannel = (typeof noticeChannels)[number];
/** per category, how a notice goes out besides the bell; a category left out is the bell only */
export type NoticeChannels = Partial<Record<NoticeCategory, NoticeChannel>>;

/** The category a notification type falls in (invitation, application decision, booking, round, task), or null. */
export function noticeCategoryOf(type: string): NoticeCategory | null {
  if (['need.invited', 'round.invited', 'consortium.invited', 'consortium.invitation'].includes(type)) return 'invitations';
  if (['need.accepted', 'need.partly_accepted', 'need.declined'].includes(type)) return 'applications';
  if (type.startsWith('booking.')) return 'bookings';
  if (type.startsWith('round.')) return 'rounds';
  if (type.startsWith('task.')) return 'tasks';
  return null;
}
