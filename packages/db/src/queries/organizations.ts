import { and, asc, count, eq, ilike, sql } from 'drizzle-orm';
import type { OrganizationKind } from '@ronghe/domain/organization';
import type { Database } from '../client.ts';
import { organizations, regions } from '../schema/index.ts';

/** Escapes LIKE wildcards so a user's `%` or `_` matches itself. */
export const likePattern = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export type OrganizationFilter = {
  kind?: OrganizationKind;
  provinceCode?: string;
  q?: string;
  /** keyset cursor: the last name and id of the previous page */
  after?: { name: string; id: string };
  limit: number;
};

export async function listOrganizations(db: Database, f: OrganizationFilter) {
  const conditions = [
    f.kind ? eq(organizations.kind, f.kind) : undefined,
    f.provinceCode ? eq(regions.provinceCode, f.provinceCode) : undefined,
    f.q ? and(sql`ronghe_bigrams(${organizations.name}) @> ronghe_bigrams(${f.q})`, ilike(organizations.name, likePattern(f.q))) : undefined,
    f.after ? sql`(${organizations.name}, ${organizations.id}) > (${f.after.name}, ${f.after.id})` : undefined,
  ];
  return db.orm
    .select({
      id: organizations.id,
      kind: organizations.kind,
      name: organizations.name,
      status: organizations.status,
      schoolLevel: organizations.schoolLevel,
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

/** Organisations per kind and province, for the home page. */
export async function countOrganizations(db: Database) {
  return db.orm
    .select({ kind: organizations.kind, provinceCode: regions.provinceCode, count: count() })
    .from(organizations)
    .innerJoin(regions, eq(regions.code, organizations.regionCode))
    .groupBy(organizations.kind, regions.provinceCode)
    .orderBy(asc(organizations.kind), asc(regions.provinceCode));
}

