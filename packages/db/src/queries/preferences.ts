import { eq } from 'drizzle-orm';
import type { Database } from '../client.ts';
import type { NoticeChannels } from '@ronghe/domain/notifications';
import { users } from '../schema/index.ts';

export async function preferencesOf(db: Database, userId: string) {
  const [row] = await db.orm
    .select({ language: users.language, noticeChannels: users.noticeChannels })
    .from(users)
    .where(eq(users.id, userId));
  return row ?? { language: 'zh-CN' as const, noticeChannels: {} };
}

export async function setPreferences(db: Database, userId: string, values: { language?: 'zh-CN' | 'en'; noticeChannels?: NoticeChannels }) {
  await db.orm
    .update(users)
    .set({ ...values, updatedAt: new Date() })
    .where(eq(users.id, userId));
}
