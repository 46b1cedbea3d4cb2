import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Database, Drizzle } from '../client.ts';
import {
  allocationRounds,
  cohorts,
  consortia,
  consortiumMembers,
  needs,
  organizationMembers,
  organizations,
  roundCohorts,
  roundNeeds,
  roundPreferences,
  roundResults,
} from '../schema/index.ts';
import { ormOf, textArray, type Executor } from './sql.ts';

// 双选 rounds: their participants, preferences and results.

export type RoundRow = typeof allocationRounds.$inferSelect;

export async function insertRound(tx: Drizzle, values: typeof allocationRounds.$inferInsert) {
  const [row] = await tx.insert(allocationRounds).values(values).returning();
  if (!row) throw new Error('insert returned no row');
  return row;
}

export async function getRoundRow(db: Executor, id: string) {
  const [row] = await ormOf(db).select().from(allocationRounds).where(eq(allocationRounds.id, id));
  return row ?? null;
}

export async function lockRound(tx: Drizzle, id: string) {
  const [row] = await tx.select().from(allocationRounds).where(eq(allocationRounds.id, id)).for('update');
  return row ?? null;
}

export async function updateRound(tx: Drizzle, id: string, set: Partial<typeof allocationRounds.$inferInsert>) {
  await tx
    .update(allocationRounds)
    .set({ ...set, updatedAt: new Date() })
    .where(eq(allocationRounds.id, id));
}

/**
 * Every round (admins, `null`), or the rounds the organisations' needs or cohorts take part in or are invited to,
 * and the rounds of active consortia that the managed organisations lead; newest first.
 */
export async function listRounds(db: Database, scope: { organizationIds: string[]; managedIds: string[] } | null) {
  const visible =
    scope === null
      ? undefined
      : sql`(${allocationRounds.id} in (select rn.round_id from round_need rn join need n on n.id = rn.need_id where n.organization_id::text = any(${textArray(scope.organizationIds)}))
          or ${allocationRounds.id} in (select rc.round_id from round_cohort rc join cohort c on c.id = rc.cohort_id where c.organization_id::text = any(${textArray(scope.organizationIds)}))
          or ${allocationRounds.consortiumId} in (select cm.consortium_id from consortium_member cm join consortium k on k.id = cm.consortium_id
            where cm.role = 'lead' and cm.status = 'active' and k.status = 'active' and cm.organization_id::text = any(${textArray(scope.managedIds)})))`;
  return db.orm
    .select({
      id: allocationRounds.id,
      title: allocationRounds.title,
      regionCode: allocationRounds.regionCode,
      status: allocationRounds.status,
      preferencesOpenOn: allocationRounds.preferencesOpenOn,
      preferencesCloseOn: allocationRounds.preferencesCloseOn,
      resultsOn: allocationRounds.resultsOn,
      needs: sql<number>`(select count(*)::int from round_need rn where rn.round_id = ${allocationRounds.id})`,
      cohorts: sql<number>`(select count(*)::int from round_cohort rc where rc.round_id = ${allocationRounds.id})`,
    })
    .from(allocationRounds)
    .where(visible)
    .orderBy(desc(allocationRounds.createdAt))
    .limit(200);
}

/** Adds needs to a round; a need already in it (in any state) is left as it is. Returns the needs added. */
export async function addRoundNeeds(tx: Drizzle, rows: Array<typeof roundNeeds.$inferInsert>): Promise<string[]> {
  if (!rows.length) return [];
  return (await tx.insert(roundNeeds).values(rows).onConflictDoNothing().returning({ id: roundNeeds.needId })).map((r) => r.id);
}

/** Adds cohorts to a round; a cohort already in it is left as it is. Returns the cohorts added. */
export async function addRoundCohorts(tx: Drizzle, rows: Array<typeof roundCohorts.$inferInsert>): Promise<string[]> {
  if (!rows.length) return [];
  return (await tx.insert(roundCohorts).values(rows).onConflictDoNothing().returning({ id: roundCohorts.cohortId })).map((r) => r.id);
}

export async function updateRoundNeed(tx: Drizzle, roundId: string, needId: string, set: Partial<typeof roundNeeds.$inferInsert>) {
  await tx
    .update(roundNeeds)
    .set(set)
    .where(and(eq(roundNeeds.roundId, roundId), eq(roundNeeds.needId, needId)));
}

export async function updateRoundCohort(tx: Drizzle, roundId: string, cohortId: string, set: Partial<typeof roundCohorts.$inferInsert>) {
  await tx
    .update(roundCohorts)
    .set(set)
    .where(and(eq(roundCohorts.roundId, roundId), eq(roundCohorts.cohortId, cohortId)));
}

/** Unanswered invitations lapse when the round opens. */
export async function lapseInvitations(tx: Drizzle, roundId: string) {
  const now = new Date();
  await tx
    .update(roundNeeds)
    .set({ status: 'lapsed', respondedAt: now })
    .where(and(eq(roundNeeds.roundId, roundId), eq(roundNeeds.status, 'invited')));
  await tx
    .update(roundCohorts)
    .set({ status: 'lapsed', respondedAt: now })
    .where(and(eq(roundCohorts.roundId, roundId), eq(roundCohorts.status, 'invited')));
}

/** Whether the user manages a lead of the consortium and the consortium is active (a draft's lead organises nothing). */
export async function leadsActiveConsortium(db: Executor, consortiumId: string, userId: string): Promise<boolean> {
  const [row] = await ormOf(db)
    .select({ n: sql<number>`count(*)::int` })
    .from(consortiumMembers)
    .innerJoin(consortia, eq(consortia.id, consortiumMembers.consortiumId))
    .innerJoin(organizationMembers, eq(organizationMembers.organizationId, consortiumMembers.organizationId))
    .where(
      and(
        eq(consortiumMembers.consortiumId, consortiumId),
        eq(consortia.status, 'active'),
        eq(consortiumMembers.role, 'lead'),
        eq(consortiumMembers.status, 'active'),
        eq(organizationMembers.userId, userId),
        inArray(organizationMembers.role, ['owner', 'manager']),
      ),
    );
  return (row?.n ?? 0) > 0;
}

/** Of these organisations, the ones that are active members of the consortium. */
export async function activeMembersAmong(db: Executor, consortiumId: string, organizationIds: readonly string[]): Promise<Set<string>> {
  if (organizationIds.length === 0) return new Set();
  const rows = await ormOf(db)
    .select({ id: consortiumMembers.organizationId })
    .from(consortiumMembers)
    .where(
      and(
        eq(consortiumMembers.consortiumId, consortiumId),
        eq(consortiumMembers.status, 'active'),
        inArray(consortiumMembers.organizationId, [...organizationIds]),
      ),
    );
  return new Set(rows.map((r) => r.id));
}

/** The organisation's needs and cohorts invited to rounds and not yet answered, newest round first. */
export async function pendingRoundInvitations(db: Database, organizationId: string) {
  return db.rows<{
    roundId: string;
    roundTitle: string;
    preferencesOpenOn: string;
    preferencesCloseOn: string;
    kind: 'need' | 'cohort';
    entryId: string;
    label: string;
    size: number;
  }>(sql`
    select * from (
      select r.id::text as "roundId", r.title as "roundTitle", r.preferences_open_on::text as "preferencesOpenOn", r.preferences_close_on::text as "preferencesCloseOn",
        'need' as kind, n.id::text as "entryId", n.title as label, rn.capacity as size, r.created_at
      from round_need rn join allocation_round r on r.id = rn.round_id join need n on n.id = rn.need_id
      where rn.status = 'invited' and r.status = 'draft' and n.organization_id = ${organizationId}::uuid
      union all
      select r.id::text, r.title, r.preferences_open_on::text, r.preferences_close_on::text,
        'cohort', c.id::text, c.major_code || ' · ' || c.year, rc.slots, r.created_at
      from round_cohort rc join allocation_round r on r.id = rc.round_id join cohort c on c.id = rc.cohort_id
      where rc.status = 'invited' and r.status = 'draft' and c.organization_id = ${organizationId}::uuid
    ) x order by created_at desc, label limit 200`);
}

/**
 * Draft rounds an organisation may join with its own needs or cohorts: rounds of consortia it is an active member
 * of, and commission rounds (no consortium) whose region is one of `regionCodes` (its own region and those above).
 */
export async function joinableRounds(db: Database, organizationId: string, regionCodes: readonly string[]) {
  return db.rows<{
    id: string;
    title: string;
    regionCode: string;
    consortiumId: string | null;
    preferencesOpenOn: string;
    preferencesCloseOn: string;
    resultsOn: string;
  }>(sql`
    select r.id::text, r.title, r.region_code as "regionCode", r.consortium_id::text as "consortiumId",
      r.preferences_open_on::text as "preferencesOpenOn", r.preferences_close_on::text as "preferencesCloseOn", r.results_on::text as "resultsOn"
    from allocation_round r
    where r.status = 'draft' and (
      (r.consortium_id is null and r.region_code = any(${textArray([...regionCodes])}))
      or r.consortium_id in (select cm.consortium_id from consortium_member cm join consortium k on k.id = cm.consortium_id
        where cm.organization_id = ${organizationId}::uuid and cm.status = 'active' and k.status = 'active'))
    order by r.created_at desc limit 100`);
}

/** The round's needs with what the hard rules and the UI need: the accepted ones, or every one (`all`: invitations too). */
export async function roundNeedsOf(db: Executor, roundId: string, which: 'accepted' | 'all' = 'accepted') {
  return ormOf(db)
    .select({
      needId: roundNeeds.needId,
      capacity: roundNeeds.capacity,
      acceptUnranked: roundNeeds.acceptUnranked,
      ranking: roundNeeds.ranking,
      status: roundNeeds.status,
      rankedAt: roundNeeds.rankedAt,
      title: needs.title,
      kind: needs.kind,
      organizationId: needs.organizationId,
      organizationName: organizations.name,
      majorCodes: needs.majorCodes,
      regionCode: needs.regionCode,
      periodFrom: needs.periodFrom,
      periodTo: needs.periodTo,
    })
    .from(roundNeeds)
    .innerJoin(needs, eq(needs.id, roundNeeds.needId))
    .innerJoin(organizations, eq(organizations.id, needs.organizationId))
    .where(and(eq(roundNeeds.roundId, roundId), which === 'accepted' ? eq(roundNeeds.status, 'accepted') : undefined))
    .orderBy(asc(organizations.name), asc(needs.title));
}

/** The round's cohorts with their schools and ranked needs: the accepted ones, or every one (`all`). */
export async function roundCohortsOf(db: Executor, roundId: string, which: 'accepted' | 'all' = 'accepted') {
  return ormOf(db)
    .select({
      cohortId: roundCohorts.cohortId,
      slots: roundCohorts.slots,
      submittedAt: roundCohorts.submittedAt,
      status: roundCohorts.status,
      organizationId: cohorts.organizationId,
      organizationName: organizations.name,
      majorCode: cohorts.majorCode,
      level: cohorts.level,
      year: cohorts.year,
      windowFrom: cohorts.windowFrom,
      windowTo: cohorts.windowTo,
      regionCodes: cohorts.regionCodes,
      preferences: sql<
        string[]
      >`coalesce((select array_agg(p.need_id::text order by p.rank) from round_preference p where p.round_id = ${roundCohorts.roundId} and p.cohort_id = ${roundCohorts.cohortId}), '{}')`,
    })
    .from(roundCohorts)
    .innerJoin(cohorts, eq(cohorts.id, roundCohorts.cohortId))
    .innerJoin(organizations, eq(organizations.id, cohorts.organizationId))
    .where(and(eq(roundCohorts.roundId, roundId), which === 'accepted' ? eq(roundCohorts.status, 'accepted') : undefined))
    .orderBy(asc(organizations.name), asc(cohorts.majorCode), asc(cohorts.id));
}

/** Replaces a cohort's ranked needs (the caller holds the round's row lock). */
export async function replacePreferences(tx: Drizzle, roundId: string, cohortId: string, needIds: readonly string[]) {
  await tx.delete(roundPreferences).where(and(eq(roundPreferences.roundId, roundId), eq(roundPreferences.cohortId, cohortId)));
  if (needIds.length) await tx.insert(roundPreferences).values(needIds.map((needId, i) => ({ roundId, cohortId, needId, rank: i + 1 })));
  await tx
    .update(roundCohorts)
    .set({ submittedAt: new Date() })
    .where(and(eq(roundCohorts.roundId, roundId), eq(roundCohorts.cohortId, cohortId)));
}

export async function setRanking(tx: Drizzle, roundId: string, needId: string, ranking: readonly string[], acceptUnranked: boolean) {
  await tx
    .update(roundNeeds)
    .set({ ranking: [...ranking], acceptUnranked, rankedAt: new Date() })
    .where(and(eq(roundNeeds.roundId, roundId), eq(roundNeeds.needId, needId)));
}

export type NewRoundResult = typeof roundResults.$inferInsert;

const RESULT_BATCH = 10_000;

/**
 * Writes a round's results afresh (inside the caller's transaction). Each batch travels as one JSON parameter
 * expanded by jsonb_to_recordset: at 50,000 slots that is several times faster than multi-row VALUES with
 * eight parameters a row.
 */
export async function replaceResults(tx: Drizzle, roundId: string, rows: readonly NewRoundResult[]) {
  await tx.delete(roundResults).where(eq(roundResults.roundId, roundId));
  for (let i = 0; i < rows.length; i += RESULT_BATCH) {
    const batch = rows.slice(i, i + RESULT_BATCH).map((r) => ({
      c: r.cohortId,
      s: r.slot,
      n: r.needId ?? null,
      k: r.choice ?? null,
      r: r.reason ?? null,
      o: r.choices ?? null,
      l: r.lottery,
    }));
    await tx.execute(sql`insert into round_result (round_id, cohort_id, slot, need_id, choice, reason, choices, lottery)
      select ${roundId}::uuid, x.c, x.s, x.n, x.k, x.r, x.o, x.l from jsonb_to_recordset(${JSON.stringify(batch)}::jsonb) as x(c uuid, s int, n uuid, k int, r text, o jsonb, l bigint)`);
  }
}

/** Placed students by cohort and need, with the choice they got. */
export async function placedGroups(db: Executor, roundId: string) {
  return ormOf(db)
    .select({
      cohortId: roundResults.cohortId,
      needId: sql<string>`${roundResults.needId}::text`,
      choice: sql<number>`min(${roundResults.choice})::int`,
      students: sql<number>`count(*)::int`,
    })
    .from(roundResults)
    .where(and(eq(roundResults.roundId, roundId), sql`${roundResults.needId} is not null`))
    .groupBy(roundResults.cohortId, roundResults.needId)
    .orderBy(asc(roundResults.cohortId), asc(roundResults.needId));
}

/** Unplaced students by cohort and reason, with one example of the per-choice outcomes (the same for a cohort's slots with one reason). */
export async function unplacedGroups(db: Executor, roundId: string) {
  return ormOf(db)
    .select({
      cohortId: roundResults.cohortId,
      reason: sql<string>`${roundResults.reason}`,
      students: sql<number>`count(*)::int`,
      choices: sql<unknown>`(array_agg(${roundResults.choices} order by ${roundResults.slot}))[1]`,
    })
    .from(roundResults)
    .where(and(eq(roundResults.roundId, roundId), sql`${roundResults.needId} is null`))
    .groupBy(roundResults.cohortId, roundResults.reason)
    .orderBy(asc(roundResults.cohortId), asc(roundResults.reason));
}

export async function needsByIds(db: Database, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return db.orm
    .select()
    .from(needs)
    .where(inArray(needs.id, [...ids]));
}

export async function cohortsByIds(db: Database, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return db.orm
    .select()
    .from(cohorts)
    .where(inArray(cohorts.id, [...ids]));
}

/**
 * Published internship and order-class needs with places left in the round's region (or under it), and open
 * cohorts that may go there (`regionPath`: the round's region and the regions above it), not yet in the round.
 * For a consortium's round, only its active members' (issue 18).
 */
export async function roundCandidates(
  db: Database,
  round: { id: string; regionCode: string; consortiumId: string | null },
  regionPath: readonly string[],
) {
  const regionCodes = [round.regionCode];
  const members = (alias: string) =>
    round.consortiumId === null
      ? sql``
      : sql`and ${sql.raw(alias)}.organization_id in (select cm.organization_id from consortium_member cm where cm.consortium_id = ${round.consortiumId}::uuid and cm.status = 'active')`;
  const needRows = await db.rows<{
    id: string;
    title: string;
    organizationName: string;
    kind: string;
    left: number;
    regionCode: string;
  }>(sql`
    select n.id::text as id, n.title, o.name as "organizationName", n.kind, (n.headcount - n.accepted)::int as "left", n.region_code as "regionCode"
    from need n join organization o on o.id = n.organization_id join region r on r.code = n.region_code
    where n.status = 'published' and n.kind in ('internship', 'order_class') and n.headcount > n.accepted
      and (n.region_code = any(${textArray(regionCodes)}) or r.parent_code = any(${textArray(regionCodes)}) or (r.province_code || '0000') = any(${textArray(regionCodes)}))
      and o.status = 'verified' ${members('n')}
      and not exists (select 1 from round_need rn where rn.round_id = ${round.id}::uuid and rn.need_id = n.id)
    order by o.name, n.title limit 500`);
  const cohortRows = await db.rows<{ id: string; organizationName: string; majorCode: string; students: number; year: number }>(sql`
    select c.id::text as id, o.name as "organizationName", c.major_code as "majorCode", c.students, c.year
    from cohort c join organization o on o.id = c.organization_id
    where c.status = 'open' and c.region_codes && ${textArray(regionPath)} and o.status = 'verified' ${members('c')}
      and not exists (select 1 from round_cohort rc where rc.round_id = ${round.id}::uuid and rc.cohort_id = c.id)
    order by o.name, c.major_code limit 500`);
  return { needs: needRows, cohorts: cohortRows };
}
