import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';
import { createDb, type Database, type Engine } from './client.ts';
import { prepareDatabase } from './seed/index.ts';

/** The engine tests must run on: postgres when DATABASE_URL is set, else PGlite. */
export const expectedTestEngine = (): Engine => (process.env.DATABASE_URL ? 'postgres' : 'pglite');

/**
 * Databases prepared once per test run (vitest globalSetup: prepareTestTemplates) that each test file copies instead
 * of migrating and loading reference data again: PGlite dumps in files, or PostgreSQL template databases. The
 * setup passes them to the test workers in RONGHE_TEST_TEMPLATES.
 */
export type TestTemplates = { engine: Engine; plain: string; demo: string };

const TEMPLATES_ENV = 'RONGHE_TEST_TEMPLATES';

function templatesFromEnv(): TestTemplates | null {
  const raw = process.env[TEMPLATES_ENV];
  if (!raw) return null;
  const parsed = JSON.parse(raw) as TestTemplates;
  return parsed.engine === expectedTestEngine() ? parsed : null;
}

/** For a vitest globalSetup: makes the templates, publishes them to the workers, and returns how to remove them. */
export async function prepareTestTemplates(): Promise<() => Promise<void>> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    const dir = mkdtempSync(join(tmpdir(), 'ronghe-test-templates-'));
    const db = await createDb({ engine: 'pglite', dataDir: 'memory' });
    const dump = async (name: string) => {
      if (db.client.kind !== 'pglite') throw new Error('expected PGlite');
      const file = join(dir, name);
      writeFileSync(file, new Uint8Array(await (await db.client.pglite.dumpDataDir('none')).arrayBuffer()));
      return file;
    };
    try {
      await prepareDatabase(db, { demo: false });
      const plain = await dump('plain.tar');
      await prepareDatabase(db, { demo: true });
      const demo = await dump('demo.tar');
      process.env[TEMPLATES_ENV] = JSON.stringify({ engine: 'pglite', plain, demo } satisfies TestTemplates);
    } finally {
      await db.close();
    }
    return async () => rmSync(dir, { recursive: true, force: true });
  }
  const stamp = `${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  const names = { plain: `ronghe_tpl_${stamp}`, demo: `ronghe_tpl_demo_${stamp}` };
  const admin = postgres(url, { max: 1, onnotice: () => {} });
  try {
    for (const [kind, name] of Object.entries(names)) {
      await admin.unsafe(`create database "${name}"`);
      const db = await createDb({ engine: 'postgres', url: databaseUrl(url, name), max: 2 });
      try {
        await prepareDatabase(db, { demo: kind === 'demo' });
      } finally {
        await db.close();
      }
    }
  } finally {
    await admin.end();
  }
  process.env[TEMPLATES_ENV] = JSON.stringify({ engine: 'postgres', ...names } satisfies TestTemplates);
  return async () => {
    const dropper = postgres(url, { max: 1, onnotice: () => {} });
    for (const name of Object.values(names)) await dropper.unsafe(`drop database if exists "${name}" with (force)`);
    await dropper.end();
  };
}

function databaseUrl(base: string, name: string): string {
  const url = new URL(base);
  url.pathname = `/${name}`;
  return url.toString();
}

/**
 * A fresh, migrated database with reference data (and the demo data when asked) for one test file: in-memory PGlite,
 * or, when DATABASE_URL is set, a new database on that server that `close()` drops again. Copied from the run's
 * templates when a globalSetup made them, else prepared from scratch.
 */
export async function createTestDb(opts: { demo?: boolean } = {}): Promise<Database> {
  const url = process.env.DATABASE_URL;
  const templates = templatesFromEnv();
  const template = templates ? (opts.demo ? templates.demo : templates.plain) : null;
  if (!url) {
    const db = await createDb({
      engine: 'pglite',
      dataDir: 'memory',
      loadDataDir: template ? new Blob([readFileSync(template)]) : undefined,
    });
    if (!template) await prepareDatabase(db, { demo: opts.demo ?? false });
    return db;
  }
  const name = `ronghe_test_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  const admin = postgres(url, { max: 1, onnotice: () => {} });
  await admin.unsafe(template ? `create database "${name}" template "${template}"` : `create database "${name}"`);
  await admin.end();
  const db = await createDb({ engine: 'postgres', url: databaseUrl(url, name), max: 20 });
  if (!template) await prepareDatabase(db, { demo: opts.demo ?? false });
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
