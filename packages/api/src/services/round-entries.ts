import type { Database, Drizzle } from '@ronghe/db/client';
import { writeAudit } from '@ronghe/db/queries/audit';
import { insertNotifications, managersOf } from '@ronghe/db/queries/notifications';
import {
  addRoundCohorts,
  addRoundNeeds,
  pendingRoundInvitations,
  roundCohortsOf,
  roundNeedsOf,
  updateRoundCohort,
  updateRoundNeed,
} from '@ronghe/db/queries/round-participants';
import {
  activeMembersAmong,
  cohortsByIds,
  getRoundRow,
  joinableRounds,
  lockRound,
  needsByIds,
  roundCandidates,
  type RoundRow,
} from '@ronghe/db/queries/rounds';
import { getOrganization } from '@ronghe/db/queries/organizations';
import { DomainError } from '@ronghe/domain/errors';
import { regionPath } from '@ronghe/domain/reference/regions';
import { anyMember, managers, requireRole, requireVerifiedManager, type Caller } from './authz.ts';
import { draftRoundFor, requireOrganizer, wrongStatus } from './rounds.ts';

// Who is in a round, with the owners' consent (issue 18): the organiser invites needs and cohorts, the need's
// enterprise (the cohort's school) accepts or declines; or the owner adds its own need or cohort to a draft round
// it may join. For a consortium's round only the consortium's active members qualify. Only accepted entries take
// part; unanswered invitations lapse when the round opens (rounds.ts).

type Tx = Drizzle;
type Need = Awaited<ReturnType<typeof needsByIds>>[number];
type Cohort = Awaited<ReturnType<typeof cohortsByIds>>[number];
type EntryInput = { roundId: string; kind: 'need' | 'cohort'; id: string };

/** A published internship or order class with places left, in the round's region (or under it). */
function needFits(round: Pick<RoundRow, 'regionCode'>, n: Need) {
  const inRegion = regionPath(n.regionCode).some((r) => r.code === round.regionCode);
  const left = (n.headcount ?? 0) - n.accepted;
  return n.status === 'published' && ['internship', 'order_class'].includes(n.kind) && inRegion && left > 0 ? left : 0;
}

/** An open cohort free to go to the round's region. */
function cohortFits(round: Pick<RoundRow, 'regionCode'>, c: Cohort) {
  const path = regionPath(round.regionCode).map((r) => r.code);
  return c.status === 'open' && c.regionCodes.some((code) => path.includes(code));
}

async function requireMembers(
  db: Database | Tx,
  round: Pick<RoundRow, 'consortiumId'>,
  owners: Array<{ organizationId: string; field: string }>,
) {
  if (!round.consortiumId) return;
  const active = await activeMembersAmong(db, round.consortiumId, [...new Set(owners.map((o) => o.organizationId))]);
  for (const o of owners)
    if (!active.has(o.organizationId)) throw new DomainError('INVALID', 'round.notConsortiumMember', { field: o.field });
}

/** The organiser invites needs and cohorts to a draft round; their owners' managers are told and answer. */
export async function inviteToRound(db: Database, caller: Caller, input: { roundId: string; needIds: string[]; cohortIds: string[] }) {
  const [needRows, cohortRows] = await Promise.all([needsByIds(db, input.needIds), cohortsByIds(db, input.cohortIds)]);
  return db.orm.transaction(async (tx: Tx) => {
    const round = await draftRoundFor(tx, caller, input.roundId);
    const needs = input.needIds.map((id, i) => {
      const n = needRows.find((r) => r.id === id);
      if (!n) throw new DomainError('INVALID', 'notFound', { field: `needIds.${i}` });
      const left = needFits(round, n);
      if (!left) throw new DomainError('INVALID', 'round.needNotEligible', { field: `needIds.${i}`, params: { title: n.title } });
      return { n, left, field: `needIds.${i}` };
    });
    const cohorts = input.cohortIds.map((id, i) => {
      const c = cohortRows.find((r) => r.id === id);
      if (!c) throw new DomainError('INVALID', 'notFound', { field: `cohortIds.${i}` });
      if (!cohortFits(round, c)) throw new DomainError('INVALID', 'round.cohortNotEligible', { field: `cohortIds.${i}` });
      return { c, field: `cohortIds.${i}` };
    });
    await requireMembers(tx, round, [
      ...needs.map(({ n, field }) => ({ organizationId: n.organizationId, field })),
      ...cohorts.map(({ c, field }) => ({ organizationId: c.organizationId, field })),
    ]);
    const addedNeeds = await addRoundNeeds(
      tx,
      needs.map(({ n, left }) => ({ roundId: round.id, needId: n.id, capacity: left, status: 'invited' as const })),
    );
    const addedCohorts = await addRoundCohorts(
      tx,
      cohorts.map(({ c }) => ({ roundId: round.id, cohortId: c.id, slots: c.students, status: 'invited' as const })),
    );
    const owners = [
      ...needs.filter(({ n }) => addedNeeds.includes(n.id)).map(({ n }) => n.organizationId),
      ...cohorts.filter(({ c }) => addedCohorts.includes(c.id)).map(({ c }) => c.organizationId),
    ];
    await insertNotifications(tx, await managersOf(tx, [...new Set(owners)]), {
      type: 'round.invited',
      key: 'notify.round.invited',
      params: { round: round.title.slice(0, 60) },
      link: `/rounds/${round.id}`,
    });
    await writeAudit(tx, {
      actorUserId: caller.userId,
      action: 'round.invite',
      entity: 'allocation_round',
      entityId: round.id,
      after: { needIds: addedNeeds, cohortIds: addedCohorts },
    });
    return { invited: addedNeeds.length + addedCohorts.length };
  });
}

/** The need (cohort) and its organisation, with the caller a manager of it. */
async function ownEntry(db: Database, caller: Caller, input: EntryInput, verified: boolean) {
  const need = input.kind === 'need' ? (await needsByIds(db, [input.id]))[0] : undefined;
  const cohort = input.kind === 'cohort' ? (await cohortsByIds(db, [input.id]))[0] : undefined;
  const organizationId = need?.organizationId ?? cohort?.organizationId;
  if (!organizationId) throw new DomainError('NOT_FOUND', 'notFound', { field: 'id' });
  if (verified) await requireVerifiedManager(db, caller, organizationId);
  else await requireRole(db, caller, organizationId, managers);
  return { need, cohort, organizationId };
}

async function draftRound(tx: Tx, roundId: string) {
  const round = await lockRound(tx, roundId);
  if (!round) throw new DomainError('NOT_FOUND', 'notFound');
  if (round.status !== 'draft') throw wrongStatus(round.status);
  return round;
}

/** Takes the need (cohort) into the round as accepted, checking again that it qualifies. */
async function acceptEntry(
  tx: Tx,
  round: RoundRow,
  entry: Awaited<ReturnType<typeof ownEntry>>,
  acceptUnranked: boolean,
  existing: boolean,
) {
  const now = new Date();
  await requireMembers(tx, round, [{ organizationId: entry.organizationId, field: 'id' }]);
  if (entry.need) {
    const left = needFits(round, entry.need);
    if (!left) throw new DomainError('INVALID', 'round.needNotEligible', { field: 'id', params: { title: entry.need.title } });
    const values = { capacity: left, status: 'accepted' as const, acceptUnranked, respondedAt: now };
    if (existing) await updateRoundNeed(tx, round.id, entry.need.id, values);
    else await addRoundNeeds(tx, [{ roundId: round.id, needId: entry.need.id, ...values }]);
  } else if (entry.cohort) {
    if (!cohortFits(round, entry.cohort)) throw new DomainError('INVALID', 'round.cohortNotEligible', { field: 'id' });
    const values = { slots: entry.cohort.students, status: 'accepted' as const, respondedAt: now };
    if (existing) await updateRoundCohort(tx, round.id, entry.cohort.id, values);
    else await addRoundCohorts(tx, [{ roundId: round.id, cohortId: entry.cohort.id, ...values }]);
  }
}

async function entryStatus(tx: Tx, roundId: string, input: EntryInput) {
  if (input.kind === 'need') return (await roundNeedsOf(tx, roundId, 'all')).find((n) => n.needId === input.id)?.status ?? null;
  return (await roundCohortsOf(tx, roundId, 'all')).find((c) => c.cohortId === input.id)?.status ?? null;
}

/**
 * A manager of the invited need's enterprise (cohort's school) accepts or declines, while the round is a draft.
 * Accepting a need says whether it takes cohorts it did not rank that qualify (off unless it says so).
 */
export async function respondToRound(db: Database, caller: Caller, input: EntryInput & { accept: boolean; acceptUnranked: boolean }) {
  const entry = await ownEntry(db, caller, input, false);
  return db.orm.transaction(async (tx: Tx) => {
    const round = await draftRound(tx, input.roundId);
    if ((await entryStatus(tx, round.id, input)) !== 'invited') throw new DomainError('CONFLICT', 'round.noInvitation');
    if (input.accept) await acceptEntry(tx, round, entry, input.acceptUnranked, true);
    else if (input.kind === 'need') await updateRoundNeed(tx, round.id, input.id, { status: 'declined', respondedAt: new Date() });
    else await updateRoundCohort(tx, round.id, input.id, { status: 'declined', respondedAt: new Date() });
    await writeAudit(tx, {
      actorUserId: caller.userId,
      action: input.accept ? 'round.accept' : 'round.decline',
      entity: 'allocation_round',
      entityId: round.id,
      after: { kind: input.kind, id: input.id, acceptUnranked: input.acceptUnranked },
    });
    return { roundId: round.id, status: input.accept ? ('accepted' as const) : ('declined' as const) };
  });
}

/** Whether the organisation may add its own needs and cohorts to the round: a consortium round's active members; a commission round's region. */
async function mayJoin(db: Database | Tx, round: RoundRow, organizationId: string, regionCode: string) {
  if (round.consortiumId) return (await activeMembersAmong(db, round.consortiumId, [organizationId])).has(organizationId);
  return regionPath(regionCode).some((r) => r.code === round.regionCode);
}

/** A verified organisation's manager adds its own need (cohort) to a draft round it may join, or accepts an invitation so. */
export async function joinRound(db: Database, caller: Caller, input: EntryInput & { acceptUnranked: boolean }) {
  const entry = await ownEntry(db, caller, input, true);
  const org = await getOrganization(db, entry.organizationId);
  return db.orm.transaction(async (tx: Tx) => {
    const round = await draftRound(tx, input.roundId);
    if (!org || !(await mayJoin(tx, round, entry.organizationId, org.regionCode))) throw new DomainError('FORBIDDEN', 'round.notJoinable');
    const status = await entryStatus(tx, round.id, input);
    if (status === 'accepted') throw new DomainError('CONFLICT', 'round.alreadyIn');
    await acceptEntry(tx, round, entry, input.acceptUnranked, status !== null);
    await writeAudit(tx, {
      actorUserId: caller.userId,
      action: 'round.join',
      entity: 'allocation_round',
      entityId: round.id,
      after: { kind: input.kind, id: input.id, acceptUnranked: input.acceptUnranked },
    });
    return { roundId: round.id, status: 'accepted' as const };
  });
}

/** The organisation's needs and cohorts invited to draft rounds and not answered yet. */
export async function invitationsFor(db: Database, caller: Caller, organizationId: string) {
  await requireRole(db, caller, organizationId, anyMember);
  return pendingRoundInvitations(db, organizationId);
}

/** Draft rounds the organisation may join: its active consortia's rounds, and commission rounds of its region or above. */
export async function joinableFor(db: Database, caller: Caller, organizationId: string) {
  await requireRole(db, caller, organizationId, anyMember);
  const org = await getOrganization(db, organizationId);
  if (!org) throw new DomainError('NOT_FOUND', 'notFound');
  return joinableRounds(
    db,
    organizationId,
    regionPath(org.regionCode).map((r) => r.code),
  );
}

/** What the organiser may invite to the round: for a consortium's round its active members' needs and cohorts, else the region's. */
export async function candidatesFor(db: Database, caller: Caller, id: string) {
  const round = await getRoundRow(db, id);
  if (!round) throw new DomainError('NOT_FOUND', 'notFound');
  await requireOrganizer(db, caller, round);
  return roundCandidates(
    db,
    round,
    regionPath(round.regionCode).map((r) => r.code),
  );
}
