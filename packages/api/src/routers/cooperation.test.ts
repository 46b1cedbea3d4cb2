import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { needApplications, needs } from '@ronghe/db/schema';
import type { DomainError } from '@ronghe/domain/errors';
import { addDays, todayInChina } from '@ronghe/domain/training-base';
import { expireInvitations } from '@ronghe/db/queries/cooperation';
import {
  cohortInput,
  createTestEnv,
  errorOf,
  internshipInput,
  keyOf,
  makeAdmin,
  signUpUser,
  verifiedOrganization,
  type TestEnv,
  type TestUser,
} from '../test-support.ts';

let env: TestEnv;
let admin: TestUser;
let enterprise: TestUser & { organizationId: string };
let school: TestUser & { organizationId: string };
let otherSchool: TestUser & { organizationId: string };
beforeAll(async () => {
  env = await createTestEnv();
  admin = await makeAdmin(env, await signUpUser(env, { identifier: 'cooperation-admin@example.gov.cn' }));
  enterprise = await verifiedOrganization(env, admin, 'enterprise', '110115'); // 500 staff
  school = await verifiedOrganization(env, admin, 'school', '110115');
  otherSchool = await verifiedOrganization(env, admin, 'school', '120116');
});
afterAll(async () => {
  await env.close();
});

const from = addDays(todayInChina(), 60);
const internship = internshipInput;
const cohortOf = (students: number) => cohortInput({ students });

async function publishedNeed(overrides: Record<string, unknown> = {}) {
  const { id } = await enterprise.caller.needs.create({ organizationId: enterprise.organizationId, need: internship(overrides) });
  await enterprise.caller.needs.publish({ id });
  return id;
}

async function acceptedOf(needId: string) {
  const [row] = await env.db.orm.select({ accepted: needs.accepted, status: needs.status }).from(needs).where(eq(needs.id, needId));
  return row;
}

describe('invitations, placements and projects', () => {
  it('an invitation holds its places until the school answers; what the school does not take goes back', async () => {
    const needId = await publishedNeed({ title: '邀请制岗位实习' });
    const { id: cohortId } = await school.caller.cohorts.create({ organizationId: school.organizationId, ...cohortOf(30) });
    const invite = await enterprise.caller.needs.invite({ needId, cohortId, students: 15 });
    expect(invite.status).toBe('invited');
    expect(await acceptedOf(needId)).toEqual({ accepted: 15, status: 'published' });

    // the places are held: another school's application can only get the 5 left
    const other = await otherSchool.caller.needs.applyFor({ needId, organizationId: otherSchool.organizationId, students: 8 });
    const full = await errorOf(enterprise.caller.needs.decide({ id: other.id, accept: 8 }));
    expect([keyOf(full), (full.cause as DomainError).params]).toEqual(['need.full', { headcount: 20, left: 5 }]);

    // only the invited school's managers answer, never more than offered
    expect((await errorOf(otherSchool.caller.needs.respond({ id: invite.id, accept: 15 }))).code).toBe('FORBIDDEN');
    expect(keyOf(await errorOf(school.caller.needs.respond({ id: invite.id, accept: 16 })))).toBe('need.moreThanOffered');
    expect((await school.caller.needs.respond({ id: invite.id, accept: 10 })).status).toBe('partly_accepted');
    expect((await acceptedOf(needId))?.accepted).toBe(10);
    expect(keyOf(await errorOf(school.caller.needs.respond({ id: invite.id, accept: 10 })))).toBe('need.invitationAnswered');

    // the 10 taken are a placement awaiting its agreement
    const [placement] = (await school.caller.placements.list({ organizationId: school.organizationId })).filter((p) => p.needId === needId);
    expect(placement).toMatchObject({ students: 10, agreementStatus: 'missing', phase: 'awaiting_agreement', periodFrom: from });
  });

  it('an unanswered invitation expires by itself and releases its places', async () => {
    const needId = await publishedNeed({ title: '过期邀请岗位实习', headcount: 10 });
    const { id: cohortId } = await school.caller.cohorts.create({ organizationId: school.organizationId, ...cohortOf(10) });
    const invite = await enterprise.caller.needs.invite({ needId, cohortId, students: 10, expiresInDays: 1 });
    expect(await acceptedOf(needId)).toEqual({ accepted: 10, status: 'filled' });
    await env.db.orm
      .update(needApplications)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(needApplications.id, invite.id));
    expect(await expireInvitations(env.db, new Date())).toBe(1); // what housekeeping runs in every server process
    expect(await acceptedOf(needId)).toEqual({ accepted: 0, status: 'published' });
    const [row] = await env.db.orm
      .select({ status: needApplications.status })
      .from(needApplications)
      .where(eq(needApplications.id, invite.id));
    expect(row?.status).toBe('expired');
    expect(keyOf(await errorOf(school.caller.needs.respond({ id: invite.id, accept: 10 })))).toBe('need.invitationAnswered');
  });

  it('refuses invitations beyond the cohort or the places, naming the field', async () => {
    const needId = await publishedNeed({ title: '小批次岗位实习', headcount: 5 });
    const { id: cohortId } = await school.caller.cohorts.create({ organizationId: school.organizationId, ...cohortOf(3) });
    const big = await errorOf(enterprise.caller.needs.invite({ needId, cohortId, students: 4 }));
    expect([keyOf(big), (big.cause as DomainError).field]).toEqual(['need.cohortTooSmall', 'students']);
    const { id: bigCohort } = await school.caller.cohorts.create({ organizationId: school.organizationId, ...cohortOf(30) });
    const full = await errorOf(enterprise.caller.needs.invite({ needId, cohortId: bigCohort, students: 6 }));
    expect([keyOf(full), (full.cause as DomainError).field]).toEqual(['need.full', 'students']);
    expect((await errorOf(school.caller.needs.invite({ needId, cohortId, students: 1 }))).code).toBe('FORBIDDEN');
  });

  it('a placement needs the school to record the tripartite agreement and the enterprise to confirm it', async () => {
    const needId = await publishedNeed({ title: '协议岗位实习', headcount: 4 });
    const a = await school.caller.needs.applyFor({ needId, organizationId: school.organizationId, students: 4 });
    await enterprise.caller.needs.decide({ id: a.id, accept: 4 });
    const [p] = (await enterprise.caller.placements.list({ organizationId: enterprise.organizationId })).filter((x) => x.needId === needId);
    if (!p) throw new Error('no placement');
    expect(keyOf(await errorOf(enterprise.caller.placements.confirmAgreement({ id: p.id })))).toBe('placement.agreementMissing');
    expect(
      (await errorOf(enterprise.caller.placements.recordAgreement({ id: p.id, reference: 'SF-2027-001', signedOn: todayInChina() }))).code,
    ).toBe('FORBIDDEN');
    const future = await errorOf(
      school.caller.placements.recordAgreement({ id: p.id, reference: 'SF-2027-001', signedOn: addDays(todayInChina(), 1) }),
    );
    expect((future.cause as DomainError).field).toBe('signedOn');
    expect(
      (await school.caller.placements.recordAgreement({ id: p.id, reference: 'SF-2027-001', signedOn: todayInChina() })).agreementStatus,
    ).toBe('recorded');
    expect((await errorOf(school.caller.placements.confirmAgreement({ id: p.id }))).code).toBe('FORBIDDEN');
    expect((await enterprise.caller.placements.confirmAgreement({ id: p.id })).agreementStatus).toBe('confirmed');
    const [after] = (await school.caller.placements.list({ organizationId: school.organizationId })).filter((x) => x.id === p.id);
    expect(after).toMatchObject({ agreementStatus: 'confirmed', agreementReference: 'SF-2027-001', phase: 'ready' });
    expect(
      keyOf(await errorOf(school.caller.placements.recordAgreement({ id: p.id, reference: 'SF-2027-002', signedOn: todayInChina() }))),
    ).toBe('placement.agreementConfirmed');
    expect((await admin.caller.placements.list({})).some((x) => x.id === p.id)).toBe(true);
    expect((await errorOf(otherSchool.caller.placements.list({}))).code).toBe('FORBIDDEN');
  });

  it('an accepted course co-development becomes a project whose last milestone completes it', async () => {
    const { id: needId } = await enterprise.caller.needs.create({
      organizationId: enterprise.organizationId,
      need: {
        kind: 'curriculum',
        title: '数控编程课程共建',
        regionCode: '110115',
        deadline: addDays(todayInChina(), 30),
        majorCodes: ['460103'],
        courseName: '数控编程与加工',
      },
    });
    await enterprise.caller.needs.publish({ id: needId });
    const a = await school.caller.needs.applyFor({ needId, organizationId: school.organizationId, students: 3 });
    await enterprise.caller.needs.decide({ id: a.id, accept: 3 });
    const [project] = (await school.caller.projects.list({ organizationId: school.organizationId })).filter((p) => p.needId === needId);
    if (!project) throw new Error('no project');
    expect(project).toMatchObject({ kind: 'curriculum', status: 'active', milestones: 3, milestonesDone: 0 });
    await enterprise.caller.projects.addMilestone({ projectId: project.id, title: '第二轮开课', dueOn: null });
    const detail = await enterprise.caller.projects.get({ id: project.id });
    expect(detail.milestoneList.map((m) => m.title)).toEqual(['确定课程标准', '共同开发教学资源', '首轮开课', '第二轮开课']);
    expect((await errorOf(otherSchool.caller.projects.get({ id: project.id }))).code).toBe('FORBIDDEN');
    let status = '';
    for (const m of detail.milestoneList) status = (await school.caller.projects.completeMilestone({ id: m.id })).projectStatus;
    expect(status).toBe('completed');
    expect(keyOf(await errorOf(school.caller.projects.addMilestone({ projectId: project.id, title: '再加一项', dueOn: null })))).toBe(
      'project.notActive',
    );
  });
});
