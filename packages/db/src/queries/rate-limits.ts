import { eq, lt, sql } from 'drizzle-orm';
import type { Database } from '../client.ts';
import { rateLimits } from '../schema/index.ts';
import { ormOf, type Executor } from './sql.ts';

/** Counts one event against `key` in a fixed window; returns the count in the current window. Atomic across processes. */
export async function hitRateLimit(db: Database, key: string, windowSeconds: number): Promise<number> {
  return addToRateLimit(db, key, 1, windowSeconds);
}

/**
 * Adds `amount` (events, or units such as KiB) to `key` in a fixed window; returns the total in the current window.
 * Atomic; inside a transaction the counter's row stays locked until it ends, and a rollback takes the amount back.
 */
export async function addToRateLimit(db: Executor, key: string, amount: number, windowSeconds: number): Promise<number> {
  const [row] = await ormOf(db)
    .insert(rateLimits)
    .values({ key, count: amount })
    .onConflictDoUpdate({
      target: rateLimits.key,
      set: {
        count: sql`case when ${rateLimits.windowStart} < now() - make_interval(secs => ${windowSeconds}) then ${amount}::integer else
          ${rateLimits.count} + ${amount}::integer end`,
        windowStart: sql`case when ${rateLimits.windowStart} < now() - make_interval(secs => ${windowSeconds}) then now() else ${rateLimits.windowStart} end`,
      },
    })
    .returning({ count: rateLimits.count });
  return row?.count ?? amount;
}

export async function resetRateLimit(db: Database, key: string): Promise<void> {
  await db.orm.delete(rateLimits).where(eq(rateLimits.key, key));
}

/** Deletes counters whose window started before `before` (they would restart at 1 anyway); the number deleted. */
export async function purgeRateLimits(db: Database, before: Date): Promise<number> {
  const gone = await db.orm.delete(rateLimits).where(lt(rateLimits.windowStart, before)).returning({ key: rateLimits.key });
  return gone.length;
}
