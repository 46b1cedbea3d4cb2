import { migrate } from '@ronghe/db/migrate';
import { syncReference } from '@ronghe/db/seed';
import { openConfiguredDatabase } from './database.ts';

// npm run db:migrate — applies committed migrations and refreshes reference data.
const db = await openConfiguredDatabase();
try {
  await migrate(db);
  await syncReference(db);
  process.stdout.write(`migrations applied on ${db.engine}\n`);
} finally {
  await db.close();
}
