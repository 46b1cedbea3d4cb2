// Allocation rounds (双选, issue 7): applicant-proposing deferred acceptance with capacities and one lottery for ties.
export type {
  AllocationApplicant,
  AllocationInput,
  AllocationProgram,
  AllocationResult,
  ChoiceOutcome,
  GroupOutcome,
  UnplacedReason,
} from './types.ts';
export { allocate, applicantsInBlockingPairs } from './allocate.ts';
export { ALGORITHM } from './result.ts';
export { lotteryNumber } from './lottery.ts';
export {
  allocateCompact,
  blockingApplicantsCompact,
  blockingPrograms,
  deferredAcceptance,
  edgeKeys,
  UNRANKED_LEVEL,
  type CompactInstance,
  type CompactResult,
} from './compact.ts';
