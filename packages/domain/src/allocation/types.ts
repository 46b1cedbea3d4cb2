// The public shapes of an allocation round (issue 7). The rounds API and pages code against exactly these names.

export type AllocationApplicant = {
  id: string;
  /** program ids, best first, no repeats (the caller validates; allocate() throws a plain Error on repeats) */
  preferences: readonly string[];
  /** applicants with the same groupId (a class with its teacher) are kept together when keepGroupsTogether is set */
  groupId?: string;
};

export type AllocationProgram = {
  id: string;
  /** >= 1 */
  capacity: number;
  /** the program's order of applicants, best first; an inner array is a tie (broken by the lottery). */
  ranking?: ReadonlyArray<string | readonly string[]>;
  /** applicants it did not rank are still acceptable, after all ranked ones and tied among themselves (broken by the lottery) */
  acceptUnranked: boolean;
};

export type AllocationInput = {
  applicants: readonly AllocationApplicant[];
  programs: readonly AllocationProgram[];
  /** the lottery seed, stored with the round so a re-run gives the same result */
  seed: string;
  /** hard constraints (majors, level, dates, caps): false = this applicant may not be placed in this program; applied before proposing */
  eligible?: (applicantId: string, programId: string) => boolean;
  keepGroupsTogether?: boolean;
};

export type ChoiceOutcome = 'placed' | 'ineligible' | 'not_acceptable' | 'full' | 'not_reached';

export type UnplacedReason = 'no_choices' | 'no_eligible_choice' | 'choices_full';

export type GroupOutcome = 'together' | 'split_unplaced' | 'unstable';

export type AllocationResult = {
  placements: Array<{ applicantId: string; programId: string; /** 1-based rank in the applicant's list */ choice: number }>;
  /**
   * reason: 'no_choices' (empty list) | 'no_eligible_choice' (every choice ineligible or not acceptable) | 'choices_full' (every eligible acceptable
   * choice full with applicants it ranks higher)
   */
  unplaced: Array<{ applicantId: string; reason: UnplacedReason; choices: Array<{ programId: string; outcome: ChoiceOutcome }> }>;
  unfilled: Array<{ programId: string; free: number }>;
  /** each applicant's lottery number (lower wins ties), derived deterministically from the seed and the applicant id */
  lottery: Record<string, number>;
  /** groups that could not be kept together stably (only with keepGroupsTogether), with a sentence-free code */
  groupReport?: Array<{ groupId: string; outcome: GroupOutcome; detail: string }>;
  stats: { proposals: number; algorithm: 'deferred-acceptance/applicant-proposing/v1' };
};
