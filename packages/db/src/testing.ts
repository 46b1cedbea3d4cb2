import postgres from 'postgres';
import { createDb, type Database, type Engine } from './client.ts';
import { prepareDatabase } from './seed/index.ts';

/** The engine tests must run on: postgres when DATABASE_URL is set, else PGlite. */
export const expectedTestEngine = (): Engine => (process.env.DATABASE_URL ? 'postgres' : 'pglite');

/**
 * A fresh, migrated database with reference data for one test file: in-memory PGlite, or, when
 * DATABASE_URL is set, a new database on that server that `close()` drops again.
 */
export async function createTestDb(opts: { demo?: boolean } = {}): Promise<Database> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    const db = await createDb({ engine: 'pglite', dataDir: 'memory' });
    await prepareDatabase(db, { demo: opts.demo ?? false });
    return db;
  }
  const name = `ronghe_test_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  const admin = postgres(url, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${name}"`);
  await admin.end();
  const testUrl = new URL(url);
  testUrl.pathname = `/${name}`;
  const db = await createDb({ engine: 'postgres', url: testUrl.toString(), max: 20 });
  await prepareDatabase(db, { demo: opts.demo ?? false });
  const close = db.close;
  return {
    ...db,
    close: async () => {
      await close();
      const dropper = postgres(url, { max: 1, onnotice: () => {} });
      await dropper.unsafe(`drop database if exists "${name}" with (force)`);
      await dropper.end();
    },
  };
}
