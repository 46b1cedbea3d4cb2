import type { Database } from '@ronghe/db/client';
import { expireNeeds } from '@ronghe/db/queries/needs';
import { expireInvitations } from '@ronghe/db/queries/cooperation';
import { todayInChina } from '@ronghe/domain/training-base';

// Work nobody asks for: published needs past their deadline expire by themselves, and invitations left
// unanswered past their expiry give their places back. Idempotent, so
// several server processes may each run it.

export type Housekeeping = { runOnce: () => Promise<{ expiredNeeds: number; expiredInvitations: number }>; stop: () => void };

export function startHousekeeping(db: Database, onError: (error: unknown) => void, everyMs = 10 * 60_000): Housekeeping {
  const runOnce = async () => ({ expiredInvitations: await expireInvitations(db, new Date()), expiredNeeds: await expireNeeds(db, todayInChina()) });
  const tick = () => void runOnce().catch(onError);
  const timer = setInterval(tick, everyMs);
  timer.unref();
  tick();
  return { runOnce, stop: () => clearInterval(timer) };
}
