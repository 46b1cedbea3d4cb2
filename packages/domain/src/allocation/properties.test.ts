import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applicantOptimal, blockingApplicants, compare, priority } from './brute-force.ts';
import { allocate, applicantsInBlockingPairs, lotteryNumber, type AllocationInput, type AllocationResult } from './index.ts';

// Random tiny rounds: ≤ 6 applicants, ≤ 3 programs, capacities 1–3, rankings partial with ties, some pairs ineligible.

const instance = (maxApplicants: number, maxPrograms: number) =>
  fc
    .record({ nA: fc.integer({ min: 0, max: maxApplicants }), nP: fc.integer({ min: 1, max: maxPrograms }) })
    .chain(({ nA, nP }) => {
      // ids whose sort order differs from list order, so canonical ordering is exercised
      const aIds = Array.from({ length: nA }, (_, i) => `a${(i * 7) % 10}${i}`);
      const pIds = Array.from({ length: nP }, (_, i) => `p${nP - i}`);
      const pairs = aIds.flatMap((a) => pIds.map((p) => `${a}|${p}`));
      return fc.record({
        applicants: fc.tuple(...aIds.map((id) => fc.shuffledSubarray(pIds).map((preferences) => ({ id, preferences })))),
        programs: fc.tuple(
          ...pIds.map((id) =>
            fc
              .record({
                capacity: fc.integer({ min: 1, max: 3 }),
                acceptUnranked: fc.boolean(),
                order: fc.shuffledSubarray(aIds),
                tied: fc.array(fc.boolean(), { minLength: 6, maxLength: 6 }),
                noRanking: fc.boolean(),
              })
              .map(({ capacity, acceptUnranked, order, tied, noRanking }) => {
                const ranking: Array<string | string[]> = [];
                order.forEach((a, i) => {
                  const last = ranking[ranking.length - 1];
                  if (i > 0 && tied[i] && last !== undefined)
                    ranking[ranking.length - 1] = [...(typeof last === 'string' ? [last] : last), a];
                  else ranking.push(a);
                });
                return noRanking ? { id, capacity, acceptUnranked } : { id, capacity, acceptUnranked, ranking };
              }),
          ),
        ),
        forbidden: fc.subarray(pairs, { maxLength: Math.min(4, pairs.length) }),
        seed: fc.string({ maxLength: 6 }),
      });
    })
    .map(({ applicants, programs, forbidden, seed }): AllocationInput => {
      const ban = new Set(forbidden);
      return { applicants, programs, seed, ...(ban.size ? { eligible: (a: string, p: string) => !ban.has(`${a}|${p}`) } : {}) };
    });

const asMap = (input: AllocationInput, r: AllocationResult) =>
  new Map(input.applicants.map((a) => [a.id, r.placements.find((p) => p.applicantId === a.id)?.programId ?? null]));

describe('allocate, properties on tiny rounds', () => {
  it('is stable, within capacity, and the applicant-optimal stable matching (brute force over all matchings)', () => {
    fc.assert(
      fc.property(instance(6, 3), (input) => {
        const r = allocate(input);
        const m = asMap(input, r);
        expect(blockingApplicants(input, m)).toEqual([]);
        expect(applicantsInBlockingPairs(input, r)).toBe(0);
        for (const p of input.programs) expect(r.placements.filter((x) => x.programId === p.id).length).toBeLessThanOrEqual(p.capacity);
        const best = applicantOptimal(input);
        expect(best).not.toBeNull();
        expect(m).toEqual(best);
      }),
      { numRuns: 300 },
    );
  });

  it('is deterministic for a seed and independent of input order (lists, and members within a tie)', () => {
    fc.assert(
      fc.property(instance(8, 4), fc.integer(), (input, salt) => {
        const r = allocate(input);
        const shuffle = <T>(xs: readonly T[], k: number) =>
          [...xs]
            .map((x, i) => ({ x, o: (i * 2654435761 + salt + k) % 97 }))
            .sort((a, b) => a.o - b.o)
            .map((e) => e.x);
        const reordered: AllocationInput = {
          ...input,
          applicants: shuffle(input.applicants, 1),
          programs: shuffle(input.programs, 2).map((p) =>
            p.ranking ? { ...p, ranking: p.ranking.map((e, i) => (typeof e === 'string' ? e : shuffle(e, i))) } : p,
          ),
        };
        expect(allocate(reordered)).toEqual(r);
        expect(allocate(input)).toEqual(r);
        for (const a of input.applicants) expect(r.lottery[a.id]).toBe(lotteryNumber(input.seed, a.id));
      }),
      { numRuns: 200 },
    );
  });

  it('places everyone or gives a true reason; never places an ineligible or unacceptable pair', () => {
    fc.assert(
      fc.property(instance(8, 4), (input) => {
        const r = allocate(input);
        const placedIds = new Set(r.placements.map((p) => p.applicantId));
        expect(r.placements.length + r.unplaced.length).toBe(input.applicants.length);
        for (const p of r.placements) {
          expect(priority(input, p.programId, p.applicantId)).not.toBeNull();
          expect(input.applicants.find((a) => a.id === p.applicantId)?.preferences[p.choice - 1]).toBe(p.programId);
        }
        for (const u of r.unplaced) {
          expect(placedIds.has(u.applicantId)).toBe(false);
          const applicant = input.applicants.find((a) => a.id === u.applicantId);
          expect(u.choices.map((c) => c.programId)).toEqual(applicant?.preferences);
          for (const c of u.choices) {
            const eligible = input.eligible?.(u.applicantId, c.programId) ?? true;
            if (c.outcome === 'ineligible') expect(eligible).toBe(false);
            else expect(eligible).toBe(true);
            const mine = priority(input, c.programId, u.applicantId);
            if (c.outcome === 'not_acceptable') expect(mine).toBeNull();
            if (c.outcome === 'full') {
              const program = input.programs.find((p) => p.id === c.programId);
              const holders = r.placements.filter((p) => p.programId === c.programId);
              expect(holders.length).toBe(program?.capacity);
              for (const h of holders) expect(mine && compare(priority(input, c.programId, h.applicantId) ?? mine, mine)).toBeLessThan(0);
            }
            expect(['ineligible', 'not_acceptable', 'full']).toContain(c.outcome);
          }
          const expected =
            u.choices.length === 0 ? 'no_choices' : u.choices.some((c) => c.outcome === 'full') ? 'choices_full' : 'no_eligible_choice';
          expect(u.reason).toBe(expected);
        }
        for (const f of r.unfilled)
          expect(f.free).toBe(
            (input.programs.find((p) => p.id === f.programId)?.capacity ?? 0) -
              r.placements.filter((p) => p.programId === f.programId).length,
          );
        const ids = (xs: Array<{ applicantId: string }>) => xs.map((x) => x.applicantId);
        expect(ids(r.placements)).toEqual([...ids(r.placements)].sort());
        expect(ids(r.unplaced)).toEqual([...ids(r.unplaced)].sort());
      }),
      { numRuns: 300 },
    );
  });
});
