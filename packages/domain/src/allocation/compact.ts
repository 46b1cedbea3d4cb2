/*
 * Applicant-proposing deferred acceptance (Gale & Shapley 1962; hospitals/residents with capacities) on typed arrays.
 *
 * Input is compressed sparse rows: applicant a's choices are prefs[prefStart[a] .. prefStart[a+1]) (program indices, best
 * first); each choice is an "edge". Program p's ranking is rankApplicants[rankStart[p] .. rankStart[p+1]) with a tie
 * level per entry (equal level = tied). Ties are broken by one lottery: tieBreak[a] is a's distinct lottery position.
 *
 * 1. edgeKeys(): every edge gets the program's priority for that applicant as one float, level * 2^32 + tieBreak[a]
 *    (exact below 2^53, hence levels < 2^21), or +Infinity where the program does not accept the applicant or the pair
 *    is ineligible. Done by transposing the rankings to applicants (counting sort) and, applicant by applicant,
 *    stamping its levels into a program-indexed scratch array: O(E + R + P + N) time for E choices and R ranking
 *    entries, no hashing; the scattered writes (two per ranking entry) stay within cache-sized windows.
 * 2. deferredAcceptance(): free applicants are popped from a stack; each proposes down its list. A program keeps the
 *    applicants it holds in a bounded max-heap keyed by priority (worst on top), all programs' heaps packed into one
 *    array of total capacity. A proposal to a full program compares with the top: O(1) to reject, O(log capacity) to
 *    displace. Each edge is proposed along at most once, so the run is O(E log C) time and O(N + M + E) memory (a
 *    heap has min(capacity, applicants listing it) slots).
 *
 * Because tie-breaking makes every preference strict, the result is the applicant-optimal stable matching of the
 * tie-broken instance: no applicant does better in any stable matching, and the order in which free applicants are
 * processed does not change it (Gale & Shapley; Roth 1984 for capacities).
 */

export type CompactInstance = {
  applicantCount: number;
  programCount: number;
  /** per program; 0 closes it */
  capacity: Int32Array;
  /** applicantCount + 1 offsets into prefs */
  prefStart: Int32Array;
  /** program index per edge, each applicant's best first */
  prefs: Int32Array;
  /** per edge; 0 = ineligible (a hard constraint), skipped without proposing. Absent = all eligible. */
  allowed?: Uint8Array;
  /** programCount + 1 offsets into rankApplicants / rankLevel */
  rankStart: Int32Array;
  /** applicant index per ranking entry, best first; an applicant appears at most once per program */
  rankApplicants: Int32Array;
  /** tie level per ranking entry, 0 ≤ level < UNRANKED_LEVEL; equal levels are tied */
  rankLevel: Int32Array;
  /** per program: 1 = applicants it did not rank are acceptable, after every ranked one */
  acceptUnranked: Uint8Array;
  /** per applicant: position in the lottery, distinct, lower wins ties */
  tieBreak: Uint32Array;
};

export type CompactResult = {
  /** per applicant: the edge (index into prefs) it is placed by, or -1 */
  assignedEdge: Int32Array;
  /** per edge: the program's priority for the applicant (lower is better), +Infinity = not acceptable or ineligible */
  edgeKey: Float64Array;
  /** per program: applicants placed */
  held: Int32Array;
  /** proposals made (eligible, acceptable edges tried) */
  proposals: number;
};

/** Level of unranked-but-acceptable applicants; also the bound on ranking levels (level * 2^32 + lottery stays exact). */
export const UNRANKED_LEVEL = 2 ** 21 - 1;
const LEVELS = 2 ** 21;
const BLOCK_BITS = 10;
const TWO_32 = 2 ** 32;

export function edgeKeys(inst: CompactInstance): Float64Array {
  const {
    applicantCount: n,
    programCount: m,
    prefStart,
    prefs,
    allowed,
    rankStart,
    rankApplicants,
    rankLevel,
    acceptUnranked,
    tieBreak,
  } = inst;
  // Transpose the rankings to applicants: for each applicant, the (program, level) pairs that rank it, packed into one
  // float (program · 2^21 + level, exact for any program count below 2^31).
  const entries = rankApplicants.length;
  const byStart = new Int32Array(n + 1);
  for (let r = 0; r < entries; r += 1) {
    const slot = (rankApplicants[r] as number) + 1;
    byStart[slot] = (byStart[slot] as number) + 1;
  }
  for (let a = 0; a < n; a += 1) byStart[a + 1] = (byStart[a + 1] as number) + (byStart[a] as number);
  // Two passes keep the scatter cache-local (one random write per entry into a few hundred MB thrashes caches and TLB
  // at national scale): first into blocks of 1,024 applicants, in program order; then, block by block, to each
  // applicant's slot inside a block-sized window.
  const blockFill = Int32Array.from({ length: (n >> BLOCK_BITS) + 1 }, (_, b) => byStart[Math.min(n, b << BLOCK_BITS)] as number);
  const tmpApplicant = new Int32Array(entries);
  const tmpPacked = new Float64Array(entries);
  for (let p = 0; p < m; p += 1) {
    const r1 = rankStart[p + 1] as number;
    for (let r = rankStart[p] as number; r < r1; r += 1) {
      const a = rankApplicants[r] as number;
      const b = a >> BLOCK_BITS;
      const at = blockFill[b] as number;
      blockFill[b] = at + 1;
      tmpApplicant[at] = a;
      tmpPacked[at] = p * LEVELS + (rankLevel[r] as number);
    }
  }
  const fill = byStart.slice(0, n);
  const packed = new Float64Array(entries);
  for (let e = 0; e < entries; e += 1) {
    const a = tmpApplicant[e] as number;
    const at = fill[a] as number;
    fill[a] = at + 1;
    packed[at] = tmpPacked[e] as number;
  }
  // Per applicant: stamp its levels into a program-indexed scratch (small enough to stay in cache), read its choices in
  // order, unstamp. The keys are written sequentially.
  const key = new Float64Array(prefs.length);
  const levelOf = new Int32Array(m).fill(-1);
  for (let a = 0; a < n; a += 1) {
    const b0 = byStart[a] as number;
    const b1 = byStart[a + 1] as number;
    for (let b = b0; b < b1; b += 1) {
      const v = packed[b] as number;
      const p = Math.floor(v / LEVELS);
      levelOf[p] = v - p * LEVELS;
    }
    const lottery = tieBreak[a] as number;
    const end = prefStart[a + 1] as number;
    for (let k = prefStart[a] as number; k < end; k += 1) {
      const p = prefs[k] as number;
      const stamped = levelOf[p] as number;
      const level = stamped >= 0 ? stamped : acceptUnranked[p] === 1 ? UNRANKED_LEVEL : -1;
      key[k] = level < 0 || (allowed !== undefined && allowed[k] === 0) ? Infinity : level * TWO_32 + lottery;
    }
    for (let b = b0; b < b1; b += 1) levelOf[Math.floor((packed[b] as number) / LEVELS)] = -1;
  }
  return key;
}

export function deferredAcceptance(inst: CompactInstance, edgeKey: Float64Array): CompactResult {
  const { applicantCount: n, programCount: m, capacity, prefStart, prefs, allowed } = inst;
  // A program never holds more applicants than list it, so its heap needs min(capacity, listings) slots: a huge
  // "unlimited" capacity costs nothing, and all heaps together fit in O(E).
  const listings = new Int32Array(m);
  for (let k = 0; k < prefs.length; k += 1) {
    const p = prefs[k] as number;
    listings[p] = (listings[p] as number) + 1;
  }
  const slots = Int32Array.from({ length: m }, (_, p) => Math.max(0, Math.min(capacity[p] as number, listings[p] as number)));
  const heapStart = new Int32Array(m + 1);
  for (let p = 0; p < m; p += 1) heapStart[p + 1] = (heapStart[p] as number) + (slots[p] as number);
  const total = heapStart[m] as number;
  const heapKey = new Float64Array(total);
  const heapApplicant = new Int32Array(total);
  // Free slots and the worst held key per program, in small dense arrays: most proposals to a popular program are
  // rejections, decided from these two reads without touching the heap.
  const room = slots.slice();
  const worst = new Float64Array(m).fill(-Infinity);
  const assignedEdge = new Int32Array(n).fill(-1);
  const next = prefStart.slice(0, n);
  // Free applicants; popping 0 first is arbitrary (the result does not depend on the order).
  const stack = new Int32Array(n);
  for (let i = 0; i < n; i += 1) stack[i] = n - 1 - i;
  let top = n;
  let proposals = 0;

  while (top > 0) {
    top -= 1;
    const a = stack[top] as number;
    const end = prefStart[a + 1] as number;
    let k = next[a] as number;
    for (; k < end; k += 1) {
      if (allowed !== undefined && allowed[k] === 0) continue;
      const key = edgeKey[k] as number;
      if (key === Infinity) continue;
      const p = prefs[k] as number;
      const free = room[p] as number;
      if (free === 0 && key >= (worst[p] as number)) {
        // full of applicants it ranks higher (or closed: worst stays -Infinity)
        if (worst[p] !== -Infinity) proposals += 1;
        continue;
      }
      proposals += 1;
      const base = heapStart[p] as number;
      const cap = (heapStart[p + 1] as number) - base;
      if (free > 0) {
        // sift up from the new leaf
        let i = cap - free;
        while (i > 0) {
          const parent = (i - 1) >> 1;
          const pk = heapKey[base + parent] as number;
          if (pk >= key) break;
          heapKey[base + i] = pk;
          heapApplicant[base + i] = heapApplicant[base + parent] as number;
          i = parent;
        }
        heapKey[base + i] = key;
        heapApplicant[base + i] = a;
        room[p] = free - 1;
        worst[p] = heapKey[base] as number;
        assignedEdge[a] = k;
        break;
      }
      // displace the worst holder: it becomes free again and resumes after the choice it held
      const evicted = heapApplicant[base] as number;
      assignedEdge[evicted] = -1;
      stack[top] = evicted;
      top += 1;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= cap) break;
        const r = l + 1;
        let c = l;
        if (r < cap && (heapKey[base + r] as number) > (heapKey[base + l] as number)) c = r;
        const ck = heapKey[base + c] as number;
        if (ck <= key) break;
        heapKey[base + i] = ck;
        heapApplicant[base + i] = heapApplicant[base + c] as number;
        i = c;
      }
      heapKey[base + i] = key;
      heapApplicant[base + i] = a;
      worst[p] = heapKey[base] as number;
      assignedEdge[a] = k;
      break;
    }
    next[a] = k < end ? k + 1 : end;
  }
  const held = Int32Array.from({ length: m }, (_, p) => (slots[p] as number) - (room[p] as number));
  return { assignedEdge, edgeKey, held, proposals };
}

/** The whole core: priorities, then deferred acceptance. */
export function allocateCompact(inst: CompactInstance): CompactResult {
  return deferredAcceptance(inst, edgeKeys(inst));
}

/**
 * Blocking pairs of a compact assignment (which need not come from deferredAcceptance): a blocks with p when a prefers p
 * to its place (or has none), p is eligible and accepts a, and p has a free seat or holds someone it ranks below a.
 * Per applicant: the first program it blocks with, or -1. `assignedEdge` may point at any edge, even an ineligible one
 * (a foreign result); -1 = unplaced, or placed off its list and counted in offListHolders (seats of p taken by
 * applicants p never ranked, which any acceptable applicant beats).
 */
export function blockingPrograms(
  inst: CompactInstance,
  edgeKey: Float64Array,
  assignedEdge: Int32Array,
  offListHolders?: Int32Array,
): Int32Array {
  const { applicantCount: n, programCount: m, capacity, prefStart, allowed, prefs } = inst;
  const worst = new Float64Array(m).fill(-Infinity);
  const count = offListHolders ? offListHolders.slice() : new Int32Array(m);
  for (let p = 0; p < m; p += 1) if ((count[p] as number) > 0) worst[p] = Infinity;
  for (let a = 0; a < n; a += 1) {
    const k = assignedEdge[a] as number;
    if (k < 0) continue;
    const p = prefs[k] as number;
    count[p] = (count[p] as number) + 1;
    const key = edgeKey[k] as number;
    if (key > (worst[p] as number)) worst[p] = key;
  }
  const blocking = new Int32Array(n).fill(-1);
  for (let a = 0; a < n; a += 1) {
    const own = assignedEdge[a] as number;
    const end = own >= 0 ? own : (prefStart[a + 1] as number);
    for (let k = prefStart[a] as number; k < end; k += 1) {
      if (allowed !== undefined && allowed[k] === 0) continue;
      const key = edgeKey[k] as number;
      if (key === Infinity) continue;
      const p = prefs[k] as number;
      if ((count[p] as number) < (capacity[p] as number) || key < (worst[p] as number)) {
        blocking[a] = p;
        break;
      }
    }
  }
  return blocking;
}

/** How many applicants are in at least one blocking pair (0 = stable). */
export function blockingApplicantsCompact(
  inst: CompactInstance,
  edgeKey: Float64Array,
  assignedEdge: Int32Array,
  offListHolders?: Int32Array,
): number {
  let count = 0;
  for (const p of blockingPrograms(inst, edgeKey, assignedEdge, offListHolders)) if (p >= 0) count += 1;
  return count;
}
