import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertMember } from '@ronghe/db/queries/memberships';
import {
  anonymous,
  createTestEnv,
  errorOf,
  keyOf,
  makeAdmin,
  signUpUser,
  verifiedOrganization,
  type TestEnv,
  type TestUser,
} from '../test-support.ts';

let env: TestEnv;
let admin: TestUser;
beforeAll(async () => {
  env = await createTestEnv();
  admin = await makeAdmin(env, await signUpUser(env, { identifier: 'consortia-admin@example.gov.cn' }));
});
afterAll(async () => {
  await env.close();
});

let n = 0;
const proposal = (organizationId: string, kind: 'industry_community' | 'city_union' = 'industry_community') => ({
  organizationId,
  kind,
  level: 'municipal' as const,
  name: `北京智能制造产教融合共同体${++n}`,
  industryCode: '34',
  anchorRegionCode: '110115',
  goals: '培养数控与工业机器人技术技能人才',
});

/** The stored figure the directory shows and sorts by (refreshMemberStats). */
async function memberCount(id: string) {
  const [row] = await env.db.rows<{ n: number }>(sql`select member_count as n from consortium where id = ${id}`);
  return row?.n;
}

/** A school-proposed industry community with an enterprise co-lead, submitted (and by default approved). */
async function activeConsortium({ approve = true } = {}) {
  const school = await verifiedOrganization(env, admin, 'school');
  const enterprise = await verifiedOrganization(env, admin, 'enterprise');
  const { id } = await school.caller.consortia.propose(proposal(school.organizationId));
  await school.caller.consortia.invite({
    consortiumId: id,
    actingOrganizationId: school.organizationId,
    organizationId: enterprise.organizationId,
    role: 'lead',
  });
  await enterprise.caller.consortia.respond({ consortiumId: id, organizationId: enterprise.organizationId, accept: true });
  await school.caller.consortia.submit({ consortiumId: id, organizationId: school.organizationId });
  if (approve) await admin.caller.consortia.review({ consortiumId: id, decision: 'approve' });
  return { id, school, enterprise };
}

describe('consortium lifecycle', () => {
  it('a school proposes, an enterprise co-leads, it is submitted and approved, with a dated history', async () => {
    const { id, school } = await activeConsortium();
    const c = await anonymous(env).consortia.get({ id });
    expect(c.status).toBe('active');
    expect(c.members.map((m) => [m.kind, m.role])).toEqual([
      ['school', 'lead'],
      ['enterprise', 'lead'],
    ]);
    expect(await memberCount(id)).toBe(2);
    // invitations and applications are private to the organisations concerned and the leads (issue 18)
    expect(c.events.map((e) => e.type)).toEqual(['created', 'joined', 'submitted', 'approve']);
    expect((await school.caller.consortia.get({ id })).events.map((e) => e.type)).toEqual([
      'created',
      'invited',
      'joined',
      'submitted',
      'approve',
    ]);
    const bell = await school.caller.notifications.list({});
    expect(bell.map((b) => b.type)).toContain('consortium.approve');
  });

  it('cannot be submitted without an enterprise and a school lead, naming what is missing', async () => {
    const school = await verifiedOrganization(env, admin, 'school');
    const { id } = await school.caller.consortia.propose(proposal(school.organizationId));
    const error = await errorOf(school.caller.consortia.submit({ consortiumId: id, organizationId: school.organizationId }));
    expect(error.code).toBe('BAD_REQUEST');
    expect(keyOf(error)).toBe('consortium.missingLeads.enterprise');
  });

  it('refuses approving twice, and returns with a reason', async () => {
    const { id } = await activeConsortium();
    expect((await errorOf(admin.caller.consortia.review({ consortiumId: id, decision: 'approve' }))).code).toBe('CONFLICT');
    const school = await verifiedOrganization(env, admin, 'school');
    const enterprise = await verifiedOrganization(env, admin, 'enterprise');
    const { id: other } = await school.caller.consortia.propose(proposal(school.organizationId, 'city_union'));
    await school.caller.consortia.invite({
      consortiumId: other,
      actingOrganizationId: school.organizationId,
      organizationId: enterprise.organizationId,
      role: 'lead',
    });
    await enterprise.caller.consortia.respond({ consortiumId: other, organizationId: enterprise.organizationId, accept: true });
    await school.caller.consortia.submit({ consortiumId: other, organizationId: school.organizationId });
    await admin.caller.consortia.review({ consortiumId: other, decision: 'return', reason: '请补充章程与年度目标' });
    expect(await school.caller.consortia.get({ id: other })).toMatchObject({ status: 'returned', statusReason: '请补充章程与年度目标' });
    await school.caller.consortia.submit({ consortiumId: other, organizationId: school.organizationId });
  });

  it('keeps drafts private to their members and admins', async () => {
    const school = await verifiedOrganization(env, admin, 'school');
    const { id } = await school.caller.consortia.propose(proposal(school.organizationId));
    expect((await errorOf(anonymous(env).consortia.get({ id }))).code).toBe('NOT_FOUND');
    expect((await school.caller.consortia.get({ id })).status).toBe('draft');
    expect((await admin.caller.consortia.get({ id })).status).toBe('draft');
  });

  it('needs a verified organisation to propose or apply', async () => {
    const user = await signUpUser(env);
    const { id: pending } = await user.caller.organizations.create({
      kind: 'school',
      name: `待审职业学院${n}`,
      regionCode: '120101',
      schoolLevel: 'gaozhi',
    });
    expect(keyOf(await errorOf(user.caller.consortia.propose(proposal(pending))))).toBe('organization.notVerified');
  });
});

describe('joining and leaving', () => {
  it('a Tianjin school applies and a lead accepts; a repeated application is refused', async () => {
    const { id, school } = await activeConsortium();
    const tianjin = await verifiedOrganization(env, admin, 'school', '120116');
    await tianjin.caller.consortia.applyFor({ consortiumId: id, organizationId: tianjin.organizationId, message: '希望加入' });
    expect(keyOf(await errorOf(tianjin.caller.consortia.applyFor({ consortiumId: id, organizationId: tianjin.organizationId })))).toBe(
      'consortium.alreadyMember',
    );
    expect((await school.caller.notifications.unreadCount()) > 0).toBe(true);
    await school.caller.consortia.decide({
      consortiumId: id,
      actingOrganizationId: school.organizationId,
      organizationId: tianjin.organizationId,
      accept: true,
    });
    const c = await anonymous(env).consortia.get({ id });
    expect(c.members.find((m) => m.organizationId === tianjin.organizationId)).toMatchObject({ provinceCode: '12' });
    expect(await memberCount(id)).toBe(3);
    expect(
      (
        await errorOf(
          tianjin.caller.consortia.decide({
            consortiumId: id,
            actingOrganizationId: tianjin.organizationId,
            organizationId: tianjin.organizationId,
            accept: true,
          }),
        )
      ).code,
    ).toBe('FORBIDDEN');
  });

  it('the last lead cannot leave; a member can', async () => {
    const { id, school, enterprise } = await activeConsortium();
    await enterprise.caller.consortia.leave({ consortiumId: id, organizationId: enterprise.organizationId });
    expect(keyOf(await errorOf(school.caller.consortia.leave({ consortiumId: id, organizationId: school.organizationId })))).toBe(
      'consortium.lastLead',
    );
    expect((await anonymous(env).consortia.get({ id })).members).toHaveLength(1);
    expect(await memberCount(id)).toBe(1);
  });

  it('50 concurrent applications from distinct organisations each land exactly once', async () => {
    const { id, school } = await activeConsortium();
    const applicants = [];
    for (let i = 0; i < 50; i++)
      applicants.push(await verifiedOrganization(env, admin, i % 2 ? 'enterprise' : 'partner', i % 3 ? '130102' : '110105'));
    // every applicant sends its application twice at once
    const results = await Promise.allSettled(
      applicants.flatMap((a) => [0, 1].map(() => a.caller.consortia.applyFor({ consortiumId: id, organizationId: a.organizationId }))),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(50);
    for (const r of results) if (r.status === 'rejected') expect((r.reason as { code: string }).code).toBe('CONFLICT');
    await Promise.all(
      applicants.map((a) =>
        school.caller.consortia.decide({
          consortiumId: id,
          actingOrganizationId: school.organizationId,
          organizationId: a.organizationId,
          accept: true,
        }),
      ),
    );
    const [row] = await env.db.rows<{ n: number; count: number }>(
      sql`select count(*)::int as n, (select member_count from consortium where id = ${id}) as count from consortium_member
        where consortium_id = ${id} and status = 'active'`,
    );
    expect(row).toEqual({ n: 52, count: 52 });
    // 50 sign-ups and verifications first: minutes, not seconds, when another test file shares the 2 cores
  }, 180_000);
});

describe('who reads applications and invitations (issue 18)', () => {
  it('shows the public active members only, applicants their own application, the lead and admins every pending one', async () => {
    const { id, school, enterprise } = await activeConsortium();
    const declined = await verifiedOrganization(env, admin, 'enterprise');
    const pending = await verifiedOrganization(env, admin, 'school', '120116');
    const invited = await verifiedOrganization(env, admin, 'partner');
    const outsider = await verifiedOrganization(env, admin, 'enterprise');
    const secret = { declined: '联系人王五 13812345678，望通过', pending: '请联系张老师 010-62345678' };
    await declined.caller.consortia.applyFor({ consortiumId: id, organizationId: declined.organizationId, message: secret.declined });
    await school.caller.consortia.decide({
      consortiumId: id,
      actingOrganizationId: school.organizationId,
      organizationId: declined.organizationId,
      accept: false,
    });
    await pending.caller.consortia.applyFor({ consortiumId: id, organizationId: pending.organizationId, message: secret.pending });
    await school.caller.consortia.invite({
      consortiumId: id,
      actingOrganizationId: school.organizationId,
      organizationId: invited.organizationId,
      role: 'member',
    });
    // a plain member (not a manager) of the lead, and of the pending applicant
    const leadMember = await signUpUser(env);
    await insertMember(env.db.orm, school.organizationId, leadMember.session.userId, 'member');
    const applicantMember = await signUpUser(env);
    await insertMember(env.db.orm, pending.organizationId, applicantMember.session.userId, 'member');

    const leads = [school.organizationId, enterprise.organizationId];
    const requestsOf = (c: { requests: Array<{ organizationId: string; status: string; message: string }> }) =>
      c.requests.map((r) => [r.organizationId, r.status, r.message]);

    for (const caller of [anonymous(env), outsider.caller, leadMember.caller]) {
      const c = await caller.consortia.get({ id });
      expect(c.members.map((m) => m.organizationId)).toEqual(leads);
      expect(c.requests).toEqual([]);
      expect(c.events.map((e) => e.type)).toEqual(['created', 'joined', 'submitted', 'approve']);
      const text = JSON.stringify(c);
      for (const leaked of [secret.declined, secret.pending, '13812345678', '62345678']) expect(text).not.toContain(leaked);
      expect(text).not.toContain('"message"');
    }

    const asDeclined = await declined.caller.consortia.get({ id });
    expect(requestsOf(asDeclined)).toEqual([[declined.organizationId, 'declined', secret.declined]]);
    expect(asDeclined.events.map((e) => e.type)).toEqual(['created', 'joined', 'submitted', 'approve', 'applied', 'application_declined']);
    expect(JSON.stringify(asDeclined)).not.toContain(secret.pending);

    for (const caller of [pending.caller, applicantMember.caller]) {
      const asPending = await caller.consortia.get({ id });
      expect(requestsOf(asPending)).toEqual([[pending.organizationId, 'applied', secret.pending]]);
      expect(JSON.stringify(asPending)).not.toContain(secret.declined);
    }

    const asInvited = await invited.caller.consortia.get({ id });
    expect(requestsOf(asInvited)).toEqual([[invited.organizationId, 'invited', '']]);

    for (const caller of [school.caller, enterprise.caller, admin.caller]) {
      const c = await caller.consortia.get({ id });
      expect(c.members.map((m) => m.organizationId)).toEqual(leads);
      expect(requestsOf(c)).toEqual([
        [pending.organizationId, 'applied', secret.pending],
        [invited.organizationId, 'invited', ''],
      ]);
      expect(c.events.map((e) => e.type)).toEqual([
        'created',
        'invited',
        'joined',
        'submitted',
        'approve',
        'applied',
        'application_declined',
        'applied',
        'invited',
      ]);
    }
  });

  it('keeps a draft’s invitation private to the invited organisation and the lead', async () => {
    const school = await verifiedOrganization(env, admin, 'school');
    const enterprise = await verifiedOrganization(env, admin, 'enterprise');
    const { id } = await school.caller.consortia.propose(proposal(school.organizationId));
    await school.caller.consortia.invite({
      consortiumId: id,
      actingOrganizationId: school.organizationId,
      organizationId: enterprise.organizationId,
      role: 'lead',
    });
    expect((await errorOf(anonymous(env).consortia.get({ id }))).code).toBe('NOT_FOUND');
    expect((await errorOf((await verifiedOrganization(env, admin, 'enterprise')).caller.consortia.get({ id }))).code).toBe('NOT_FOUND');
    expect((await enterprise.caller.consortia.get({ id })).requests.map((r) => [r.organizationId, r.status, r.role])).toEqual([
      [enterprise.organizationId, 'invited', 'lead'],
    ]);
    expect((await school.caller.consortia.get({ id })).requests.map((r) => r.organizationId)).toEqual([enterprise.organizationId]);
  });
});

describe('exports', () => {
  it('exports the directory and one consortium’s members to Excel that reads back', async () => {
    const { id } = await activeConsortium();
    const { default: ExcelJS } = await import('exceljs');
    const members = await anonymous(env).consortia.exportMembers({ id });
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(members.base64, 'base64') as unknown as ArrayBuffer);
    const sheet = book.worksheets[0];
    expect(sheet?.getRow(1).values).toEqual([undefined, '单位', '类型', '角色', '地区', '加入日期']);
    expect([sheet?.getRow(2).getCell(3).value, sheet?.getRow(3).getCell(3).value]).toEqual(['牵头单位', '牵头单位']);
    const directory = await anonymous(env).consortia.exportDirectory({ kind: 'industry_community' });
    const dirBook = new ExcelJS.Workbook();
    await dirBook.xlsx.load(Buffer.from(directory.base64, 'base64') as unknown as ArrayBuffer);
    const listed = await anonymous(env).consortia.list({ kind: 'industry_community', pageSize: 100 });
    expect((dirBook.worksheets[0]?.rowCount ?? 0) - 1).toBe(listed.total);
  });
});

describe('directory and counts', () => {
  it('lists active consortia with member counts by kind; the stats equal the directory', async () => {
    await activeConsortium();
    const list = await anonymous(env).consortia.list({ kind: 'industry_community', pageSize: 100 });
    const stats = await anonymous(env).consortia.stats();
    const statsTotal = stats.filter((s) => s.kind === 'industry_community').reduce((sum, s) => sum + s.count, 0);
    expect(list.total).toBe(statsTotal);
    expect(list.items.every((c) => c.status === 'active')).toBe(true);
    expect(list.items[0]?.counts.school).toBeGreaterThanOrEqual(1);
    const byKeyword = await anonymous(env).consortia.list({ q: '智能', pageSize: 5 });
    expect(byKeyword.items.length).toBeGreaterThan(0);
    const tianjin = await anonymous(env).consortia.list({ regionCode: '120000', pageSize: 100 });
    expect(tianjin.items.every((c) => c.counts.school + c.counts.enterprise + c.counts.partner > 0)).toBe(true);
  });

  it('answers each filter with its own values: pages, sorts, statuses for admins, keywords past the end', async () => {
    await activeConsortium();
    await activeConsortium();
    const waiting = await activeConsortium({ approve: false });
    const all = await anonymous(env).consortia.list({ pageSize: 100 });
    expect(all.total).toBeGreaterThanOrEqual(2);
    const first = await anonymous(env).consortia.list({ pageSize: 1, page: 1 });
    const second = await anonymous(env).consortia.list({ pageSize: 1, page: 2 });
    expect([first.items[0]?.id, second.items[0]?.id]).toEqual(all.items.slice(0, 2).map((c) => c.id));
    const byMembers = await anonymous(env).consortia.list({ sort: 'members', pageSize: 100 });
    const counts = byMembers.items.map((c) => c.memberCount);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
    // the same shape, other values: nothing of the first call's values stays with the statement
    const cityUnions = await anonymous(env).consortia.list({ kind: 'city_union', pageSize: 100 });
    const communities = await anonymous(env).consortia.list({ kind: 'industry_community', pageSize: 100 });
    expect(cityUnions.items.every((c) => c.kind === 'city_union')).toBe(true);
    expect(communities.items.every((c) => c.kind === 'industry_community')).toBe(true);
    expect(cityUnions.total + communities.total).toBe(all.total);
    expect((await errorOf(anonymous(env).consortia.list({ regionCode: '999999' }))).code).toBe('BAD_REQUEST');
    // a status other than active is for admins only: anyone else gets the active directory
    const submitted = await admin.caller.consortia.list({ status: 'submitted', pageSize: 100 });
    expect(submitted.items.every((c) => c.status === 'submitted')).toBe(true);
    expect(submitted.items.map((c) => c.id)).toContain(waiting.id);
    expect(all.items.map((c) => c.id)).not.toContain(waiting.id);
    expect((await anonymous(env).consortia.list({ status: 'submitted', pageSize: 100 })).total).toBe(all.total);
    const keyword = await anonymous(env).consortia.list({ q: '智能', pageSize: 1 });
    const past = await anonymous(env).consortia.list({ q: '智能', pageSize: 1, page: keyword.total + 1 });
    expect(past).toEqual({ total: keyword.total, items: [] });
  });
});
