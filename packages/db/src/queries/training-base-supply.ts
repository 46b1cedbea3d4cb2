import { eq, sql } from 'drizzle-orm';
import type { Database, Drizzle } from '../client.ts';
import { trainingBases } from '../schema/index.ts';
import { textArray } from './sql.ts';

/**
 * Recomputes the map figures of these map regions (all regions without an argument) from the
 * published bases. Takes a transaction-scoped advisory lock per region, in code order, so concurrent
 * writers recompute one after the other and each sees the other's committed rows.
 */
export async function refreshSupply(tx: Drizzle, mapRegionCodes?: string[]) {
  const codes = mapRegionCodes ? [...new Set(mapRegionCodes)].sort() : null;
  if (codes && codes.length === 0) return;
  const inScope = codes ? sql`and map_region_code = any(${textArray(codes)})` : sql``;
  if (codes)
    await tx.execute(
      sql`select pg_advisory_xact_lock(hashtext('training_base_supply:' || c)) from unnest(${textArray(codes)}) c order by c`,
    );
  else await tx.execute(sql`lock table training_base_supply in exclusive mode`);
  await tx.execute(sql`delete from training_base_supply where true ${inScope}`);
  await tx.execute(sql`
    insert into training_base_supply (map_region_code, dimension, value, count)
    select map_region_code, 'all', '', count(*)::int from training_base where status = 'published' ${inScope} group by 1
    union all
    select map_region_code, 'kind', kind, count(*)::int from training_base where status = 'published' ${inScope} group by 1, 3
    union all
    select map_region_code, 'open', '', count(*)::int from training_base where status = 'published' and open_to_partners ${inScope} group by 1
    union all
    select map_region_code, 'category', substr(t, 4), count(*)::int
      from training_base, unnest(search_tokens) t
      where status = 'published' and t like 'mc:%' ${inScope} group by 1, 3`);
}

/** The map's figures: published bases per map region for one dimension value. */
export async function supplyByRegion(db: Database, dimension: 'all' | 'kind' | 'category' | 'open', value = '') {
  return db.rows<{ mapRegionCode: string; count: number }>(
    sql`select map_region_code as "mapRegionCode", count from training_base_supply where dimension = ${dimension} and value = ${value}`,
    { prepare: true },
  );
}

/** Published bases per map region and major category: the supply layer (≈ 470 rows, read as they come: no ORM mapping). */
export async function supplyByCategory(db: Database) {
  return db.rows<{ mapRegionCode: string; category: number; count: number }>(
    sql`select map_region_code as "mapRegionCode", value::int as category, count from training_base_supply where dimension = 'category'`,
    { prepare: true },
  );
}

/** Published bases by kind and province: what T03 and the monitoring pages count. */
export async function baseStats(db: Database) {
  return db.orm
    .select({
      kind: trainingBases.kind,
      provinceCode: sql<string>`left(${trainingBases.mapRegionCode}, 2)`,
      count: sql<number>`count(*)::int`,
    })
    .from(trainingBases)
    .where(eq(trainingBases.status, 'published'))
    .groupBy(trainingBases.kind, sql`left(${trainingBases.mapRegionCode}, 2)`);
}
