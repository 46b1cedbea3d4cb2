import { and, desc, eq, sql } from 'drizzle-orm';
import type { Database, Drizzle } from '../client.ts';
import { needApplications, needs, organizations } from '../schema/index.ts';

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
  await tx
    .update(needApplications)
    .set({ ...set, updatedAt: new Date() })
    .where(eq(needApplications.id, id));
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

/** Organisations with an application or invitation still waiting on this need: the ones told of a material change. */
export async function pendingApplicantsOf(tx: Drizzle, needId: string): Promise<string[]> {
  const rows = await tx
    .selectDistinct({ organizationId: needApplications.organizationId })
    .from(needApplications)
    .where(and(eq(needApplications.needId, needId), sql`${needApplications.status} in ('applied', 'invited')`));
  return rows.map((r) => r.organizationId);
}
