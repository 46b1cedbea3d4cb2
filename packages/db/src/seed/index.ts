import type { Database } from '../client.ts';
import { migrate } from '../migrate.ts';
import { seedDemo } from './demo.ts';
import { seedDemoBases } from './demo-bases.ts';
import { syncReference } from './reference.ts';

export { seedDemo, syncReference };

/** What every start does: migrate, sync reference data, and load demo data once. */
export async function prepareDatabase(database: Database, opts: { demo: boolean }): Promise<{ demoLoaded: boolean }> {
  await migrate(database);
  await syncReference(database);
  if (!opts.demo) return { demoLoaded: false };
  const { loaded } = await seedDemo(database);
  await seedDemoBases(database);
  return { demoLoaded: loaded };
}
