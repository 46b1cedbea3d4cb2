import type { Database } from '@ronghe/db/client';
import { expireNeeds } from '@ronghe/db/queries/needs';
import { todayInChina } from '@ronghe/domain/training-base';

// Work nobody asks for: published needs past their deadline expire by themselves. Idempotent, so
// several server processes may each run it.

export type Housekeeping = { runOnce: () => Promise<{ expiredNeeds: number }>; stop: () => void };

export function startHousekeeping(db: Database, onError: (error: unknown) => void, everyMs = 10 * 60_000): Housekeeping {
  const runOnce = async () => ({ expiredNeeds: await expireNeeds(db, todayInChina()) });
  const tick = () => void runOnce().catch(onError);
  const timer = setInterval(tick, everyMs);
  timer.unref();
  tick();
  return { runOnce, stop: () => clearInterval(timer) };
}
