import type { CompactResult } from './compact.ts';
import type { Converted } from './convert.ts';
import type { AllocationResult, ChoiceOutcome, UnplacedReason } from './types.ts';

export const ALGORITHM = 'deferred-acceptance/applicant-proposing/v1' as const;

function outcomeOf(c: Converted, r: CompactResult, k: number): ChoiceOutcome {
  if (c.inst.allowed?.[k] === 0) return 'ineligible';
  if (r.edgeKey[k] === Infinity) return 'not_acceptable';
  return 'full';
}

/** Reads a compact result back into ids; placements and unplaced come out by applicant id, unfilled by program id. */
export function toResult(c: Converted, r: CompactResult): AllocationResult {
  const { inst, applicants, programs } = c;
  const placements: AllocationResult['placements'] = [];
  const unplaced: AllocationResult['unplaced'] = [];
  applicants.forEach((applicant, a) => {
    const start = inst.prefStart[a] as number;
    const k = r.assignedEdge[a] as number;
    if (k >= 0) {
      placements.push({ applicantId: applicant.id, programId: programs[inst.prefs[k] as number]?.id ?? '', choice: k - start + 1 });
      return;
    }
    const choices = applicant.preferences.map((programId, i) => ({ programId, outcome: outcomeOf(c, r, start + i) }));
    const reason: UnplacedReason =
      choices.length === 0 ? 'no_choices' : choices.some((x) => x.outcome === 'full') ? 'choices_full' : 'no_eligible_choice';
    unplaced.push({ applicantId: applicant.id, reason, choices });
  });
  const unfilled: AllocationResult['unfilled'] = [];
  programs.forEach((program, p) => {
    const free = (inst.capacity[p] as number) - (r.held[p] as number);
    if (free > 0) unfilled.push({ programId: program.id, free });
  });
  const lottery = Object.fromEntries(applicants.map((a, i) => [a.id, c.lottery[i] as number]));
  return { placements, unplaced, unfilled, lottery, stats: { proposals: r.proposals, algorithm: ALGORITHM } };
}
