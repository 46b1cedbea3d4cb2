import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allocateCompact, blockingApplicantsCompact, edgeKeys, UNRANKED_LEVEL, type CompactInstance } from './compact.ts';

// Medium instances straight on the core (capacities up to 12, so the heaps are several levels deep), against a naive
// deferred acceptance that keeps each program's holders in a plain sorted array. Both must give the unique
// applicant-optimal stable matching of the tie-broken instance.

function randomInstance(seed: number, n: number, m: number): CompactInstance {
  let s = seed >>> 0;
  const rand = () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
  const int = (k: number) => Math.floor(rand() * k);
  const capacity = Int32Array.from({ length: m }, () => 1 + int(12));
  const prefStart = new Int32Array(n + 1);
  const prefs: number[] = [];
  for (let a = 0; a < n; a += 1) {
    const chosen = new Set<number>();
    const len = int(6);
    while (chosen.size < Math.min(len, m)) chosen.add(int(m));
    prefs.push(...chosen);
    prefStart[a + 1] = prefs.length;
  }
  const rankStart = new Int32Array(m + 1);
  const rankApplicants: number[] = [];
  const rankLevel: number[] = [];
  for (let p = 0; p < m; p += 1) {
    const ranked = Array.from({ length: n }, (_, a) => a)
      .filter(() => rand() < 0.6)
      .sort(() => rand() - 0.5);
    let level = 0;
    for (const a of ranked) {
      if (rand() < 0.6) level += 1;
      rankApplicants.push(a);
      rankLevel.push(level);
    }
    rankStart[p + 1] = rankApplicants.length;
  }
  const order = Array.from({ length: n }, (_, a) => a).sort(() => rand() - 0.5);
  const tieBreak = new Uint32Array(n);
  order.forEach((a, i) => {
    tieBreak[a] = i;
  });
  return {
    applicantCount: n,
    programCount: m,
    capacity,
    prefStart,
    prefs: Int32Array.from(prefs),
    allowed: Uint8Array.from(prefs, () => (rand() < 0.95 ? 1 : 0)),
    rankStart,
    rankApplicants: Int32Array.from(rankApplicants),
    rankLevel: Int32Array.from(rankLevel),
    acceptUnranked: Uint8Array.from({ length: m }, () => (rand() < 0.5 ? 1 : 0)),
    tieBreak,
  };
}

function naive(inst: CompactInstance): Int32Array {
  const keys = edgeKeys(inst);
  const held: number[][] = Array.from({ length: inst.programCount }, () => []);
  const assigned = new Int32Array(inst.applicantCount).fill(-1);
  const next = Array.from(inst.prefStart.slice(0, inst.applicantCount));
  const free = Array.from({ length: inst.applicantCount }, (_, a) => a);
  for (let a = free.shift(); a !== undefined; a = free.shift()) {
    while ((next[a] ?? 0) < (inst.prefStart[a + 1] ?? 0)) {
      const k = next[a] ?? 0;
      next[a] = k + 1;
      const key = keys[k] ?? Infinity;
      if (inst.allowed?.[k] === 0 || key === Infinity) continue;
      const p = inst.prefs[k] ?? 0;
      const list = held[p] ?? [];
      list.push(k);
      list.sort((x, y) => (keys[x] ?? 0) - (keys[y] ?? 0));
      assigned[a] = k;
      if (list.length <= (inst.capacity[p] ?? 0)) break;
      const dropped = list.pop() ?? -1;
      const loser = applicantOf(inst, dropped);
      assigned[loser] = -1;
      if (loser !== a) {
        free.push(loser);
        break;
      }
    }
  }
  return assigned;
}

function applicantOf(inst: CompactInstance, k: number): number {
  let lo = 0;
  let hi = inst.applicantCount - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((inst.prefStart[mid] ?? 0) <= k) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

describe('allocateCompact on medium instances', () => {
  it('equals a naive deferred acceptance, is stable and within capacity', () => {
    fc.assert(
      fc.property(fc.integer(), fc.integer({ min: 1, max: 120 }), fc.integer({ min: 1, max: 15 }), (seed, n, m) => {
        const inst = randomInstance(seed, n, m);
        const r = allocateCompact(inst);
        expect(Array.from(r.assignedEdge)).toEqual(Array.from(naive(inst)));
        expect(blockingApplicantsCompact(inst, r.edgeKey, r.assignedEdge)).toBe(0);
        for (let p = 0; p < m; p += 1) expect(r.held[p]).toBeLessThanOrEqual(inst.capacity[p] ?? 0);
      }),
      { numRuns: 200 },
    );
  });

  it('keys across many 1,024-applicant blocks equal a plain per-program lookup', () => {
    for (const seed of [1, 2, 3]) {
      const inst = randomInstance(seed, 5_000 + seed * 377, 40);
      const keys = edgeKeys(inst);
      const levels = Array.from({ length: inst.programCount }, (_, p) => {
        const map = new Map<number, number>();
        for (let r = inst.rankStart[p] ?? 0; r < (inst.rankStart[p + 1] ?? 0); r += 1)
          map.set(inst.rankApplicants[r] ?? -1, inst.rankLevel[r] ?? -1);
        return map;
      });
      for (let a = 0; a < inst.applicantCount; a += 1) {
        for (let k = inst.prefStart[a] ?? 0; k < (inst.prefStart[a + 1] ?? 0); k += 1) {
          const p = inst.prefs[k] ?? 0;
          const level = levels[p]?.get(a) ?? (inst.acceptUnranked[p] === 1 ? UNRANKED_LEVEL : -1);
          const expected = level < 0 || inst.allowed?.[k] === 0 ? Infinity : level * 2 ** 32 + (inst.tieBreak[a] ?? 0);
          if (keys[k] !== expected) expect({ a, k, key: keys[k] }).toEqual({ a, k, key: expected });
        }
      }
      const r = allocateCompact(inst);
      expect(blockingApplicantsCompact(inst, r.edgeKey, r.assignedEdge)).toBe(0);
    }
  });

  it('keys: ranked by level then lottery, unranked after every level, unacceptable = Infinity', () => {
    const inst = randomInstance(7, 1, 1);
    const one: CompactInstance = {
      ...inst,
      applicantCount: 3,
      programCount: 1,
      capacity: Int32Array.of(1),
      prefStart: Int32Array.of(0, 1, 2, 3),
      prefs: Int32Array.of(0, 0, 0),
      rankStart: Int32Array.of(0, 1),
      rankApplicants: Int32Array.of(2),
      rankLevel: Int32Array.of(5),
      acceptUnranked: Uint8Array.of(1),
      tieBreak: Uint32Array.of(2, 0, 1),
    };
    delete one.allowed;
    expect(Array.from(edgeKeys(one))).toEqual([UNRANKED_LEVEL * 2 ** 32 + 2, UNRANKED_LEVEL * 2 ** 32, 5 * 2 ** 32 + 1]);
    expect(Array.from(edgeKeys({ ...one, acceptUnranked: Uint8Array.of(0) }))).toEqual([Infinity, Infinity, 5 * 2 ** 32 + 1]);
    expect(allocateCompact(one).assignedEdge).toEqual(Int32Array.of(-1, -1, 2));
  });
});
