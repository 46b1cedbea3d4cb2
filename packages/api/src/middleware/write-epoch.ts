// A counter this process bumps after every mutation it has carried out. Short-lived read caches key on it, so a
// caller always reads its own writes through the process that made them; writes made through other processes
// reach those caches when their time is up (docs/decisions/013-dashboard-cache.md).

let epoch = 0;

/** The number of mutations this process has finished so far. */
export const writeEpoch = (): number => epoch;

/** Called once a mutation has finished, whether it succeeded or not (a failed one may still have written). */
export const noteWrite = (): void => {
  epoch += 1;
};
