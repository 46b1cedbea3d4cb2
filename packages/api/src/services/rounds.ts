import { createHash, randomBytes } from 'node:crypto';
import type { Database, Drizzle } from '@ronghe/db/client';
import { insertApplication } from '@ronghe/db/queries/applications';
import { listMembershipsOfUser } from '@ronghe/db/queries/memberships';
import { readNeed } from '@ronghe/db/queries/needs';
import { insertNotifications, managersOf } from '@ronghe/db/queries/notifications';
import { writeAudit } from '@ronghe/db/queries/audit';
import {
  lapseInvitations,
  replacePreferences,
  roundCohortsOf,
  roundNeedsOf,
  setRanking,
  updateRoundCohort,
  updateRoundNeed,
} from '@ronghe/db/queries/round-participants';
import { placedGroups, replaceResults, unplacedGroups, type NewRoundResult } from '@ronghe/db/queries/round-results';
import {
  activeMembersAmong,
  getRoundRow,
  insertRound,
  leadsActiveConsortium,
  listRounds,
  lockRound,
  updateRound,
  type RoundRow,
} from '@ronghe/db/queries/rounds';
import { allocate, type AllocationInput, type AllocationResult } from '@ronghe/domain/allocation';
import { DomainError } from '@ronghe/domain/errors';
import {
  closesEarly,
  mayOrganizeRound,
  openRefusal,
  parseSlotId,
  publishRefusal,
  roundIneligibility,
  slotId,
  submissionRefusal,
  type RoundInput,
  type RoundRefusal,
} from '@ronghe/domain/round';
import { todayInChina } from '@ronghe/domain/training-base';
import { managers, requireRole, type Caller } from './authz.ts';
import { holdPlaces, startCooperation } from './needs.ts';

// 双选 rounds: the organiser (the commission, or the managers of an active consortium's lead) sets one up, invites
// needs and cohorts (their owners accept: round-entries.ts) and opens it; cohorts rank needs and enterprises rank
// cohorts between the round's dates; closing runs deferred acceptance on the stored inputs and writes every slot's
// outcome in one transaction; publishing, from the results date, turns the placements into accepted applications
// and placements. Only accepted needs and cohorts take part, and each participant sees only its own lists.

type Tx = Drizzle;
const notFound = () => new DomainError('NOT_FOUND', 'notFound');
export const wrongStatus = (status: string) =>
  new DomainError('CONFLICT', 'round.wrongStatus', { params: { status: `roundStatus.${status}` } });
const refused = (r: RoundRefusal) => new DomainError('CONFLICT', r.key, { params: r.params });

/**
 * Whether the caller organises the round: platform admins every round; the managers of a lead of an active
 * consortium its rounds (a draft or proposed consortium's lead organises nothing). The one place this is decided.
 */
export async function isOrganizer(db: Database | Tx, caller: Caller, round: Pick<RoundRow, 'consortiumId'>): Promise<boolean> {
  const leads = !caller.isPlatformAdmin && !!round.consortiumId && (await leadsActiveConsortium(db, round.consortiumId, caller.userId));
  return mayOrganizeRound({ isPlatformAdmin: caller.isPlatformAdmin, leadsActiveConsortium: leads });
}

export async function requireOrganizer(db: Database | Tx, caller: Caller, round: Pick<RoundRow, 'consortiumId'>) {
  if (!(await isOrganizer(db, caller, round))) throw new DomainError('FORBIDDEN', 'forbidden');
}

export async function createRound(db: Database, caller: Caller, input: RoundInput) {
  await requireOrganizer(db, caller, input);
  return db.orm.transaction(async (tx: Tx) => {
    const row = await insertRound(tx, { ...input, seed: randomBytes(16).toString('hex'), createdBy: caller.userId, status: 'draft' });
    await writeAudit(tx, {
      actorUserId: caller.userId,
      action: 'round.create',
      entity: 'allocation_round',
      entityId: row.id,
      after: { title: input.title, consortiumId: input.consortiumId },
    });
    return { id: row.id, status: row.status };
  });
}

export async function draftRoundFor(tx: Tx, caller: Caller, roundId: string) {
  const round = await lockRound(tx, roundId);
  if (!round) throw notFound();
  await requireOrganizer(tx, caller, round);
  if (round.status !== 'draft') throw wrongStatus(round.status);
  return round;
}

async function participants(tx: Tx | Database, roundId: string): Promise<string[]> {
  const [ns, cs] = await Promise.all([roundNeedsOf(tx, roundId), roundCohortsOf(tx, roundId)]);
  return [...new Set([...ns.map((n) => n.organizationId), ...cs.map((c) => c.organizationId)])];
}

/** In a consortium's round, accepted entries of organisations that have since left the consortium lapse. */
async function lapseNonMembers(tx: Tx, round: RoundRow) {
  if (!round.consortiumId) return;
  const [ns, cs] = await Promise.all([roundNeedsOf(tx, round.id), roundCohortsOf(tx, round.id)]);
  const active = await activeMembersAmong(tx, round.consortiumId, [...new Set([...ns, ...cs].map((x) => x.organizationId))]);
  const now = new Date();
  for (const n of ns)
    if (!active.has(n.organizationId)) await updateRoundNeed(tx, round.id, n.needId, { status: 'lapsed', respondedAt: now });
  for (const c of cs)
    if (!active.has(c.organizationId)) await updateRoundCohort(tx, round.id, c.cohortId, { status: 'lapsed', respondedAt: now });
}

/** Opens a draft with at least one accepted need and cohort, any day up to its closing date; unanswered invitations lapse. */
export async function openRound(db: Database, caller: Caller, id: string) {
  return db.orm.transaction(async (tx: Tx) => {
    const round = await draftRoundFor(tx, caller, id);
    const late = openRefusal(round, todayInChina());
    if (late) throw refused(late);
    await lapseNonMembers(tx, round);
    const [ns, cs] = await Promise.all([roundNeedsOf(tx, id), roundCohortsOf(tx, id)]);
    if (ns.length === 0 || cs.length === 0) throw new DomainError('INVALID', 'round.empty');
    await lapseInvitations(tx, id);
    await updateRound(tx, id, { status: 'open' });
    await insertNotifications(tx, await managersOf(tx, await participants(tx, id)), {
      type: 'round.open',
      key: 'notify.round.open',
      params: { round: round.title, date: round.preferencesCloseOn },
      link: `/rounds/${id}`,
    });
    return { id, status: 'open' as const };
  });
}

/** The open round, on a day between its opening and closing dates. */
async function openRoundFor(tx: Tx, roundId: string) {
  const round = await lockRound(tx, roundId);
  if (!round) throw notFound();
  if (round.status !== 'open') throw new DomainError('CONFLICT', 'round.notOpen');
  const outside = submissionRefusal(round, todayInChina());
  if (outside) throw refused(outside);
  return round;
}

/** A manager of the cohort's school ranks needs of the round, best first (replacing its earlier list). */
export async function submitPreferences(db: Database, caller: Caller, input: { roundId: string; cohortId: string; needIds: string[] }) {
  return db.orm.transaction(async (tx: Tx) => {
    await openRoundFor(tx, input.roundId);
    const cohort = (await roundCohortsOf(tx, input.roundId)).find((c) => c.cohortId === input.cohortId);
    if (!cohort) throw new DomainError('INVALID', 'round.cohortNotInRound', { field: 'cohortId' });
    await requireRole(tx, caller, cohort.organizationId, managers);
    const inRound = new Set((await roundNeedsOf(tx, input.roundId)).map((n) => n.needId));
    input.needIds.forEach((id, i) => {
      if (!inRound.has(id)) throw new DomainError('INVALID', 'round.needNotInRound', { field: `needIds.${i}` });
    });
    await replacePreferences(tx, input.roundId, input.cohortId, input.needIds);
    return { cohortId: input.cohortId, ranked: input.needIds.length };
  });
}

/** A manager of the need's enterprise ranks the round's cohorts, best first, and says whether unranked ones that qualify are acceptable. */
export async function submitRanking(
  db: Database,
  caller: Caller,
  input: { roundId: string; needId: string; cohortIds: string[]; acceptUnranked: boolean },
) {
  return db.orm.transaction(async (tx: Tx) => {
    await openRoundFor(tx, input.roundId);
    const need = (await roundNeedsOf(tx, input.roundId)).find((n) => n.needId === input.needId);
    if (!need) throw new DomainError('INVALID', 'round.needNotInRound', { field: 'needId' });
    await requireRole(tx, caller, need.organizationId, managers);
    const inRound = new Set((await roundCohortsOf(tx, input.roundId)).map((c) => c.cohortId));
    const seen = new Set<string>();
    input.cohortIds.forEach((id, i) => {
      if (!inRound.has(id)) throw new DomainError('INVALID', 'round.cohortNotInRound', { field: `cohortIds.${i}` });
      if (seen.has(id)) throw new DomainError('INVALID', 'round.duplicatePreference', { field: `cohortIds.${i}` });
      seen.add(id);
    });
    await setRanking(tx, input.roundId, input.needId, input.cohortIds, input.acceptUnranked);
    return { needId: input.needId, ranked: input.cohortIds.length };
  });
}

/** The algorithm's input, built from the stored round only: the same rows give the same input, and the stored seed the same lottery. */
async function allocationInputOf(db: Database | Tx, round: RoundRow): Promise<AllocationInput> {
  const [ns, cs] = await Promise.all([roundNeedsOf(db, round.id), roundCohortsOf(db, round.id)]);
  const applicants = cs.flatMap((c) =>
    Array.from({ length: c.slots }, (_, i) => ({
      id: slotId(c.cohortId, i + 1),
      preferences: c.preferences,
      ...(round.keepGroupsTogether ? { groupId: c.cohortId } : {}),
    })),
  );
  const slotsOf = new Map(cs.map((c) => [c.cohortId, Array.from({ length: c.slots }, (_, i) => slotId(c.cohortId, i + 1))]));
  const programs = ns.map((n) => ({
    id: n.needId,
    capacity: n.capacity,
    acceptUnranked: n.acceptUnranked,
    ranking: n.ranking.map((cohortId) => slotsOf.get(cohortId) ?? []),
  }));
  const needById = new Map(ns.map((n) => [n.needId, n]));
  const cohortById = new Map(cs.map((c) => [c.cohortId, c]));
  const verdicts = new Map<string, boolean>();
  const eligible = (applicantId: string, programId: string) => {
    const { cohortId } = parseSlotId(applicantId);
    const key = `${cohortId}|${programId}`;
    let ok = verdicts.get(key);
    if (ok === undefined) {
      const n = needById.get(programId);
      const c = cohortById.get(cohortId);
      ok = !!n && !!c && roundIneligibility(n, c) === null;
      verdicts.set(key, ok);
    }
    return ok;
  };
  return { applicants, programs, seed: round.seed, eligible, keepGroupsTogether: round.keepGroupsTogether };
}

function resultRows(roundId: string, result: AllocationResult): NewRoundResult[] {
  const rows: NewRoundResult[] = [];
  for (const p of result.placements) {
    const { cohortId, slot } = parseSlotId(p.applicantId);
    rows.push({ roundId, cohortId, slot, needId: p.programId, choice: p.choice, lottery: result.lottery[p.applicantId] ?? 0 });
  }
  for (const u of result.unplaced) {
    const { cohortId, slot } = parseSlotId(u.applicantId);
    rows.push({ roundId, cohortId, slot, needId: null, reason: u.reason, choices: u.choices, lottery: result.lottery[u.applicantId] ?? 0 });
  }
  return rows.sort((a, b) => a.cohortId.localeCompare(b.cohortId) || a.slot - b.slot);
}

const digestOf = (rows: readonly NewRoundResult[]) =>
  createHash('sha256')
    .update(JSON.stringify(rows.map((r) => [r.cohortId, r.slot, r.needId ?? null, r.choice ?? null, r.reason ?? null, r.lottery])))
    .digest('hex');

/**
 * Closes preferences and runs the round. 'open' becomes 'closing' in its own transaction first, so a crash while
 * the results are written leaves the round 'closing', and closing it again completes it. The results replace any
 * earlier ones in one transaction.
 */
export async function closeRound(db: Database, caller: Caller, input: { id: string; reason?: string | undefined }) {
  const { id } = input;
  const round = await db.orm.transaction(async (tx: Tx) => {
    const r = await lockRound(tx, id);
    if (!r) throw notFound();
    await requireOrganizer(tx, caller, r);
    if (r.status !== 'open' && r.status !== 'closing') throw wrongStatus(r.status);
    if (r.status === 'open') {
      await requireMayClose(tx, caller, r, input.reason);
      await updateRound(tx, id, { status: 'closing' });
    }
    return { ...r, status: 'closing' as const };
  });
  return runAndStore(db, caller, round, 'closing');
}

/**
 * Before its closing date has passed a round closes only when every cohort has submitted preferences and every need
 * its ranking, or when a platform admin gives a reason, which the audit log keeps.
 */
async function requireMayClose(tx: Tx, caller: Caller, round: RoundRow, reason: string | undefined) {
  if (!closesEarly(round, todayInChina())) return;
  const [ns, cs] = await Promise.all([roundNeedsOf(tx, round.id), roundCohortsOf(tx, round.id)]);
  const missing = ns.filter((n) => !n.rankedAt).length + cs.filter((c) => !c.submittedAt).length;
  if (missing === 0) return;
  if (!caller.isPlatformAdmin) throw new DomainError('CONFLICT', 'round.notAllSubmitted', { params: { missing } });
  const why = reason?.trim() ?? '';
  if (why.length < 10) throw new DomainError('INVALID', 'round.reasonRequired', { field: 'reason' });
  await writeAudit(tx, {
    actorUserId: caller.userId,
    action: 'round.closeEarly',
    entity: 'allocation_round',
    entityId: round.id,
    after: { reason: why, missing, closesOn: round.preferencesCloseOn },
  });
}

/** Runs a closed round again on its stored inputs and seed, and says whether the result is the one stored. */
export async function rerunRound(db: Database, caller: Caller, id: string) {
  const round = await getRoundRow(db, id);
  if (!round) throw notFound();
  await requireOrganizer(db, caller, round);
  if (round.status !== 'closed' && round.status !== 'published') throw wrongStatus(round.status);
  const started = performance.now();
  const rows = resultRows(round.id, allocate(await allocationInputOf(db, round)));
  const digest = digestOf(rows);
  return { id, identical: digest === round.resultDigest, digest, ms: Math.round(performance.now() - started) };
}

async function runAndStore(db: Database, caller: Caller, round: RoundRow, expected: 'closing') {
  const started = performance.now();
  const input = await allocationInputOf(db, round);
  const result = allocate(input);
  const rows = resultRows(round.id, result);
  const digest = digestOf(rows);
  const ms = Math.round(performance.now() - started);
  return db.orm.transaction(async (tx: Tx) => {
    const r = await lockRound(tx, round.id);
    if (!r || r.status !== expected) throw wrongStatus(r?.status ?? 'draft');
    await replaceResults(tx, round.id, rows);
    const stats = {
      algorithm: result.stats.algorithm,
      proposals: result.stats.proposals,
      placed: result.placements.length,
      unplaced: result.unplaced.length,
      applicants: input.applicants.length,
      ms,
    };
    await updateRound(tx, round.id, { status: 'closed', resultDigest: digest, runStats: stats, closedAt: new Date() });
    await writeAudit(tx, {
      actorUserId: caller.userId,
      action: 'round.close',
      entity: 'allocation_round',
      entityId: round.id,
      after: { digest, ...stats },
    });
    return { id: round.id, status: 'closed' as const, digest, ...stats };
  });
}

/**
 * Publishes a closed round: every cohort's placement in a need becomes an accepted application and a placement
 * (or project), holding the need's places as an acceptance does, all in one transaction.
 */
export async function publishRound(db: Database, caller: Caller, id: string) {
  return db.orm.transaction(async (tx: Tx) => {
    const round = await lockRound(tx, id);
    if (!round) throw notFound();
    await requireOrganizer(tx, caller, round);
    if (round.status !== 'closed') throw wrongStatus(round.status);
    const early = publishRefusal(round, todayInChina());
    if (early) throw refused(early);
    const cohorts = new Map((await roundCohortsOf(tx, id)).map((c) => [c.cohortId, c]));
    for (const g of await placedGroups(tx, id)) {
      const n = await readNeed(tx, g.needId);
      const c = cohorts.get(g.cohortId);
      if (!n || !c) throw notFound();
      await holdPlaces(tx, n, g.students);
      const a = await insertApplication(tx, {
        needId: n.id,
        organizationId: c.organizationId,
        cohortId: c.cohortId,
        students: g.students,
        accepted: g.students,
        status: 'accepted',
        direction: 'round',
        message: round.title,
        decidedAt: new Date(),
      });
      await startCooperation(tx, n, { ...a, accepted: g.students });
    }
    await updateRound(tx, id, { status: 'published', publishedAt: new Date() });
    await insertNotifications(tx, await managersOf(tx, await participants(tx, id)), {
      type: 'round.published',
      key: 'notify.round.published',
      params: { round: round.title },
      link: `/rounds/${id}`,
    });
    return { id, status: 'published' as const };
  });
}

/** Rounds the caller may see: all for admins, otherwise those its organisations take part in or are invited to, and those it organises. */
export async function list(db: Database, caller: Caller) {
  if (caller.isPlatformAdmin) return listRounds(db, null);
  const memberships = await listMembershipsOfUser(db, caller.userId);
  return listRounds(db, {
    organizationIds: memberships.map((m) => m.organizationId),
    managedIds: memberships.filter((m) => (managers as readonly string[]).includes(m.role)).map((m) => m.organizationId),
  });
}

/**
 * One round, sealed: the organiser sees every entry and who has submitted, never what; a participant sees its own
 * entries (invited, declined or lapsed ones too) and, once one is accepted, the others' accepted entries, with only
 * its own preferences and rankings.
 * Results once closed (organiser) or published (participants: the placements of its cohorts and in its needs, and
 * the reasons of its own unplaced students; the choice numbers only to the cohort's school).
 */
export async function get(db: Database, caller: Caller, id: string) {
  const round = await getRoundRow(db, id);
  if (!round) throw notFound();
  const [ns, cs, organizer, memberships] = await Promise.all([
    roundNeedsOf(db, id, 'all'),
    roundCohortsOf(db, id, 'all'),
    isOrganizer(db, caller, round),
    listMembershipsOfUser(db, caller.userId),
  ]);
  const mine = new Set(memberships.map((m) => m.organizationId));
  if (!organizer && !ns.some((n) => mine.has(n.organizationId)) && !cs.some((c) => mine.has(c.organizationId)))
    throw new DomainError('FORBIDDEN', 'forbidden');
  const showResults = round.status === 'published' || (organizer && round.status === 'closed');
  const [placed, unplaced] = showResults ? await Promise.all([placedGroups(db, id), unplacedGroups(db, id)]) : [[], []];
  const filled = new Map<string, number>();
  for (const g of placed) filled.set(g.needId, (filled.get(g.needId) ?? 0) + g.students);
  const needOwner = new Map(ns.map((n) => [n.needId, n.organizationId]));
  const cohortOwner = new Map(cs.map((c) => [c.cohortId, c.organizationId]));
  const myCohort = (cohortId: string) => mine.has(cohortOwner.get(cohortId) ?? '');
  const myNeed = (needId: string) => mine.has(needOwner.get(needId) ?? '');
  // a participant with an accepted entry sees the others' accepted entries; one only invited (or declined, lapsed) sees its own
  const takesPart = [...ns, ...cs].some((x) => x.status === 'accepted' && mine.has(x.organizationId));
  const shown = <T extends { status: string; organizationId: string }>(x: T) =>
    organizer || mine.has(x.organizationId) || (takesPart && x.status === 'accepted');
  return {
    round: { ...round, seed: organizer ? round.seed : null },
    organizer,
    needs: ns.filter(shown).map((n) => {
      const own = mine.has(n.organizationId);
      return {
        needId: n.needId,
        title: n.title,
        kind: n.kind,
        organizationId: n.organizationId,
        organizationName: n.organizationName,
        capacity: n.capacity,
        status: n.status,
        acceptUnranked: own ? n.acceptUnranked : false,
        ranking: own ? n.ranking : [],
        rankedAt: own || organizer ? n.rankedAt : null,
        placed: filled.get(n.needId) ?? 0,
        mine: own,
      };
    }),
    cohorts: cs.filter(shown).map((c) => {
      const own = mine.has(c.organizationId);
      return {
        cohortId: c.cohortId,
        organizationId: c.organizationId,
        organizationName: c.organizationName,
        majorCode: c.majorCode,
        year: c.year,
        slots: c.slots,
        status: c.status,
        preferences: own ? c.preferences : [],
        submittedAt: own || organizer ? c.submittedAt : null,
        mine: own,
      };
    }),
    results: showResults
      ? {
          placed: placed
            .filter((p) => organizer || myCohort(p.cohortId) || myNeed(p.needId))
            .map((p) => ({ ...p, choice: myCohort(p.cohortId) ? p.choice : null })),
          unplaced: unplaced
            .filter((u) => organizer || myCohort(u.cohortId))
            .map((u) => ({
              cohortId: u.cohortId,
              reason: u.reason,
              students: u.students,
              choices: myCohort(u.cohortId) ? ((u.choices ?? []) as Array<{ programId: string; outcome: string }>) : [],
            })),
        }
      : null,
  };
}
