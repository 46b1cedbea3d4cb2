import { createDb } from '@ronghe/db/client';
import { sql } from 'drizzle-orm';

/**
 * On PostgreSQL runs (DATABASE_URL set), a fresh database for one test file and a function that
 * drops it; on PGlite runs, no URL (the server opens its own data folder).
 */
export async function testDatabaseUrl(): Promise<{ url: string | undefined; drop: () => Promise<void> }> {
  const base = process.env.DATABASE_URL;
  if (!base) return { url: undefined, drop: async () => {} };
  const name = `ronghe_srv_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = await createDb({ engine: 'postgres', url: base, max: 1 });
  await admin.rows(sql.raw(`create database "${name}"`));
  const url = new URL(base);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      await admin.rows(sql.raw(`drop database if exists "${name}" with (force)`));
      await admin.close();
    },
  };
}
