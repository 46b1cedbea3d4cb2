import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Database } from '../client.ts';
import { appMeta } from '../schema/index.ts';

/** A random secret kept in the database, created once; every process of the installation reads the same one. */
export async function getOrCreateSecret(db: Database, key: string): Promise<string> {
  await db.orm
    .insert(appMeta)
    .values({ key, value: randomBytes(32).toString('base64url') })
    .onConflictDoNothing();
  const [row] = await db.orm.select({ value: appMeta.value }).from(appMeta).where(eq(appMeta.key, key));
  if (typeof row?.value !== 'string') throw new Error(`app_meta ${key} is not a string`);
  return row.value;
}
