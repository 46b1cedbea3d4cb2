import { sql } from 'drizzle-orm';
import type { Database } from '@ronghe/db/client';

// Where the database's time goes without pg_stat_statements (it needs shared_preload_libraries, so a server restart)
// or log_min_duration_statement (a server-wide setting on a shared server): pg_stat_activity sampled every few ms on
// a connection of its own. A statement seen active in k samples took about k × interval of some backend's time;
// the longest it had been running when seen is a lower bound of its slowest run.

/**
 * `working`: samples not waiting on the client (wait event type Client, e.g. ClientRead: the backend has the statement
 * but waits for the API process to send or read the rest of the exchange, which on a busy machine is the API's CPU,
 * not the database's). Sorted by working samples.
 */
export type QuerySample = {
  query: string;
  samples: number;
  working: number;
  estMs: number;
  workingMs: number;
  share: number;
  maxSeenMs: number;
  waits: Record<string, number>;
};
export type ActivitySummary = { intervalMs: number; polls: number; activeSamples: number; workingSamples: number; queries: QuerySample[] };

const normalise = (query: string) => query.replace(/\s+/g, ' ').trim();

export function sampleActivity(db: Database, database: string, intervalMs = 20): { stop: () => Promise<ActivitySummary> } {
  const seen = new Map<string, { samples: number; working: number; maxSeenMs: number; waits: Map<string, number> }>();
  let polls = 0;
  let activeSamples = 0;
  let workingSamples = 0;
  let running = true;
  const loop = (async () => {
    while (running) {
      const started = performance.now();
      try {
        const rows = await db.rows<{ query: string; ms: number; wait: string | null }>(sql`
          select query, (extract(epoch from clock_timestamp() - query_start) * 1000)::float8 as ms,
            case when wait_event_type is null then null else wait_event_type || ':' || wait_event end as wait
          from pg_stat_activity
          where datname = ${database} and state = 'active' and pid <> pg_backend_pid() and backend_type = 'client backend'`);
        polls += 1;
        for (const row of rows) {
          const key = normalise(row.query);
          const entry = seen.get(key) ?? { samples: 0, working: 0, maxSeenMs: 0, waits: new Map<string, number>() };
          entry.samples += 1;
          if (!row.wait?.startsWith('Client:')) {
            entry.working += 1;
            workingSamples += 1;
          }
          entry.maxSeenMs = Math.max(entry.maxSeenMs, Number(row.ms) || 0);
          if (row.wait) entry.waits.set(row.wait, (entry.waits.get(row.wait) ?? 0) + 1);
          seen.set(key, entry);
          activeSamples += 1;
        }
      } catch {
        // the database going away at the end of a run is not a finding
      }
      const left = intervalMs - (performance.now() - started);
      if (left > 0) await new Promise((resolve) => setTimeout(resolve, left));
    }
  })();
  return {
    stop: async () => {
      running = false;
      await loop;
      const queries = [...seen.entries()]
        .map(([query, e]) => ({
          query,
          samples: e.samples,
          working: e.working,
          estMs: e.samples * intervalMs,
          workingMs: e.working * intervalMs,
          share: workingSamples > 0 ? e.working / workingSamples : 0,
          maxSeenMs: e.maxSeenMs,
          waits: Object.fromEntries([...e.waits.entries()].sort((a, b) => b[1] - a[1])),
        }))
        .sort((a, b) => b.working - a.working || b.samples - a.samples);
      return { intervalMs, polls, activeSamples, workingSamples, queries };
    },
  };
}
