import type { Database } from '@ronghe/db/client';
import { expireNeeds } from '@ronghe/db/queries/needs';
import { expireInvitations } from '@ronghe/db/queries/cooperation';
import { todayInChina } from '@ronghe/domain/training-base';
import { snapshotIfMissing } from './monitoring.ts';
import { remindDueTasks } from './plan-tasks.ts';
import { supplyDemandFigures } from './supply-demand.ts';

// Work nobody asks for: published needs past their deadline expire by themselves, invitations left
// unanswered past their expiry give their places back, every indicator's value is recorded once a day, owners
// are reminded of task deadlines, and the supply-and-demand figures are counted afresh for the map. Idempotent,
// so several server processes may each run it.

export type HousekeepingRun = { expiredNeeds: number; expiredInvitations: number; snapshotTaken: boolean; reminded: number };
export type Housekeeping = { runOnce: () => Promise<HousekeepingRun>; stop: () => void };

export function startHousekeeping(db: Database, onError: (error: unknown) => void, everyMs = 10 * 60_000): Housekeeping {
  const runOnce = async (): Promise<HousekeepingRun> => {
    const today = todayInChina();
    const expiredInvitations = await expireInvitations(db, new Date());
    const expiredNeeds = await expireNeeds(db, today);
    const snapshotTaken = await snapshotIfMissing(db, today);
    const reminded = await remindDueTasks(db, today);
    await supplyDemandFigures(db, { refresh: true });
    return { expiredInvitations, expiredNeeds, snapshotTaken, reminded };
  };
  const tick = () => void runOnce().catch(onError);
  const timer = setInterval(tick, everyMs);
  timer.unref();
  tick();
  return { runOnce, stop: () => clearInterval(timer) };
}
