import type { Database } from '@ronghe/db/client';
import { expireNeeds } from '@ronghe/db/queries/needs';
import { expireInvitations } from '@ronghe/db/queries/cooperation';
import { deleteUnattachedFiles } from '@ronghe/db/queries/files';
import { purgeRateLimits } from '@ronghe/db/queries/rate-limits';
import { blankOldMessageTexts, deleteExpiredAgreementScans } from '@ronghe/db/queries/retention';
import { addDays, todayInChina } from '@ronghe/domain/training-base';
import { snapshotIfMissing } from './monitoring.ts';
import { remindDueTasks } from './plan-tasks.ts';

// Work nobody asks for: published needs past their deadline expire by themselves, invitations left
// unanswered past their expiry give their places back, every indicator's value is recorded once a day and
// owners are reminded of task deadlines. The background jobs (../jobs/background-jobs.ts) run these steps
// through pg-boss, once per schedule over all server processes; each step is idempotent as well, so a
// repeated run (a retry, the run at start-up, an admin's) changes nothing twice.

export type ExpiryRun = { expiredNeeds: number; expiredInvitations: number };
export type DailyRun = {
  snapshotTaken: boolean;
  reminded: number;
  filesDeleted: number;
  counterRowsDeleted: number;
  /** agreement scans past their retention (RONGHE_AGREEMENT_RETENTION_DAYS after the placement ended) */
  agreementScansDeleted: number;
  messageTextsBlanked: number;
};

/** How long personal data is kept (issue 20, PIPL art. 19): the server's settings, with these defaults. */
export type Retention = { agreementDays: number };
export const DEFAULT_RETENTION: Retention = { agreementDays: 365 };
/** outbox texts (codes, links, notices) are blanked after this many days: what they carried is long spent */
export const MESSAGE_TEXT_DAYS = 30;
export type HousekeepingRun = ExpiryRun & DailyRun;

/** Invitations past their expiry and published needs past their deadline (every 10 minutes). */
export async function expireOverdue(db: Database): Promise<ExpiryRun> {
  const expiredInvitations = await expireInvitations(db, new Date());
  const expiredNeeds = await expireNeeds(db, todayInChina());
  return { expiredInvitations, expiredNeeds };
}

/**
 * Today's indicator snapshot (when missing) and task reminders (once a day, China time); uploads never attached
 * to a base or placement within a day, and rate-limit counters whose window ended a day ago, are deleted; agreement
 * scans past their retention are deleted (each written to the audit log) and old outbox texts blanked.
 */
export async function dailyRun(db: Database, retention: Retention = DEFAULT_RETENTION): Promise<DailyRun> {
  const today = todayInChina();
  const snapshotTaken = await snapshotIfMissing(db, today);
  const reminded = await remindDueTasks(db, today);
  const dayAgo = new Date(Date.now() - 24 * 3_600_000);
  const filesDeleted = await deleteUnattachedFiles(db, dayAgo);
  const counterRowsDeleted = await purgeRateLimits(db, dayAgo);
  const scans = await deleteExpiredAgreementScans(db, addDays(today, -retention.agreementDays));
  const messageTextsBlanked = await blankOldMessageTexts(db, new Date(Date.now() - MESSAGE_TEXT_DAYS * 86_400_000));
  return { snapshotTaken, reminded, filesDeleted, counterRowsDeleted, agreementScansDeleted: scans.length, messageTextsBlanked };
}

/** Every step now, in this process: for tests and an admin. */
export async function runHousekeeping(db: Database, retention: Retention = DEFAULT_RETENTION): Promise<HousekeepingRun> {
  return { ...(await expireOverdue(db)), ...(await dailyRun(db, retention)) };
}
