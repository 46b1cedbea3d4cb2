import type { Database } from '@ronghe/db/client';
import { expireNeeds } from '@ronghe/db/queries/needs';
import { expireInvitations } from '@ronghe/db/queries/cooperation';
import { deleteUnattachedFiles } from '@ronghe/db/queries/files';
import { purgeRateLimits } from '@ronghe/db/queries/rate-limits';
import { todayInChina } from '@ronghe/domain/training-base';
import { snapshotIfMissing } from './monitoring.ts';
import { remindDueTasks } from './plan-tasks.ts';

// Work nobody asks for: published needs past their deadline expire by themselves, invitations left
// unanswered past their expiry give their places back, every indicator's value is recorded once a day and
// owners are reminded of task deadlines. The background jobs (../jobs/background-jobs.ts) run these steps
// through pg-boss, once per schedule over all server processes; each step is idempotent as well, so a
// repeated run (a retry, the run at start-up, an admin's) changes nothing twice.

export type ExpiryRun = { expiredNeeds: number; expiredInvitations: number };
export type DailyRun = { snapshotTaken: boolean; reminded: number; filesDeleted: number; counterRowsDeleted: number };
export type HousekeepingRun = ExpiryRun & DailyRun;

/** Invitations past their expiry and published needs past their deadline (every 10 minutes). */
export async function expireOverdue(db: Database): Promise<ExpiryRun> {
  const expiredInvitations = await expireInvitations(db, new Date());
  const expiredNeeds = await expireNeeds(db, todayInChina());
  return { expiredInvitations, expiredNeeds };
}

/**
 * Today's indicator snapshot (when missing) and task reminders (once a day, China time); uploads never attached
 * to a base or placement within a day, and rate-limit counters whose window ended a day ago, are deleted.
 */
export async function dailyRun(db: Database): Promise<DailyRun> {
  const today = todayInChina();
  const snapshotTaken = await snapshotIfMissing(db, today);
  const reminded = await remindDueTasks(db, today);
  const dayAgo = new Date(Date.now() - 24 * 3_600_000);
  const filesDeleted = await deleteUnattachedFiles(db, dayAgo);
  const counterRowsDeleted = await purgeRateLimits(db, dayAgo);
  return { snapshotTaken, reminded, filesDeleted, counterRowsDeleted };
}

/** Every step now, in this process: for tests and an admin. */
export async function runHousekeeping(db: Database): Promise<HousekeepingRun> {
  return { ...(await expireOverdue(db)), ...(await dailyRun(db)) };
}
