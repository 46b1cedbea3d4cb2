import { and, asc, count, desc, eq, ilike, inArray, ne, or, sql } from 'drizzle-orm';
import {
  vouchedStatuses,
  type OrganizationKind,
  type OrganizationStatus,
  type SchoolLevel,
  type VouchedValues,
} from '@ronghe/domain/organization';
import { getRegion } from '@ronghe/domain/reference/regions';
import type { Database, Drizzle } from '../client.ts';
import { industries, majors, organizationMajors, organizations, regions, users } from '../schema/index.ts';
import { likePattern, ormOf, type Executor } from './sql.ts';

/** Organisations in a region at any level: a province, a Hebei prefecture with its counties, or one district. */
function inRegion(code: string) {
  const region = getRegion(code);
  if (!region) return sql`false`;
  if (region.level === 'province') return eq(regions.provinceCode, region.provinceCode);
  if (region.level === 'prefecture') return or(eq(organizations.regionCode, code), eq(regions.parentCode, code));
  return eq(organizations.regionCode, code);
}

export type OrganizationFilter = {
  kind?: OrganizationKind;
  provinceCode?: string;
  regionCode?: string;
  industryCode?: string;
  schoolLevel?: SchoolLevel;
  statuses?: OrganizationStatus[];
  q?: string;
  /** keyset cursor: the last name and id of the previous page */
  after?: { name: string; id: string };
  limit: number;
};

export async function listOrganizations(db: Database, f: OrganizationFilter) {
  const conditions = [
    f.kind ? eq(organizations.kind, f.kind) : undefined,
    f.provinceCode ? eq(regions.provinceCode, f.provinceCode) : undefined,
    f.regionCode ? inRegion(f.regionCode) : undefined,
    f.industryCode ? eq(organizations.industryCode, f.industryCode) : undefined,
    f.schoolLevel ? eq(organizations.schoolLevel, f.schoolLevel) : undefined,
    f.statuses ? inArray(organizations.status, f.statuses) : undefined,
    f.q
      ? and(sql`ronghe_bigrams(${organizations.name}) @> ronghe_bigrams(${f.q})`, ilike(organizations.name, likePattern(f.q)))
      : undefined,
    f.after ? sql`(${organizations.name}, ${organizations.id}) > (${f.after.name}, ${f.after.id})` : undefined,
  ];
  return db.orm
    .select({
      id: organizations.id,
      kind: organizations.kind,
      name: organizations.name,
      status: organizations.status,
      schoolLevel: organizations.schoolLevel,
      industryCode: organizations.industryCode,
      regionCode: organizations.regionCode,
      regionName: regions.name,
      provinceCode: regions.provinceCode,
      isDemo: organizations.isDemo,
    })
    .from(organizations)
    .innerJoin(regions, eq(regions.code, organizations.regionCode))
    .where(and(...conditions))
    .orderBy(asc(organizations.name), asc(organizations.id))
    .limit(f.limit);
}

/** Verified organisations per kind and province, for the home page. */
export async function countOrganizations(db: Database) {
  return db.orm
    .select({ kind: organizations.kind, provinceCode: regions.provinceCode, count: count() })
    .from(organizations)
    .innerJoin(regions, eq(regions.code, organizations.regionCode))
    .where(eq(organizations.status, 'verified'))
    .groupBy(organizations.kind, regions.provinceCode)
    .orderBy(asc(organizations.kind), asc(regions.provinceCode));
}

export type NewOrganization = typeof organizations.$inferInsert;

export async function insertOrganization(tx: Drizzle, values: NewOrganization, majorCodes: string[]) {
  const [row] = await tx.insert(organizations).values(values).returning();
  if (!row) throw new Error('insert returned no row');
  if (majorCodes.length > 0)
    await tx.insert(organizationMajors).values(majorCodes.map((majorCode) => ({ organizationId: row.id, majorCode })));
  return row;
}

export async function getOrganization(db: Database, id: string) {
  const [row] = await db.orm
    .select({
      org: organizations,
      regionName: regions.name,
      provinceCode: regions.provinceCode,
      industryName: industries.name,
    })
    .from(organizations)
    .innerJoin(regions, eq(regions.code, organizations.regionCode))
    .leftJoin(industries, eq(industries.code, organizations.industryCode))
    .where(eq(organizations.id, id));
  if (!row) return null;
  const orgMajors = await db.orm
    .select({ code: majors.code, name: majors.name })
    .from(organizationMajors)
    .innerJoin(majors, eq(majors.code, organizationMajors.majorCode))
    .where(eq(organizationMajors.organizationId, id))
    .orderBy(asc(majors.code));
  return { ...row.org, regionName: row.regionName, provinceCode: row.provinceCode, industryName: row.industryName, majors: orgMajors };
}

/** Locks the organisation row for a status change and returns it. */
export async function lockOrganization(tx: Drizzle, id: string) {
  const [row] = await tx.select().from(organizations).where(eq(organizations.id, id)).for('update');
  return row ?? null;
}

export async function setOrganizationStatus(tx: Drizzle, id: string, status: OrganizationStatus, reason: string | null) {
  const [row] = await tx
    .update(organizations)
    .set({ status, statusReason: reason, statusChangedAt: new Date(), updatedAt: new Date() })
    .where(eq(organizations.id, id))
    .returning();
  return row ?? null;
}

export type OrganizationChanges = Partial<
  Pick<
    NewOrganization,
    | 'address'
    | 'description'
    | 'contactName'
    | 'contactPhone'
    | 'name'
    | 'regionCode'
    | 'uscc'
    | 'schoolCode'
    | 'schoolLevel'
    | 'staffCount'
  >
>;

export async function updateOrganizationProfile(tx: Drizzle, id: string, data: OrganizationChanges) {
  const [row] = await tx
    .update(organizations)
    .set({ ...data, updatedAt: new Date() })
    .where(eq(organizations.id, id))
    .returning();
  return row ?? null;
}

/** The verification queue: oldest first; with who registered each and what they wrote, the admin's evidence. */
export async function listOrganizationsByStatus(db: Database, status: OrganizationStatus, limit: number) {
  return db.orm
    .select({
      id: organizations.id,
      kind: organizations.kind,
      name: organizations.name,
      status: organizations.status,
      uscc: organizations.uscc,
      schoolCode: organizations.schoolCode,
      regionName: regions.name,
      provinceCode: regions.provinceCode,
      address: organizations.address,
      description: organizations.description,
      contactName: organizations.contactName,
      contactPhone: organizations.contactPhone,
      registeredByName: users.name,
      registeredByEmail: users.email,
      registeredByPhone: users.phoneNumber,
      createdAt: organizations.createdAt,
      statusReason: organizations.statusReason,
    })
    .from(organizations)
    .innerJoin(regions, eq(regions.code, organizations.regionCode))
    .leftJoin(users, eq(users.id, organizations.createdByUserId))
    .where(eq(organizations.status, status))
    .orderBy(status === 'pending' ? asc(organizations.createdAt) : desc(organizations.statusChangedAt))
    .limit(limit);
}

/** Every organisation claiming one of these codes (pending, vouched for, or rejected), for the queue's side-by-side view. */
export async function listClaimsOfCodes(db: Database, codes: { usccs: string[]; schoolCodes: string[] }) {
  if (codes.usccs.length === 0 && codes.schoolCodes.length === 0) return [];
  return db.orm
    .select({
      id: organizations.id,
      name: organizations.name,
      status: organizations.status,
      uscc: organizations.uscc,
      schoolCode: organizations.schoolCode,
      regionName: regions.name,
      address: organizations.address,
      description: organizations.description,
      registeredByName: users.name,
      registeredByEmail: users.email,
      registeredByPhone: users.phoneNumber,
      createdAt: organizations.createdAt,
      statusReason: organizations.statusReason,
    })
    .from(organizations)
    .innerJoin(regions, eq(regions.code, organizations.regionCode))
    .leftJoin(users, eq(users.id, organizations.createdByUserId))
    .where(
      or(
        codes.usccs.length > 0 ? inArray(organizations.uscc, codes.usccs) : undefined,
        codes.schoolCodes.length > 0 ? inArray(organizations.schoolCode, codes.schoolCodes) : undefined,
      ),
    )
    .orderBy(asc(organizations.createdAt), asc(organizations.id));
}

/**
 * The organisation vouched for (verified or suspended) that already holds one of these values, other than `exceptId`:
 * which field collides, or null.
 */
export async function vouchedHolderOf(
  db: Executor,
  values: { uscc?: string | null; schoolCode?: string | null; name?: string; regionCode?: string },
  exceptId: string | null,
) {
  const checks: Array<{ field: 'uscc' | 'schoolCode' | 'name'; where: ReturnType<typeof eq> | undefined }> = [
    { field: 'uscc', where: values.uscc ? eq(organizations.uscc, values.uscc) : undefined },
    { field: 'schoolCode', where: values.schoolCode ? eq(organizations.schoolCode, values.schoolCode) : undefined },
    {
      field: 'name',
      where:
        values.name && values.regionCode
          ? and(eq(organizations.name, values.name), eq(organizations.regionCode, values.regionCode))
          : undefined,
    },
  ];
  for (const check of checks) {
    if (!check.where) continue;
    const [row] = await ormOf(db)
      .select({ id: organizations.id })
      .from(organizations)
      .where(and(check.where, inArray(organizations.status, [...vouchedStatuses]), exceptId ? ne(organizations.id, exceptId) : undefined))
      .limit(1);
    if (row) return { id: row.id, field: check.field };
  }
  return null;
}

/**
 * Locks, in id order, the organisation and every other one claiming its USCC or school code. Two admins verifying
 * two competing claims lock the same rows in the same order, so the second waits for the first instead of deadlocking.
 */
export async function lockClaims(tx: Drizzle, org: { id: string; uscc: string | null; schoolCode: string | null }) {
  return tx
    .select()
    .from(organizations)
    .where(
      or(
        eq(organizations.id, org.id),
        org.uscc ? eq(organizations.uscc, org.uscc) : undefined,
        org.schoolCode ? eq(organizations.schoolCode, org.schoolCode) : undefined,
      ),
    )
    .orderBy(asc(organizations.id))
    .for('update');
}

/** The vouched values of an organisation row, all of them. */
export const vouchedValuesOf = (o: typeof organizations.$inferSelect): Required<VouchedValues> => ({
  name: o.name,
  regionCode: o.regionCode,
  uscc: o.uscc,
  schoolCode: o.schoolCode,
  schoolLevel: o.schoolLevel,
  staffCount: o.staffCount,
});
