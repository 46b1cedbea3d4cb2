import { and, desc, eq, sql, type SQL } from 'drizzle-orm';
import { regions as referenceRegions } from '@ronghe/domain/reference/regions';
import type { Database, Drizzle } from '../client.ts';
import { auditLog, needs, organizations, regions, users } from '../schema/index.ts';
import { likePattern, textArray } from './sql.ts';
import type { NeedHit as NeedHitView } from '@ronghe/domain/need-rows';

export type NeedRow = typeof needs.$inferSelect;
export type NewNeed = typeof needs.$inferInsert;

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
  const [row] = await tx
    .update(needs)
    .set({ ...set, updatedAt: new Date() })
    .where(eq(needs.id, id))
    .returning();
  return row ?? null;
}

export async function getNeed(db: Database, id: string) {
  const [row] = await db.orm
    .select({
      n: needs,
      organizationName: organizations.name,
      organizationKind: organizations.kind,
      staffCount: organizations.staffCount,
      regionName: regions.name,
    })
    .from(needs)
    .innerJoin(organizations, eq(organizations.id, needs.organizationId))
    .innerJoin(regions, eq(regions.code, needs.regionCode))
    .where(eq(needs.id, id));
  return row
    ? {
        ...row.n,
        organizationName: row.organizationName,
        organizationKind: row.organizationKind,
        staffCount: row.staffCount,
        regionName: row.regionName,
      }
    : null;
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
export async function lockAcceptedInternsElsewhere(
  tx: Drizzle,
  organizationId: string,
  needId: string,
  from: string | null,
  to: string | null,
): Promise<number> {
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

/**
 * Adds accepted places to a need. Fails with a CHECK violation (need_accepted_within_headcount) when
 * the need would hold more than its headcount; marks it filled when it is full. Returns the new count.
 */
export async function addAccepted(tx: Drizzle, needId: string, n: number): Promise<{ accepted: number; headcount: number | null }> {
  const [row] = await tx
    .update(needs)
    .set({
      accepted: sql`${needs.accepted} + ${n}`,
      status: sql`case when ${needs.headcount} = ${needs.accepted} + ${n} then 'filled' else ${needs.status} end`,
      updatedAt: new Date(),
    })
    .where(eq(needs.id, needId))
    .returning({ accepted: needs.accepted, headcount: needs.headcount });
  if (!row) throw new Error('need vanished');
  return row;
}

/** A need's edits, newest first, from the audit log (what needs.update writes). */
export async function needHistory(db: Database, needId: string) {
  return db.orm
    .select({
      id: auditLog.id,
      at: auditLog.at,
      action: auditLog.action,
      before: auditLog.before,
      after: auditLog.after,
      actorName: users.name,
    })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorUserId))
    .where(and(eq(auditLog.entity, 'need'), eq(auditLog.entityId, needId)))
    .orderBy(desc(auditLog.id))
    .limit(200);
}

/** The regions a cohort may go to: those it names and those under them. */
export function regionsReachedFrom(codes: readonly string[]): string[] {
  const named = new Set(codes);
  return referenceRegions
    .filter((r) => named.has(r.code) || (r.parentCode !== null && named.has(r.parentCode)) || named.has(`${r.provinceCode}0000`))
    .map((r) => r.code);
}

export type NeedSearch = {
  kind?: NeedRow['kind'];
  /** a province, a Hebei prefecture or a district: needs in it or under it */
  regionCode?: string;
  /** a major code, or the start of one (2 digits: 专业大类, 4: 专业类) */
  major?: string;
  q?: string;
  sort: 'deadline' | 'newest';
  today: string;
  /** the sort key and id of the last row of the previous page */
  after?: [number, string];
  limit: number;
};

/** A hit as the API lists it (domain/need-rows.ts), less the places left (worked out from these), with its sort key. */
export type NeedHit = Omit<NeedHitView, 'remaining'> & { k1: number };

/**
 * Published needs still open to apply (not past their deadline, not filled), filtered and keyset-paginated.
 * Needs carry no bigram index, so a keyword is an ILIKE with % and _ taken literally (likePattern).
 */
export async function searchNeeds(db: Database, f: NeedSearch): Promise<NeedHit[]> {
  const k1 = f.sort === 'newest' ? sql`(-extract(epoch from n.published_at))::float8` : sql`(n.deadline - date '2000-01-01')::float8`;
  const parts: SQL[] = [sql`n.status = 'published'`, sql`n.deadline >= ${f.today}::date`];
  if (f.kind) parts.push(sql`n.kind = ${f.kind}`);
  if (f.regionCode) parts.push(sql`n.region_code = any(${textArray(regionsReachedFrom([f.regionCode]))})`);
  if (f.major)
    parts.push(
      f.major.length === 6
        ? sql`n.major_codes @> array[${f.major}::text]`
        : sql`exists (select 1 from unnest(n.major_codes) m where left(m, ${f.major.length}::int) = ${f.major})`,
    );
  if (f.q) parts.push(sql`(n.title ilike ${likePattern(f.q)} or n.description ilike ${likePattern(f.q)})`);
  if (f.after) parts.push(sql`(${k1}, n.id) > (${f.after[0]}::float8, ${f.after[1]}::uuid)`);
  const rows = await db.rows<Omit<NeedHit, 'publishedAt'> & { publishedAt: Date | string | null }>(sql`
    with hits as (
      select n.id, ${k1} as k1 from need n
      where ${sql.join(parts, sql` and `)}
      order by k1, n.id
      limit ${f.limit})
    select n.id, n.kind, n.title, o.name as "organizationName", n.region_code as "regionCode", r.name as "regionName", n.major_codes as "majorCodes",
      n.headcount, n.accepted, n.deadline::text as deadline, n.published_at as "publishedAt", h.k1
    from hits h join need n on n.id = h.id join organization o on o.id = n.organization_id join region r on r.code = n.region_code
    order by h.k1, h.id`);
  // raw rows: a timestamp comes back as text on one driver and a Date on the other
  return rows.map((r) => ({ ...r, k1: Number(r.k1), publishedAt: r.publishedAt === null ? null : new Date(r.publishedAt) }));
}
