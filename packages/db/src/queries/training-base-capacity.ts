import { and, asc, eq, sql } from 'drizzle-orm';
import type { Database, Drizzle } from '../client.ts';
import { trainingBaseDays } from '../schema/index.ts';
import { ormOf, rowsOf, type Executor } from './sql.ts';

/** Booked stations and capacity per day in a range (days without bookings are absent). */
export async function bookedDays(db: Executor, baseId: string, from: string, to: string) {
  return ormOf(db)
    .select({ day: trainingBaseDays.day, booked: trainingBaseDays.booked, capacity: trainingBaseDays.capacity })
    .from(trainingBaseDays)
    .where(and(eq(trainingBaseDays.baseId, baseId), sql`${trainingBaseDays.day} between ${from}::date and ${to}::date`))
    .orderBy(asc(trainingBaseDays.day));
}

/** Days in the range on which `stations` more would not fit. */
export async function fullDays(
  db: Executor,
  baseId: string,
  from: string,
  to: string,
  stations: number,
  capacity: number,
): Promise<string[]> {
  const days = await bookedDays(db, baseId, from, to);
  const known = new Map(days.map((d) => [d.day, d]));
  const out: string[] = [];
  if (stations > capacity) return [from];
  for (const d of known.values()) if (d.booked + stations > d.capacity) out.push(d.day);
  return out;
}

/**
 * Adds `stations` to every day of the range. Fails with a CHECK violation
 * (training_base_day_within_capacity) when any day would exceed its capacity.
 */
export async function addBookedStations(tx: Drizzle, baseId: string, from: string, to: string, stations: number, capacity: number) {
  await tx.execute(sql`
    insert into training_base_day (base_id, day, booked, capacity)
    select ${baseId}::uuid, d::date, ${stations}::int, ${capacity}::int from generate_series(${from}::date, ${to}::date, interval '1 day') d
    on conflict (base_id, day) do update set booked = training_base_day.booked + excluded.booked`);
}

export async function releaseBookedStations(tx: Drizzle, baseId: string, from: string, to: string, stations: number) {
  await tx.execute(
    sql`update training_base_day set booked = booked - ${stations}::int where base_id = ${baseId}::uuid and day between ${from}::date and ${to}::date`,
  );
}

/** Sets the capacity of today's and later days to a base's new number of stations (CHECK fails when bookings exceed it). */
export async function setFutureCapacity(tx: Drizzle, baseId: string, today: string, stations: number) {
  await tx.execute(sql`update training_base_day set capacity = ${stations}::int where base_id = ${baseId}::uuid and day >= ${today}::date`);
}

export async function overbookedDays(tx: Drizzle, baseId: string, today: string, stations: number): Promise<string[]> {
  const rows = await rowsOf<{ day: string }>(
    tx,
    sql`select day::text as day from training_base_day where base_id = ${baseId}::uuid and day >= ${today}::date and booked > ${stations}::int order by day`,
  );
  return rows.map((r) => r.day);
}

/** Station-days booked in a range. */
export async function usedStationDays(db: Database, baseId: string, from: string, to: string): Promise<number> {
  const [row] = await db.orm
    .select({ used: sql<number>`coalesce(sum(${trainingBaseDays.booked}), 0)::int` })
    .from(trainingBaseDays)
    .where(and(eq(trainingBaseDays.baseId, baseId), sql`${trainingBaseDays.day} between ${from}::date and ${to}::date`));
  return row?.used ?? 0;
}
