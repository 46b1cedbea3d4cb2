import { sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import { regions } from '@ronghe/domain/reference/regions';
import { majorCategories, majorCategoryOf, starterMajors } from '@ronghe/domain/reference/majors';
import { gaojingjianIndustries, industries } from '@ronghe/domain/reference/industries';
import { targets } from '@ronghe/domain/reference/targets';
import type { Database, Drizzle } from '../client.ts';
import * as schema from '../schema/index.ts';
import { syncPlanIndicators } from '../queries/monitoring.ts';

const levelOrder = { province: 0, prefecture: 1, county: 2 } as const;

/** `excluded.col` for every non-key column, so an upsert refreshes the row from the source. */
function refreshAll(table: PgTable, keys: string[]): Record<string, ReturnType<typeof sql>> {
  const set: Record<string, ReturnType<typeof sql>> = {};
  for (const [prop, column] of Object.entries(table as unknown as Record<string, { name?: string }>)) {
    if (typeof column?.name !== 'string' || keys.includes(prop)) continue;
    set[prop] = sql.raw(`excluded."${column.name}"`);
  }
  return set;
}

/** Upserts the reference data from packages/domain. Idempotent; runs at every start, in one transaction. */
export async function syncReference(database: Database): Promise<void> {
  await database.orm.transaction(async (tx: Drizzle) => {
    const sortedRegions = [...regions].sort((a, b) => levelOrder[a.level] - levelOrder[b.level]);
    await tx
      .insert(schema.regions)
      .values(sortedRegions)
      .onConflictDoUpdate({ target: schema.regions.code, set: refreshAll(schema.regions, ['code']) });

    await tx
      .insert(schema.majorCategories)
      .values(
        majorCategories.map((c) => ({
          seq: c.seq,
          name: c.name,
          codeZhongzhi: c.codes.zhongzhi,
          codeGaozhi: c.codes.gaozhi,
          codeBenke: c.codes.benke,
        })),
      )
      .onConflictDoUpdate({ target: schema.majorCategories.seq, set: refreshAll(schema.majorCategories, ['seq']) });

    await tx
      .insert(schema.majors)
      .values(
        starterMajors.map((m) => {
          const category = majorCategoryOf(m.code);
          if (!category) throw new Error(`starter major ${m.code} has no 专业大类`);
          return { ...m, categorySeq: category.seq };
        }),
      )
      .onConflictDoUpdate({ target: schema.majors.code, set: refreshAll(schema.majors, ['code']) });

    await tx
      .insert(schema.industries)
      .values([...industries])
      .onConflictDoUpdate({ target: schema.industries.code, set: refreshAll(schema.industries, ['code']) });

    await tx
      .insert(schema.gaojingjianIndustries)
      .values(gaojingjianIndustries.map((g, i) => ({ id: i + 1, ...g })))
      .onConflictDoUpdate({ target: schema.gaojingjianIndustries.id, set: refreshAll(schema.gaojingjianIndustries, ['id']) });

    await tx
      .insert(schema.planTargets)
      .values([...targets])
      .onConflictDoUpdate({ target: schema.planTargets.code, set: refreshAll(schema.planTargets, ['code']) });
    await syncPlanIndicators(tx);
  });
}
