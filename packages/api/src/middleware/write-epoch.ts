import type { Database } from '@ronghe/db/client';

// A counter of the mutations one server process has finished, and the short-lived read caches that key on it, so a
// caller always reads its own writes through the process that made them; writes made through other processes reach
// those caches when their time is up (docs/decisions/013-dashboard-cache.md). The app creates one owner at start
// (apps/api app.ts) and hands it to every request's context; the tRPC middleware notes writes on it, services read
// through it. Nothing here lives at module level.

type Kept = { version: string; epoch: number; at: number; value: Promise<unknown> };

export type WriteEpoch = {
  /** the number of mutations finished through this owner so far */
  current: () => number;
  /** called once a mutation has finished, whether it succeeded or not (a failed one may still have written) */
  note: () => void;
  /**
   * `compute()`'s answer for (db, slot), reused for the same `version` (e.g. the day) while no mutation has finished
   * through this owner and `ttlMs` has not passed. A slot keeps one answer; a failed one is not kept.
   */
  reuse: <T>(db: Database, slot: string, version: string, ttlMs: number, compute: () => Promise<T>) => Promise<T>;
};

export function createWriteEpoch(now: () => number = Date.now): WriteEpoch {
  let epoch = 0;
  const kept = new WeakMap<Database, Map<string, Kept>>();
  return {
    current: () => epoch,
    note: () => {
      epoch += 1;
    },
    reuse: <T>(db: Database, slot: string, version: string, ttlMs: number, compute: () => Promise<T>): Promise<T> => {
      const at = now();
      let slots = kept.get(db);
      const found = slots?.get(slot);
      if (found && found.version === version && found.epoch === epoch && at - found.at < ttlMs) return found.value as Promise<T>;
      if (!slots) kept.set(db, (slots = new Map()));
      const value = compute();
      slots.set(slot, { version, epoch, at, value });
      value.catch(() => {
        if (slots.get(slot)?.value === value) slots.delete(slot);
      });
      return value;
    },
  };
}
