import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Database } from '@ronghe/db/client';
import { insertMember, membershipOf } from '@ronghe/db/queries/memberships';
import { organizations } from '@ronghe/db/schema';
import { recordPrivacyConsent, setAccountsDisabled } from '@ronghe/db/queries/users';
import { PRIVACY_NOTICE_VERSION } from '@ronghe/domain/privacy';
import type { Auth } from '../auth/create-auth.ts';
import { ensureUser } from './accounts.ts';

/**
 * The password of the demo enterprise, school and partner accounts (README). The demo admin's is generated for each
 * installation unless given (RONGHE_DEMO_ADMIN_PASSWORD), and shown once, when the account is created.
 */
export const DEMO_PASSWORD = 'ronghe2027demo';

type DemoAccount = { email: string; name: string; kind: 'admin' | 'enterprise' | 'school' | 'partner'; orgName?: string };

export const demoAccounts: DemoAccount[] = [
  { email: 'admin@demo.ronghe.cn', name: '市教委管理员（演示）', kind: 'admin' },
  { email: 'enterprise@demo.ronghe.cn', name: '企业联系人（演示）', kind: 'enterprise', orgName: '亦庄智造数控装备有限公司（演示）' },
  { email: 'school@demo.ronghe.cn', name: '学校联系人（演示）', kind: 'school', orgName: '北京科技职业大学' },
  { email: 'partner@demo.ronghe.cn', name: '协会联系人（演示）', kind: 'partner', orgName: '北京职业教育产教融合促进会（演示）' },
];

/** A password of 16 characters from 96 random bits: letters and digits, at least one of each. */
export function generatePassword(): string {
  for (;;) {
    const candidate = randomBytes(12).toString('base64url');
    if (/[a-z]/i.test(candidate) && /\d/.test(candidate) && !/[-_]/.test(candidate)) return candidate;
  }
}

export type CreatedDemoAccount = DemoAccount & { password: string };

/**
 * Creates the demo accounts (idempotent), enables any that demo mode turned off earlier, and makes each the owner of
 * its demo organisation. Returns those created now, with their passwords: the only time the admin's is known.
 */
export async function seedDemoAccounts(db: Database, auth: Auth, opts: { adminPassword?: string } = {}): Promise<CreatedDemoAccount[]> {
  const created: CreatedDemoAccount[] = [];
  await setAccountsDisabled(
    db,
    demoAccounts.map((a) => a.email),
    false,
  );
  for (const account of demoAccounts) {
    const password = account.kind === 'admin' ? (opts.adminPassword ?? generatePassword()) : DEMO_PASSWORD;
    const { userId, created: isNew } = await ensureUser(auth, db, {
      email: account.email,
      password,
      name: account.name,
      isPlatformAdmin: account.kind === 'admin',
    });
    if (isNew) created.push({ ...account, password });
    // a demo is shown, not lived in: its people are not asked to agree to the privacy notice
    await recordPrivacyConsent(db, userId, PRIVACY_NOTICE_VERSION);
    if (!account.orgName) continue;
    const [org] = await db.orm.select({ id: organizations.id }).from(organizations).where(eq(organizations.name, account.orgName));
    if (org && !(await membershipOf(db, org.id, userId))) await db.orm.transaction((tx) => insertMember(tx, org.id, userId, 'owner'));
  }
  return created;
}

/** Demo mode off: the demo accounts may no longer sign in, and their sessions end. Returns the emails disabled now. */
export function disableDemoAccounts(db: Database): Promise<string[]> {
  return setAccountsDisabled(
    db,
    demoAccounts.map((a) => a.email),
    true,
  );
}
