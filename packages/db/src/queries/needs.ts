import { and, asc, desc, eq, sql } from 'drizzle-orm';
import { majorCategoryOf } from '@ronghe/domain/reference/majors';
import type { Database, Drizzle } from '../client.ts';
import { textArray } from './training-bases.ts';
import { cohorts, needApplications, needs, organizations, regions } from '../schema/index.ts';

export type NeedRow = typeof needs.$inferSelect;
export type NewNeed = typeof needs.$inferInsert;
export type CohortRow = typeof cohorts.$inferSelect;
export type NewCohort = typeof cohorts.$inferInsert;

/** The 专业大类 (sequence 1–19) of each major, without repeats. */
export function categoriesOf(majorCodes: readonly string[]): number[] {
  return [...new Set(majorCodes.map((c) => majorCategoryOf(c)?.seq).filter((s): s is number => s !== undefined))];
}

const intArray = (values: readonly number[]) => sql`${`{${values.join(',')}}`}::integer[]`;

export async function insertNeed(tx: Drizzle, values: NewNeed) {
  const [row] = await tx.insert(needs).values(values).returning();
  if (!row) throw new Error('insert returned no row');
  return row;
}

export async function lockNeed(tx: Drizzle, id: string) {
  const [row] = await tx.select().from(needs).where(eq(needs.id, id)).for('update');
  return row ?? null;
}

export async function updateNeed(tx: Drizzle, id: string, set: Partial<NewNeed>) {
  const [row] = await tx.update(needs).set({ ...set, updatedAt: new Date() }).where(eq(needs.id, id)).returning();
  return row ?? null;
}

export async function getNeed(db: Database, id: string) {
  const [row] = await db.orm
    .select({ n: needs, organizationName: organizations.name, organizationKind: organizations.kind, staffCount: organizations.staffCount, regionName: regions.name })
    .from(needs)
    .innerJoin(organizations, eq(organizations.id, needs.organizationId))
    .innerJoin(regions, eq(regions.code, needs.regionCode))
    .where(eq(needs.id, id));
  return row ? { ...row.n, organizationName: row.organizationName, organizationKind: row.organizationKind, staffCount: row.staffCount, regionName: row.regionName } : null;
}

export async function listNeedsOfOrganization(db: Database, organizationId: string) {
  return db.orm.select().from(needs).where(eq(needs.organizationId, organizationId)).orderBy(desc(needs.updatedAt)).limit(500);
}

/** Marks published needs past their deadline expired; returns how many. */
export async function expireNeeds(db: Database, today: string): Promise<number> {
  const rows = await db.orm
    .update(needs)
    .set({ status: 'expired', updatedAt: new Date() })
    .where(and(eq(needs.status, 'published'), sql`${needs.deadline} < ${today}::date`))
    .returning({ id: needs.id });
  return rows.length;
}

export async function insertCohort(tx: Drizzle, values: NewCohort) {
  const [row] = await tx.insert(cohorts).values(values).returning();
  if (!row) throw new Error('insert returned no row');
  return row;
}

export async function getCohort(db: Database, id: string) {
  const [row] = await db.orm
    .select({ c: cohorts, organizationName: organizations.name })
    .from(cohorts)
    .innerJoin(organizations, eq(organizations.id, cohorts.organizationId))
    .where(eq(cohorts.id, id));
  return row ? { ...row.c, organizationName: row.organizationName } : null;
}

export async function listCohortsOfOrganization(db: Database, organizationId: string) {
  return db.orm.select().from(cohorts).where(eq(cohorts.organizationId, organizationId)).orderBy(asc(cohorts.year), asc(cohorts.majorCode)).limit(500);
}

export type CohortCandidate = {
  id: string;
  organizationId: string;
  organizationName: string;
  regionCode: string;
  majorCode: string;
  level: string;
  year: number;
  students: number;
  windowFrom: string;
  windowTo: string;
  regionCodes: string[];
  consortiumIds: string[];
};

/**
 * Open cohorts that could answer a need: of one of its 专业大类 (any, when it names no majors), whose
 * window meets its period, that may go to its region. Exact majors first, then by students; capped.
 */
export async function cohortCandidates(db: Database, need: Pick<NeedRow, 'majorCodes' | 'majorCategories' | 'periodFrom' | 'periodTo' | 'regionCode'> & { regionPath: string[] }, limit: number) {
  return db.rows<CohortCandidate & Record<string, unknown>>(sql`
    select c.id, c.organization_id as "organizationId", o.name as "organizationName", o.region_code as "regionCode", c.major_code as "majorCode",
      c.level, c.year, c.students, c.window_from::text as "windowFrom", c.window_to::text as "windowTo", c.region_codes as "regionCodes",
      coalesce((select array_agg(m.consortium_id::text) from consortium_member m where m.organization_id = c.organization_id and m.status = 'active'), '{}') as "consortiumIds"
    from cohort c join organization o on o.id = c.organization_id
    where c.status = 'open'
      ${need.majorCategories.length ? sql`and c.major_category = any(${intArray(need.majorCategories)})` : sql``}
      ${need.periodFrom && need.periodTo ? sql`and c.window_to >= ${need.periodFrom}::date and c.window_from <= ${need.periodTo}::date` : sql``}
      and c.region_codes && ${textArray(need.regionPath)}
    order by (c.major_code = any(${textArray(need.majorCodes)})) desc, c.students desc, c.id
    limit ${limit}`);
}

export type NeedCandidate = {
  id: string;
  organizationId: string;
  organizationName: string;
  kind: string;
  title: string;
  regionCode: string;
  majorCodes: string[];
  headcount: number | null;
  accepted: number;
  periodFrom: string | null;
  periodTo: string | null;
  deadline: string;
  consortiumIds: string[];
};

/** Published needs, open to apply, of the cohort's 专业大类 (or naming no majors), in a region it may go to. */
export async function needCandidates(db: Database, cohort: Pick<CohortRow, 'majorCode' | 'majorCategory' | 'windowFrom' | 'windowTo' | 'regionCodes'>, today: string, limit: number) {
  return db.rows<NeedCandidate & Record<string, unknown>>(sql`
    select n.id, n.organization_id as "organizationId", o.name as "organizationName", n.kind, n.title, n.region_code as "regionCode", n.major_codes as "majorCodes",
      n.headcount, n.accepted, n.period_from::text as "periodFrom", n.period_to::text as "periodTo", n.deadline::text as deadline,
      coalesce((select array_agg(m.consortium_id::text) from consortium_member m where m.organization_id = n.organization_id and m.status = 'active'), '{}') as "consortiumIds"
    from need n join organization o on o.id = n.organization_id join region r on r.code = n.region_code
    where n.status = 'published' and n.deadline >= ${today}::date
      and (n.major_categories = '{}' ${cohort.majorCategory ? sql`or n.major_categories @> array[${cohort.majorCategory}]::integer[]` : sql``})
      and (n.period_from is null or (n.period_to >= ${cohort.windowFrom}::date and n.period_from <= ${cohort.windowTo}::date))
      and (n.region_code = any(${textArray(cohort.regionCodes)}) or r.parent_code = any(${textArray(cohort.regionCodes)})
        or (r.province_code || '0000') = any(${textArray(cohort.regionCodes)}))
    order by (${cohort.majorCode} = any(n.major_codes)) desc, n.published_at desc, n.id
    limit ${limit}`);
}

/** The consortia an organisation is an active member of. */
export async function organizationConsortia(db: Database, organizationId: string): Promise<string[]> {
  const rows = await db.rows<{ id: string }>(sql`select consortium_id::text as id from consortium_member where organization_id = ${organizationId}::uuid and status = 'active'`);
  return rows.map((r) => r.id);
}

export async function organizationRegion(db: Database, organizationId: string): Promise<string | null> {
  const [row] = await db.orm.select({ regionCode: organizations.regionCode }).from(organizations).where(eq(organizations.id, organizationId));
  return row?.regionCode ?? null;
}

export type NewApplication = typeof needApplications.$inferInsert;

export async function insertApplication(tx: Drizzle, values: NewApplication) {
  const [row] = await tx.insert(needApplications).values(values).returning();
  if (!row) throw new Error('insert returned no row');
  return row;
}

export async function lockApplication(tx: Drizzle, id: string) {
  const [row] = await tx.select().from(needApplications).where(eq(needApplications.id, id)).for('update');
  return row ?? null;
}

export async function updateApplication(tx: Drizzle, id: string, set: Partial<NewApplication>) {
  await tx.update(needApplications).set({ ...set, updatedAt: new Date() }).where(eq(needApplications.id, id));
}

/**
 * Adds accepted places to a need. Fails with a CHECK violation (need_accepted_within_headcount) when
 * the need would hold more than its headcount; marks it filled when it is full. Returns the new count.
 */
export async function addAccepted(tx: Drizzle, needId: string, n: number): Promise<{ accepted: number; headcount: number | null }> {
  const [row] = await tx
    .update(needs)
    .set({ accepted: sql`${needs.accepted} + ${n}`, status: sql`case when ${needs.headcount} = ${needs.accepted} + ${n} then 'filled' else ${needs.status} end`, updatedAt: new Date() })
    .where(eq(needs.id, needId))
    .returning({ accepted: needs.accepted, headcount: needs.headcount });
  if (!row) throw new Error('need vanished');
  return row;
}

/** Applications to a need (for the enterprise) or of an organisation (for the school), newest first. */
export async function listApplications(db: Database, side: { needId: string } | { organizationId: string }) {
  return db.orm
    .select({
      id: needApplications.id,
      needId: needApplications.needId,
      needTitle: needs.title,
      organizationId: needApplications.organizationId,
      organizationName: organizations.name,
      cohortId: needApplications.cohortId,
      students: needApplications.students,
      accepted: needApplications.accepted,
      message: needApplications.message,
      status: needApplications.status,
      direction: needApplications.direction,
      expiresAt: needApplications.expiresAt,
      reason: needApplications.reason,
      createdAt: needApplications.createdAt,
      decidedAt: needApplications.decidedAt,
    })
    .from(needApplications)
    .innerJoin(needs, eq(needs.id, needApplications.needId))
    .innerJoin(organizations, eq(organizations.id, needApplications.organizationId))
    .where('needId' in side ? eq(needApplications.needId, side.needId) : eq(needApplications.organizationId, side.organizationId))
    .orderBy(desc(needApplications.createdAt))
    .limit(1000);
}

/**
 * The need's row, unlocked: acceptances serialise on the update of `accepted` instead (a FOR SHARE here
 * would deadlock two acceptances that both then update the row).
 */
export async function readNeed(tx: Drizzle, id: string) {
  const [row] = await tx.select().from(needs).where(eq(needs.id, id));
  return row ?? null;
}

/**
 * Interns an enterprise has accepted on its other internship needs whose period meets [from, to], after
 * taking a transaction lock for the enterprise so that acceptances on its different needs add up one at a time.
 */
export async function lockAcceptedInternsElsewhere(tx: Drizzle, organizationId: string, needId: string, from: string | null, to: string | null): Promise<number> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext('need_interns:' || ${organizationId}))`);
  const [row] = await tx
    .select({ n: sql<number>`coalesce(sum(${needs.accepted}), 0)::int` })
    .from(needs)
    .where(
      and(
        eq(needs.organizationId, organizationId),
        eq(needs.kind, 'internship'),
        sql`${needs.id} <> ${needId}::uuid`,
        from && to ? sql`${needs.periodFrom} <= ${to}::date and ${needs.periodTo} >= ${from}::date` : undefined,
      ),
    );
  return row?.n ?? 0;
}

export async function staffCountOf(tx: Drizzle, organizationId: string): Promise<number | null> {
  const [row] = await tx.select({ staffCount: organizations.staffCount }).from(organizations).where(eq(organizations.id, organizationId));
  return row?.staffCount ?? null;
}
