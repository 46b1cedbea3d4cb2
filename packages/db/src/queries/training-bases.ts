import { asc, desc, eq, sql } from 'drizzle-orm';
import type { Database, Drizzle } from '../client.ts';
import {
  consortia,
  organizations,
  regions,
  trainingBaseCoBuilders,
  trainingBaseConsortia,
  trainingBaseRevisions,
  trainingBases,
} from '../schema/index.ts';
import { majorNames } from './reference.ts';
import { rowsOf, type Executor } from './sql.ts';
import { searchTextOf, tokensSql, type Searchable } from './training-base-search.ts';

export type TrainingBaseRow = typeof trainingBases.$inferSelect;
export type NewTrainingBase = typeof trainingBases.$inferInsert;

// ---- writes ---------------------------------------------------------------------------------

type BaseValues = Omit<NewTrainingBase, 'searchText' | 'searchTokens'> &
  Searchable &
  Pick<TrainingBaseRow, 'name' | 'description' | 'equipment'>;

export async function insertTrainingBase(tx: Drizzle, values: BaseValues) {
  const [row] = await tx
    .insert(trainingBases)
    .values({ ...values, searchText: searchTextOf(values), searchTokens: tokensSql(values) })
    .returning();
  if (!row) throw new Error('insert returned no row');
  return row;
}

export async function lockTrainingBase(tx: Drizzle, id: string) {
  const [row] = await tx.select().from(trainingBases).where(eq(trainingBases.id, id)).for('update');
  return row ?? null;
}

/** Updates a base and recomputes its search document from the merged record. */
export async function updateTrainingBase(tx: Drizzle, current: TrainingBaseRow, set: Partial<NewTrainingBase>) {
  const merged = { ...current, ...set } as TrainingBaseRow;
  const [row] = await tx
    .update(trainingBases)
    .set({ ...set, searchText: searchTextOf(merged), searchTokens: tokensSql(merged), updatedAt: new Date() })
    .where(eq(trainingBases.id, current.id))
    .returning();
  if (!row) throw new Error('update returned no row');
  return row;
}

export async function replaceCoBuilders(tx: Drizzle, baseId: string, organizationIds: string[]) {
  await tx.delete(trainingBaseCoBuilders).where(eq(trainingBaseCoBuilders.baseId, baseId));
  if (organizationIds.length)
    await tx.insert(trainingBaseCoBuilders).values(organizationIds.map((organizationId) => ({ baseId, organizationId })));
}

export async function replaceBaseConsortia(tx: Drizzle, baseId: string, consortiumIds: string[]) {
  await tx.delete(trainingBaseConsortia).where(eq(trainingBaseConsortia.baseId, baseId));
  if (consortiumIds.length) await tx.insert(trainingBaseConsortia).values(consortiumIds.map((consortiumId) => ({ baseId, consortiumId })));
}

export async function insertBaseRevision(tx: Drizzle, r: typeof trainingBaseRevisions.$inferInsert) {
  await tx.insert(trainingBaseRevisions).values(r);
}

// ---- reads ----------------------------------------------------------------------------------

export async function getTrainingBase(db: Database, id: string) {
  const [row] = await db.orm
    .select({
      b: trainingBases,
      ownerName: organizations.name,
      ownerKind: organizations.kind,
      regionName: regions.name,
      provinceCode: regions.provinceCode,
    })
    .from(trainingBases)
    .innerJoin(organizations, eq(organizations.id, trainingBases.ownerOrganizationId))
    .innerJoin(regions, eq(regions.code, trainingBases.regionCode))
    .where(eq(trainingBases.id, id));
  if (!row) return null;
  const [coBuilders, linked, majorRows] = await Promise.all([
    db.orm
      .select({ id: organizations.id, name: organizations.name, kind: organizations.kind })
      .from(trainingBaseCoBuilders)
      .innerJoin(organizations, eq(organizations.id, trainingBaseCoBuilders.organizationId))
      .where(eq(trainingBaseCoBuilders.baseId, id))
      .orderBy(asc(organizations.name)),
    db.orm
      .select({ id: consortia.id, name: consortia.name, kind: consortia.kind, status: consortia.status })
      .from(trainingBaseConsortia)
      .innerJoin(consortia, eq(consortia.id, trainingBaseConsortia.consortiumId))
      .where(eq(trainingBaseConsortia.baseId, id))
      .orderBy(asc(consortia.name)),
    majorNames(db, row.b.majorCodes),
  ]);
  const { searchText: _t, searchTokens: _k, ...base } = row.b;
  return {
    ...base,
    ownerName: row.ownerName,
    ownerKind: row.ownerKind,
    regionName: row.regionName,
    provinceCode: row.provinceCode,
    coBuilders,
    consortia: linked,
    majors: majorRows,
  };
}

/**
 * What a booking step needs of its base, with the row held FOR SHARE: approvals run side by side,
 * while an edit of the stations waits for them (and they for it).
 */
export async function shareTrainingBase(tx: Drizzle, id: string) {
  const [row] = await tx
    .select({
      id: trainingBases.id,
      name: trainingBases.name,
      ownerOrganizationId: trainingBases.ownerOrganizationId,
      stations: trainingBases.stations,
      status: trainingBases.status,
    })
    .from(trainingBases)
    .where(eq(trainingBases.id, id))
    .for('share');
  return row ?? null;
}

export async function listBasesOfOrganization(db: Database, organizationId: string) {
  return db.orm
    .select({
      id: trainingBases.id,
      kind: trainingBases.kind,
      name: trainingBases.name,
      status: trainingBases.status,
      stations: trainingBases.stations,
      regionCode: trainingBases.regionCode,
      openToPartners: trainingBases.openToPartners,
      updatedAt: trainingBases.updatedAt,
      pendingBookings: sql<number>`(select count(*)::int from base_booking bb where bb.base_id = ${trainingBases.id} and bb.status = 'requested')`,
    })
    .from(trainingBases)
    .where(eq(trainingBases.ownerOrganizationId, organizationId))
    .orderBy(desc(trainingBases.updatedAt));
}

export async function listBaseRevisions(db: Database, baseId: string) {
  return db.orm
    .select({
      id: trainingBaseRevisions.id,
      version: trainingBaseRevisions.version,
      at: trainingBaseRevisions.at,
      action: trainingBaseRevisions.action,
      changedFields: trainingBaseRevisions.changedFields,
    })
    .from(trainingBaseRevisions)
    .where(eq(trainingBaseRevisions.baseId, baseId))
    .orderBy(desc(trainingBaseRevisions.id));
}

/** Is the organisation a co-builder of the base or an active member of a consortium it serves? */
export async function isBaseInsider(db: Executor, baseId: string, organizationId: string): Promise<boolean> {
  const rows = await rowsOf(
    db,
    sql`
    select 1 from training_base_co_builder where base_id = ${baseId}::uuid and organization_id = ${organizationId}::uuid
    union all
    select 1 from training_base_consortium tc join consortium_member m on m.consortium_id = tc.consortium_id
      where tc.base_id = ${baseId}::uuid and m.organization_id = ${organizationId}::uuid and m.status = 'active'
    limit 1`,
  );
  return rows.length > 0;
}
