import type { Database, Drizzle } from '@ronghe/db/client';
import {
  cohortCommitments,
  getCohort,
  getCohortDetail,
  insertCohort,
  listCohortsOfOrganization,
  lockCohort,
  updateCohort,
} from '@ronghe/db/queries/cohorts';
import { needCandidates, organizationPlaceAndConsortia } from '@ronghe/db/queries/need-recommendations';
import { isMemberOfVerifiedOrganization, membershipOf } from '@ronghe/db/queries/memberships';
import { writeAudit } from '@ronghe/db/queries/audit';
import { maskMobile, maskPersonName } from '@ronghe/domain/account';
import { lockedWhileTaken, maskContactsInText, type CohortInput } from '@ronghe/domain/cohort';
import { DomainError } from '@ronghe/domain/errors';
import { scoreMatch } from '@ronghe/domain/matching';
import { majorCategoryOf } from '@ronghe/domain/reference/majors';
import { todayInChina } from '@ronghe/domain/training-base';
import { anyMember, managers, requireRole, requireVerifiedManager, type Caller } from './authz.ts';
import { checkMajors } from './needs.ts';

// 学生批次: a school's cohorts (posting, editing, closing), the cohort detail other organisations see with the
// school's contact masked, and the needs recommended for a cohort. Procedures of routers/cohorts.ts share these names.

type Tx = Drizzle;
const notFound = () => new DomainError('NOT_FOUND', 'notFound');

/** Members of the school: its cohorts. */
export async function list(db: Database, caller: Caller, organizationId: string) {
  await requireRole(db, caller, organizationId, anyMember);
  return listCohortsOfOrganization(db, organizationId);
}

/** A school (its manager, verified) publishes a cohort. */
export async function create(db: Database, caller: Caller, input: CohortInput & { organizationId: string }) {
  const { organizationId, ...cohort } = input;
  const org = await requireVerifiedManager(db, caller, organizationId);
  if (org.kind !== 'school') throw new DomainError('INVALID', 'cohort.schoolOnly', { field: 'organizationId' });
  await checkMajors(db, [cohort.majorCode], 'majorCode');
  return db.orm.transaction(async (tx: Tx) => {
    const row = await insertCohort(tx, {
      ...cohort,
      organizationId,
      majorCategory: majorCategoryOf(cohort.majorCode)?.seq ?? null,
      status: 'open',
    });
    return { id: row.id, status: row.status };
  });
}

/** Needs ranked for a cohort, each with the parts of its score: for the school's members and admins. */
export async function recommendNeeds(db: Database, caller: Caller, input: { cohortId: string; limit: number }) {
  const cohort = await getCohort(db, input.cohortId);
  if (!cohort) throw notFound();
  if (!caller.isPlatformAdmin) await requireRole(db, caller, cohort.organizationId, anyMember);
  const school = await organizationPlaceAndConsortia(db, cohort.organizationId);
  const schoolRegionCode = school.regionCode ?? '';
  const schoolConsortia = school.consortiumIds;
  const candidates = await needCandidates(db, { ...cohort, schoolRegionCode, consortiumIds: schoolConsortia }, todayInChina(), input.limit);
  const profile = {
    majorCode: cohort.majorCode,
    regionCode: schoolRegionCode,
    windowFrom: cohort.windowFrom,
    windowTo: cohort.windowTo,
    available: cohort.students,
    consortiumIds: schoolConsortia,
  };
  return candidates
    .map(({ estimate: _, ...n }) => ({
      need: n,
      score: scoreMatch(
        {
          majorCodes: n.majorCodes,
          regionCode: n.regionCode,
          periodFrom: n.periodFrom,
          periodTo: n.periodTo,
          headcount: n.headcount === null ? null : n.headcount - n.accepted,
          consortiumIds: n.consortiumIds,
        },
        profile,
      ),
    }))
    .sort((a, b) => b.score.total - a.score.total || a.need.id.localeCompare(b.need.id))
    .slice(0, input.limit);
}

/**
 * The school's managers edit an open cohort. Once applications or invitations name it, its major, level and year
 * stay; its students never fall below those accepted or offered.
 */
export async function update(db: Database, caller: Caller, input: { id: string; data: CohortInput }) {
  const current = await getCohortDetail(db, input.id);
  if (!current) throw notFound();
  await requireVerifiedManager(db, caller, current.organizationId);
  await checkMajors(db, [input.data.majorCode], 'majorCode');
  return db.orm.transaction(async (tx: Tx) => {
    const c = await lockCohort(tx, input.id);
    if (!c) throw notFound();
    if (c.status !== 'open') throw new DomainError('CONFLICT', 'cohort.closed');
    const { taken, commitments } = await cohortCommitments(tx, c.id);
    if (commitments > 0)
      for (const f of lockedWhileTaken)
        if (c[f] !== input.data[f]) throw new DomainError('INVALID', 'cohort.lockedWhileTaken', { field: f });
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
export async function close(db: Database, caller: Caller, id: string) {
  return db.orm.transaction(async (tx: Tx) => {
    const c = await lockCohort(tx, id);
    if (!c) throw notFound();
    await requireRole(tx, caller, c.organizationId, managers);
    if (c.status !== 'open') throw new DomainError('CONFLICT', 'cohort.closed');
    await updateCohort(tx, id, { status: 'closed' });
    await writeAudit(tx, {
      actorUserId: caller.userId,
      action: 'cohort.close',
      entity: 'cohort',
      entityId: id,
      organizationId: c.organizationId,
      after: { status: 'closed' },
    });
    return { id, status: 'closed' as const };
  });
}

/**
 * One cohort. Members of the school and admins see it all; members of other verified organisations see an open
 * cohort with the school's contact masked, and phone numbers, emails and names in the note (its teachers) masked.
 */
export async function get(db: Database, caller: Caller, id: string) {
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
