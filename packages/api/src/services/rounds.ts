import { createHash, randomBytes } from 'node:crypto';
import type { Database, Drizzle } from '@ronghe/db/client';
import { insertApplication, readNeed } from '@ronghe/db/queries/needs';
import { insertNotifications, managersOf } from '@ronghe/db/queries/notifications';
import { managesConsortiumMember } from '@ronghe/db/queries/consortia';
import { writeAudit } from '@ronghe/db/queries/audit';
import {
  addRoundCohorts,
  addRoundNeeds,
  cohortsByIds,
  getRoundRow,
  insertRound,
  listRounds,
  lockRound,
  needsByIds,
  placedGroups,
  replacePreferences,
  replaceResults,
  roundCandidates,
  roundCohortsOf,
  roundNeedsOf,
  setRanking,
  unplacedGroups,
  updateRound,
  type NewRoundResult,
  type RoundRow,
} from '@ronghe/db/queries/rounds';
import { allocate, type AllocationInput, type AllocationResult } from '@ronghe/domain/allocation';
import { DomainError } from '@ronghe/domain/errors';
import { regionPath } from '@ronghe/domain/reference/regions';
import { parseSlotId, roundIneligibility, slotId, type RoundInput } from '@ronghe/domain/round';
import { managers, requireRole, type Caller } from './authz.ts';
import { holdPlaces, startCooperation } from './needs.ts';

// 双选 rounds: the organiser (the commission, or a consortium lead's managers) sets one up and opens it; cohorts rank
// needs and enterprises rank cohorts; closing runs deferred acceptance on the stored inputs and writes every slot's
// outcome in one transaction; publishing turns the placements into accepted applications and placements.

type Tx = Drizzle;
const notFound = () => new DomainError('NOT_FOUND', 'notFound');
const wrongStatus = (status: string) => new DomainError('CONFLICT', 'round.wrongStatus', { params: { status: `roundStatus.${status}` } });

/** Platform admins organise every round; a consortium lead's managers organise their consortium's rounds. */
async function requireOrganizer(db: Database | Tx, caller: Caller, round: Pick<RoundRow, 'consortiumId'>) {
  if (caller.isPlatformAdmin) return;
  if (round.consortiumId && (await managesConsortiumMember(db, round.consortiumId, caller.userId, ['lead']))) return;
  throw new DomainError('FORBIDDEN', 'forbidden');
}

export async function createRound(db: Database, caller: Caller, input: RoundInput) {
  await requireOrganizer(db, caller, input);
  return db.orm.transaction(async (tx: Tx) => {
    const row = await insertRound(tx, { ...input, seed: randomBytes(16).toString('hex'), createdBy: caller.userId, status: 'draft' });
    await writeAudit(tx, { actorUserId: caller.userId, action: 'round.create', entity: 'allocation_round', entityId: row.id, after: { title: input.title } });
    return { id: row.id, status: row.status };
  });
}

async function draftRoundFor(tx: Tx, caller: Caller, roundId: string) {
  const round = await lockRound(tx, roundId);
  if (!round) throw notFound();
  await requireOrganizer(tx, caller, round);
  if (round.status !== 'draft') throw wrongStatus(round.status);
  return round;
}

/** Needs join with their places left as capacity; each must be a published internship or order class in the round's region. */
export async function addNeedsToRound(db: Database, caller: Caller, input: { roundId: string; needIds: string[] }) {
  const rows = await needsByIds(db, input.needIds);
  return db.orm.transaction(async (tx: Tx) => {
    const round = await draftRoundFor(tx, caller, input.roundId);
    const values = input.needIds.map((id, i) => {
      const n = rows.find((r) => r.id === id);
      if (!n) throw new DomainError('INVALID', 'notFound', { field: `needIds.${i}` });
      const inRegion = regionPath(n.regionCode).some((r) => r.code === round.regionCode);
      const left = (n.headcount ?? 0) - n.accepted;
      if (n.status !== 'published' || !['internship', 'order_class'].includes(n.kind) || !inRegion || left <= 0)
        throw new DomainError('INVALID', 'round.needNotEligible', { field: `needIds.${i}`, params: { title: n.title } });
      return { roundId: round.id, needId: n.id, capacity: left };
    });
    await addRoundNeeds(tx, values);
    return { added: values.length };
  });
}

/** Open cohorts join with all their students as slots. */
export async function addCohortsToRound(db: Database, caller: Caller, input: { roundId: string; cohortIds: string[] }) {
  const rows = await cohortsByIds(db, input.cohortIds);
  return db.orm.transaction(async (tx: Tx) => {
    const round = await draftRoundFor(tx, caller, input.roundId);
    const values = input.cohortIds.map((id, i) => {
      const c = rows.find((r) => r.id === id);
      if (!c || c.status !== 'open') throw new DomainError('INVALID', 'notFound', { field: `cohortIds.${i}` });
      return { roundId: round.id, cohortId: c.id, slots: c.students };
    });
    await addRoundCohorts(tx, values);
    return { added: values.length };
  });
}

async function participants(tx: Tx | Database, roundId: string): Promise<string[]> {
  const [ns, cs] = await Promise.all([roundNeedsOf(tx, roundId), roundCohortsOf(tx, roundId)]);
  return [...new Set([...ns.map((n) => n.organizationId), ...cs.map((c) => c.organizationId)])];
}

export async function openRound(db: Database, caller: Caller, id: string) {
  return db.orm.transaction(async (tx: Tx) => {
    const round = await draftRoundFor(tx, caller, id);
    const [ns, cs] = await Promise.all([roundNeedsOf(tx, id), roundCohortsOf(tx, id)]);
    if (ns.length === 0 || cs.length === 0) throw new DomainError('INVALID', 'round.empty');
    await updateRound(tx, id, { status: 'open' });
    await insertNotifications(tx, await managersOf(tx, await participants(tx, id)), { type: 'round.open', title: `双选「${round.title}」已开放填报，截止${round.preferencesCloseOn}`, link: `/rounds/${id}` });
    return { id, status: 'open' as const };
  });
}

async function openRoundFor(tx: Tx, roundId: string) {
  const round = await lockRound(tx, roundId);
  if (!round) throw notFound();
  if (round.status !== 'open') throw new DomainError('CONFLICT', 'round.notOpen');
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

/** A manager of the need's enterprise ranks the round's cohorts, best first; unranked ones stay acceptable unless it says no. */
export async function submitRanking(db: Database, caller: Caller, input: { roundId: string; needId: string; cohortIds: string[]; acceptUnranked: boolean }) {
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
    Array.from({ length: c.slots }, (_, i) => ({ id: slotId(c.cohortId, i + 1), preferences: c.preferences, ...(round.keepGroupsTogether ? { groupId: c.cohortId } : {}) })),
  );
  const slotsOf = new Map(cs.map((c) => [c.cohortId, Array.from({ length: c.slots }, (_, i) => slotId(c.cohortId, i + 1))]));
  const programs = ns.map((n) => ({ id: n.needId, capacity: n.capacity, acceptUnranked: n.acceptUnranked, ranking: n.ranking.map((cohortId) => slotsOf.get(cohortId) ?? []) }));
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
export async function closeRound(db: Database, caller: Caller, id: string) {
  const round = await db.orm.transaction(async (tx: Tx) => {
    const r = await lockRound(tx, id);
    if (!r) throw notFound();
    await requireOrganizer(tx, caller, r);
    if (r.status !== 'open' && r.status !== 'closing') throw wrongStatus(r.status);
    if (r.status === 'open') await updateRound(tx, id, { status: 'closing' });
    return { ...r, status: 'closing' as const };
  });
  return runAndStore(db, caller, round, 'closing');
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
    const stats = { algorithm: result.stats.algorithm, proposals: result.stats.proposals, placed: result.placements.length, unplaced: result.unplaced.length, applicants: input.applicants.length, ms };
    await updateRound(tx, round.id, { status: 'closed', resultDigest: digest, runStats: stats, closedAt: new Date() });
    await writeAudit(tx, { actorUserId: caller.userId, action: 'round.close', entity: 'allocation_round', entityId: round.id, after: { digest, ...stats } });
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
    const cohorts = new Map((await roundCohortsOf(tx, id)).map((c) => [c.cohortId, c]));
    for (const g of await placedGroups(tx, id)) {
      const n = await readNeed(tx, g.needId);
      const c = cohorts.get(g.cohortId);
      if (!n || !c) throw notFound();
      await holdPlaces(tx, n, g.students);
      const a = await insertApplication(tx, { needId: n.id, organizationId: c.organizationId, cohortId: c.cohortId, students: g.students, accepted: g.students, status: 'accepted', direction: 'round', message: round.title, decidedAt: new Date() });
      await startCooperation(tx, n, { ...a, accepted: g.students });
    }
    await updateRound(tx, id, { status: 'published', publishedAt: new Date() });
    await insertNotifications(tx, await managersOf(tx, await participants(tx, id)), { type: 'round.published', title: `双选「${round.title}」结果已公布`, link: `/rounds/${id}` });
    return { id, status: 'published' as const };
  });
}

/** Rounds the caller may see: all for admins, otherwise those its organisations take part in. */
export async function roundsFor(db: Database, caller: Caller, organizationIds: string[]) {
  return listRounds(db, caller.isPlatformAdmin ? null : organizationIds);
}

/** One round: its needs, cohorts and preferences for the organiser and participants; results once closed (organiser) or published (all). */
export async function roundFor(db: Database, caller: Caller, id: string, myOrganizationIds: string[]) {
  const round = await getRoundRow(db, id);
  if (!round) throw notFound();
  const [ns, cs] = await Promise.all([roundNeedsOf(db, id), roundCohortsOf(db, id)]);
  let organizer = true;
  try {
    await requireOrganizer(db, caller, round);
  } catch {
    organizer = false;
  }
  const mine = new Set(myOrganizationIds);
  if (!organizer && !ns.some((n) => mine.has(n.organizationId)) && !cs.some((c) => mine.has(c.organizationId))) throw new DomainError('FORBIDDEN', 'forbidden');
  const showResults = round.status === 'published' || (organizer && round.status === 'closed');
  const [placed, unplaced] = showResults ? await Promise.all([placedGroups(db, id), unplacedGroups(db, id)]) : [[], []];
  const filled = new Map<string, number>();
  for (const g of placed) filled.set(g.needId, (filled.get(g.needId) ?? 0) + g.students);
  return {
    round: { ...round, seed: organizer ? round.seed : null },
    organizer,
    needs: ns.map((n) => ({ ...n, placed: filled.get(n.needId) ?? 0, mine: mine.has(n.organizationId) })),
    cohorts: cs.map((c) => ({ ...c, mine: mine.has(c.organizationId) })),
    results: showResults ? { placed, unplaced: unplaced.map((u) => ({ ...u, choices: (u.choices ?? []) as Array<{ programId: string; outcome: string }> })) } : null,
  };
}

/** The needs and cohorts an organiser may add to a draft round. */
export async function candidatesFor(db: Database, caller: Caller, id: string) {
  const round = await getRoundRow(db, id);
  if (!round) throw notFound();
  await requireOrganizer(db, caller, round);
  return roundCandidates(db, round.regionCode, regionPath(round.regionCode).map((r) => r.code));
}
