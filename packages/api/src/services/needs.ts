import type { Database, Drizzle } from '@ronghe/db/client';
import {
  addAccepted,
  getNeed,
  insertNeed,
  listNeedsOfOrganization,
  lockAcceptedInternsElsewhere,
  lockNeed,
  needHistory,
  readNeed,
  staffCountOf,
  updateNeed,
  type NeedRow,
} from '@ronghe/db/queries/needs';
import { insertApplication, listApplications, lockApplication, updateApplication } from '@ronghe/db/queries/applications';
import { cohortCommitments, lockCohort } from '@ronghe/db/queries/cohorts';
import { cohortCandidates, organizationConsortia } from '@ronghe/db/queries/need-recommendations';
import { getConsortium } from '@ronghe/db/queries/consortia';
import { membershipOf } from '@ronghe/db/queries/memberships';
import { insertPlacement, insertProject } from '@ronghe/db/queries/cooperation';
import { defaultMilestones } from '@ronghe/domain/cooperation';
import { checkViolation } from '@ronghe/db/errors';
import { insertNotifications, managersOf } from '@ronghe/db/queries/notifications';
import { unknownMajorCodes } from '@ronghe/db/queries/reference';
import { writeAudit } from '@ronghe/db/queries/audit';
import { DomainError } from '@ronghe/domain/errors';
import { scoreMatch } from '@ronghe/domain/matching';
import { internshipTermsOf, internshipViolations, periodViolation, publishChecks } from '@ronghe/domain/need';
import type { ApplicationStatus, NeedInput, PublishViolation } from '@ronghe/domain/need';
import { categoriesOf } from '@ronghe/domain/reference/majors';
import { needHistoryEntry, needRow, needView } from '@ronghe/domain/need-rows';
import { regionPath } from '@ronghe/domain/reference/regions';
import { todayInChina } from '@ronghe/domain/training-base';
import { anyMember, managers, requireRole, requireVerifiedManager, type Caller } from './authz.ts';

// 合作需求: posting, publishing (with the rules of domain/need.ts), reading, applying and deciding, and the cohorts
// recommended for a need. Procedures of routers/needs.ts share these names; editing is in need-edits.ts.

type Tx = Drizzle;
const notFound = () => new DomainError('NOT_FOUND', 'notFound');

export async function checkMajors(db: Database, codes: string[], field = 'majorCodes') {
  const unknown = await unknownMajorCodes(db, codes);
  if (unknown.length) throw new DomainError('INVALID', 'base.unknownMajors', { field, params: { codes: unknown.join('、') } });
}

/** The columns every kind shares, from the validated input; the rest goes to details. */
export function columnsOf(input: NeedInput) {
  const { kind, title, description, regionCode, deadline, majorCodes, ...details } = input;
  const headcount =
    'headcount' in input ? input.headcount : 'intake' in input ? input.intake : 'positions' in input ? input.positions : null;
  const period = 'periodFrom' in input ? { periodFrom: input.periodFrom, periodTo: input.periodTo } : { periodFrom: null, periodTo: null };
  return {
    kind,
    title,
    description,
    regionCode,
    deadline,
    majorCodes,
    majorCategories: categoriesOf(majorCodes),
    headcount,
    ...period,
    details,
  };
}

/** A rule the domain found broken, as the INVALID error naming its field. */
export function failOn(v: PublishViolation | null): void {
  if (v) throw new DomainError('INVALID', v.key, { field: v.field, params: v.params });
}

/** The period rule (domain/need.ts) on a need's input: it cannot end before it starts. */
export function refusePeriod(input: NeedInput): void {
  const broken = 'periodFrom' in input ? periodViolation(input) : null;
  if (broken) throw new DomainError('INVALID', broken.rule, { field: broken.field });
}

/** An enterprise (its manager, verified) drafts a need; publishing checks the rules. */
export async function create(db: Database, caller: Caller, input: NeedInput & { organizationId: string }) {
  const { organizationId, ...need } = input;
  const org = await requireVerifiedManager(db, caller, organizationId);
  if (org.kind !== 'enterprise') throw new DomainError('INVALID', 'need.enterpriseOnly', { field: 'organizationId' });
  await checkMajors(db, need.majorCodes);
  refusePeriod(need);
  return db.orm.transaction(async (tx: Tx) => {
    const row = await insertNeed(tx, { ...columnsOf(need), organizationId, status: 'draft' });
    return { id: row.id, status: row.status };
  });
}

/**
 * Publishing: the rules (publishChecks: deadline not past, no banned terms, and for internships pay ≥ 80 % of the
 * probation wage and the headcount within 20 % of the post and 10 % of the staff) are checked on the row as locked
 * in the transaction that publishes it, so an edit landing between the first read and the lock cannot slip through.
 */
export async function publish(db: Database, caller: Caller, id: string) {
  const need = await getNeed(db, id);
  if (!need) throw notFound();
  await requireVerifiedManager(db, caller, need.organizationId);
  return db.orm.transaction(async (tx: Tx) => {
    const n = await lockNeed(tx, id);
    if (!n) throw notFound();
    failOn(publishChecks(n, await staffCountOf(tx, n.organizationId), todayInChina()));
    if (n.status !== 'draft') throw new DomainError('CONFLICT', 'need.wrongStatus', { params: { status: `nstatus.${n.status}` } });
    await updateNeed(tx, id, { status: 'published', publishedAt: new Date() });
    await writeAudit(tx, {
      actorUserId: caller.userId,
      action: 'need.publish',
      entity: 'need',
      entityId: id,
      organizationId: n.organizationId,
      after: { status: 'published' },
    });
    return { id, status: 'published' as const };
  });
}

export async function close(db: Database, caller: Caller, id: string) {
  return db.orm.transaction(async (tx: Tx) => {
    const n = await lockNeed(tx, id);
    if (!n) throw notFound();
    await requireRole(tx, caller, n.organizationId, managers);
    if (n.status !== 'published' && n.status !== 'draft')
      throw new DomainError('CONFLICT', 'need.wrongStatus', { params: { status: `nstatus.${n.status}` } });
    await updateNeed(tx, id, { status: 'closed' });
    return { id, status: 'closed' as const };
  });
}

/** Anyone for a published (or past) need; a draft only for the enterprise's members and admins (others: not found). */
export async function get(db: Database, caller: Caller | null, id: string) {
  const n = await getNeed(db, id);
  if (!n) throw notFound();
  if (n.status === 'draft' && !caller?.isPlatformAdmin && !(caller && (await membershipOf(db, n.organizationId, caller.userId))))
    throw notFound();
  const consortium = n.consortiumId ? await getConsortium(db, n.consortiumId) : null;
  return needView.parse({ ...n, consortiumName: consortium?.name ?? null }); // details, stored as JSON, typed by kind
}

/** Members of the organisation: its needs in every status. */
export async function list(db: Database, caller: Caller, organizationId: string) {
  await requireRole(db, caller, organizationId, anyMember);
  return needRow.array().parse(await listNeedsOfOrganization(db, organizationId));
}

/** Members of the enterprise and admins: the need's edits and publishing, newest first. */
export async function history(db: Database, caller: Caller, id: string) {
  const n = await getNeed(db, id);
  if (!n) throw notFound();
  if (!caller.isPlatformAdmin) await requireRole(db, caller, n.organizationId, anyMember);
  return needHistoryEntry.array().parse(await needHistory(db, n.id)); // the audit's before and after, as JSON records
}

/** Members of the enterprise: the applications to one of its needs. */
export async function applications(db: Database, caller: Caller, needId: string) {
  const n = await getNeed(db, needId);
  if (!n) throw notFound();
  await requireRole(db, caller, n.organizationId, anyMember);
  return listApplications(db, { needId: n.id });
}

/** Members of the school: its applications and how they were decided. */
export async function myApplications(db: Database, caller: Caller, organizationId: string) {
  await requireRole(db, caller, organizationId, anyMember);
  return listApplications(db, { organizationId });
}

/** Cohorts ranked for a need, each with the parts of its score: for the need's organisation and admins. */
export async function recommendCohorts(db: Database, caller: Caller, input: { needId: string; limit: number }) {
  const need = await getNeed(db, input.needId);
  if (!need) throw notFound();
  if (!caller.isPlatformAdmin) await requireRole(db, caller, need.organizationId, anyMember);
  const consortiumIds = [...(need.consortiumId ? [need.consortiumId] : []), ...(await organizationConsortia(db, need.organizationId))];
  // the candidates are the best by an estimate of the same score, enough of them that scoring them here gives the true top `limit`
  const candidates = await cohortCandidates(
    db,
    { ...need, regionPath: regionPath(need.regionCode).map((r) => r.code), consortiumIds },
    input.limit,
  );
  const profile = {
    majorCodes: need.majorCodes,
    regionCode: need.regionCode,
    periodFrom: need.periodFrom,
    periodTo: need.periodTo,
    headcount: need.headcount,
    consortiumIds,
  };
  return candidates
    .map(({ estimate: _, ...c }) => ({
      cohort: c,
      score: scoreMatch(profile, {
        majorCode: c.majorCode,
        regionCode: c.regionCode,
        windowFrom: c.windowFrom,
        windowTo: c.windowTo,
        available: c.students,
        consortiumIds: c.consortiumIds,
      }),
    }))
    .sort((a, b) => b.score.total - a.score.total || a.cohort.id.localeCompare(b.cohort.id))
    .slice(0, input.limit);
}

/** A verified school applies to a published need with a number of students (optionally from one of its cohorts). */
export async function applyFor(
  db: Database,
  caller: Caller,
  input: { needId: string; organizationId: string; cohortId?: string; students: number; message: string },
) {
  const org = await requireVerifiedManager(db, caller, input.organizationId);
  if (org.kind !== 'school') throw new DomainError('INVALID', 'cohort.schoolOnly', { field: 'organizationId' });
  const need = await getNeed(db, input.needId);
  if (!need) throw notFound();
  if (need.status !== 'published' || need.deadline < todayInChina()) throw new DomainError('CONFLICT', 'need.notOpen');
  return db.orm.transaction(async (tx: Tx) => {
    if (input.cohortId)
      await holdCohortStudents(tx, input.cohortId, { organizationId: input.organizationId, students: 0, field: 'cohortId' });
    const a = await insertApplication(tx, {
      needId: need.id,
      organizationId: input.organizationId,
      cohortId: input.cohortId ?? null,
      students: input.students,
      message: input.message,
    });
    await insertNotifications(tx, await managersOf(tx, [need.organizationId]), {
      type: 'need.applied',
      key: 'notify.need.applied',
      params: { need: need.title, org: org.name, students: input.students },
      link: `/needs/${need.id}`,
    });
    return { id: a.id, status: a.status };
  });
}

/**
 * The enterprise accepts all, part (`accept` < students) or none (a reason) of an application. Places are
 * held by the database: `need.accepted` grows in this transaction and its CHECK refuses going past the
 * headcount, whichever server process the acceptance came through; the refusal says how many are left.
 */
export async function decide(db: Database, caller: Caller, input: { id: string; accept: number; reason: string }) {
  let needId = '';
  try {
    return await db.orm.transaction(async (tx: Tx) => {
      const a = await lockApplication(tx, input.id);
      if (!a) throw notFound();
      const n = await readNeed(tx, a.needId);
      if (!n) throw notFound();
      needId = n.id;
      await requireRole(tx, caller, n.organizationId, managers);
      if (a.status !== 'applied') throw new DomainError('CONFLICT', 'need.applicationDecided');
      if (input.accept > a.students)
        throw new DomainError('INVALID', 'need.moreThanApplied', { field: 'accept', params: { students: a.students } });
      if (input.accept === 0 && input.reason.trim().length < 2) throw new DomainError('INVALID', 'reason.required', { field: 'reason' });
      if (input.accept > 0) await holdPlaces(tx, n, input.accept);
      if (a.cohortId && input.accept > 0)
        await holdCohortStudents(tx, a.cohortId, { students: input.accept, field: 'accept', open: false });
      const status: ApplicationStatus = input.accept === 0 ? 'declined' : input.accept === a.students ? 'accepted' : 'partly_accepted';
      await updateApplication(tx, a.id, { status, accepted: input.accept, reason: input.reason, decidedAt: new Date() });
      if (input.accept > 0) await startCooperation(tx, n, { ...a, accepted: input.accept });
      await insertNotifications(tx, await managersOf(tx, [a.organizationId]), {
        type: `need.${status}`,
        ...(status === 'declined'
          ? { key: 'notify.need.declined', params: { need: n.title, reason: input.reason } }
          : { key: 'notify.need.accepted', params: { need: n.title, students: a.students, accepted: input.accept } }),
        link: `/needs/${n.id}`,
      });
      return { id: a.id, status, accepted: input.accept };
    });
  } catch (error) {
    throw await fullWhenOverHeadcount(db, error, needId, 'accept');
  }
}

/**
 * The one cohort-lock rule. Every write that names a cohort or changes what it has taken locks the cohort's row:
 * editing or closing it (cohorts.update, cohorts.close) and committing `students` more (invite, accept) exclusively,
 * naming it without taking students (apply, answering an offer) in share mode. So an edit counts the students
 * taken only when no commitment is half-made, and commitments to one cohort queue: `students` more are taken only
 * while the cohort has that many not yet accepted or offered (the refusal names `field`, the input to lower).
 */
export async function holdCohortStudents(
  tx: Tx,
  cohortId: string,
  opts: { students: number; field: string; organizationId?: string; open?: boolean },
) {
  const c = await lockCohort(tx, cohortId, opts.students > 0 ? 'update' : 'share');
  if (!c || (opts.organizationId && c.organizationId !== opts.organizationId) || ((opts.open ?? true) && c.status !== 'open'))
    throw new DomainError('INVALID', 'notFound', { field: 'cohortId' });
  if (opts.students > 0) {
    const left = c.students - (await cohortCommitments(tx, c.id)).taken;
    if (opts.students > left)
      throw new DomainError('CONFLICT', 'cohort.fewerLeft', { field: opts.field, params: { left: Math.max(0, left) } });
  }
  return c;
}

/** A CHECK refusal of need_accepted_within_headcount, as the 'full' error naming the places left; any other error as it is. */
export async function fullWhenOverHeadcount(db: Database, error: unknown, needId: string, field: string): Promise<unknown> {
  if (checkViolation(error) !== 'need_accepted_within_headcount') return error;
  const n = await getNeed(db, needId);
  return new DomainError('CONFLICT', 'need.full', {
    field,
    params: { headcount: n?.headcount ?? 0, left: Math.max(0, (n?.headcount ?? 0) - (n?.accepted ?? 0)) },
  });
}

type NeedForPlaces = Pick<NeedRow, 'id' | 'kind' | 'organizationId' | 'headcount' | 'accepted' | 'details' | 'periodFrom' | 'periodTo'>;

/**
 * Takes `count` places of a need inside the caller's transaction: for internships, first the enterprise-wide
 * 10 % of staff across its internships of the same period (serialised per enterprise by a transaction lock);
 * then `need.accepted` grows, and its CHECK refuses going past the headcount whichever process asks.
 */
export async function holdPlaces(tx: Tx, n: NeedForPlaces, count: number, field = 'accept'): Promise<void> {
  if (n.kind === 'internship') {
    const elsewhere = await lockAcceptedInternsElsewhere(tx, n.organizationId, n.id, n.periodFrom, n.periodTo);
    const acceptedHere = (await readNeed(tx, n.id))?.accepted ?? n.accepted; // read again, after the lock
    if (n.headcount !== null && acceptedHere + count > n.headcount)
      throw new DomainError('CONFLICT', 'need.full', {
        field,
        params: { headcount: n.headcount, left: Math.max(0, n.headcount - acceptedHere) },
      });
    const broken = internshipViolations(internshipTermsOf(n), {
      interns: acceptedHere + count,
      enterpriseStaff: await staffCountOf(tx, n.organizationId),
      otherInterns: elsewhere,
    }).filter((v) => v.rule === 'internship.enterpriseShare'); // pay and the post's 20 % were checked when it was published
    const first = broken[0];
    if (first) throw new DomainError('CONFLICT', first.rule, { field });
  }
  await addAccepted(tx, n.id, count);
}

/** An accepted internship becomes a placement awaiting its tripartite agreement; any other kind, a project with milestones. */
export async function startCooperation(
  tx: Tx,
  n: Pick<NeedRow, 'id' | 'kind' | 'title' | 'organizationId' | 'periodFrom' | 'periodTo'>,
  a: { id: string; organizationId: string; cohortId: string | null; accepted: number },
): Promise<void> {
  if (n.kind === 'internship') {
    if (!n.periodFrom || !n.periodTo) return;
    await insertPlacement(tx, {
      applicationId: a.id,
      needId: n.id,
      enterpriseId: n.organizationId,
      schoolId: a.organizationId,
      cohortId: a.cohortId,
      students: a.accepted,
      periodFrom: n.periodFrom,
      periodTo: n.periodTo,
    });
    return;
  }
  await insertProject(
    tx,
    {
      applicationId: a.id,
      needId: n.id,
      enterpriseId: n.organizationId,
      schoolId: a.organizationId,
      kind: n.kind,
      title: n.title,
      size: a.accepted,
    },
    defaultMilestones[n.kind],
  );
}
