import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertNotifications } from '@ronghe/db/queries/notifications';
import { notifications } from '@ronghe/db/schema';
import type { Language } from '@ronghe/domain/messages';
import { createContextInner } from '../context.ts';
import { createCaller } from '../root.ts';
import { createTestEnv, signUpUser, type TestEnv, type TestUser } from '../test-support.ts';

// The bell: notices are stored as message keys and params, and read in the reader's language; rows written before
// message keys keep their stored title.

let env: TestEnv;
let reader: TestUser;
const as = (lang: Language) => createCaller(createContextInner({ db: env.db, session: reader.session, lang }));

beforeAll(async () => {
  env = await createTestEnv();
  reader = await signUpUser(env, { identifier: 'bell-reader@example.com' });
});
afterAll(async () => {
  await env.close();
});

describe('notifications', () => {
  it('are read in the reader’s language, and old rows keep their title', async () => {
    await env.db.orm
      .insert(notifications)
      .values({ userId: reader.session.userId, type: 'consortium.invited', title: '「旧共同体」邀请贵单位加入', link: '/consortia/x' });
    await env.db.rows(sql`update notification set created_at = now() - interval '1 hour'`);
    const notice = {
      type: 'round.published',
      key: 'notify.round.published',
      params: { round: '2027春季双选' },
      link: '/rounds/x',
    } as const;
    await env.db.orm.transaction((tx) => insertNotifications(tx, [reader.session.userId], notice));
    const zh = await as('zh-CN').notifications.list({});
    const en = await as('en').notifications.list({});
    expect(zh.map((n) => n.title)).toEqual(['双选「2027春季双选」结果已公布', '「旧共同体」邀请贵单位加入']);
    expect(en.map((n) => n.title)).toEqual([
      'The results of the two-way selection “2027春季双选” are published',
      '「旧共同体」邀请贵单位加入',
    ]);
    // the Chinese text is stored beside the key, for anything that reads the table directly
    const [stored] = await env.db.rows<{ title: string; message_key: string }>(
      sql`select title, message_key from notification where type = 'round.published'`,
    );
    expect(stored).toEqual({ title: '双选「2027春季双选」结果已公布', message_key: 'notify.round.published' });
    expect(await as('en').notifications.unreadCount()).toBe(2);
  });
});
