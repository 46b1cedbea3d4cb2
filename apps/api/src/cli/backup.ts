import { resolve } from 'node:path';
import { backupPglite, backupPostgres } from '@ronghe/db/backup';
import { readEnv, redactUrl } from '../env.ts';

// npm run db:backup -- [FILE]
// PGlite: a gzipped tar of the data folder (stop the server first: the folder's lock says so).
// PostgreSQL (DATABASE_URL): pg_dump in custom format, while the server runs.
const env = readEnv();
const stamp = new Date().toISOString().replace(/[:.]/g, '-').slice(0, 19);
const file = resolve(
  process.argv[2] ?? `backups/ronghe-${env.DATABASE_URL ? 'postgres' : 'pglite'}-${stamp}.${env.DATABASE_URL ? 'dump' : 'tar.gz'}`,
);
try {
  if (env.DATABASE_URL) backupPostgres(env.DATABASE_URL, file);
  else await backupPglite(env.RONGHE_DATA_DIR, file);
  process.stdout.write(`backup of ${env.DATABASE_URL ? redactUrl(env.DATABASE_URL) : env.RONGHE_DATA_DIR} written to ${file}\n`);
} catch (error) {
  process.stderr.write(`backup failed: ${(error as Error).message}\n`);
  process.exit(1);
}
