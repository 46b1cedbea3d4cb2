import { allocateCompact, blockingApplicantsCompact, edgeKeys } from './compact.ts';
import { toCompact } from './convert.ts';
import { keepGroupsTogether } from './groups.ts';
import { toResult } from './result.ts';
import type { AllocationInput, AllocationResult } from './types.ts';

/**
 * One allocation round: applicant-proposing deferred acceptance with one lottery for ties (see compact.ts).
 * Throws a plain Error naming the applicant or program on malformed input (capacity < 1, unknown or repeated choice).
 */
export function allocate(input: AllocationInput): AllocationResult {
  const c = toCompact(input);
  if (input.keepGroupsTogether) return keepGroupsTogether(c);
  return toResult(c, allocateCompact(c.inst));
}

/**
 * Applicants that form a blocking pair with some program in `result` (0 for a stable matching), judged by the
 * programs' rankings with ties broken by the round's lottery, eligibility and acceptability as in allocate().
 * Takes any placements (an AllocationResult, or another tool's output): `choice` is not read.
 */
export function applicantsInBlockingPairs(
  input: AllocationInput,
  result: { placements: ReadonlyArray<{ applicantId: string; programId: string }> },
): number {
  const c = toCompact({ ...input, keepGroupsTogether: false });
  const applicantIndex = new Map(c.applicants.map((a, i) => [a.id, i]));
  const programIndex = new Map(c.programs.map((p, i) => [p.id, i]));
  const assigned = new Int32Array(c.inst.applicantCount).fill(-1);
  const offList = new Int32Array(c.inst.programCount);
  for (const placement of result.placements) {
    const a = applicantIndex.get(placement.applicantId);
    const p = programIndex.get(placement.programId);
    if (a === undefined || p === undefined)
      throw new Error(`applicantsInBlockingPairs: placement of "${placement.applicantId}" in "${placement.programId}": unknown id`);
    const i = c.applicants[a]?.preferences.indexOf(placement.programId) ?? -1;
    // A place the applicant did not ask for is worse for it than every listed choice, and a seat its program would
    // give to any acceptable applicant.
    if (i < 0) offList[p] = (offList[p] as number) + 1;
    else assigned[a] = (c.inst.prefStart[a] as number) + i;
  }
  return blockingApplicantsCompact(c.inst, edgeKeys(c.inst), assigned, offList);
}
