import { lotteryNumber } from './lottery.ts';
import type { AllocationInput } from './types.ts';

// Test oracle for tiny instances (≤ 6 applicants, ≤ 3 programs): every matching, written independently of compact.ts.
// A program's order: ranking level, then lottery number, then applicant id; unranked ones after all ranked if accepted.

export type Assignment = ReadonlyMap<string, string | null>;

/** [level, lottery, id] to compare (lower first), or null when the program does not accept or may not take the applicant. */
export function priority(input: AllocationInput, programId: string, applicantId: string): [number, number, string] | null {
  const program = input.programs.find((p) => p.id === programId);
  const applicant = input.applicants.find((a) => a.id === applicantId);
  if (!program || !applicant?.preferences.includes(programId)) return null;
  if (input.eligible && !input.eligible(applicantId, programId)) return null;
  const entries = program.ranking ?? [];
  let level = 0;
  let found = -1;
  for (const entry of entries) {
    const group = typeof entry === 'string' ? [entry] : entry;
    if (group.includes(applicantId)) found = level;
    if (group.length > 0) level += 1;
  }
  if (found < 0 && !program.acceptUnranked) return null;
  return [found < 0 ? Number.MAX_SAFE_INTEGER : found, lotteryNumber(input.seed, applicantId), applicantId];
}

/** Negative when the program prefers x to y. */
export function compare(x: [number, number, string], y: [number, number, string]): number {
  return x[0] - y[0] || x[1] - y[1] || (x[2] < y[2] ? -1 : x[2] > y[2] ? 1 : 0);
}

const rankOf = (input: AllocationInput, applicantId: string, programId: string | null | undefined) => {
  const list = input.applicants.find((a) => a.id === applicantId)?.preferences ?? [];
  return programId ? list.indexOf(programId) : list.length;
};

export function blockingApplicants(input: AllocationInput, m: Assignment): string[] {
  const blocking: string[] = [];
  for (const applicant of input.applicants) {
    const own = rankOf(input, applicant.id, m.get(applicant.id));
    const blocks = applicant.preferences.slice(0, own).some((programId) => {
      const mine = priority(input, programId, applicant.id);
      if (!mine) return false;
      const program = input.programs.find((p) => p.id === programId);
      const holders = [...m].filter(([, p]) => p === programId).map(([a]) => a);
      if (holders.length < (program?.capacity ?? 0)) return true;
      return holders.some((h) => {
        const theirs = priority(input, programId, h);
        return !theirs || compare(mine, theirs) < 0;
      });
    });
    if (blocks) blocking.push(applicant.id);
  }
  return blocking;
}

/** Every feasible matching (acceptable pairs only, capacities kept) that no pair blocks. */
export function stableMatchings(input: AllocationInput): Assignment[] {
  const options = input.applicants.map((a) => [null, ...a.preferences.filter((p) => priority(input, p, a.id) !== null)]);
  const all: Assignment[] = [];
  const pick = (i: number, chosen: Array<string | null>) => {
    if (i === options.length) {
      const m = new Map(input.applicants.map((a, j) => [a.id, chosen[j] ?? null]));
      const full = input.programs.some((p) => chosen.filter((c) => c === p.id).length > p.capacity);
      if (!full && blockingApplicants(input, m).length === 0) all.push(m);
      return;
    }
    for (const option of options[i] ?? []) pick(i + 1, [...chosen, option]);
  };
  pick(0, []);
  return all;
}

/** The stable matching every applicant likes at least as well as any other, or null when there is none such. */
export function applicantOptimal(input: AllocationInput): Assignment | null {
  const stable = stableMatchings(input);
  return (
    stable.find((m) =>
      stable.every((other) => input.applicants.every((a) => rankOf(input, a.id, m.get(a.id)) <= rankOf(input, a.id, other.get(a.id)))),
    ) ?? null
  );
}
