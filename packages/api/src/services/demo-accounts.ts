import { eq } from 'drizzle-orm';
import type { Database } from '@ronghe/db/client';
import { insertMember, membershipOf } from '@ronghe/db/queries/memberships';
import { organizations } from '@ronghe/db/schema';
import type { Auth } from '../auth/create-auth.ts';
import { ensureUser } from './accounts.ts';

/** The demo password of every demo account (README). Demo data is off with RONGHE_DEMO=false. */
export const DEMO_PASSWORD = 'ronghe2027demo';

type DemoAccount = { email: string; name: string; kind: 'admin' | 'enterprise' | 'school' | 'partner'; orgName?: string };

export const demoAccounts: DemoAccount[] = [
  { email: 'admin@demo.ronghe.cn', name: '市教委管理员（演示）', kind: 'admin' },
  { email: 'enterprise@demo.ronghe.cn', name: '企业联系人（演示）', kind: 'enterprise', orgName: '亦庄智造数控装备有限公司（演示）' },
  { email: 'school@demo.ronghe.cn', name: '学校联系人（演示）', kind: 'school', orgName: '北京科技职业大学' },
  { email: 'partner@demo.ronghe.cn', name: '协会联系人（演示）', kind: 'partner', orgName: '北京职业教育产教融合促进会（演示）' },
];

/** Creates the demo accounts (idempotent) and makes each the owner of its demo organisation. Returns those created now. */
export async function seedDemoAccounts(db: Database, auth: Auth): Promise<DemoAccount[]> {
  const created: DemoAccount[] = [];
  for (const account of demoAccounts) {
    const { userId, created: isNew } = await ensureUser(auth, db, {
      email: account.email,
      password: DEMO_PASSWORD,
      name: account.name,
      isPlatformAdmin: account.kind === 'admin',
    });
    if (isNew) created.push(account);
    if (!account.orgName) continue;
    const [org] = await db.orm.select({ id: organizations.id }).from(organizations).where(eq(organizations.name, account.orgName));
    if (org && !(await membershipOf(db, org.id, userId))) await db.orm.transaction((tx) => insertMember(tx, org.id, userId, 'owner'));
  }
  return created;
}
