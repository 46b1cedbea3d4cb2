import type { Database, Drizzle } from '@ronghe/db/client';
import {
  cohortCommitments,
  getCohortDetail,
  getNeed,
  isMemberOfVerifiedOrganization,
  lockCohort,
  lockNeed,
  pendingApplicantsOf,
  updateCohort,
  updateNeed,
  type NeedRow,
} from '@ronghe/db/queries/needs';
import { membershipOf } from '@ronghe/db/queries/memberships';
import { insertNotifications, managersOf } from '@ronghe/db/queries/notifications';
import { writeAudit } from '@ronghe/db/queries/audit';
import { maskMobile, maskPersonName } from '@ronghe/domain/account';
import { lockedWhileTaken, maskContactsInText, type CohortInput } from '@ronghe/domain/cohort';
import { DomainError } from '@ronghe/domain/errors';
import { bannedContent, changedNeedFields, internshipViolations, isMaterialChange, needEditViolation, type NeedFields, type NeedInput } from '@ronghe/domain/need';
import { majorCategoryOf } from '@ronghe/domain/reference/majors';
import { todayInChina } from '@ronghe/domain/training-base';
import { managers, requireRole, requireVerifiedManager, type Caller } from './authz.ts';
import { checkMajors, columnsOf, internshipTermsOf } from './needs.ts';

// Editing a need or a cohort after it is out (what applicants agreed to stays, or changes in their favour), and
// the cohort detail that other organisations see with the school's contact masked.

const notFound = () => new DomainError('NOT_FOUND', 'notFound');

/** A stored need as the form's fields: the shared columns and the kind-specific details. */
function fieldsOf(n: Pick<NeedRow, 'kind' | 'title' | 'description' | 'regionCode' | 'deadline' | 'majorCodes' | 'details'>): NeedFields {
  return { ...(n.details as Record<string, unknown>), kind: n.kind, title: n.title, description: n.description, regionCode: n.regionCode, deadline: n.deadline, majorCodes: n.majorCodes };
}

/** What publishing checks, on a need's values: deadline not past, no banned terms, and for internships the rules. */
export function publishChecks(n: Pick<NeedRow, 'kind' | 'title' | 'description' | 'deadline' | 'details' | 'headcount' | 'periodFrom' | 'periodTo'>, staffCount: number | null): void {
  if (n.deadline < todayInChina()) throw new DomainError('INVALID', 'booking.pastDate', { field: 'deadline' });
  const banned = bannedContent(n);
  if (banned) throw new DomainError('INVALID', 'need.bannedContent', { field: banned.field, params: { term: banned.term } });
  if (n.kind === 'internship') {
    const first = internshipViolations(internshipTermsOf(n), { interns: n.headcount ?? 0, enterpriseStaff: staffCount })[0];
    if (first) throw new DomainError('INVALID', first.rule, { field: first.field });
  }
}

const fieldLabels: Record<string, string> = {
  title: '标题',
  description: '说明',
  deadline: '截止日期',
  majorCodes: '专业',
  headcount: '名额',
  intake: '招生人数',
  positions: '岗位数',
  monthlyPay: '月薪',
  dailyHours: '每日工时',
  accommodation: '住宿',
  budget: '预算',
  plannedStations: '工位数',
  probationWage: '试用期工资',
  postStaffCount: '岗位人数',
  problem: '技术难题',
};

/**
 * The enterprise's managers edit a need: a draft freely; a published (or filled) one only in the applicants'
 * favour, and it must still pass the publishing checks. The change, its history and the notices to organisations
 * with applications or invitations waiting go in one transaction.
 */
export async function editNeed(db: Database, caller: Caller, input: { id: string; data: NeedInput }) {
  const current = await getNeed(db, input.id);
  if (!current) throw notFound();
  await requireVerifiedManager(db, caller, current.organizationId);
  await checkMajors(db, input.data.majorCodes);
  if ('periodFrom' in input.data && input.data.periodTo < input.data.periodFrom) throw new DomainError('INVALID', 'internship.period', { field: 'periodTo' });
  const columns = columnsOf(input.data);
  return db.orm.transaction(async (tx: Drizzle) => {
    const n = await lockNeed(tx, input.id);
    if (!n) throw notFound();
    await requireRole(tx, caller, n.organizationId, managers);
    if (n.status !== 'draft' && n.status !== 'published' && n.status !== 'filled') throw new DomainError('CONFLICT', 'need.wrongStatus', { params: { status: `nstatus.${n.status}` } });
    const published = n.status !== 'draft';
    const before = fieldsOf(n);
    const after = fieldsOf(columns);
    const broken = needEditViolation(before, after, { published, accepted: n.accepted });
    if (broken) throw new DomainError('INVALID', broken.key, { field: broken.field, params: broken.params });
    if (published) publishChecks(columns, current.staffCount);
    const changed = changedNeedFields(before, after);
    if (Object.keys(changed).length === 0) return { id: n.id, status: n.status, changed: [] };
    // a filled need given more places opens again; a published one cut to its accepted places is filled
    const status = !published ? n.status : columns.headcount !== null && n.accepted >= columns.headcount ? 'filled' : 'published';
    await updateNeed(tx, n.id, { ...columns, status });
    const pick = (side: 'from' | 'to') => Object.fromEntries(Object.entries(changed).map(([k, v]) => [k, v[side]]));
    await writeAudit(tx, { actorUserId: caller.userId, action: 'need.update', entity: 'need', entityId: n.id, organizationId: n.organizationId, before: pick('from'), after: pick('to') });
    if (published && isMaterialChange(changed)) {
      const applicants = await pendingApplicantsOf(tx, n.id);
      const what = Object.keys(changed).map((k) => fieldLabels[k] ?? k).join('、');
      if (applicants.length) await insertNotifications(tx, await managersOf(tx, applicants), { type: 'need.updated', title: `您申请的「${columns.title}」修改了：${what}`, link: `/needs/${n.id}` });
    }
    return { id: n.id, status, changed: Object.keys(changed) };
  });
}

/**
 * The school's managers edit an open cohort. Once applications or invitations name it, its major, level and year
 * stay; its students never fall below those accepted or offered.
 */
export async function editCohort(db: Database, caller: Caller, input: { id: string; data: CohortInput }) {
  const current = await getCohortDetail(db, input.id);
  if (!current) throw notFound();
  await requireVerifiedManager(db, caller, current.organizationId);
  await checkMajors(db, [input.data.majorCode], 'majorCode');
  return db.orm.transaction(async (tx: Drizzle) => {
    const c = await lockCohort(tx, input.id);
    if (!c) throw notFound();
    if (c.status !== 'open') throw new DomainError('CONFLICT', 'cohort.closed');
    const { taken, commitments } = await cohortCommitments(tx, c.id);
    if (commitments > 0) for (const f of lockedWhileTaken) if (c[f] !== input.data[f]) throw new DomainError('INVALID', 'cohort.lockedWhileTaken', { field: f });
    if (input.data.students < taken) throw new DomainError('INVALID', 'cohort.belowTaken', { field: 'students', params: { taken } });
    const keys = ['majorCode', 'level', 'year', 'students', 'windowFrom', 'windowTo', 'regionCodes', 'teachers', 'note'] as const;
    const changed = keys.filter((k) => JSON.stringify(c[k]) !== JSON.stringify(input.data[k]));
    if (changed.length === 0) return { id: c.id, status: c.status };
    await updateCohort(tx, c.id, { ...input.data, majorCategory: majorCategoryOf(input.data.majorCode)?.seq ?? null });
    await writeAudit(tx, {
      actorUserId: caller.userId,
      action: 'cohort.update',
      entity: 'cohort',
      entityId: c.id,
      organizationId: c.organizationId,
      before: Object.fromEntries(changed.map((k) => [k, c[k]])),
      after: Object.fromEntries(changed.map((k) => [k, input.data[k]])),
    });
    return { id: c.id, status: c.status };
  });
}

/** The school's managers close a cohort: it is no longer recommended nor open to invitations. */
export async function closeCohort(db: Database, caller: Caller, id: string) {
  return db.orm.transaction(async (tx: Drizzle) => {
    const c = await lockCohort(tx, id);
    if (!c) throw notFound();
    await requireRole(tx, caller, c.organizationId, managers);
    if (c.status !== 'open') throw new DomainError('CONFLICT', 'cohort.closed');
    await updateCohort(tx, id, { status: 'closed' });
    await writeAudit(tx, { actorUserId: caller.userId, action: 'cohort.close', entity: 'cohort', entityId: id, organizationId: c.organizationId, after: { status: 'closed' } });
    return { id, status: 'closed' as const };
  });
}

/**
 * One cohort. Members of the school and admins see it all; members of other verified organisations see an open
 * cohort with the school's contact masked, and phone numbers, emails and names in the note (its teachers) masked.
 */
export async function getCohortView(db: Database, caller: Caller, id: string) {
  const c = await getCohortDetail(db, id);
  if (!c) throw notFound();
  const membership = await membershipOf(db, c.organizationId, caller.userId);
  const insider = membership !== null || caller.isPlatformAdmin;
  if (!insider) {
    if (c.status !== 'open') throw notFound();
    if (!(await isMemberOfVerifiedOrganization(db, caller.userId))) throw new DomainError('FORBIDDEN', 'organization.notVerified');
  }
  const { taken } = await cohortCommitments(db, c.id);
  return {
    id: c.id,
    organizationId: c.organizationId,
    organizationName: c.organizationName,
    organizationRegionCode: c.organizationRegionCode,
    majorCode: c.majorCode,
    level: c.level,
    year: c.year,
    students: c.students,
    taken,
    windowFrom: c.windowFrom,
    windowTo: c.windowTo,
    regionCodes: c.regionCodes,
    teachers: c.teachers,
    note: insider ? c.note : maskContactsInText(c.note, [c.contactName]),
    contactName: insider ? c.contactName : maskPersonName(c.contactName),
    contactPhone: insider ? c.contactPhone : c.contactPhone && maskMobile(c.contactPhone),
    status: c.status,
    canEdit: membership !== null && (membership.role === 'owner' || membership.role === 'manager'),
    masked: !insider,
  };
}
