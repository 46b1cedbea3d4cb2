import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Database, Drizzle } from '../client.ts';
import { allocationRounds, cohorts, consortia, consortiumMembers, needs, organizationMembers } from '../schema/index.ts';
import { ormOf, textArray, type Executor } from './sql.ts';

// 双选 rounds: the round rows, who may see, organise or join them, and the candidates an organiser may invite.
// Who takes part is in round-participants.ts, the results in round-results.ts.

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
      : sql`(${allocationRounds.id} in (select rn.round_id from round_need rn join need n on n.id = rn.need_id where n.organization_id::text =
        any(${textArray(scope.organizationIds)}))
          or ${allocationRounds.id} in (select rc.round_id from round_cohort rc join cohort c on c.id = rc.cohort_id where c.organization_id::text =
            any(${textArray(scope.organizationIds)}))
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
      : sql`and ${sql.raw(alias)}.organization_id in (select cm.organization_id from consortium_member cm where cm.consortium_id =
        ${round.consortiumId}::uuid and cm.status = 'active')`;
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
      and (n.region_code = any(${textArray(regionCodes)}) or r.parent_code = any(${textArray(regionCodes)}) or (r.province_code || '0000') =
        any(${textArray(regionCodes)}))
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
