import type { Database, Drizzle } from '@ronghe/db/client';
import {
  appendMilestone,
  completeMilestone as markMilestoneDone,
  getMilestone,
  getProject,
  listPlacements,
  listProjects,
  lockPlacement,
  lockProject,
  releasePlaces,
  updatePlacement,
  updateProject,
} from '@ronghe/db/queries/cooperation';
import { getCohort } from '@ronghe/db/queries/cohorts';
import { getNeed, readNeed } from '@ronghe/db/queries/needs';
import { insertApplication, lockApplication, updateApplication } from '@ronghe/db/queries/applications';
import { insertNotifications, managersOf } from '@ronghe/db/queries/notifications';
import { writeAudit } from '@ronghe/db/queries/audit';
import { placementPhase } from '@ronghe/domain/cooperation';
import { DomainError } from '@ronghe/domain/errors';
import type { ApplicationStatus } from '@ronghe/domain/need';
import { todayInChina } from '@ronghe/domain/training-base';
import { anyMember, managers, requireRole, requireVerifiedManager, type Caller } from './authz.ts';
import { fullWhenOverHeadcount, holdCohortStudents, holdPlaces, startCooperation } from './needs.ts';
import { checkAgreementFile, fileUrl } from './files.ts';

// After a match: an enterprise's invitations to cohorts (places held until answered or expired), placements
// with their tripartite agreement, and cooperation projects with milestones.

type Tx = Drizzle;
const notFound = () => new DomainError('NOT_FOUND', 'notFound');
const DAY_MS = 86_400_000;

/** Kinds whose places a cohort of students can fill. */
const invitableKinds = new Set(['internship', 'order_class']);

/**
 * A manager of the enterprise offers `students` places of a published need to a school's open cohort. The
 * places are held at once (need.accepted, under its CHECK) until the school answers or the offer expires.
 */
export async function invite(
  db: Database,
  caller: Caller,
  input: { needId: string; cohortId: string; students: number; expiresInDays: number; message: string },
) {
  const need = await getNeed(db, input.needId);
  if (!need) throw notFound();
  await requireVerifiedManager(db, caller, need.organizationId);
  if (!invitableKinds.has(need.kind)) throw new DomainError('INVALID', 'need.invitationKinds', { field: 'needId' });
  if (need.status !== 'published' || need.deadline < todayInChina()) throw new DomainError('CONFLICT', 'need.notOpen');
  const cohort = await getCohort(db, input.cohortId);
  if (!cohort || cohort.status !== 'open') throw new DomainError('INVALID', 'notFound', { field: 'cohortId' });
  if (input.students > cohort.students)
    throw new DomainError('INVALID', 'need.cohortTooSmall', { field: 'students', params: { students: cohort.students } });
  try {
    return await db.orm.transaction(async (tx: Tx) => {
      const n = await readNeed(tx, need.id);
      if (!n) throw notFound();
      await holdPlaces(tx, n, input.students, 'students');
      await holdCohortStudents(tx, cohort.id, { students: input.students, field: 'students' });
      const expiresAt = new Date(Date.now() + input.expiresInDays * DAY_MS);
      const a = await insertApplication(tx, {
        needId: n.id,
        organizationId: cohort.organizationId,
        cohortId: cohort.id,
        students: input.students,
        message: input.message,
        status: 'invited',
        direction: 'invite',
        expiresAt,
      });
      await insertNotifications(tx, await managersOf(tx, [cohort.organizationId]), {
        type: 'need.invited',
        key: 'notify.need.invited',
        params: { org: need.organizationName, students: input.students, need: n.title, date: expiresAt.toISOString().slice(0, 10) },
        link: '/cohorts',
      });
      await writeAudit(tx, {
        actorUserId: caller.userId,
        action: 'need.invite',
        entity: 'need_application',
        entityId: a.id,
        organizationId: n.organizationId,
        after: { cohortId: cohort.id, students: input.students },
      });
      return { id: a.id, status: a.status, expiresAt };
    });
  } catch (error) {
    throw await fullWhenOverHeadcount(db, error, need.id, 'students');
  }
}

/**
 * A manager of the school takes all, part (`accept` < offered) or none (a reason) of an invitation. What it does
 * not take goes back to the need; what it takes becomes a placement or a project, as an accepted application does.
 */
export async function respond(db: Database, caller: Caller, input: { id: string; accept: number; reason: string }) {
  return db.orm.transaction(async (tx: Tx) => {
    const a = await lockApplication(tx, input.id);
    if (!a || a.direction !== 'invite') throw notFound();
    await requireRole(tx, caller, a.organizationId, managers);
    const n = await readNeed(tx, a.needId);
    if (!n) throw notFound();
    if (a.status !== 'invited' || (a.expiresAt && a.expiresAt.getTime() <= Date.now()))
      throw new DomainError('CONFLICT', 'need.invitationAnswered');
    if (input.accept > a.students)
      throw new DomainError('INVALID', 'need.moreThanOffered', { field: 'accept', params: { students: a.students } });
    if (input.accept === 0 && input.reason.trim().length < 2) throw new DomainError('INVALID', 'reason.required', { field: 'reason' });
    // taking part of an offer only lowers the students taken; the lock still orders it against an edit
    if (a.cohortId) await holdCohortStudents(tx, a.cohortId, { students: 0, field: 'accept', open: false });
    await releasePlaces(tx, n.id, a.students - input.accept);
    const status: ApplicationStatus = input.accept === 0 ? 'declined' : input.accept === a.students ? 'accepted' : 'partly_accepted';
    await updateApplication(tx, a.id, { status, accepted: input.accept, reason: input.reason, decidedAt: new Date() });
    if (input.accept > 0) await startCooperation(tx, n, { ...a, accepted: input.accept });
    await insertNotifications(tx, await managersOf(tx, [n.organizationId]), {
      type: `need.invitation.${status}`,
      ...(status === 'declined'
        ? { key: 'notify.need.invitationDeclined', params: { need: n.title, reason: input.reason } }
        : { key: 'notify.need.invitationAccepted', params: { need: n.title, students: a.students, accepted: input.accept } }),
      link: `/needs/${n.id}`,
    });
    return { id: a.id, status, accepted: input.accept };
  });
}

/** Placements of an organisation (its members), or every placement (admins, without an organisation). */
export async function placementsOf(db: Database, caller: Caller, organizationId: string | undefined) {
  if (organizationId) await requireRole(db, caller, organizationId, anyMember);
  else if (!caller.isPlatformAdmin) throw new DomainError('FORBIDDEN', 'forbidden');
  const today = todayInChina();
  const rows = await listPlacements(db, organizationId ?? null);
  return rows.map(({ agreementFileId, ...p }) => ({
    ...p,
    agreementFileUrl: agreementFileId ? fileUrl(agreementFileId) : null,
    phase: placementPhase(p, today),
  }));
}

/**
 * A manager of the school records the signed tripartite agreement (its number and signing date), optionally with
 * the scan it uploaded (POST /api/files?purpose=placement_agreement); left out, an attached scan stays.
 */
export async function recordAgreement(
  db: Database,
  caller: Caller,
  input: { id: string; reference: string; signedOn: string; agreementFileId?: string | undefined },
) {
  if (input.signedOn > todayInChina()) throw new DomainError('INVALID', 'placement.signedInFuture', { field: 'signedOn' });
  return db.orm.transaction(async (tx: Tx) => {
    const p = await lockPlacement(tx, input.id);
    if (!p) throw notFound();
    await requireRole(tx, caller, p.schoolId, managers);
    if (p.agreementStatus === 'confirmed') throw new DomainError('CONFLICT', 'placement.agreementConfirmed');
    if (input.agreementFileId) await checkAgreementFile(tx, p, input.agreementFileId);
    const row = await updatePlacement(tx, p.id, {
      agreementStatus: 'recorded',
      agreementReference: input.reference,
      agreementSignedOn: input.signedOn,
      agreementRecordedBy: caller.userId,
      ...(input.agreementFileId ? { agreementFileId: input.agreementFileId } : {}),
    });
    await insertNotifications(tx, await managersOf(tx, [p.enterpriseId]), {
      type: 'placement.agreementRecorded',
      key: 'notify.placement.agreementRecorded',
      params: { reference: input.reference },
      link: '/cooperation',
    });
    return { id: p.id, agreementStatus: row?.agreementStatus ?? 'recorded' };
  });
}

/** A manager of the enterprise confirms the agreement the school recorded; only then may the internship start. */
export async function confirmAgreement(db: Database, caller: Caller, input: { id: string }) {
  return db.orm.transaction(async (tx: Tx) => {
    const p = await lockPlacement(tx, input.id);
    if (!p) throw notFound();
    await requireRole(tx, caller, p.enterpriseId, managers);
    if (p.agreementStatus === 'missing') throw new DomainError('CONFLICT', 'placement.agreementMissing');
    if (p.agreementStatus === 'confirmed') throw new DomainError('CONFLICT', 'placement.agreementConfirmed');
    await updatePlacement(tx, p.id, {
      agreementStatus: 'confirmed',
      agreementConfirmedBy: caller.userId,
      agreementConfirmedAt: new Date(),
    });
    await insertNotifications(tx, await managersOf(tx, [p.schoolId]), {
      type: 'placement.agreementConfirmed',
      key: 'notify.placement.agreementConfirmed',
      params: { reference: p.agreementReference ?? '' },
      link: '/cooperation',
    });
    return { id: p.id, agreementStatus: 'confirmed' as const };
  });
}

export async function projectsOf(db: Database, caller: Caller, organizationId: string | undefined) {
  if (organizationId) await requireRole(db, caller, organizationId, anyMember);
  else if (!caller.isPlatformAdmin) throw new DomainError('FORBIDDEN', 'forbidden');
  return listProjects(db, organizationId ?? null);
}

/** Members of either side, and admins. */
export async function projectFor(db: Database, caller: Caller, id: string) {
  const project = await getProject(db, id);
  if (!project) throw notFound();
  if (!caller.isPlatformAdmin) await requireEitherSide(db, caller, project, anyMember);
  return project;
}

async function requireEitherSide(
  db: Database | Tx,
  caller: Caller,
  p: { enterpriseId: string; schoolId: string },
  roles: typeof anyMember | typeof managers,
) {
  try {
    await requireRole(db, caller, p.enterpriseId, roles);
  } catch {
    await requireRole(db, caller, p.schoolId, roles);
  }
}

/** A manager of either side adds a milestone to an active project. */
export async function addMilestone(db: Database, caller: Caller, input: { projectId: string; title: string; dueOn: string | null }) {
  return db.orm.transaction(async (tx: Tx) => {
    const p = await lockProject(tx, input.projectId);
    if (!p) throw notFound();
    await requireEitherSide(tx, caller, p, managers);
    if (p.status !== 'active') throw new DomainError('CONFLICT', 'project.notActive');
    return appendMilestone(tx, p.id, input.title, input.dueOn);
  });
}

/** A manager of either side marks a milestone done; the last one completes the project. */
export async function completeMilestone(db: Database, caller: Caller, input: { id: string }) {
  return db.orm.transaction(async (tx: Tx) => {
    const m = await getMilestone(tx, input.id);
    if (!m) throw notFound();
    const p = await lockProject(tx, m.projectId);
    if (!p) throw notFound();
    await requireEitherSide(tx, caller, p, managers);
    if (p.status !== 'active') throw new DomainError('CONFLICT', 'project.notActive');
    if (m.doneAt) throw new DomainError('CONFLICT', 'project.milestoneDone');
    const open = await markMilestoneDone(tx, m.id, p.id, caller.userId);
    if (open === 0) {
      await updateProject(tx, p.id, { status: 'completed', completedAt: new Date() });
      await insertNotifications(tx, await managersOf(tx, [p.enterpriseId, p.schoolId]), {
        type: 'project.completed',
        key: 'notify.project.completed',
        params: { project: p.title },
        link: `/projects/${p.id}`,
      });
    }
    return { id: m.id, projectStatus: open === 0 ? ('completed' as const) : p.status };
  });
}
