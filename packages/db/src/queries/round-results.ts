import { and, asc, eq, sql } from 'drizzle-orm';
import type { Drizzle } from '../client.ts';
import { roundResults } from '../schema/index.ts';
import { ormOf, type Executor } from './sql.ts';

// A 双选 round's results: written afresh by the allocation, read back grouped for the round's report.

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
      select ${roundId}::uuid, x.c, x.s, x.n, x.k, x.r, x.o, x.l from jsonb_to_recordset(${JSON.stringify(batch)}::jsonb)
        as x(c uuid, s int, n uuid, k int, r text, o jsonb, l bigint)`);
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
