import { eq } from 'drizzle-orm';
import { PRIVACY_NOTICE_VERSION } from '@ronghe/domain/privacy';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, notifications, organizationMembers, users } from '@ronghe/db/schema';
import {
  anonymous,
  callerFor,
  createTestEnv,
  errorOf,
  keyOf,
  makeAdmin,
  signUpUser,
  verifiedOrganization,
  type TestEnv,
  type TestUser,
} from '../test-support.ts';

// Issue 20, PIPL: a person downloads everything Ronghe holds about them (JSON and Excel). Deleting an account
// anonymises the person (name, email, mobile) and keeps what they did in the audit log under the account's id; the
// only owner of an organisation hands it over first.

let env: TestEnv;
let admin: TestUser;
beforeAll(async () => {
  env = await createTestEnv();
  admin = await makeAdmin(env, await signUpUser(env, { identifier: 'jw-erasure@example.gov.cn' }));
});
afterAll(async () => {
  await env.close();
});

async function joinAs(owner: TestUser & { organizationId: string }, identifier: string) {
  const inv = await owner.caller.organizations.invite({ organizationId: owner.organizationId, identifier, role: 'member' });
  const member = await signUpUser(env, { identifier, name: '将注销的老师' });
  await member.caller.invitations.accept({ token: inv.token });
  return member;
}

describe('my data', () => {
  it('gives the caller everything held about them, as JSON and as an Excel workbook, and nobody else’s', async () => {
    const owner = await verifiedOrganization(env, admin, 'partner');
    const member = await joinAs(owner, 'exporter@example.com');
    const file = await member.caller.account.myData({ format: 'json' });
    expect(file.filename).toMatch(/^ronghe-my-data-\d{4}-\d{2}-\d{2}\.json$/);
    const data = JSON.parse(Buffer.from(file.base64, 'base64').toString('utf8')) as {
      account: { email: string; name: string; privacyNoticeVersion: string };
      sessions: unknown[];
      memberships: Array<{ role: string }>;
      yourActionsInTheAuditLog: Array<{ action: string }>;
    };
    expect(data.account).toMatchObject({
      email: 'exporter@example.com',
      name: '将注销的老师',
      privacyNoticeVersion: PRIVACY_NOTICE_VERSION,
    });
    expect(data.sessions.length).toBeGreaterThanOrEqual(1);
    expect(data.memberships).toEqual([expect.objectContaining({ role: 'member' })]);
    expect(data.yourActionsInTheAuditLog.map((a) => a.action)).toContain('member.join');
    // nothing of another person: the owner's address is not in it
    expect(JSON.stringify(data)).not.toContain(owner.session.email);

    const xlsx = await member.caller.account.myData({ format: 'xlsx' });
    const { default: ExcelJS } = await import('exceljs');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(xlsx.base64, 'base64') as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((w) => w.name)).toEqual([
      '账户',
      '登录设备',
      '用过的浏览器',
      '所在单位',
      '通知',
      '发给您的消息',
      '您上传的文件',
      '操作日志',
    ]);
    const accountSheet = workbook.getWorksheet('账户');
    const values = accountSheet?.getColumn(2).values.map(String) ?? [];
    expect(values).toContain('exporter@example.com');
  });
});

describe('deleting an account', () => {
  it('confirms with the password, anonymises the person, ends the sessions and frees the address; the audit log keeps a pseudonym', async () => {
    const owner = await verifiedOrganization(env, admin, 'school');
    const member = await joinAs(owner, '13700137000@example.com');
    const id = member.session.userId;
    const wrong = await errorOf(member.caller.account.deleteAccount({ password: 'not-my-password-1' }));
    expect([wrong.code, keyOf(wrong)]).toEqual(['BAD_REQUEST', 'account.wrongPassword']);

    expect(await member.caller.account.deleteAccount({ password: 'ronghe2027pass' })).toEqual({ ok: true });
    expect(await (await callerFor(env, member.headers)).account.me()).toBeNull();
    const [row] = await env.db.orm.select().from(users).where(eq(users.id, id));
    expect(row).toMatchObject({ name: '已注销用户', phoneNumber: null, emailVerified: false });
    expect(row?.email).not.toContain('13700137000');
    expect(await env.db.orm.select().from(organizationMembers).where(eq(organizationMembers.userId, id))).toEqual([]);
    expect(await env.db.orm.select().from(notifications).where(eq(notifications.userId, id))).toEqual([]);
    // what they did stays, under the account's id, which names nobody now
    const audit = await env.db.orm.select().from(auditLog).where(eq(auditLog.actorUserId, id));
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['account.delete']));
    expect(JSON.stringify(audit)).not.toContain('13700137000@example.com');
    // the old address signs nobody in, and can be signed up with again
    const old = await errorOf(
      anonymous(env, { ip: '10.8.0.1' }).account.signIn({ identifier: '13700137000@example.com', password: 'ronghe2027pass' }),
    );
    expect(keyOf(old)).toBe('account.invalidCredentials');
    const again = await signUpUser(env, { identifier: '13700137000@example.com', name: '新同事' });
    expect(again.session.userId).not.toBe(id);
    // the organisation still has its owner
    expect((await owner.caller.organizations.members({ organizationId: owner.organizationId })).map((m) => m.userId)).not.toContain(id);
  });

  it('refuses the only owner of an organisation, naming it, until another member is an owner', async () => {
    const owner = await verifiedOrganization(env, admin, 'enterprise');
    const refused = await errorOf(owner.caller.account.deleteAccount({ password: 'ronghe2027pass' }));
    expect([refused.code, keyOf(refused)]).toEqual(['CONFLICT', 'account.lastOwner']);
    expect((refused.cause as { params?: { orgs?: string } }).params?.orgs).toMatch(/^「测试科技有限公司\d+-\w+」$/);
    expect(await (await callerFor(env, owner.headers)).account.me()).not.toBeNull();

    const colleague = await joinAs(owner, 'next-owner@example.com');
    await owner.caller.organizations.setRole({ organizationId: owner.organizationId, userId: colleague.session.userId, role: 'owner' });
    expect(await owner.caller.account.deleteAccount({ password: 'ronghe2027pass' })).toEqual({ ok: true });
    const members = await colleague.caller.organizations.members({ organizationId: owner.organizationId });
    expect(members.map((m) => m.role)).toEqual(['owner']);
  });
});
