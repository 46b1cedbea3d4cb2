import { prepareDatabase, seedDemo } from '@ronghe/db/seed';
import { openConfiguredDatabase } from './database.ts';

// npm run db:seed — (re)loads the demo data, updating demo rows in place.
const db = await openConfiguredDatabase();
try {
  await prepareDatabase(db, { demo: false });
  const { organizations } = await seedDemo(db, { force: true });
  process.stdout.write(`demo data loaded on ${db.engine}: ${organizations} organisations\n`);
} finally {
  await db.close();
}
