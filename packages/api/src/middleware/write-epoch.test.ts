import { describe, expect, it } from 'vitest';
import type { Database } from '@ronghe/db/client';
import { createWriteEpoch } from './write-epoch.ts';

// The owner of one process's write epoch: no state at module level, so two owners (two apps, two test envs) never
// see each other's writes.

const db = {} as Database;
const other = {} as Database;

describe('write epoch', () => {
  it('counts the writes noted on it, and only those', () => {
    const a = createWriteEpoch();
    const b = createWriteEpoch();
    a.note();
    a.note();
    expect([a.current(), b.current()]).toEqual([2, 0]);
  });

  it('reuses an answer until a write, the time limit or another version, per database', async () => {
    let clock = 0;
    const writes = createWriteEpoch(() => clock);
    let computed = 0;
    const count = () => Promise.resolve((computed += 1));
    expect(await writes.reuse(db, 'slot', 'day1', 100, count)).toBe(1);
    expect(await writes.reuse(db, 'slot', 'day1', 100, count)).toBe(1);
    expect(await writes.reuse(other, 'slot', 'day1', 100, count)).toBe(2);
    writes.note();
    expect(await writes.reuse(db, 'slot', 'day1', 100, count)).toBe(3);
    clock = 100;
    expect(await writes.reuse(db, 'slot', 'day1', 100, count)).toBe(4);
    expect(await writes.reuse(db, 'slot', 'day2', 100, count)).toBe(5);
  });

  it('does not keep a failed answer', async () => {
    const writes = createWriteEpoch(() => 0);
    await expect(writes.reuse(db, 'slot', 'v', 100, () => Promise.reject(new Error('down')))).rejects.toThrow('down');
    await Promise.resolve();
    expect(await writes.reuse(db, 'slot', 'v', 100, () => Promise.resolve('up'))).toBe('up');
  });
});
