import { createDb, type Database } from '@ronghe/db/client';
import { readEnv, redactUrl } from '../env.ts';

/** Opens the configured database for a one-off command (migrate, seed), or exits with one line. */
export async function openConfiguredDatabase(): Promise<Database> {
  try {
    const env = readEnv();
    const db = env.DATABASE_URL
      ? await createDb({ engine: 'postgres', url: env.DATABASE_URL, max: 2 })
      : await createDb({ engine: 'pglite', dataDir: env.RONGHE_DATA_DIR });
    if (!(await db.ping())) throw new Error(`cannot reach the database at ${redactUrl(env.DATABASE_URL ?? '')}`);
    return db;
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    process.exit(1);
  }
}
