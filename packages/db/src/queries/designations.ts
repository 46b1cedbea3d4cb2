import { asc, eq, inArray } from 'drizzle-orm';
import type { ClusterDesignation, SchoolDesignation } from '@ronghe/domain/monitoring';
import type { Database, Drizzle } from '../client.ts';
import { majorClusters, majors, organizations } from '../schema/index.ts';
import { ormOf, type Executor } from './sql.ts';

// School designations (T04–T06, T08) and 高水平专业群 (T07, T09): the rows admins set and anyone reads.

/** The organisation's kind and designations, or null when there is none with this id. */
export async function schoolDesignationsOf(db: Executor, id: string) {
  const [row] = await ormOf(db)
    .select({ id: organizations.id, kind: organizations.kind, designations: organizations.designations })
    .from(organizations)
    .where(eq(organizations.id, id));
  return row ?? null;
}

/** Locks the organisation row while its designations change, and returns its kind and designations. */
export async function lockSchoolDesignations(tx: Drizzle, id: string) {
  const [row] = await tx
    .select({ id: organizations.id, kind: organizations.kind, designations: organizations.designations })
    .from(organizations)
    .where(eq(organizations.id, id))
    .for('update');
  return row ?? null;
}

export async function setDesignations(tx: Drizzle, id: string, designations: SchoolDesignation[]) {
  await tx.update(organizations).set({ designations, updatedAt: new Date() }).where(eq(organizations.id, id));
}

/** A school's clusters, national before Beijing, then by name, with the names of their majors. */
export async function listClusters(db: Database, schoolId: string) {
  const rows = await db.orm
    .select({
      id: majorClusters.id,
      name: majorClusters.name,
      designation: majorClusters.designation,
      majorCodes: majorClusters.majorCodes,
      designatedOn: majorClusters.designatedOn,
    })
    .from(majorClusters)
    .where(eq(majorClusters.schoolId, schoolId))
    .orderBy(asc(majorClusters.designation), asc(majorClusters.name));
  const codes = [...new Set(rows.flatMap((r) => r.majorCodes))];
  const names =
    codes.length > 0 ? await db.orm.select({ code: majors.code, name: majors.name }).from(majors).where(inArray(majors.code, codes)) : [];
  const nameOf = new Map(names.map((m) => [m.code, m.name]));
  // 'beijing' sorts before 'national': the national list comes first on the page
  const rank = (d: ClusterDesignation) => (d === 'national' ? 0 : 1);
  return rows
    .sort((a, b) => rank(a.designation) - rank(b.designation))
    .map((r) => ({ ...r, majors: r.majorCodes.map((code) => ({ code, name: nameOf.get(code) ?? '' })) }));
}

export type NewMajorCluster = typeof majorClusters.$inferInsert;

export async function insertCluster(tx: Drizzle, values: NewMajorCluster) {
  const [row] = await tx.insert(majorClusters).values(values).returning();
  if (!row) throw new Error('insert returned no row');
  return row;
}

/** Deletes the cluster and returns what it was, or null when there was none. */
export async function deleteCluster(tx: Drizzle, id: string) {
  const [row] = await tx.delete(majorClusters).where(eq(majorClusters.id, id)).returning();
  return row ?? null;
}
