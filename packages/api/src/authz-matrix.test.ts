import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, todayInChina } from '@ronghe/domain/training-base';
import { insertApplication } from '@ronghe/db/queries/applications';
import { insertCohort } from '@ronghe/db/queries/cohorts';
import { insertNeed } from '@ronghe/db/queries/needs';
import { insertPlacement, insertProject } from '@ronghe/db/queries/cooperation';
import { allocationRounds, indicators, roundCohorts, roundNeeds } from '@ronghe/db/schema';
import { appRouter } from './root.ts';
import {
  anonymous,
  callerFor,
  cookieHeader,
  createTestEnv,
  makeAdmin,
  signUpUser,
  verifiedOrganization,
  type TestEnv,
  type TestUser,
} from './test-support.ts';

// Every procedure, called as every kind of caller, with the outcome we allow. "allowed" means the
// call got past authorisation (it may still fail on its input, e.g. NOT_FOUND); "denied" means
// UNAUTHORIZED or FORBIDDEN. A procedure missing from this table fails the suite.

const callers = ['anonymous', 'outsider', 'member', 'manager', 'owner', 'admin'] as const;
type CallerKind = (typeof callers)[number];
type Caller = ReturnType<typeof anonymous>;

const everyone = callers;
const signedIn = ['outsider', 'member', 'manager', 'owner', 'admin'] as const;
const members = ['member', 'manager', 'owner'] as const;
const managers = ['manager', 'owner'] as const;
const owners = ['owner'] as const;
const admins = ['admin'] as const;

type Fixture = {
  orgId: string;
  owner: TestUser;
  newPendingOrg: () => Promise<string>;
  newInvitation: () => Promise<string>;
  /** a draft consortium the fixture organisation leads */
  draftId: string;
  /** an active consortium the fixture organisation is not in */
  activeId: string;
  /** a verified organisation to invite */
  otherOrgId: string;
  /** a published base of the fixture organisation, a draft one, and a published base of another */
  ownBaseId: string;
  draftBaseId: string;
  otherBaseId: string;
  /** a request by another organisation for the fixture's base; one by the fixture for the other's base */
  incomingBookingId: string;
  outgoingBookingId: string;
  /** a published and a draft need of the fixture organisation (an enterprise-owned copy is not needed: the checks are on membership) */
  needId: string;
  draftNeedId: string;
  /** a cohort of the fixture organisation */
  cohortId: string;
  /** an application to the fixture's published need */
  applicationId: string;
  /** an invitation to the fixture organisation's cohort */
  invitationId: string;
  /** a placement with the fixture organisation as the school, one with it as the enterprise (agreement recorded) */
  schoolPlacementId: string;
  enterprisePlacementId: string;
  /** a project of the fixture organisation and one of its milestones */
  projectId: string;
  milestoneId: string;
  /** a draft round; an open round with the fixture's need and cohort in it; another open round to close */
  draftRoundId: string;
  openRoundId: string;
  closingRoundId: string;
  /** T13, a reported plan indicator */
  indicatorId: string;
  /** an open plan task owned by the fixture organisation */
  taskId: string;
};
type Entry = { allowed: readonly CallerKind[]; call: (c: Caller, f: Fixture) => Promise<unknown> };

const unique = () => Math.random().toString(36).slice(2, 10);
const missingUser = 'no-such-user';
const soon = (days: number) => addDays(todayInChina(), days);
const matrixNeed = () => ({
  kind: 'technical_problem' as const,
  title: `矩阵技术攻关${unique()}`,
  regionCode: '110105',
  deadline: soon(30),
  problem: '数控系统故障诊断',
});
const matrixBase = () => ({
  kind: 'open_practice_centre' as const,
  name: `矩阵实践中心${unique()}`,
  regionCode: '110105',
  address: '北京市朝阳区测试路1号',
  lng: 116.48,
  lat: 39.93,
  stations: 20,
  dailyCapacity: 40,
  openToPartners: true,
  openTerms: 'free' as const,
});
const missingToken = 'no-such-invitation-token-000';

const matrix: Record<string, Entry> = {
  'reference.regions': { allowed: everyone, call: (c) => c.reference.regions() },
  'reference.majors': { allowed: everyone, call: (c) => c.reference.majors() },
  'reference.industries': { allowed: everyone, call: (c) => c.reference.industries() },
  'reference.targets': { allowed: everyone, call: (c) => c.reference.targets() },
  'organizations.stats': { allowed: everyone, call: (c) => c.organizations.stats() },
  'organizations.list': { allowed: signedIn, call: (c) => c.organizations.list({ limit: 5 }) },
  'organizations.get': { allowed: signedIn, call: (c, f) => c.organizations.get({ id: f.orgId }) },
  'organizations.create': {
    allowed: signedIn,
    call: (c) => c.organizations.create({ kind: 'partner', name: `矩阵测试${unique()}`, regionCode: '110101', partnerType: 'other' }),
  },
  'organizations.update': {
    allowed: managers,
    call: (c, f) => c.organizations.update({ id: f.orgId, data: { description: `更新 ${unique()}` } }),
  },
  'organizations.members': { allowed: members, call: (c, f) => c.organizations.members({ organizationId: f.orgId }) },
  'organizations.invitations': { allowed: managers, call: (c, f) => c.organizations.invitations({ organizationId: f.orgId }) },
  'organizations.invite': {
    allowed: managers,
    call: (c, f) => c.organizations.invite({ organizationId: f.orgId, identifier: `inv-${unique()}@example.com`, role: 'member' }),
  },
  'organizations.revokeInvitation': {
    allowed: managers,
    call: async (c, f) => c.organizations.revokeInvitation({ invitationId: await f.newInvitation() }),
  },
  'organizations.setRole': {
    allowed: owners,
    call: (c, f) => c.organizations.setRole({ organizationId: f.orgId, userId: missingUser, role: 'member' }),
  },
  'organizations.removeMember': {
    allowed: owners,
    call: (c, f) => c.organizations.removeMember({ organizationId: f.orgId, userId: missingUser }),
  },
  'account.signUp': {
    allowed: everyone,
    call: (c) =>
      c.account.signUp({ identifier: `new-${unique()}@example.com`, password: 'ronghe2027x', name: '新用户', acceptPrivacy: true }),
  },
  'account.completeSignUp': {
    allowed: everyone,
    call: (c) => c.account.completeSignUp({ identifier: `new-${unique()}@example.com`, password: 'ronghe2027x', code: '123456' }),
  },
  'account.signIn': {
    allowed: everyone,
    call: (c) => c.account.signIn({ identifier: 'matrix-owner@example.com', password: 'ronghe2027pass' }),
  },
  'account.signOut': { allowed: signedIn, call: (c) => c.account.signOut({ everywhere: false }) },
  'account.changePassword': {
    allowed: signedIn,
    call: (c) => c.account.changePassword({ currentPassword: 'not-the-password-1', newPassword: 'ronghe2027y' }),
  },
  'account.me': { allowed: everyone, call: (c) => c.account.me() },
  'account.sendCode': { allowed: signedIn, call: (c) => c.account.sendCode({ channel: 'email' }) },
  'account.verifyCode': { allowed: signedIn, call: (c) => c.account.verifyCode({ channel: 'email', code: '123456' }) },
  'account.requestPasswordReset': {
    allowed: everyone,
    call: (c) => c.account.requestPasswordReset({ identifier: `nobody-${unique()}@example.com` }),
  },
  'account.resetPassword': {
    allowed: everyone,
    call: (c) => c.account.resetPassword({ token: 'no-such-reset-token-0000000', newPassword: 'ronghe2027z' }),
  },
  'account.sessions': { allowed: signedIn, call: (c) => c.account.sessions() },
  'account.revokeSession': { allowed: signedIn, call: (c) => c.account.revokeSession({ sessionId: 'no-such-session' }) },
  'account.acceptPrivacy': { allowed: signedIn, call: (c) => c.account.acceptPrivacy({ version: '2000-01-01' }) },
  'account.deleteAccount': { allowed: signedIn, call: (c) => c.account.deleteAccount({ password: 'not-the-password-1' }) },
  'account.myData': { allowed: signedIn, call: (c) => c.account.myData({ format: 'json' }) },
  'account.preferences': { allowed: signedIn, call: (c) => c.account.preferences() },
  'account.setPreferences': { allowed: signedIn, call: (c) => c.account.setPreferences({ language: 'zh-CN' }) },
  'account.addIdentifier': {
    allowed: signedIn,
    call: (c) => c.account.addIdentifier({ identifier: `1390${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}` }),
  },
  'account.switchOrganization': { allowed: signedIn, call: (c) => c.account.switchOrganization({ organizationId: null }) },
  'invitations.accept': { allowed: signedIn, call: (c) => c.invitations.accept({ token: missingToken }) },
  'invitations.decline': { allowed: signedIn, call: (c) => c.invitations.decline({ token: missingToken }) },
  'admin.queue': { allowed: admins, call: (c) => c.admin.queue({ status: 'pending' }) },
  'admin.verify': { allowed: admins, call: async (c, f) => c.admin.verify({ id: await f.newPendingOrg() }) },
  'admin.reject': { allowed: admins, call: async (c, f) => c.admin.reject({ id: await f.newPendingOrg(), reason: '材料不全' }) },
  'admin.suspend': { allowed: admins, call: async (c, f) => c.admin.suspend({ id: await f.newPendingOrg(), reason: '违规' }) },
  'admin.auditLog': { allowed: admins, call: (c) => c.admin.auditLog({ limit: 5 }) },
  'admin.outbox': { allowed: admins, call: (c) => c.admin.outbox({ status: 'held' }) },
  // the test context's notifier cannot requeue: an admin's call is refused by the service (CONFLICT), everyone else's before it
  'admin.retryMessage': { allowed: admins, call: (c) => c.admin.retryMessage({ id: '00000000-0000-4000-8000-000000000000' }) },
  'admin.changeRequests': { allowed: admins, call: (c) => c.admin.changeRequests({ status: 'pending' }) },
  'admin.approveChange': { allowed: admins, call: (c) => c.admin.approveChange({ id: '00000000-0000-4000-8000-000000000000' }) },
  'admin.rejectChange': {
    allowed: admins,
    call: (c) => c.admin.rejectChange({ id: '00000000-0000-4000-8000-000000000000', reason: '无批文' }),
  },
  'consortia.stats': { allowed: everyone, call: (c) => c.consortia.stats() },
  'consortia.list': { allowed: everyone, call: (c) => c.consortia.list({}) },
  'consortia.exportDirectory': { allowed: everyone, call: (c) => c.consortia.exportDirectory({}) },
  'consortia.exportMembers': { allowed: everyone, call: (c, f) => c.consortia.exportMembers({ id: f.activeId }) },
  'consortia.ofOrganization': { allowed: members, call: (c, f) => c.consortia.ofOrganization({ organizationId: f.orgId }) },
  'consortia.get': { allowed: everyone, call: (c, f) => c.consortia.get({ id: f.activeId }) },
  'consortia.propose': {
    allowed: managers,
    call: (c, f) =>
      c.consortia.propose({
        organizationId: f.orgId,
        kind: 'city_union',
        level: 'district',
        name: `矩阵联合体${unique()}`,
        anchorRegionCode: '110105',
      }),
  },
  'consortia.update': {
    allowed: managers,
    call: (c, f) => c.consortia.update({ id: f.draftId, organizationId: f.orgId, data: { goals: `目标${unique()}` } }),
  },
  'consortia.invite': {
    allowed: managers,
    call: (c, f) =>
      c.consortia.invite({ consortiumId: f.draftId, actingOrganizationId: f.orgId, organizationId: f.otherOrgId, role: 'member' }),
  },
  'consortia.applyFor': { allowed: managers, call: (c, f) => c.consortia.applyFor({ consortiumId: f.activeId, organizationId: f.orgId }) },
  'consortia.decide': {
    allowed: managers,
    call: (c, f) =>
      c.consortia.decide({ consortiumId: f.draftId, actingOrganizationId: f.orgId, organizationId: f.otherOrgId, accept: false }),
  },
  'consortia.respond': {
    allowed: managers,
    call: (c, f) => c.consortia.respond({ consortiumId: f.activeId, organizationId: f.orgId, accept: false }),
  },
  'consortia.leave': { allowed: managers, call: (c, f) => c.consortia.leave({ consortiumId: f.activeId, organizationId: f.orgId }) },
  'consortia.submit': { allowed: managers, call: (c, f) => c.consortia.submit({ consortiumId: f.draftId, organizationId: f.orgId }) },
  'consortia.addItem': {
    allowed: managers,
    call: (c, f) =>
      c.consortia.addItem({ consortiumId: f.draftId, organizationId: f.orgId, kind: 'talent_need', title: `人才需求${unique()}` }),
  },
  'consortia.removeItem': {
    allowed: managers,
    call: (c, f) =>
      c.consortia.removeItem({ consortiumId: f.draftId, organizationId: f.orgId, itemId: '00000000-0000-4000-8000-000000000000' }),
  },
  'consortia.review': { allowed: admins, call: (c, f) => c.consortia.review({ consortiumId: f.draftId, decision: 'approve' }) },
  'notifications.list': { allowed: signedIn, call: (c) => c.notifications.list({}) },
  'notifications.unreadCount': { allowed: signedIn, call: (c) => c.notifications.unreadCount() },
  'notifications.markRead': { allowed: signedIn, call: (c) => c.notifications.markRead({}) },
  'trainingBases.stats': { allowed: everyone, call: (c) => c.trainingBases.stats() },
  'trainingBases.search': { allowed: everyone, call: (c) => c.trainingBases.search({ q: '实训' }) },
  'trainingBases.points': { allowed: everyone, call: (c) => c.trainingBases.points({}) },
  'trainingBases.mapStats': { allowed: everyone, call: (c) => c.trainingBases.mapStats({ dimension: 'all' }) },
  'trainingBases.supply': { allowed: everyone, call: (c) => c.trainingBases.supply() },
  'trainingBases.get': { allowed: everyone, call: (c, f) => c.trainingBases.get({ id: f.ownBaseId }) },
  'trainingBases.calendar': {
    allowed: everyone,
    call: (c, f) => c.trainingBases.calendar({ id: f.ownBaseId, from: soon(1), to: soon(5) }),
  },
  'trainingBases.mine': { allowed: members, call: (c, f) => c.trainingBases.mine({ organizationId: f.orgId }) },
  'trainingBases.create': { allowed: managers, call: (c, f) => c.trainingBases.create({ organizationId: f.orgId, ...matrixBase() }) },
  'trainingBases.update': { allowed: managers, call: (c, f) => c.trainingBases.update({ id: f.ownBaseId, ...matrixBase() }) },
  'trainingBases.publish': { allowed: managers, call: (c, f) => c.trainingBases.publish({ id: f.ownBaseId }) },
  'trainingBases.unpublish': { allowed: managers, call: (c, f) => c.trainingBases.unpublish({ id: f.draftBaseId }) },
  'trainingBases.history': { allowed: [...members, 'admin'], call: (c, f) => c.trainingBases.history({ id: f.ownBaseId }) },
  'trainingBases.usage': {
    allowed: [...members, 'admin'],
    call: (c, f) => c.trainingBases.usage({ id: f.ownBaseId, from: soon(0), to: soon(30) }),
  },
  'baseBookings.request': {
    allowed: managers,
    call: (c, f) =>
      c.baseBookings.request({
        organizationId: f.orgId,
        baseId: f.otherBaseId,
        from: soon(3),
        to: soon(4),
        stations: 1,
        purpose: 'training',
      }),
  },
  'baseBookings.approve': { allowed: managers, call: (c, f) => c.baseBookings.approve({ id: f.incomingBookingId }) },
  'baseBookings.decline': { allowed: managers, call: (c, f) => c.baseBookings.decline({ id: f.incomingBookingId, reason: '工位已满' }) },
  'baseBookings.propose': {
    allowed: managers,
    call: (c, f) => c.baseBookings.propose({ id: f.incomingBookingId, from: soon(10), to: soon(11) }),
  },
  'baseBookings.acceptProposal': { allowed: managers, call: (c, f) => c.baseBookings.acceptProposal({ id: f.outgoingBookingId }) },
  'baseBookings.cancel': { allowed: managers, call: (c, f) => c.baseBookings.cancel({ id: f.outgoingBookingId, reason: '计划调整' }) },
  'baseBookings.incoming': { allowed: members, call: (c, f) => c.baseBookings.incoming({ organizationId: f.orgId }) },
  'baseBookings.outgoing': { allowed: members, call: (c, f) => c.baseBookings.outgoing({ organizationId: f.orgId }) },
  'needs.applyFor': { allowed: managers, call: (c, f) => c.needs.applyFor({ needId: f.needId, organizationId: f.orgId, students: 2 }) },
  'needs.decide': { allowed: managers, call: (c, f) => c.needs.decide({ id: f.applicationId, accept: 1 }) },
  'needs.applications': { allowed: members, call: (c, f) => c.needs.applications({ needId: f.needId }) },
  'needs.myApplications': { allowed: members, call: (c, f) => c.needs.myApplications({ organizationId: f.orgId }) },
  'needs.create': { allowed: managers, call: (c, f) => c.needs.create({ organizationId: f.orgId, need: matrixNeed() }) },
  'needs.publish': { allowed: managers, call: (c, f) => c.needs.publish({ id: f.needId }) },
  'needs.close': { allowed: managers, call: (c, f) => c.needs.close({ id: f.draftNeedId }) },
  'needs.get': { allowed: everyone, call: (c, f) => c.needs.get({ id: f.needId }) },
  'needs.update': { allowed: managers, call: (c, f) => c.needs.update({ id: f.draftNeedId, data: matrixNeed() }) },
  'needs.history': { allowed: [...members, 'admin'], call: (c, f) => c.needs.history({ id: f.needId }) },
  'needs.search': { allowed: everyone, call: (c) => c.needs.search({ q: '矩阵' }) },
  'needs.list': { allowed: members, call: (c, f) => c.needs.list({ organizationId: f.orgId }) },
  'needs.recommendCohorts': { allowed: [...members, 'admin'], call: (c, f) => c.needs.recommendCohorts({ needId: f.needId }) },
  'cohorts.create': {
    allowed: managers,
    call: (c, f) =>
      c.cohorts.create({
        organizationId: f.orgId,
        majorCode: '460103',
        level: 'gaozhi',
        year: 2024,
        students: 10,
        windowFrom: soon(30),
        windowTo: soon(60),
        regionCodes: ['110000'],
      }),
  },
  'cohorts.list': { allowed: members, call: (c, f) => c.cohorts.list({ organizationId: f.orgId }) },
  'cohorts.get': { allowed: [...members, 'admin'], call: (c, f) => c.cohorts.get({ id: f.cohortId }) },
  'cohorts.update': {
    allowed: managers,
    call: (c, f) =>
      c.cohorts.update({
        id: f.cohortId,
        data: {
          majorCode: '460103',
          level: 'gaozhi',
          year: 2024,
          students: 10,
          windowFrom: soon(30),
          windowTo: soon(60),
          regionCodes: ['110000'],
        },
      }),
  },
  'cohorts.close': {
    allowed: managers,
    call: async (c, f) =>
      c.cohorts.close({
        id: (
          await insertCohort(env.db.orm, {
            organizationId: f.orgId,
            majorCode: '460103',
            majorCategory: 6,
            level: 'gaozhi',
            year: 2024,
            students: 10,
            windowFrom: soon(30),
            windowTo: soon(60),
            regionCodes: ['110000'],
          })
        ).id,
      }),
  },
  'cohorts.recommendNeeds': { allowed: [...members, 'admin'], call: (c, f) => c.cohorts.recommendNeeds({ cohortId: f.cohortId }) },
  'needs.invite': { allowed: managers, call: (c, f) => c.needs.invite({ needId: f.needId, cohortId: f.cohortId, students: 1 }) },
  'needs.respond': { allowed: managers, call: (c, f) => c.needs.respond({ id: f.invitationId, accept: 1 }) },
  'placements.list': { allowed: members, call: (c, f) => c.placements.list({ organizationId: f.orgId }) },
  'placements.recordAgreement': {
    allowed: managers,
    call: (c, f) => c.placements.recordAgreement({ id: f.schoolPlacementId, reference: 'SF-001', signedOn: soon(0) }),
  },
  'placements.confirmAgreement': { allowed: managers, call: (c, f) => c.placements.confirmAgreement({ id: f.enterprisePlacementId }) },
  'projects.list': { allowed: members, call: (c, f) => c.projects.list({ organizationId: f.orgId }) },
  'projects.get': { allowed: [...members, 'admin'], call: (c, f) => c.projects.get({ id: f.projectId }) },
  'projects.addMilestone': {
    allowed: managers,
    call: (c, f) => c.projects.addMilestone({ projectId: f.projectId, title: '矩阵里程碑', dueOn: null }),
  },
  'projects.completeMilestone': { allowed: managers, call: (c, f) => c.projects.completeMilestone({ id: f.milestoneId }) },
  'needs.endorsableConsortia': { allowed: signedIn, call: (c, f) => c.needs.endorsableConsortia({ needId: f.needId }) },
  'needs.endorse': { allowed: admins, call: (c, f) => c.needs.endorse({ needId: f.needId, consortiumId: f.activeId }) },
  'needs.withdrawEndorsement': { allowed: [...managers, 'admin'], call: (c, f) => c.needs.withdrawEndorsement({ needId: f.draftNeedId }) },
  'rounds.list': { allowed: signedIn, call: (c) => c.rounds.list() },
  'rounds.get': { allowed: [...members, 'admin'], call: (c, f) => c.rounds.get({ id: f.openRoundId }) },
  'rounds.candidates': { allowed: admins, call: (c, f) => c.rounds.candidates({ id: f.draftRoundId }) },
  'rounds.create': {
    allowed: admins,
    call: (c) =>
      c.rounds.create({
        title: '矩阵双选',
        regionCode: '110105',
        preferencesOpenOn: soon(0),
        preferencesCloseOn: soon(7),
        resultsOn: soon(10),
      }),
  },
  'rounds.invite': {
    allowed: admins,
    call: (c, f) => c.rounds.invite({ roundId: f.draftRoundId, needIds: [f.needId], cohortIds: [f.cohortId] }),
  },
  'rounds.respond': {
    allowed: managers,
    call: (c, f) => c.rounds.respond({ roundId: f.draftRoundId, kind: 'need', id: f.needId, accept: false }),
  },
  'rounds.join': { allowed: managers, call: (c, f) => c.rounds.join({ roundId: f.draftRoundId, kind: 'need', id: f.needId }) },
  'rounds.invitations': { allowed: members, call: (c, f) => c.rounds.invitations({ organizationId: f.orgId }) },
  'rounds.joinable': { allowed: members, call: (c, f) => c.rounds.joinable({ organizationId: f.orgId }) },
  'rounds.open': { allowed: admins, call: (c, f) => c.rounds.open({ id: f.draftRoundId }) },
  'rounds.submitPreferences': {
    allowed: managers,
    call: (c, f) => c.rounds.submitPreferences({ roundId: f.openRoundId, cohortId: f.cohortId, needIds: [f.needId] }),
  },
  'rounds.submitRanking': {
    allowed: managers,
    call: (c, f) => c.rounds.submitRanking({ roundId: f.openRoundId, needId: f.needId, cohortIds: [f.cohortId], acceptUnranked: true }),
  },
  'rounds.close': { allowed: admins, call: (c, f) => c.rounds.close({ id: f.closingRoundId }) },
  'rounds.rerun': { allowed: admins, call: (c, f) => c.rounds.rerun({ id: f.openRoundId }) },
  'rounds.publish': { allowed: admins, call: (c, f) => c.rounds.publish({ id: f.openRoundId }) },
  'monitoring.indicators': { allowed: admins, call: (c) => c.monitoring.indicators() },
  'monitoring.breakdown': { allowed: admins, call: (c, f) => c.monitoring.breakdown({ id: f.indicatorId }) },
  'monitoring.trend': { allowed: admins, call: (c, f) => c.monitoring.trend({ id: f.indicatorId }) },
  'monitoring.reports': { allowed: admins, call: (c, f) => c.monitoring.reports({ id: f.indicatorId }) },
  'monitoring.report': {
    allowed: admins,
    call: (c, f) =>
      c.monitoring.report({ indicatorId: f.indicatorId, value: 1, asOf: soon(0), evidenceText: '矩阵测试佐证', evidenceUrl: '' }),
  },
  'monitoring.create': { allowed: admins, call: (c) => c.monitoring.create({ name: '矩阵指标', unit: '个', target: 5 }) },
  'monitoring.setSchedule': {
    allowed: admins,
    call: (c, f) => c.monitoring.setSchedule({ id: f.indicatorId, baseline: 0, milestones: {} }),
  },
  'monitoring.archive': { allowed: admins, call: (c, f) => c.monitoring.archive({ id: f.indicatorId }) },
  'monitoring.snapshot': { allowed: admins, call: (c) => c.monitoring.snapshot() },
  'designations.ofSchool': { allowed: everyone, call: (c, f) => c.designations.ofSchool({ organizationId: f.orgId }) },
  'designations.setSchool': {
    allowed: admins,
    call: (c, f) => c.designations.setSchool({ organizationId: f.orgId, designations: ['shuanggao_beijing'] }),
  },
  'designations.addCluster': {
    allowed: admins,
    call: (c, f) => c.designations.addCluster({ organizationId: f.orgId, name: `矩阵专业群${unique()}`, designation: 'beijing' }),
  },
  'designations.removeCluster': {
    allowed: admins,
    call: (c) => c.designations.removeCluster({ clusterId: '00000000-0000-4000-8000-000000000000' }),
  },
  'planTasks.list': { allowed: admins, call: (c) => c.planTasks.list({}) },
  'planTasks.get': { allowed: [...members, 'admin'], call: (c, f) => c.planTasks.get({ id: f.taskId }) },
  'planTasks.mine': { allowed: signedIn, call: (c) => c.planTasks.mine() },
  'planTasks.create': {
    allowed: admins,
    call: (c, f) =>
      c.planTasks.create({
        title: `矩阵任务${unique()}`,
        ownerOrganizationId: f.orgId,
        responsibleName: '矩阵责任人',
        startsOn: soon(0),
        deadline: soon(30),
        expectedOutcome: '矩阵测试成效',
        indicatorIds: [f.indicatorId],
      }),
  },
  'planTasks.update': {
    allowed: admins,
    call: (c, f) =>
      c.planTasks.update({
        id: f.taskId,
        data: {
          title: '矩阵建设任务',
          ownerOrganizationId: f.orgId,
          responsibleName: '矩阵责任人',
          startsOn: soon(-10),
          deadline: soon(60),
          expectedOutcome: '矩阵测试成效',
          indicatorIds: [],
        },
      }),
  },
  'planTasks.addUpdate': {
    allowed: [...managers, 'admin'],
    call: (c, f) => c.planTasks.addUpdate({ taskId: f.taskId, note: '矩阵进展', evidenceUrl: '', progress: 10, status: 'in_progress' }),
  },
  'annualReport.data': { allowed: admins, call: (c) => c.annualReport.data({ year: 2025 }) },
  'annualReport.excel': { allowed: admins, call: (c) => c.annualReport.excel({ year: 2025 }) },
  'supplyDemand.map': { allowed: admins, call: (c) => c.supplyDemand.map({}) },
  'supplyDemand.matrix': { allowed: admins, call: (c) => c.supplyDemand.matrix({}) },
  'imports.template': { allowed: admins, call: (c) => c.imports.template() },
  'imports.organizations': { allowed: admins, call: (c) => c.imports.organizations({ filename: 'empty.csv', base64: '', dryRun: true }) },
};

// Procedures that end the caller's session run on a second session of the same user.
const endsSession = new Set(['account.signOut']);

let env: TestEnv;
let fixture: Fixture;
const users = new Map<CallerKind, TestUser>();

async function outcome(entry: Entry, kind: CallerKind, path: string): Promise<'allowed' | 'denied'> {
  let caller: Caller = anonymous(env);
  const user = users.get(kind);
  if (user) {
    let headers = user.headers;
    if (endsSession.has(path)) {
      const resHeaders = new Headers();
      await anonymous(env, { resHeaders }).account.signIn({ identifier: user.session.email, password: 'ronghe2027pass' });
      headers = cookieHeader(resHeaders);
    }
    caller = await callerFor(env, headers);
  }
  try {
    await entry.call(caller, fixture);
    return 'allowed';
  } catch (error) {
    const code = (error as { code?: string }).code;
    return code === 'UNAUTHORIZED' || code === 'FORBIDDEN' ? 'denied' : 'allowed';
  }
}

beforeAll(async () => {
  env = await createTestEnv();
  const owner = await signUpUser(env, { identifier: 'matrix-owner@example.com' });
  const { id: orgId } = await owner.caller.organizations.create({
    kind: 'partner',
    name: '矩阵测试协会',
    regionCode: '110105',
    partnerType: 'association',
  });
  users.set('owner', owner);
  const admin = await makeAdmin(env, await signUpUser(env, { identifier: 'matrix-admin@example.com' }));
  users.set('admin', admin);
  await admin.caller.admin.verify({ id: orgId }); // only verified organisations invite (issue 18)
  for (const role of ['manager', 'member'] as const) {
    const inv = await owner.caller.organizations.invite({ organizationId: orgId, identifier: `matrix-${role}@example.com`, role });
    const user = await signUpUser(env, { identifier: `matrix-${role}@example.com` });
    await user.caller.invitations.accept({ token: inv.token });
    users.set(role, user);
  }
  users.set('outsider', await signUpUser(env, { identifier: 'matrix-outsider@example.com' }));
  const { id: taskId } = await admin.caller.planTasks.create({
    title: '矩阵建设任务',
    ownerOrganizationId: orgId,
    responsibleName: '矩阵责任人',
    startsOn: soon(-10),
    deadline: soon(60),
    expectedOutcome: '矩阵测试成效',
    indicatorIds: [],
  });
  const { id: draftId } = await owner.caller.consortia.propose({
    organizationId: orgId,
    kind: 'city_union',
    level: 'district',
    name: '矩阵测试联合体',
    anchorRegionCode: '110105',
  });
  const school = await verifiedOrganization(env, admin, 'school');
  const enterprise = await verifiedOrganization(env, admin, 'enterprise');
  const { id: activeId } = await school.caller.consortia.propose({
    organizationId: school.organizationId,
    kind: 'industry_community',
    level: 'municipal',
    name: '矩阵测试共同体',
    industryCode: '34',
    anchorRegionCode: '110115',
  });
  await school.caller.consortia.invite({
    consortiumId: activeId,
    actingOrganizationId: school.organizationId,
    organizationId: enterprise.organizationId,
    role: 'lead',
  });
  await enterprise.caller.consortia.respond({ consortiumId: activeId, organizationId: enterprise.organizationId, accept: true });
  await school.caller.consortia.submit({ consortiumId: activeId, organizationId: school.organizationId });
  await admin.caller.consortia.review({ consortiumId: activeId, decision: 'approve' });
  const { id: ownBaseId } = await owner.caller.trainingBases.create({ organizationId: orgId, ...matrixBase() });
  await owner.caller.trainingBases.publish({ id: ownBaseId });
  const { id: draftBaseId } = await owner.caller.trainingBases.create({ organizationId: orgId, ...matrixBase() });
  const { id: otherBaseId } = await school.caller.trainingBases.create({ organizationId: school.organizationId, ...matrixBase() });
  await school.caller.trainingBases.publish({ id: otherBaseId });
  const incoming = await school.caller.baseBookings.request({
    organizationId: school.organizationId,
    baseId: ownBaseId,
    from: soon(2),
    to: soon(3),
    stations: 2,
    purpose: 'training',
  });
  const outgoing = await owner.caller.baseBookings.request({
    organizationId: orgId,
    baseId: otherBaseId,
    from: soon(2),
    to: soon(3),
    stations: 2,
    purpose: 'training',
  });
  // needs and cohorts of the fixture organisation (a partner) are written directly: posting them is for enterprises and schools
  const draftNeed = await insertNeed(env.db.orm, {
    organizationId: orgId,
    kind: 'technical_problem',
    title: '矩阵草稿需求',
    regionCode: '110105',
    deadline: soon(30),
    details: {},
    status: 'draft',
  });
  const publishedNeed = await insertNeed(env.db.orm, {
    organizationId: orgId,
    kind: 'technical_problem',
    title: '矩阵需求',
    regionCode: '110105',
    deadline: soon(30),
    details: {},
    status: 'published',
    publishedAt: new Date(),
  });
  const fixtureCohort = await insertCohort(env.db.orm, {
    organizationId: orgId,
    majorCode: '460103',
    majorCategory: 6,
    level: 'gaozhi',
    year: 2024,
    students: 10,
    windowFrom: soon(30),
    windowTo: soon(60),
    regionCodes: ['110000'],
  });
  const application = await insertApplication(env.db.orm, { needId: publishedNeed.id, organizationId: school.organizationId, students: 5 });
  const invitation = await insertApplication(env.db.orm, {
    needId: publishedNeed.id,
    organizationId: orgId,
    cohortId: fixtureCohort.id,
    students: 5,
    status: 'invited',
    direction: 'invite',
    expiresAt: new Date(Date.now() + 86_400_000),
  });
  const otherApplication = await insertApplication(env.db.orm, {
    needId: publishedNeed.id,
    organizationId: school.organizationId,
    students: 3,
    status: 'accepted',
    accepted: 3,
  });
  const placementBase = { needId: publishedNeed.id, students: 3, periodFrom: soon(30), periodTo: soon(60) };
  const schoolPlacement = await insertPlacement(env.db.orm, {
    ...placementBase,
    applicationId: application.id,
    enterpriseId: school.organizationId,
    schoolId: orgId,
  });
  const enterprisePlacement = await insertPlacement(env.db.orm, {
    ...placementBase,
    applicationId: otherApplication.id,
    enterpriseId: orgId,
    schoolId: school.organizationId,
    agreementStatus: 'recorded',
    agreementReference: 'SF-002',
    agreementSignedOn: soon(0),
  });
  const project = await insertProject(
    env.db.orm,
    {
      applicationId: invitation.id,
      needId: publishedNeed.id,
      enterpriseId: orgId,
      schoolId: school.organizationId,
      kind: 'technical_problem',
      title: '矩阵项目',
    },
    ['第一步', '第二步'],
  );
  const [milestone] = await env.db.rows<{ id: string }>(
    sql`select id::text from project_milestone where project_id = ${project.id}::uuid order by position`,
  );
  const roundDates = { regionCode: '110105', preferencesOpenOn: soon(0), preferencesCloseOn: soon(7), resultsOn: soon(10), seed: 'matrix' };
  const [draftRound, openRound, closingRound] = await env.db.orm
    .insert(allocationRounds)
    .values([
      { ...roundDates, title: '矩阵草稿双选', status: 'draft' },
      { ...roundDates, title: '矩阵填报双选', status: 'open' },
      { ...roundDates, title: '矩阵待关闭双选', status: 'open' },
    ])
    .returning({ id: allocationRounds.id });
  for (const r of [openRound, closingRound]) {
    await env.db.orm.insert(roundNeeds).values({ roundId: r?.id ?? '', needId: publishedNeed.id, capacity: 5, status: 'accepted' });
    await env.db.orm.insert(roundCohorts).values({ roundId: r?.id ?? '', cohortId: fixtureCohort.id, slots: 10, status: 'accepted' });
  }
  fixture = {
    draftRoundId: draftRound?.id ?? '',
    openRoundId: openRound?.id ?? '',
    closingRoundId: closingRound?.id ?? '',
    taskId,
    indicatorId: (await env.db.orm.select({ id: indicators.id }).from(indicators).where(eq(indicators.code, 'T13')))[0]?.id ?? '',
    invitationId: invitation.id,
    schoolPlacementId: schoolPlacement.id,
    enterprisePlacementId: enterprisePlacement.id,
    projectId: project.id,
    milestoneId: milestone?.id ?? '',
    applicationId: application.id,
    needId: publishedNeed.id,
    draftNeedId: draftNeed.id,
    cohortId: fixtureCohort.id,
    ownBaseId,
    draftBaseId,
    otherBaseId,
    incomingBookingId: incoming.id,
    outgoingBookingId: outgoing.id,
    draftId,
    activeId,
    otherOrgId: enterprise.organizationId,
    orgId,
    owner,
    newPendingOrg: async () =>
      (await owner.caller.organizations.create({ kind: 'partner', name: `待审${unique()}`, regionCode: '110102', partnerType: 'other' }))
        .id,
    newInvitation: async () =>
      (await owner.caller.organizations.invite({ organizationId: orgId, identifier: `rev-${unique()}@example.com` })).id,
  };
});
afterAll(async () => {
  await env.close();
});

describe('authorisation matrix', () => {
  it('has an entry for every procedure of the app router', () => {
    const procedures = Object.keys(appRouter._def.procedures).sort();
    expect(Object.keys(matrix).sort()).toEqual(procedures);
  });

  for (const [path, entry] of Object.entries(matrix)) {
    it(`${path}: ${entry.allowed.length === callers.length ? 'everyone' : entry.allowed.join(', ')}`, async () => {
      const got = Object.fromEntries(await Promise.all(callers.map(async (k) => [k, await outcome(entry, k, path)] as const)));
      const expected = Object.fromEntries(callers.map((k) => [k, (entry.allowed as readonly string[]).includes(k) ? 'allowed' : 'denied']));
      expect(got).toEqual(expected);
    });
  }
});
