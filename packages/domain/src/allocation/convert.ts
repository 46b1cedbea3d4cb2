import { UNRANKED_LEVEL, type CompactInstance } from './compact.ts';
import { lotteryNumber, lotteryPositions } from './lottery.ts';
import type { AllocationApplicant, AllocationInput, AllocationProgram } from './types.ts';

// Public input → compact arrays. Applicants and programs are indexed in ascending id order (code units, not locale),
// so the compact instance, and therefore the result, does not depend on the order the caller listed them in.

export type Converted = {
  inst: CompactInstance;
  applicants: AllocationApplicant[];
  programs: AllocationProgram[];
  /** lottery number per applicant index */
  lottery: Float64Array;
};

/** Int32 range; seats beyond the number of applicants listing a program cost nothing (see compact.ts). */
const MAX_CAPACITY = 2 ** 31 - 1;

const byId = <T extends { id: string }>(a: T, b: T) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

function indexOf<T extends { id: string }>(
  items: readonly T[],
  what: 'applicant' | 'program',
): { sorted: T[]; index: Map<string, number> } {
  const sorted = [...items].sort(byId);
  const index = new Map<string, number>();
  sorted.forEach((item, i) => {
    if (index.has(item.id)) throw new Error(`allocate: ${what} "${item.id}" appears twice`);
    index.set(item.id, i);
  });
  return { sorted, index };
}

export function toCompact(input: AllocationInput): Converted {
  const { sorted: programs, index: programIndex } = indexOf(input.programs, 'program');
  const { sorted: applicants, index: applicantIndex } = indexOf(input.applicants, 'applicant');
  const n = applicants.length;
  const m = programs.length;

  const capacity = new Int32Array(m);
  const acceptUnranked = new Uint8Array(m);
  programs.forEach((p, i) => {
    if (!Number.isInteger(p.capacity) || p.capacity < 1 || p.capacity > MAX_CAPACITY)
      throw new Error(`allocate: program "${p.id}" has capacity ${p.capacity}; it must be an integer from 1 to ${MAX_CAPACITY}`);
    capacity[i] = p.capacity;
    acceptUnranked[i] = p.acceptUnranked ? 1 : 0;
  });

  const prefStart = new Int32Array(n + 1);
  applicants.forEach((a, i) => {
    prefStart[i + 1] = (prefStart[i] as number) + a.preferences.length;
  });
  const prefs = new Int32Array(prefStart[n] as number);
  const allowed = input.eligible ? new Uint8Array(prefs.length) : undefined;
  const listedBy = new Int32Array(m).fill(-1);
  applicants.forEach((a, i) => {
    let k = prefStart[i] as number;
    for (const programId of a.preferences) {
      const p = programIndex.get(programId);
      if (p === undefined) throw new Error(`allocate: applicant "${a.id}" lists unknown program "${programId}"`);
      if (listedBy[p] === i) throw new Error(`allocate: applicant "${a.id}" lists program "${programId}" twice`);
      listedBy[p] = i;
      prefs[k] = p;
      if (allowed && input.eligible) allowed[k] = input.eligible(a.id, programId) ? 1 : 0;
      k += 1;
    }
  });

  // Rankings: ids of applicants not in this round (withdrawn, say) are skipped; an empty tie group is nothing.
  let entries = 0;
  for (const program of programs) for (const entry of program.ranking ?? []) entries += typeof entry === 'string' ? 1 : entry.length;
  const rankStart = new Int32Array(m + 1);
  const rankApplicants = new Int32Array(entries);
  const rankLevel = new Int32Array(entries);
  const rankedBy = new Int32Array(n).fill(-1);
  let at = 0;
  programs.forEach((program, p) => {
    const rank = (applicantId: string, level: number) => {
      const a = applicantIndex.get(applicantId);
      if (a === undefined) return;
      if (rankedBy[a] === p) throw new Error(`allocate: program "${program.id}" ranks applicant "${applicantId}" twice`);
      rankedBy[a] = p;
      rankApplicants[at] = a;
      rankLevel[at] = level;
      at += 1;
    };
    let level = 0;
    for (const entry of program.ranking ?? []) {
      if (typeof entry === 'string') rank(entry, level);
      else for (const applicantId of entry) rank(applicantId, level);
      if (typeof entry === 'string' || entry.length > 0) level += 1;
    }
    if (level >= UNRANKED_LEVEL)
      throw new Error(`allocate: program "${program.id}" has ${level} ranking levels; at most ${UNRANKED_LEVEL - 1}`);
    rankStart[p + 1] = at;
  });

  const lottery = Float64Array.from(applicants, (a) => lotteryNumber(input.seed, a.id));
  const inst: CompactInstance = {
    applicantCount: n,
    programCount: m,
    capacity,
    prefStart,
    prefs,
    ...(allowed ? { allowed } : {}),
    rankStart,
    rankApplicants: rankApplicants.subarray(0, at),
    rankLevel: rankLevel.subarray(0, at),
    acceptUnranked,
    tieBreak: lotteryPositions(lottery),
  };
  return { inst, applicants, programs, lottery };
}
