import { and, asc, count, desc, eq, ilike, inArray, or, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { ConsortiumKind, ConsortiumLevel, ConsortiumRole, ConsortiumStatus } from '@ronghe/domain/consortium';
import { getRegion } from '@ronghe/domain/reference/regions';
import type { Database, Drizzle } from '../client.ts';
import {
  consortia,
  consortiumEvents,
  consortiumItems,
  consortiumMembers,
  industries,
  organizationMembers,
  organizations,
  regions,
} from '../schema/index.ts';
import { likePattern, ormOf, type Executor } from './sql.ts';

export type NewConsortium = typeof consortia.$inferInsert;
export type NewConsortiumMember = typeof consortiumMembers.$inferInsert;

export async function insertConsortium(tx: Drizzle, values: NewConsortium) {
  const [row] = await tx.insert(consortia).values(values).returning();
  if (!row) throw new Error('insert returned no row');
  return row;
}

export async function lockConsortium(tx: Drizzle, id: string) {
  const [row] = await tx.select().from(consortia).where(eq(consortia.id, id)).for('update');
  return row ?? null;
}

export async function updateConsortiumRow(tx: Drizzle, id: string, set: Partial<NewConsortium>) {
  const [row] = await tx
    .update(consortia)
    .set({ ...set, updatedAt: new Date() })
    .where(eq(consortia.id, id))
    .returning();
  return row ?? null;
}

/**
 * Recomputes the member figures the directory sorts and filters on from the active memberships:
 * counts by kind and the region codes (district, Hebei prefecture, province) members sit in.
 * Call it in the transaction that changes memberships; without an id it refreshes every consortium.
 */
export async function refreshMemberStats(tx: Drizzle, consortiumId?: string) {
  await tx.execute(sql`
    update consortium c set
      member_count = coalesce(s.n, 0),
      school_count = coalesce(s.schools, 0),
      enterprise_count = coalesce(s.enterprises, 0),
      partner_count = coalesce(s.partners, 0),
      member_regions = coalesce(s.regions, '{}')
    from consortium c2
    left join lateral (
      select count(*)::int as n,
        (count(*) filter (where o.kind = 'school'))::int as schools, (count(*) filter (where o.kind = 'enterprise'))::int as enterprises,
        (count(*) filter (where o.kind = 'partner'))::int as partners,
        array(select distinct x from unnest(array_agg(o.region_code) || array_agg(r.parent_code) || array_agg(r.province_code || '0000')) x
          where x is not null) as regions
      from consortium_member m
      join organization o on o.id = m.organization_id
      join region r on r.code = o.region_code
      where m.consortium_id = c2.id and m.status = 'active'
    ) s on true
    where c.id = c2.id ${consortiumId ? sql`and c2.id = ${consortiumId}` : sql``}`);
}

export async function insertConsortiumEvent(
  tx: Drizzle,
  e: { consortiumId: string; type: string; actorUserId: string | null; organizationId?: string | null; detail?: unknown },
) {
  await tx.insert(consortiumEvents).values({ ...e, organizationId: e.organizationId ?? null, detail: e.detail ?? null });
}

/** Inserts a membership unless the organisation already has one; returns the new row or null. */
export async function insertMembershipOnce(tx: Drizzle, values: NewConsortiumMember) {
  const [row] = await tx
    .insert(consortiumMembers)
    .values(values)
    .onConflictDoNothing({ target: [consortiumMembers.consortiumId, consortiumMembers.organizationId] })
    .returning();
  return row ?? null;
}

export async function lockMembership(tx: Drizzle, consortiumId: string, organizationId: string) {
  const [row] = await tx
    .select()
    .from(consortiumMembers)
    .where(and(eq(consortiumMembers.consortiumId, consortiumId), eq(consortiumMembers.organizationId, organizationId)))
    .for('update');
  return row ?? null;
}

export async function updateMembership(tx: Drizzle, id: string, set: Partial<NewConsortiumMember>) {
  await tx
    .update(consortiumMembers)
    .set({ ...set, updatedAt: new Date() })
    .where(eq(consortiumMembers.id, id));
}

/** The active leads with their organisations' kinds, locked so that leaving and submitting serialise. */
export async function lockActiveLeads(tx: Drizzle, consortiumId: string) {
  return tx
    .select({ organizationId: consortiumMembers.organizationId, kind: organizations.kind, partnerType: organizations.partnerType })
    .from(consortiumMembers)
    .innerJoin(organizations, eq(organizations.id, consortiumMembers.organizationId))
    .where(
      and(eq(consortiumMembers.consortiumId, consortiumId), eq(consortiumMembers.status, 'active'), eq(consortiumMembers.role, 'lead')),
    )
    .for('update', { of: consortiumMembers });
}

export async function getConsortium(db: Database, id: string) {
  const proposer = alias(organizations, 'proposer');
  const [row] = await db.orm
    .select({
      c: consortia,
      anchorRegionName: regions.name,
      anchorProvinceCode: regions.provinceCode,
      industryName: industries.name,
      proposerName: proposer.name,
    })
    .from(consortia)
    .innerJoin(regions, eq(regions.code, consortia.anchorRegionCode))
    .innerJoin(proposer, eq(proposer.id, consortia.proposedByOrganizationId))
    .leftJoin(industries, eq(industries.code, consortia.industryCode))
    .where(eq(consortia.id, id));
  return row
    ? {
        ...row.c,
        anchorRegionName: row.anchorRegionName,
        anchorProvinceCode: row.anchorProvinceCode,
        industryName: row.industryName,
        proposerName: row.proposerName,
      }
    : null;
}

/** Membership rows of every status, messages included: the caller (services/consortia.ts) decides who sees which. */
export async function listConsortiumMembers(db: Database, consortiumId: string) {
  return db.orm
    .select({
      organizationId: organizations.id,
      name: organizations.name,
      kind: organizations.kind,
      partnerType: organizations.partnerType,
      regionCode: organizations.regionCode,
      regionName: regions.name,
      regionParentCode: regions.parentCode,
      provinceCode: regions.provinceCode,
      role: consortiumMembers.role,
      councilPosition: consortiumMembers.councilPosition,
      status: consortiumMembers.status,
      message: consortiumMembers.message,
      joinedAt: consortiumMembers.joinedAt,
      createdAt: consortiumMembers.createdAt,
    })
    .from(consortiumMembers)
    .innerJoin(organizations, eq(organizations.id, consortiumMembers.organizationId))
    .innerJoin(regions, eq(regions.code, organizations.regionCode))
    .where(eq(consortiumMembers.consortiumId, consortiumId))
    .orderBy(asc(consortiumMembers.createdAt));
}

export async function listConsortiumEvents(db: Database, consortiumId: string) {
  return db.orm
    .select({
      id: consortiumEvents.id,
      at: consortiumEvents.at,
      type: consortiumEvents.type,
      organizationId: consortiumEvents.organizationId,
      organizationName: organizations.name,
      detail: consortiumEvents.detail,
    })
    .from(consortiumEvents)
    .leftJoin(organizations, eq(organizations.id, consortiumEvents.organizationId))
    .where(eq(consortiumEvents.consortiumId, consortiumId))
    .orderBy(asc(consortiumEvents.id));
}

export async function listConsortiumItems(db: Database, consortiumId: string) {
  return db.orm
    .select({ id: consortiumItems.id, kind: consortiumItems.kind, title: consortiumItems.title, description: consortiumItems.description })
    .from(consortiumItems)
    .where(eq(consortiumItems.consortiumId, consortiumId))
    .orderBy(asc(consortiumItems.createdAt));
}

export async function insertConsortiumItem(tx: Drizzle, values: typeof consortiumItems.$inferInsert) {
  const [row] = await tx.insert(consortiumItems).values(values).returning({ id: consortiumItems.id });
  return row;
}

export async function deleteConsortiumItem(tx: Drizzle, consortiumId: string, itemId: string) {
  const rows = await tx
    .delete(consortiumItems)
    .where(and(eq(consortiumItems.id, itemId), eq(consortiumItems.consortiumId, consortiumId)))
    .returning({ id: consortiumItems.id });
  return rows.length > 0;
}

export type ConsortiumFilter = {
  kind?: ConsortiumKind;
  level?: ConsortiumLevel;
  statuses: ConsortiumStatus[];
  industryCode?: string;
  /** consortia with an active member in this region (province, Hebei prefecture, or district) */
  regionCode?: string;
  q?: string;
  sort: 'members' | 'date';
  offset: number;
  limit: number;
};

/** The directory's filter as the parameters of its prepared statements (placeholders named as in directoryStatements). */
function directoryParams(f: ConsortiumFilter): Record<string, unknown> {
  const params: Record<string, unknown> = { limit: f.limit, offset: f.offset, kind: f.kind, level: f.level, industryCode: f.industryCode };
  f.statuses.forEach((status, i) => (params[`status${i}`] = status));
  if (f.regionCode) params.regionCode = f.regionCode;
  if (f.q) Object.assign(params, { q: f.q, pattern: likePattern(f.q) });
  return params;
}

/**
 * The directory's two statements (a page, and the count of all rows that match) for the filters that `f` sets, with
 * its values as placeholders. Each shape is built once per database and prepared: building them with the query
 * builder on every call took about a fifth of the CPU of a directory request (apps/bench foundation suite).
 */
function buildDirectoryStatements(orm: Drizzle, f: ConsortiumFilter, name: string) {
  // A consortium is in a region when an active member is: any level (province, Hebei prefecture, district).
  const inRegion = f.regionCode
    ? getRegion(f.regionCode)
      ? sql`${consortia.memberRegions} @> array[${sql.placeholder('regionCode')}]::text[]`
      : sql`false`
    : undefined;
  const where = and(
    inArray(
      consortia.status,
      f.statuses.map((_, i) => sql.placeholder(`status${i}`)),
    ),
    f.kind ? eq(consortia.kind, sql.placeholder('kind')) : undefined,
    f.level ? eq(consortia.level, sql.placeholder('level')) : undefined,
    f.industryCode ? eq(consortia.industryCode, sql.placeholder('industryCode')) : undefined,
    inRegion,
    f.q
      ? and(
          sql`ronghe_bigrams(${consortia.name}) @> ronghe_bigrams(${sql.placeholder('q')})`,
          ilike(consortia.name, sql.placeholder('pattern')),
        )
      : undefined,
  );
  const order = f.sort === 'members' ? [desc(consortia.memberCount), asc(consortia.id)] : [desc(consortia.createdAt), asc(consortia.id)];
  const columns = {
    id: consortia.id,
    kind: consortia.kind,
    level: consortia.level,
    name: consortia.name,
    status: consortia.status,
    industryCode: consortia.industryCode,
    anchorRegionCode: consortia.anchorRegionCode,
    memberCount: consortia.memberCount,
    schoolCount: consortia.schoolCount,
    enterpriseCount: consortia.enterpriseCount,
    partnerCount: consortia.partnerCount,
    createdAt: consortia.createdAt,
    // A keyword narrows the match to a few hundred rows: count them in the same scan (measured: p95 66 → 37 ms at
    // 10 clients). Without one, a top-N index scan plus a separate count is cheaper.
    total: f.q ? sql<number>`(count(*) over ())::int` : sql<number>`0`,
  };
  return {
    page: orm
      .select(columns)
      .from(consortia)
      .where(where)
      .orderBy(...order)
      .limit(sql.placeholder('limit'))
      .offset(sql.placeholder('offset'))
      .prepare(`${name}_page`),
    count: orm.select({ n: count() }).from(consortia).where(where).prepare(`${name}_count`),
  };
}

type DirectoryStatements = ReturnType<typeof buildDirectoryStatements>;
const directoryCache = new WeakMap<Drizzle, Map<string, DirectoryStatements>>();

function directoryStatements(orm: Drizzle, f: ConsortiumFilter): DirectoryStatements {
  const region = f.regionCode ? (getRegion(f.regionCode) ? 'r' : 'x') : '';
  const shape = `${f.statuses.length}${f.kind ? 'k' : ''}${f.level ? 'l' : ''}${f.industryCode ? 'i' : ''}${region}${f.q ? 'q' : ''}_${f.sort}`;
  let byShape = directoryCache.get(orm);
  if (!byShape) directoryCache.set(orm, (byShape = new Map()));
  let statements = byShape.get(shape);
  if (!statements) byShape.set(shape, (statements = buildDirectoryStatements(orm, f, `consortium_directory_${shape}`)));
  return statements;
}

/** The directory page, with member counts by kind for the rows on it. */
export async function listConsortia(db: Database, f: ConsortiumFilter) {
  const statements = directoryStatements(db.orm, f);
  const params = directoryParams(f);
  const countRows = async () => (await statements.count.execute(params))[0]?.n ?? 0;
  let rows;
  let total: number;
  if (f.q) {
    rows = await statements.page.execute(params);
    total = rows[0]?.total ?? (f.offset > 0 ? await countRows() : 0);
  } else {
    [rows, total] = await Promise.all([statements.page.execute(params), countRows()]);
  }
  return {
    total,
    items: rows.map(({ schoolCount, enterpriseCount, partnerCount, total: _total, ...r }) => ({
      ...r,
      counts: { school: schoolCount, enterprise: enterpriseCount, partner: partnerCount },
    })),
  };
}

/** Active consortia by kind, level and the province of their anchor: the figures T01/T02 are counted from. */
export async function consortiumStats(db: Database) {
  return db.orm
    .select({ kind: consortia.kind, level: consortia.level, provinceCode: regions.provinceCode, count: count() })
    .from(consortia)
    .innerJoin(regions, eq(regions.code, consortia.anchorRegionCode))
    .where(eq(consortia.status, 'active'))
    .groupBy(consortia.kind, consortia.level, regions.provinceCode);
}

/** Consortia an organisation belongs to or has applied to / been invited to. */
export async function listConsortiaOfOrganization(db: Database, organizationId: string) {
  return db.orm
    .select({
      id: consortia.id,
      name: consortia.name,
      kind: consortia.kind,
      status: consortia.status,
      role: consortiumMembers.role,
      membershipStatus: consortiumMembers.status,
    })
    .from(consortiumMembers)
    .innerJoin(consortia, eq(consortia.id, consortiumMembers.consortiumId))
    .where(
      and(
        eq(consortiumMembers.organizationId, organizationId),
        or(eq(consortiumMembers.status, 'active'), eq(consortiumMembers.status, 'applied'), eq(consortiumMembers.status, 'invited')),
      ),
    )
    .orderBy(asc(consortia.name));
}

/** Whether the user is an owner or manager of an organisation that is an active member of the consortium in one of `roles`. */
export async function managesConsortiumMember(
  db: Executor,
  consortiumId: string,
  userId: string,
  roles: readonly ConsortiumRole[],
): Promise<boolean> {
  const [row] = await ormOf(db)
    .select({ n: sql<number>`count(*)::int` })
    .from(consortiumMembers)
    .innerJoin(organizationMembers, eq(organizationMembers.organizationId, consortiumMembers.organizationId))
    .where(
      and(
        eq(consortiumMembers.consortiumId, consortiumId),
        inArray(consortiumMembers.role, [...roles]),
        eq(consortiumMembers.status, 'active'),
        eq(organizationMembers.userId, userId),
        inArray(organizationMembers.role, ['owner', 'manager']),
      ),
    );
  return (row?.n ?? 0) > 0;
}

/** Whether the organisation is an active member of the consortium. */
export async function isActiveMember(db: Executor, consortiumId: string, organizationId: string): Promise<boolean> {
  const [row] = await ormOf(db)
    .select({ id: consortiumMembers.id })
    .from(consortiumMembers)
    .where(
      and(
        eq(consortiumMembers.consortiumId, consortiumId),
        eq(consortiumMembers.organizationId, organizationId),
        eq(consortiumMembers.status, 'active'),
      ),
    );
  return !!row;
}
