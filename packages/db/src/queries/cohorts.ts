import { asc, eq, sql } from 'drizzle-orm';
import type { Database, Drizzle } from '../client.ts';
import { cohorts, needApplications, organizations } from '../schema/index.ts';
import { ormOf, type Executor } from './sql.ts';

export type CohortRow = typeof cohorts.$inferSelect;
export type NewCohort = typeof cohorts.$inferInsert;

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
  return db.orm
    .select()
    .from(cohorts)
    .where(eq(cohorts.organizationId, organizationId))
    .orderBy(asc(cohorts.year), asc(cohorts.majorCode))
    .limit(500);
}

/**
 * Locks a cohort row: 'update' for writes that change the cohort itself (edit, close), 'share' for writes that
 * commit its students (apply, invite, accept), so those never interleave with an edit's checks.
 */
export async function lockCohort(tx: Drizzle, id: string, mode: 'update' | 'share' = 'update') {
  const [row] = await tx.select().from(cohorts).where(eq(cohorts.id, id)).for(mode);
  return row ?? null;
}

export async function updateCohort(tx: Drizzle, id: string, set: Partial<NewCohort>) {
  const [row] = await tx
    .update(cohorts)
    .set({ ...set, updatedAt: new Date() })
    .where(eq(cohorts.id, id))
    .returning();
  return row ?? null;
}

/**
 * Students of a cohort already spoken for (accepted, or offered by an invitation still open), and how many
 * applications or invitations name it at all (any status but withdrawn or declined).
 */
export async function cohortCommitments(tx: Executor, cohortId: string): Promise<{ taken: number; commitments: number }> {
  const [row] = await ormOf(tx)
    .select({
      taken: sql<number>`coalesce(sum(case when ${needApplications.status} = 'invited' then ${needApplications.students}
        when ${needApplications.status} in ('accepted', 'partly_accepted') then ${needApplications.accepted} else 0 end), 0)::int`,
      commitments: sql<number>`count(*) filter (where ${needApplications.status} in ('applied', 'invited', 'accepted', 'partly_accepted'))::int`,
    })
    .from(needApplications)
    .where(eq(needApplications.cohortId, cohortId));
  return { taken: row?.taken ?? 0, commitments: row?.commitments ?? 0 };
}

/** A cohort with its school's name, place and contact (the caller decides what to mask). */
export async function getCohortDetail(db: Database, id: string) {
  const [row] = await db.orm
    .select({
      c: cohorts,
      organizationName: organizations.name,
      organizationRegionCode: organizations.regionCode,
      contactName: organizations.contactName,
      contactPhone: organizations.contactPhone,
    })
    .from(cohorts)
    .innerJoin(organizations, eq(organizations.id, cohorts.organizationId))
    .where(eq(cohorts.id, id));
  return row
    ? {
        ...row.c,
        organizationName: row.organizationName,
        organizationRegionCode: row.organizationRegionCode,
        contactName: row.contactName,
        contactPhone: row.contactPhone,
      }
    : null;
}
