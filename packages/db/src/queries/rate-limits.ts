import { eq, lt, sql } from 'drizzle-orm';
import type { Database } from '../client.ts';
import { rateLimits } from '../schema/index.ts';

/** Counts one event against `key` in a fixed window; returns the count in the current window. Atomic across processes. */
export async function hitRateLimit(db: Database, key: string, windowSeconds: number): Promise<number> {
  const [row] = await db.orm
    .insert(rateLimits)
    .values({ key, count: 1 })
    .onConflictDoUpdate({
      target: rateLimits.key,
      set: {
        count: sql`case when ${rateLimits.windowStart} < now() - make_interval(secs => ${windowSeconds}) then 1 else ${rateLimits.count} + 1 end`,
        windowStart: sql`case when ${rateLimits.windowStart} < now() - make_interval(secs => ${windowSeconds}) then now() else ${rateLimits.windowStart} end`,
      },
    })
    .returning({ count: rateLimits.count });
  return row?.count ?? 1;
}

/** The count in the current window, without counting. */
export async function peekRateLimit(db: Database, key: string, windowSeconds: number): Promise<number> {
  const [row] = await db.orm
    .select({ count: rateLimits.count })
    .from(rateLimits)
    .where(sql`${rateLimits.key} = ${key} and ${rateLimits.windowStart} >= now() - make_interval(secs => ${windowSeconds})`);
  return row?.count ?? 0;
}

export async function resetRateLimit(db: Database, key: string): Promise<void> {
  await db.orm.delete(rateLimits).where(eq(rateLimits.key, key));
}

/** Deletes counters whose window started before `before` (they would restart at 1 anyway); the number deleted. */
export async function purgeRateLimits(db: Database, before: Date): Promise<number> {
  const gone = await db.orm.delete(rateLimits).where(lt(rateLimits.windowStart, before)).returning({ key: rateLimits.key });
  return gone.length;
}
