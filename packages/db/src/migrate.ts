import { fileURLToPath } from 'node:url';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import type { Database } from './client.ts';

export const migrationsFolder = fileURLToPath(new URL('../migrations', import.meta.url));

// Any constant will do; it only has to be the same in every Ronghe process.
const MIGRATION_LOCK_KEY = 7_201_123_581;

/**
 * Applies the committed drizzle-kit migrations. drizzle's migrator takes no lock, so on PostgreSQL
 * several processes starting together would race: we hold an advisory lock on one reserved
 * connection around it.
 */
export async function migrate(database: Database): Promise<void> {
  const { client } = database;
  if (client.kind === 'pglite') {
    await migratePglite(drizzlePglite({ client: client.pglite }), { migrationsFolder });
    return;
  }
  const reserved = await client.sql.reserve();
  try {
    await reserved`select pg_advisory_lock(${MIGRATION_LOCK_KEY})`;
    try {
      await migratePostgres(drizzlePostgres({ client: client.sql }), { migrationsFolder });
    } finally {
      await reserved`select pg_advisory_unlock(${MIGRATION_LOCK_KEY})`;
    }
  } finally {
    reserved.release();
  }
}
