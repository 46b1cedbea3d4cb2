import { resolve } from 'node:path';
import { restorePglite, restorePostgres } from '@ronghe/db/backup';
import { readEnv, redactUrl } from '../env.ts';

// npm run db:restore -- FILE
// PGlite: replaces the data folder (the old one is kept beside it as …-before-restore-<time>); stop the server first.
// PostgreSQL (DATABASE_URL): pg_restore --clean in one transaction.
const env = readEnv();
const arg = process.argv[2];
if (!arg) {
  process.stderr.write('usage: npm run db:restore -- FILE\n');
  process.exit(2);
}
const file = resolve(arg);
try {
  if (env.DATABASE_URL) {
    restorePostgres(env.DATABASE_URL, file);
    process.stdout.write(`${redactUrl(env.DATABASE_URL)} restored from ${file}\n`);
  } else {
    const { previous } = await restorePglite(file, env.RONGHE_DATA_DIR);
    process.stdout.write(`${env.RONGHE_DATA_DIR} restored from ${file}${previous ? `; the folder it replaced is at ${previous}` : ''}\n`);
  }
} catch (error) {
  process.stderr.write(`restore failed: ${(error as Error).message}\n`);
  process.exit(1);
}
