import { createDb } from '@ronghe/db/client';
import { computeValues, listIndicators } from '@ronghe/db/queries/monitoring';
import { sql } from 'drizzle-orm';
const db = await createDb({ engine: 'postgres', url: process.argv[2]!, max: 2 });
const rows = await listIndicators(db);
for (let i = 0; i < 3; i++) { const t = performance.now(); await computeValues(db, rows); console.log('computeValues ms', (performance.now() - t).toFixed(1)); }
const { metricValueSql } = await import('@ronghe/db/queries/monitoring');
for (const r of rows) if (r.metric) { const t = performance.now(); await db.orm.execute(sql`select ${metricValueSql(r.metric, r.params, r)}`); console.log(r.code, r.metric, r.scope, (performance.now() - t).toFixed(1)); }
await db.close();
