import { and, asc, desc, eq, inArray, or, sql } from 'drizzle-orm';
import type { Database, Drizzle } from '../client.ts';
import { cooperationProjects, needApplications, needs, organizations, placements, projectMilestones } from '../schema/index.ts';
import { alias } from 'drizzle-orm/pg-core';

// Placements, cooperation projects and invitations: what follows an accepted match.

export type PlacementRow = typeof placements.$inferSelect;
export type ProjectRow = typeof cooperationProjects.$inferSelect;

/** Gives `n` held or accepted places of a need back; a filled need opens again. */
export async function releasePlaces(tx: Drizzle, needId: string, n: number): Promise<void> {
  if (n <= 0) return;
  await tx
    .update(needs)
    .set({
      accepted: sql`${needs.accepted} - ${n}`,
      status: sql`case when ${needs.status} = 'filled' then 'published' else ${needs.status} end`,
      updatedAt: new Date(),
    })
    .where(eq(needs.id, needId));
}

/**
 * Invitations past their expiry, marked expired in one statement, their places given back. Runs from the
 * housekeeping of every server process: the UPDATE … WHERE status = 'invited' takes each row once, whoever runs first.
 */
export async function expireInvitations(db: Database, now: Date): Promise<number> {
  return db.orm.transaction(async (tx: Drizzle) => {
    const expired = await tx
      .update(needApplications)
      .set({ status: 'expired', reason: '', decidedAt: now, updatedAt: now })
      .where(and(eq(needApplications.status, 'invited'), sql`${needApplications.expiresAt} < ${now.toISOString()}::timestamptz`))
      .returning({ needId: needApplications.needId, students: needApplications.students });
    const byNeed = new Map<string, number>();
    for (const e of expired) byNeed.set(e.needId, (byNeed.get(e.needId) ?? 0) + e.students);
    for (const [needId, n] of [...byNeed].sort(([a], [b]) => a.localeCompare(b))) await releasePlaces(tx, needId, n);
    return expired.length;
  });
}

export async function insertPlacement(tx: Drizzle, values: typeof placements.$inferInsert) {
  const [row] = await tx.insert(placements).values(values).returning();
  if (!row) throw new Error('insert returned no row');
  return row;
}

export async function lockPlacement(tx: Drizzle, id: string) {
  const [row] = await tx.select().from(placements).where(eq(placements.id, id)).for('update');
  return row ?? null;
}

export async function updatePlacement(tx: Drizzle, id: string, set: Partial<typeof placements.$inferInsert>) {
  const [row] = await tx
    .update(placements)
    .set({ ...set, updatedAt: new Date() })
    .where(eq(placements.id, id))
    .returning();
  return row ?? null;
}

const enterprise = alias(organizations, 'enterprise');
const school = alias(organizations, 'school');

/** An organisation's placements on either side (or all, for admins), soonest first. */
export async function listPlacements(db: Database, organizationId: string | null) {
  return db.orm
    .select({
      id: placements.id,
      needId: placements.needId,
      needTitle: needs.title,
      enterpriseId: placements.enterpriseId,
      enterpriseName: enterprise.name,
      schoolId: placements.schoolId,
      schoolName: school.name,
      students: placements.students,
      periodFrom: placements.periodFrom,
      periodTo: placements.periodTo,
      status: placements.status,
      agreementStatus: placements.agreementStatus,
      agreementReference: placements.agreementReference,
      agreementSignedOn: placements.agreementSignedOn,
      agreementConfirmedAt: placements.agreementConfirmedAt,
      agreementFileId: placements.agreementFileId,
    })
    .from(placements)
    .innerJoin(needs, eq(needs.id, placements.needId))
    .innerJoin(enterprise, eq(enterprise.id, placements.enterpriseId))
    .innerJoin(school, eq(school.id, placements.schoolId))
    .where(organizationId ? or(eq(placements.enterpriseId, organizationId), eq(placements.schoolId, organizationId)) : undefined)
    .orderBy(asc(placements.periodFrom), asc(placements.id))
    .limit(1000);
}

export async function insertProject(tx: Drizzle, values: typeof cooperationProjects.$inferInsert, milestones: readonly string[]) {
  const [row] = await tx.insert(cooperationProjects).values(values).returning();
  if (!row) throw new Error('insert returned no row');
  if (milestones.length)
    await tx.insert(projectMilestones).values(milestones.map((title, i) => ({ projectId: row.id, position: i + 1, title })));
  return row;
}

export async function lockProject(tx: Drizzle, id: string) {
  const [row] = await tx.select().from(cooperationProjects).where(eq(cooperationProjects.id, id)).for('update');
  return row ?? null;
}

export async function updateProject(tx: Drizzle, id: string, set: Partial<typeof cooperationProjects.$inferInsert>) {
  await tx
    .update(cooperationProjects)
    .set({ ...set, updatedAt: new Date() })
    .where(eq(cooperationProjects.id, id));
}

const projectColumns = {
  id: cooperationProjects.id,
  needId: cooperationProjects.needId,
  kind: cooperationProjects.kind,
  title: cooperationProjects.title,
  size: cooperationProjects.size,
  status: cooperationProjects.status,
  enterpriseId: cooperationProjects.enterpriseId,
  enterpriseName: enterprise.name,
  schoolId: cooperationProjects.schoolId,
  schoolName: school.name,
  createdAt: cooperationProjects.createdAt,
  completedAt: cooperationProjects.completedAt,
  milestones: sql<number>`(select count(*)::int from project_milestone m where m.project_id = ${cooperationProjects.id})`,
  milestonesDone: sql<number>`(select count(*)::int from project_milestone m where m.project_id = ${cooperationProjects.id} and m.done_at is not null)`,
};

/** An organisation's projects on either side (or all, for admins), newest first. */
export async function listProjects(db: Database, organizationId: string | null) {
  return db.orm
    .select(projectColumns)
    .from(cooperationProjects)
    .innerJoin(enterprise, eq(enterprise.id, cooperationProjects.enterpriseId))
    .innerJoin(school, eq(school.id, cooperationProjects.schoolId))
    .where(
      organizationId
        ? or(eq(cooperationProjects.enterpriseId, organizationId), eq(cooperationProjects.schoolId, organizationId))
        : undefined,
    )
    .orderBy(desc(cooperationProjects.createdAt), asc(cooperationProjects.id))
    .limit(1000);
}

export async function getProject(db: Database, id: string) {
  const [row] = await db.orm
    .select(projectColumns)
    .from(cooperationProjects)
    .innerJoin(enterprise, eq(enterprise.id, cooperationProjects.enterpriseId))
    .innerJoin(school, eq(school.id, cooperationProjects.schoolId))
    .where(eq(cooperationProjects.id, id));
  if (!row) return null;
  const milestones = await db.orm
    .select({
      id: projectMilestones.id,
      position: projectMilestones.position,
      title: projectMilestones.title,
      dueOn: projectMilestones.dueOn,
      doneAt: projectMilestones.doneAt,
    })
    .from(projectMilestones)
    .where(eq(projectMilestones.projectId, id))
    .orderBy(asc(projectMilestones.position));
  return { ...row, milestoneList: milestones };
}

/** Appends a milestone after the last one (the project row is locked by the caller, so positions do not collide). */
export async function appendMilestone(tx: Drizzle, projectId: string, title: string, dueOn: string | null) {
  const [last] = await tx
    .select({ n: sql<number>`coalesce(max(${projectMilestones.position}), 0)::int` })
    .from(projectMilestones)
    .where(eq(projectMilestones.projectId, projectId));
  const [row] = await tx
    .insert(projectMilestones)
    .values({ projectId, position: (last?.n ?? 0) + 1, title, dueOn })
    .returning({ id: projectMilestones.id });
  if (!row) throw new Error('insert returned no row');
  return row;
}

export async function getMilestone(tx: Drizzle, id: string) {
  const [row] = await tx.select().from(projectMilestones).where(eq(projectMilestones.id, id));
  return row ?? null;
}

/** Marks a milestone done; returns how many of the project's milestones remain open. */
export async function completeMilestone(tx: Drizzle, id: string, projectId: string, userId: string): Promise<number> {
  await tx.update(projectMilestones).set({ doneAt: new Date(), doneBy: userId }).where(eq(projectMilestones.id, id));
  const [row] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(projectMilestones)
    .where(and(eq(projectMilestones.projectId, projectId), sql`${projectMilestones.doneAt} is null`));
  return row?.n ?? 0;
}

/** Completed projects by kind (the monitoring's courses T10 and textbooks T11 count these). */
export async function completedProjectsByKind(db: Database, kinds: readonly string[]) {
  return db.orm
    .select({ kind: cooperationProjects.kind, n: sql<number>`count(*)::int` })
    .from(cooperationProjects)
    .where(
      and(
        eq(cooperationProjects.status, 'completed'),
        inArray(cooperationProjects.kind, [...kinds] as (typeof cooperationProjects.kind.enumValues)[number][]),
      ),
    )
    .groupBy(cooperationProjects.kind);
}
