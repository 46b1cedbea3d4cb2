import { asc, inArray, sql } from 'drizzle-orm';
import type { Database } from '../client.ts';
import { industries, majorCategories, majors, planTargets, regions } from '../schema/index.ts';
import { ormOf, type Executor } from './sql.ts';

// Read by every page that picks a place: a prepared statement whose rows come from the driver as they are (aliased to
// the schema's keys), without building the query or mapping the rows each call.
const regionRows = sql`select code, name, level, parent_code as "parentCode", province_code as "provinceCode", statutory from ${regions} order by code`;
export const listRegions = (db: Database) => db.rows<typeof regions.$inferSelect>(regionRows, { prepare: true });

export const listMajorCategories = (db: Database) => db.orm.select().from(majorCategories).orderBy(asc(majorCategories.seq));

export const listMajors = (db: Database) => db.orm.select().from(majors).orderBy(asc(majors.code));

export const listIndustries = (db: Database) => db.orm.select().from(industries).orderBy(asc(industries.code));

export const listPlanTargets = (db: Database) => db.orm.select().from(planTargets).orderBy(asc(planTargets.code));

/** Which of these major codes are not in the catalogue. */
export async function unknownMajorCodes(db: Executor, codes: string[]): Promise<string[]> {
  if (codes.length === 0) return [];
  const found = await ormOf(db).select({ code: majors.code }).from(majors).where(inArray(majors.code, codes));
  const known = new Set(found.map((m) => m.code));
  return codes.filter((c) => !known.has(c));
}

/** The catalogue's names of these majors (those it has), in no set order. */
export async function majorNames(db: Executor, codes: string[]): Promise<Array<{ code: string; name: string }>> {
  if (codes.length === 0) return [];
  return ormOf(db).select({ code: majors.code, name: majors.name }).from(majors).where(inArray(majors.code, codes));
}
