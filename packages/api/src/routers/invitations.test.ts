import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DomainError } from '@ronghe/domain/errors';
import { translate, type Language } from '@ronghe/domain/messages';
import { MESSAGE_NAME_MAX } from '@ronghe/domain/organization';
import { createContextInner, sessionFromHeaders } from '../context.ts';
import { createCaller } from '../root.ts';
import { logNotifier } from '../services/notifier.ts';
import {
  createTestEnv,
  errorOf,
  keyOf,
  makeAdmin,
  signUpUser,
  verifiedOrganization,
  type TestEnv,
  type TestUser,
} from '../test-support.ts';

// Issue 18, "Ronghe used as a messenger": a pending organisation named like a bank's security centre made Ronghe send
// invitations carrying that name to any number or address. Each test runs the attack through the real API.

let env: TestEnv;
let admin: TestUser;
beforeAll(async () => {
  env = await createTestEnv();
  admin = await makeAdmin(env, await signUpUser(env, { identifier: 'jw-invitations@example.gov.cn' }));
});
afterAll(async () => {
  await env.close();
});

const PHISHING = '中国银行账户安全中心 请登录 www.boc-secure.cn 或 https://boc.example/unfreeze 致电 95566 解冻 您的账户将于今日冻结';
const countInvitations = async (organizationId: string) => {
  const [row] = await env.db.rows<{ n: number }>(sql`select count(*)::int as n from invitation where organization_id = ${organizationId}`);
  return row?.n ?? 0;
};
/** The message the API sends for this error in `lang` (the error formatter translates the key the same way). */
const messageIn = (e: { cause: unknown }, lang: Language) =>
  e.cause instanceof DomainError ? translate(e.cause.key, lang, e.cause.params) : null;
// text a mail or SMS client could turn into a link, or a number to call
const linkable = /https?:|www|[a-z0-9-]+\s*[.。．]\s*[a-z]{2,}|@|\d{5,}/i;

describe('invitations as a messenger', () => {
  it('a pending organisation named like a bank cannot invite anyone: refused, nothing stored, nothing sent', async () => {
    const owner = await signUpUser(env);
    const { id } = await owner.caller.organizations.create({
      kind: 'partner',
      name: PHISHING.slice(0, 60),
      regionCode: '110105',
      partnerType: 'other',
    });
    const sent = env.outbox.length;
    for (const identifier of ['13800138000', 'victim@example.com']) {
      const error = await errorOf(owner.caller.organizations.invite({ organizationId: id, identifier, role: 'member' }));
      expect(error.code).toBe('FORBIDDEN');
      expect(keyOf(error)).toBe('invitation.notVerified');
      expect(messageIn(error, 'zh-CN')).toBe('单位通过认证后才能邀请成员');
      expect(messageIn(error, 'en')).toBe('Only a verified organisation can invite people');
    }
    expect(env.outbox.length).toBe(sent);
    expect(await countInvitations(id)).toBe(0);
    // rejected (or suspended) is no better than pending
    await admin.caller.admin.reject({ id, reason: '冒用银行名义' });
    expect(keyOf(await errorOf(owner.caller.organizations.invite({ organizationId: id, identifier: '13800138001' })))).toBe(
      'invitation.notVerified',
    );
  });

  it('a verified organisation with a phishing-like name: the message quotes the name, cut short, with no link-able text or phone number', async () => {
    const owner = await signUpUser(env, { name: '客服 www.evil.example 4008208820' });
    const { id } = await owner.caller.organizations.create({ kind: 'partner', name: PHISHING, regionCode: '110106', partnerType: 'other' });
    await admin.caller.admin.verify({ id });
    const sent = env.outbox.length;
    const invitation = await owner.caller.organizations.invite({ organizationId: id, identifier: '13900139000', role: 'member' });
    const [message] = env.outbox.slice(sent);
    if (!message) throw new Error('no message sent');
    expect(message).toMatchObject({ to: '13900139000', channel: 'sms' });
    const quoted = [...message.body.matchAll(/「([^」]*)」/g)].map((m) => m[1] ?? '');
    const orgName = quoted[1] ?? '';
    expect(orgName.startsWith('中国银行账户安全中心')).toBe(true);
    expect([...orgName].length).toBeLessThanOrEqual(MESSAGE_NAME_MAX);
    expect(orgName.endsWith('…')).toBe(true);
    // the only link is Ronghe's own invitation link
    const withoutOurLink = message.body.replace(invitation.link, '');
    expect(message.body).toContain(invitation.link);
    for (const text of [message.subject, withoutOurLink]) {
      expect(text).not.toMatch(linkable);
      expect(text).not.toContain('boc');
      expect(text).not.toContain('evil');
    }
    expect(message.subject).toContain(`「${orgName}」`);
  });

  it('refuses beyond 50 invitations a day: 60 at once from one organisation give exactly 50, counted in the database', async () => {
    const org = await verifiedOrganization(env, admin, 'enterprise');
    const sent = env.outbox.length;
    const results = await Promise.allSettled(
      Array.from({ length: 60 }, (_, i) =>
        org.caller.organizations.invite({ organizationId: org.organizationId, identifier: `flood${i}@example.com` }),
      ),
    );
    const ok = results.filter((r) => r.status === 'fulfilled');
    const refused = results.flatMap((r) =>
      r.status === 'rejected' ? [r.reason as { code: string; message: string; cause: unknown }] : [],
    );
    expect(ok).toHaveLength(50);
    expect(refused).toHaveLength(10);
    for (const e of refused) {
      expect(e.code).toBe('TOO_MANY_REQUESTS');
      expect(keyOf(e)).toBe('invitation.dailyLimit');
      expect(messageIn(e, 'zh-CN')).toBe('本单位24小时内已发出 50 份邀请，已达上限，请明天再试');
    }
    expect(await countInvitations(org.organizationId)).toBe(50);
    expect(env.outbox.length - sent).toBe(50);
    // revoking does not give the day's invitations back
    await org.caller.organizations.revokeInvitation({ invitationId: (ok[0] as PromiseFulfilledResult<{ id: string }>).value.id });
    expect(
      keyOf(await errorOf(org.caller.organizations.invite({ organizationId: org.organizationId, identifier: 'one-more@example.com' }))),
    ).toBe('invitation.dailyLimit');
    // another organisation has its own allowance
    const other = await verifiedOrganization(env, admin, 'school');
    await other.caller.organizations.invite({ organizationId: other.organizationId, identifier: 'flood0@example.com' });
  });

  it('takes the limit from the server setting (RONGHE_INVITATIONS_PER_DAY) and says so in English too', async () => {
    const org = await verifiedOrganization(env, admin, 'partner');
    const session = await sessionFromHeaders(env.auth, org.headers);
    const caller = createCaller(
      createContextInner({
        db: env.db,
        auth: env.auth,
        session,
        headers: org.headers,
        lang: 'en',
        invitationsPerDay: 2,
        notifier: logNotifier((m) => env.outbox.push(m)),
      }),
    );
    await caller.organizations.invite({ organizationId: org.organizationId, identifier: 'a@example.com' });
    await caller.organizations.invite({ organizationId: org.organizationId, identifier: 'b@example.com' });
    const error = await errorOf(caller.organizations.invite({ organizationId: org.organizationId, identifier: 'c@example.com' }));
    expect(keyOf(error)).toBe('invitation.dailyLimit');
    expect(messageIn(error, 'en')).toBe(
      'This organisation has sent 2 invitations in the last 24 hours, the most allowed; try again tomorrow',
    );
  });
});
