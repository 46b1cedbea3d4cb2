import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { usccCheckChar } from '@ronghe/domain/uscc';
import {
  createTestEnv,
  errorOf,
  fieldOf,
  internshipInput,
  keyOf,
  makeAdmin,
  signUpUser,
  verifiedOrganization,
  type TestEnv,
  type TestUser,
} from '../test-support.ts';

// Issue 18, "Rules escaped by editing after verification": a verified enterprise raised its staff count to ten
// million and then published internships beyond the 10 % cap. What verification vouched for now changes only through
// a change request a platform admin approves; meanwhile every rule keeps reading the old values.

let env: TestEnv;
let admin: TestUser;
beforeAll(async () => {
  env = await createTestEnv();
  admin = await makeAdmin(env, await signUpUser(env, { identifier: 'jw-changes@example.gov.cn' }));
});
afterAll(async () => {
  await env.close();
});

const staffOf = async (id: string) => {
  const [row] = await env.db.rows<{ staff_count: number }>(sql`select staff_count from organization where id = ${id}`);
  return row?.staff_count;
};
/** 60 interns: over 10 % of 500 staff, within it for 10,000,000 (and within the post's 20 % of 1,000). */
const bigInternship = () => internshipInput({ headcount: 60, postStaffCount: 1000 });

describe('changes to what verification vouched for', () => {
  it('the staff-count attack: raising staff to ten million opens a change request and the intern cap keeps using the old count', async () => {
    const enterprise = await verifiedOrganization(env, admin, 'enterprise'); // 500 staff
    const result = await enterprise.caller.organizations.update({
      id: enterprise.organizationId,
      data: { staffCount: 10_000_000, description: '扩大招聘' },
    });
    expect(result.changeRequestId).toEqual(expect.any(String));
    expect(await staffOf(enterprise.organizationId)).toBe(500);

    const view = await enterprise.caller.organizations.get({ id: enterprise.organizationId });
    expect(view).toMatchObject({
      status: 'verified',
      staffCount: 500,
      description: '扩大招聘',
      pendingChange: { id: result.changeRequestId, before: { staffCount: 500 }, after: { staffCount: 10_000_000 } },
    });
    const outsider = await signUpUser(env);
    expect((await outsider.caller.organizations.get({ id: enterprise.organizationId })).pendingChange).toBeNull();

    const { id: needId } = await enterprise.caller.needs.create({ organizationId: enterprise.organizationId, need: bigInternship() });
    expect(keyOf(await errorOf(enterprise.caller.needs.publish({ id: needId })))).toBe('internship.enterpriseShare');

    const requests = await admin.caller.admin.changeRequests({ status: 'pending' });
    expect(requests.find((r) => r.id === result.changeRequestId)).toMatchObject({
      organizationId: enterprise.organizationId,
      before: { staffCount: 500 },
      after: { staffCount: 10_000_000 },
    });
    const audit = await admin.caller.admin.auditLog({ organizationId: enterprise.organizationId, action: 'organization.requestChange' });
    expect(audit.items[0]).toMatchObject({
      before: { staffCount: 500 },
      after: { staffCount: 10_000_000 },
      actorUserId: enterprise.session.userId,
    });
  });

  it('approving applies the new values (and the rules then read them), audited with before and after', async () => {
    const enterprise = await verifiedOrganization(env, admin, 'enterprise');
    const { changeRequestId } = await enterprise.caller.organizations.update({
      id: enterprise.organizationId,
      data: { staffCount: 10_000_000 },
    });
    if (!changeRequestId) throw new Error('no change request');
    expect((await errorOf(enterprise.caller.admin.approveChange({ id: changeRequestId }))).code).toBe('FORBIDDEN');
    expect(await admin.caller.admin.approveChange({ id: changeRequestId })).toEqual({ id: changeRequestId, status: 'approved' });
    expect(await staffOf(enterprise.organizationId)).toBe(10_000_000);
    const { id: needId } = await enterprise.caller.needs.create({ organizationId: enterprise.organizationId, need: bigInternship() });
    expect((await enterprise.caller.needs.publish({ id: needId })).status).toBe('published');

    const audit = await admin.caller.admin.auditLog({ organizationId: enterprise.organizationId, action: 'organization.approveChange' });
    expect(audit.items[0]).toMatchObject({
      actorUserId: admin.session.userId,
      before: { staffCount: 500 },
      after: { staffCount: 10_000_000, changeRequestId },
    });
    expect((await enterprise.caller.organizations.get({ id: enterprise.organizationId })).pendingChange).toBeNull();
    expect(keyOf(await errorOf(admin.caller.admin.approveChange({ id: changeRequestId })))).toBe('organization.changeDecided');
    const [notice] = await enterprise.caller.notifications.list({ limit: 1 });
    expect(notice?.type).toBe('organization.changeApproved');
  });

  it('rejecting leaves the organisation unchanged, with the reason, audited with before and after', async () => {
    const school = await verifiedOrganization(env, admin, 'school');
    const before = await school.caller.organizations.get({ id: school.organizationId });
    const { changeRequestId } = await school.caller.organizations.update({
      id: school.organizationId,
      data: { name: '北京第一职业技术大学', schoolLevel: 'zhiye_benke' },
    });
    if (!changeRequestId) throw new Error('no change request');
    expect((await errorOf(admin.caller.admin.rejectChange({ id: changeRequestId, reason: ' ' }))).code).toBe('BAD_REQUEST');
    await admin.caller.admin.rejectChange({ id: changeRequestId, reason: '无升格批文' });
    const after = await school.caller.organizations.get({ id: school.organizationId });
    expect(after).toMatchObject({ name: before.name, schoolLevel: 'gaozhi', pendingChange: null });
    const audit = await admin.caller.admin.auditLog({ organizationId: school.organizationId, action: 'organization.rejectChange' });
    expect(audit.items[0]).toMatchObject({
      before: { name: before.name, schoolLevel: 'gaozhi' },
      after: {
        name: before.name,
        schoolLevel: 'gaozhi',
        refused: { name: '北京第一职业技术大学', schoolLevel: 'zhiye_benke' },
        reason: '无升格批文',
      },
    });
    const [rejected] = await admin.caller.admin.changeRequests({ status: 'rejected' });
    expect(rejected).toMatchObject({ id: changeRequestId, reason: '无升格批文' });
  });

  it(
    'a further edit amends the open request; a code another verified organisation holds is refused at once; a pending organisation edits ' +
      'directly',
    async () => {
      const enterprise = await verifiedOrganization(env, admin, 'enterprise');
      const first = await enterprise.caller.organizations.update({ id: enterprise.organizationId, data: { staffCount: 800 } });
      const second = await enterprise.caller.organizations.update({ id: enterprise.organizationId, data: { regionCode: '120116' } });
      expect(second.changeRequestId).toBe(first.changeRequestId);
      expect((await enterprise.caller.organizations.get({ id: enterprise.organizationId })).pendingChange).toMatchObject({
        before: { staffCount: 500, regionCode: '110108' },
        after: { staffCount: 800, regionCode: '120116' },
      });

      const other = await verifiedOrganization(env, admin, 'enterprise');
      const [held] = await env.db.rows<{ uscc: string }>(sql`select uscc from organization where id = ${other.organizationId}`);
      const taken = await errorOf(
        enterprise.caller.organizations.update({ id: enterprise.organizationId, data: { uscc: held?.uscc ?? '' } }),
      );
      expect([taken.code, keyOf(taken), fieldOf(taken)]).toEqual(['CONFLICT', 'organization.usccTaken', 'uscc']);

      const owner = await signUpUser(env);
      const body = '91110108700054321';
      const { id } = await owner.caller.organizations.create({
        kind: 'enterprise',
        name: '京测待审编辑有限公司',
        regionCode: '110108',
        uscc: body + (usccCheckChar(body) ?? ''),
        industryCode: '34',
        staffCount: 100,
      });
      expect(await owner.caller.organizations.update({ id, data: { staffCount: 120, name: '京测待审编辑（北京）有限公司' } })).toEqual({
        id,
        changeRequestId: null,
      });
      expect(await owner.caller.organizations.get({ id })).toMatchObject({
        staffCount: 120,
        name: '京测待审编辑（北京）有限公司',
        pendingChange: null,
      });
    },
  );

  it('refuses a field the kind of organisation does not have, naming it', async () => {
    const partner = await verifiedOrganization(env, admin, 'partner');
    const e = await errorOf(partner.caller.organizations.update({ id: partner.organizationId, data: { staffCount: 10_000_000 } }));
    expect([e.code, keyOf(e), fieldOf(e)]).toEqual(['BAD_REQUEST', 'organization.fieldNotForKind', 'staffCount']);
  });
});
