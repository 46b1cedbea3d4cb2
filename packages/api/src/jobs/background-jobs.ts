import { PgBoss, fromPglite, type ConstructorOptions } from 'pg-boss';
import type { Database } from '@ronghe/db/client';
import { dueOutboundMessages } from '@ronghe/db/queries/outbox';
import { dailyRun, expireOverdue, runHousekeeping, type HousekeepingRun, type Retention } from '../services/housekeeping.ts';
import { deliverMessage, DeliveryRetry, MAX_DELIVERY_ATTEMPTS, type Transports } from '../services/message-delivery.ts';
import { supplyDemandFigures, FIGURES_MAX_AGE_MS } from '../services/supply-demand.ts';

// Background jobs through pg-boss (docs/decisions/010-background-jobs.md). Schedules and queued jobs live
// in the database (schema `pgboss`), so with any number of server processes each scheduled run is sent once
// (pg-boss files a cron occurrence under a singleton key per minute) and taken by one worker (SKIP LOCKED).
// On PGlite the same queue runs inside the one process, on the PGlite instance drizzle uses.

export const JOB_QUEUES = { expire: 'ronghe-expire', daily: 'ronghe-daily' } as const;
export type JobQueue = (typeof JOB_QUEUES)[keyof typeof JOB_QUEUES];
/** one job per outbox message (services/notifier.ts); its retries are the message's delivery attempts */
export const DELIVER_QUEUE = 'ronghe-deliver';
/** queued messages without a job (sent before the queue was up, or whose job was lost): every minute */
const OUTBOX_SWEEP_QUEUE = 'ronghe-outbox-sweep';
const OUTBOX_SWEEP_CRON = '* * * * *';
/** a message claimed longer ago than this lost its worker: it is queued again */
const STALE_CLAIM_MS = 5 * 60_000;
export const JOB_TIME_ZONE = 'Asia/Shanghai';
/** expiries: every 10 minutes */
export const EXPIRE_CRON = '*/10 * * * *';
/** the indicator snapshot and task reminders: 00:05 in China, just after the day turns */
export const DAILY_CRON = '5 0 * * *';
/** start-up jobs of processes starting within this many seconds of each other are one job */
const STARTUP_SLOT_SECONDS = 60;

export type JobsOptions = {
  onError: (error: unknown) => void;
  /** a job finished in this process, with what it did */
  onDone?: (queue: JobQueue, result: object) => void;
  /** tests only: also send the expiry job every this many seconds (one per slot over all processes) */
  everySeconds?: number;
  /** providers for outbox messages; a channel without one keeps its messages held for admins */
  transports?: Transports;
  /** a delivery attempt finished in this process */
  onDelivery?: (id: string, outcome: string) => void;
  /** how long personal data is kept (RONGHE_AGREEMENT_RETENTION_DAYS); the defaults otherwise */
  retention?: Retention;
};

export type Jobs = {
  /** every step now, in this process (tests, an admin) */
  runOnce: () => Promise<HousekeepingRun>;
  /** queue one run; any process's worker takes it */
  enqueue: (queue: JobQueue) => Promise<string | null>;
  /** queue the delivery of an outbox message */
  deliver: (messageId: string) => Promise<void>;
  /** stops the timers and workers, waiting for a job in hand (the database stays open) */
  stop: () => Promise<void>;
};

function bossOptions(db: Database): ConstructorOptions {
  const common = { schema: 'pgboss', application_name: 'ronghe-jobs', persistWarnings: false, monitorVacuum: false } as const;
  if (db.client.kind === 'pglite') return { ...common, db: fromPglite(db.client.pglite), backend: 'pglite' };
  // a small pool of its own: pg-boss issues multi-statement blocks that need node-postgres semantics
  return { ...common, connectionString: db.client.url, max: 3 };
}

export async function startJobs(db: Database, opts: JobsOptions): Promise<Jobs> {
  const boss = new PgBoss(bossOptions(db));
  boss.on('error', opts.onError);
  // pg-boss installs and migrates its schema under its own advisory lock, so processes may start together
  await boss.start();
  const timers: NodeJS.Timeout[] = [];
  try {
    const queueOptions = { expireInSeconds: 600, retryLimit: 2, retryDelay: 60, deleteAfterSeconds: 7 * 86_400 };
    const pollingIntervalSeconds = opts.everySeconds ? 0.5 : 5;
    const handlers = { [JOB_QUEUES.expire]: () => expireOverdue(db), [JOB_QUEUES.daily]: () => dailyRun(db, opts.retention) };
    for (const [queue, run] of Object.entries(handlers) as Array<[JobQueue, () => Promise<object>]>) {
      await boss.createQueue(queue, queueOptions);
      await boss.work(queue, { pollingIntervalSeconds }, async () => {
        try {
          const result = await run();
          opts.onDone?.(queue, result);
          return result;
        } catch (error) {
          opts.onError(error); // pg-boss records it on the job and retries
          throw error;
        }
      });
    }
    // Deliveries: retried after 10 s, 20 s, 40 s… (with jitter) while attempts remain; a message is never sent twice
    // by two workers (deliverMessage claims it first).
    const deliveryOptions = { retryLimit: MAX_DELIVERY_ATTEMPTS, retryDelay: 10, retryBackoff: true, retryDelayMax: 600 };
    await boss.createQueue(DELIVER_QUEUE, { expireInSeconds: 120, deleteAfterSeconds: 7 * 86_400, ...deliveryOptions });
    await boss.work<{ id: string }>(DELIVER_QUEUE, { pollingIntervalSeconds: 0.5, batchSize: 1 }, async ([job]) => {
      if (!job) return null;
      const outcome = await deliverMessage(db, opts.transports ?? {}, job.data.id);
      opts.onDelivery?.(job.data.id, outcome);
      if (outcome === 'retry') throw new DeliveryRetry(`delivery of ${job.data.id} failed; retrying`);
      return { outcome };
    });
    await boss.createQueue(OUTBOX_SWEEP_QUEUE, queueOptions);
    await boss.work(OUTBOX_SWEEP_QUEUE, { pollingIntervalSeconds }, async () => {
      const due = await dueOutboundMessages(db, new Date(Date.now() - STALE_CLAIM_MS));
      // one job per message at a time, over every process (singletonKey)
      for (const id of due) await boss.send(DELIVER_QUEUE, { id }, { singletonKey: id, ...deliveryOptions });
      return { queued: due.length };
    });
    await boss.schedule(OUTBOX_SWEEP_QUEUE, OUTBOX_SWEEP_CRON, null, { tz: JOB_TIME_ZONE });
    await boss.send(OUTBOX_SWEEP_QUEUE, null, { singletonKey: 'startup', singletonSeconds: STARTUP_SLOT_SECONDS });
    await boss.schedule(JOB_QUEUES.expire, EXPIRE_CRON, null, { tz: JOB_TIME_ZONE });
    // a day the servers were down at 00:05 still gets its snapshot: the start-up run below, or `missed: once`
    await boss.schedule(JOB_QUEUES.daily, DAILY_CRON, null, { tz: JOB_TIME_ZONE, missed: 'once' });
    // the run at start-up, safe to repeat; processes starting within a minute share one job
    for (const queue of Object.values(JOB_QUEUES))
      await boss.send(queue, null, { singletonKey: 'startup', singletonSeconds: STARTUP_SLOT_SECONDS });

    if (opts.everySeconds) {
      const every = opts.everySeconds;
      const tick = () => void boss.send(JOB_QUEUES.expire, null, { singletonKey: 'every', singletonSeconds: every }).catch(opts.onError);
      timers.push(setInterval(tick, every * 1000));
    }
    // The supply-and-demand figures are an in-memory cache of each process (services/supply-demand.ts): a job
    // would warm only the process that ran it, so every process recounts its own on a timer of its own.
    // Counting writes nothing, so doing it N times is only N reads.
    const refresh = () => void supplyDemandFigures(db, { refresh: true }).catch(opts.onError);
    timers.push(setInterval(refresh, FIGURES_MAX_AGE_MS));
    refresh();
  } catch (error) {
    for (const t of timers) clearInterval(t);
    await boss.stop({ graceful: false }).catch(() => {});
    throw error;
  }
  for (const t of timers) t.unref();

  let stopping: Promise<void> | null = null;
  return {
    runOnce: () => runHousekeeping(db, opts.retention),
    enqueue: (queue) => boss.send(queue, null),
    deliver: async (id) => {
      await boss.send(DELIVER_QUEUE, { id }, { singletonKey: id, retryLimit: MAX_DELIVERY_ATTEMPTS, retryDelay: 10, retryBackoff: true });
    },
    stop: () => {
      stopping ??= (async () => {
        for (const t of timers) clearInterval(t);
        await boss.stop({ graceful: true, timeout: 10_000 });
      })();
      return stopping;
    },
  };
}
