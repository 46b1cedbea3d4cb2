import { and, asc, eq, sql } from 'drizzle-orm';
import type { Database, Drizzle } from '../client.ts';
import { cohorts, needs, organizations, roundCohorts, roundNeeds, roundPreferences } from '../schema/index.ts';
import { ormOf, type Executor } from './sql.ts';

// Who takes part in a 双选 round: its needs and cohorts, their invitations, the cohorts' preferences and the needs' rankings.

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
      select r.id::text as "roundId", r.title as "roundTitle",
        r.preferences_open_on::text as "preferencesOpenOn", r.preferences_close_on::text as "preferencesCloseOn",
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
      preferences: sql<string[]>`coalesce((select array_agg(p.need_id::text order by p.rank) from round_preference p
        where p.round_id = ${roundCohorts.roundId} and p.cohort_id = ${roundCohorts.cohortId}), '{}')`,
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
