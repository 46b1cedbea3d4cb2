import { describe, expect, it } from 'vitest';
import { allocate, applicantsInBlockingPairs, lotteryNumber, type AllocationInput } from './index.ts';

const oneToOne = (men: Record<string, string[]>, women: Record<string, string[]>): AllocationInput => ({
  applicants: Object.entries(men).map(([id, preferences]) => ({ id, preferences })),
  programs: Object.entries(women).map(([id, ranking]) => ({ id, capacity: 1, ranking, acceptUnranked: false })),
  seed: 'gs1962',
});

describe('Gale & Shapley (1962), "College Admissions and the Stability of Marriage"', () => {
  // Example 1: rows α β γ, columns A B C, entries (man's rank of woman, woman's rank of man):
  //   α: 1,3 2,2 3,1   β: 3,1 1,3 2,2   γ: 2,2 3,1 1,3
  const men = { α: ['A', 'B', 'C'], β: ['B', 'C', 'A'], γ: ['C', 'A', 'B'] };
  const women = { A: ['β', 'γ', 'α'], B: ['γ', 'α', 'β'], C: ['α', 'β', 'γ'] };

  it('3×3, men propose: every man gets his first choice (αA βB γC)', () => {
    const r = allocate(oneToOne(men, women));
    expect(r.placements).toEqual([
      { applicantId: 'α', programId: 'A', choice: 1 },
      { applicantId: 'β', programId: 'B', choice: 1 },
      { applicantId: 'γ', programId: 'C', choice: 1 },
    ]);
    expect(r.unplaced).toEqual([]);
    expect(r.unfilled).toEqual([]);
    expect(r.stats.proposals).toBe(3);
  });

  it('3×3, women propose: every woman gets her first choice (Aβ Bγ Cα), the other extreme stable matching', () => {
    const r = allocate(oneToOne(women, men));
    expect(r.placements.map((p) => [p.applicantId, p.programId, p.choice])).toEqual([
      ['A', 'β', 1],
      ['B', 'γ', 1],
      ['C', 'α', 1],
    ]);
  });

  it('4×4: the unique stable matching αC βD γA δB', () => {
    //        A    B    C    D
    //   α   1,3  2,3  3,2  4,3
    //   β   1,4  4,1  3,3  2,2
    //   γ   2,2  1,4  3,4  4,1
    //   δ   4,1  2,2  3,1  1,4
    // By hand: α→A, β→A (A keeps α), γ→B, δ→D; β→D (D drops δ); δ→B (B drops γ); γ→A (A drops α);
    // α→B (B keeps δ); α→C. Nine proposals.
    const input = oneToOne(
      { α: ['A', 'B', 'C', 'D'], β: ['A', 'D', 'C', 'B'], γ: ['B', 'A', 'C', 'D'], δ: ['D', 'B', 'C', 'A'] },
      { A: ['δ', 'γ', 'α', 'β'], B: ['β', 'δ', 'α', 'γ'], C: ['δ', 'α', 'β', 'γ'], D: ['γ', 'β', 'α', 'δ'] },
    );
    const r = allocate(input);
    expect(r.placements.map((p) => `${p.applicantId}${p.programId}${p.choice}`)).toEqual(['αC3', 'βD2', 'γA2', 'δB2']);
    expect(r.stats.proposals).toBe(9);
    expect(applicantsInBlockingPairs(input, r)).toBe(0);
  });
});

describe('hospitals/residents with capacities, by hand', () => {
  const input: AllocationInput = {
    seed: 'hr',
    programs: [
      { id: 'H1', capacity: 2, ranking: ['r3', 'r1', 'r2', 'r4'], acceptUnranked: false },
      { id: 'H2', capacity: 1, ranking: ['r2', 'r5', 'r1', 'r4'], acceptUnranked: false },
      { id: 'H3', capacity: 3, ranking: ['r5'], acceptUnranked: false },
    ],
    applicants: [
      { id: 'r1', preferences: ['H1', 'H2'] },
      { id: 'r2', preferences: ['H1', 'H2'] },
      { id: 'r3', preferences: ['H1'] },
      { id: 'r4', preferences: ['H2', 'H1', 'H3'] },
      { id: 'r5', preferences: ['H2', 'H3'] },
      { id: 'r6', preferences: [] },
      { id: 'r7', preferences: ['H3'] },
    ],
    eligible: (a, p) => !(a === 'r7' && p === 'H3'),
  };

  it('places, explains and counts free seats', () => {
    // r1, r2 → H1 (full); r3 → H1 displaces r2 (ranked 3rd, below r3 and r1); r2 → H2.
    // r4 → H2 (holds r2, ranked above r4) rejected, → H1 (r1 is worst, still above r4) rejected, → H3 does not accept r4.
    // r5 → H2 rejected (r2 above r5), → H3. r6 listed nothing; r7's only choice is ineligible.
    // Proposals: r1 r2 r3 r2 r4 r4 r5 r5 = 8 (choices not acceptable or ineligible are skipped, not proposed).
    const r = allocate(input);
    expect(r.placements).toEqual([
      { applicantId: 'r1', programId: 'H1', choice: 1 },
      { applicantId: 'r2', programId: 'H2', choice: 2 },
      { applicantId: 'r3', programId: 'H1', choice: 1 },
      { applicantId: 'r5', programId: 'H3', choice: 2 },
    ]);
    expect(r.unplaced).toEqual([
      {
        applicantId: 'r4',
        reason: 'choices_full',
        choices: [
          { programId: 'H2', outcome: 'full' },
          { programId: 'H1', outcome: 'full' },
          { programId: 'H3', outcome: 'not_acceptable' },
        ],
      },
      { applicantId: 'r6', reason: 'no_choices', choices: [] },
      { applicantId: 'r7', reason: 'no_eligible_choice', choices: [{ programId: 'H3', outcome: 'ineligible' }] },
    ]);
    expect(r.unfilled).toEqual([{ programId: 'H3', free: 2 }]);
    expect(r.stats).toEqual({ proposals: 8, algorithm: 'deferred-acceptance/applicant-proposing/v1' });
    expect(r.groupReport).toBeUndefined();
    expect(applicantsInBlockingPairs(input, r)).toBe(0);
  });

  it('counts blocking pairs in a foreign result, off-list places included', () => {
    // H1 holds r3 and r4: r1 and r2 (2nd, 3rd in H1's order, above r4) block with it, r2 though placed at H2, its 2nd
    // choice; r5 blocks with H3 (free, accepts r5). r4 wants only H2 over H1, and H2 holds r2, ranked above r4.
    const foreign = [
      { applicantId: 'r4', programId: 'H1' },
      { applicantId: 'r3', programId: 'H1' },
      { applicantId: 'r2', programId: 'H2' },
    ];
    expect(applicantsInBlockingPairs(input, { placements: foreign })).toBe(3);
    expect(applicantsInBlockingPairs(input, { placements: [{ applicantId: 'r5', programId: 'H1' }] })).toBe(5);
    // r5 sits in H1 off its list, a seat H1 would give to anyone it accepts: r1, r2, r3 block with H1; H2 is empty, so
    // r4 blocks with it, and so does r5 (an off-list place is worse for it than any listed choice).
  });
});

describe('ties and the lottery', () => {
  const input: AllocationInput = {
    seed: 'round-2027-spring',
    programs: [{ id: 'P', capacity: 1, ranking: [['x', 'y'], 'z'], acceptUnranked: true }],
    applicants: ['x', 'y', 'z', 'w'].map((id) => ({ id, preferences: ['P'] })),
  };

  it('the lower lottery number wins a tie; numbers come from (seed, id) alone', () => {
    const r = allocate(input);
    const x = lotteryNumber(input.seed, 'x');
    const y = lotteryNumber(input.seed, 'y');
    expect(r.lottery).toEqual({ w: lotteryNumber(input.seed, 'w'), x, y, z: lotteryNumber(input.seed, 'z') });
    expect(r.placements).toEqual([{ applicantId: x < y ? 'x' : 'y', programId: 'P', choice: 1 }]);
    expect(Number.isSafeInteger(x) && x >= 0).toBe(true);
  });

  it('a different seed can change the winner, the same seed never does', () => {
    const winners = new Set(Array.from({ length: 40 }, (_, i) => allocate({ ...input, seed: `s${i}` }).placements[0]?.applicantId));
    expect(winners).toEqual(new Set(['x', 'y']));
    expect(allocate(input)).toEqual(allocate(input));
  });
});

describe('malformed input throws a plain Error naming the culprit', () => {
  const base: AllocationInput = {
    seed: 's',
    programs: [{ id: 'P', capacity: 1, acceptUnranked: true }],
    applicants: [{ id: 'a', preferences: ['P'] }],
  };
  it.each([
    ['capacity < 1', { ...base, programs: [{ id: 'P', capacity: 0, acceptUnranked: true }] }, /program "P" has capacity 0/],
    ['fractional capacity', { ...base, programs: [{ id: 'P', capacity: 1.5, acceptUnranked: true }] }, /program "P" has capacity 1.5/],
    ['unknown program', { ...base, applicants: [{ id: 'a', preferences: ['Q'] }] }, /applicant "a" lists unknown program "Q"/],
    ['repeated choice', { ...base, applicants: [{ id: 'a', preferences: ['P', 'P'] }] }, /applicant "a" lists program "P" twice/],
    [
      'repeated applicant',
      {
        ...base,
        applicants: [
          { id: 'a', preferences: [] },
          { id: 'a', preferences: [] },
        ],
      },
      /applicant "a" appears twice/,
    ],
    [
      'repeated program',
      { ...base, programs: [...base.programs, { id: 'P', capacity: 2, acceptUnranked: false }] },
      /program "P" appears twice/,
    ],
    [
      'ranked twice',
      { ...base, programs: [{ id: 'P', capacity: 1, ranking: ['a', ['a']], acceptUnranked: false }] },
      /program "P" ranks applicant "a" twice/,
    ],
  ])('%s', (_, input, message) => {
    expect(() => allocate(input)).toThrow(message);
  });

  it('a capacity beyond 32 bits is refused; a huge one within it costs nothing', () => {
    expect(() => allocate({ ...base, programs: [{ id: 'P', capacity: 2 ** 31, acceptUnranked: true }] })).toThrow(
      /program "P" has capacity 2147483648; it must be an integer from 1 to 2147483647/,
    );
    const r = allocate({ ...base, programs: [{ id: 'P', capacity: 2 ** 31 - 1, acceptUnranked: true }] });
    expect(r.unfilled).toEqual([{ programId: 'P', free: 2 ** 31 - 2 }]);
  });

  it('ids of applicants not in the round are ignored in rankings', () => {
    const r = allocate({ ...base, programs: [{ id: 'P', capacity: 1, ranking: ['gone', 'a'], acceptUnranked: false }] });
    expect(r.placements).toEqual([{ applicantId: 'a', programId: 'P', choice: 1 }]);
  });
});
