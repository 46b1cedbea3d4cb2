import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allocate, applicantsInBlockingPairs, type AllocationInput } from './index.ts';

const program = (id: string, capacity: number, ranking?: string[]) => ({
  id,
  capacity,
  acceptUnranked: ranking === undefined,
  ...(ranking ? { ranking } : {}),
});

describe('keepGroupsTogether', () => {
  it('a class of three goes where three seats are free, displacing only holders ranked below all its members', () => {
    const input: AllocationInput = {
      seed: 'g',
      keepGroupsTogether: true,
      programs: [program('A', 3, ['c1', 'c2', 'c3', 's1', 's2']), program('B', 3)],
      applicants: [
        { id: 's1', preferences: ['A', 'B'] },
        { id: 's2', preferences: ['A', 'B'] },
        { id: 'c1', preferences: ['A', 'B'], groupId: 'class-1' },
        { id: 'c2', preferences: ['A', 'B'], groupId: 'class-1' },
        { id: 'c3', preferences: ['A', 'B'], groupId: 'class-1' },
      ],
    };
    // Singles go first (s1, s2 → A); the class then needs 3 seats at A: 1 free + displacing s1 and s2 (both below c3).
    const r = allocate(input);
    expect(r.placements.map((p) => `${p.applicantId}:${p.programId}`)).toEqual(['c1:A', 'c2:A', 'c3:A', 's1:B', 's2:B']);
    expect(r.groupReport).toEqual([{ groupId: 'class-1', outcome: 'together', detail: 'placed:A' }]);
    expect(applicantsInBlockingPairs(input, r)).toBe(0);
  });

  it('a class that fits nowhere ends unplaced, its members told which choices the class could not reach', () => {
    const input: AllocationInput = {
      seed: 'g',
      keepGroupsTogether: true,
      programs: [program('A', 2), program('B', 1)],
      applicants: [
        { id: 'c1', preferences: ['A', 'B'], groupId: 'k' },
        { id: 'c2', preferences: ['A'], groupId: 'k' },
        { id: 'c3', preferences: ['A'], groupId: 'k' },
      ],
    };
    const r = allocate(input);
    expect(r.placements).toEqual([]);
    // A had room for two of the three; B was not a choice of every member. Blocking pairs follow (A has free seats).
    expect(r.unplaced.find((u) => u.applicantId === 'c1')).toEqual({
      applicantId: 'c1',
      reason: 'choices_full',
      choices: [
        { programId: 'A', outcome: 'full' },
        { programId: 'B', outcome: 'not_reached' },
      ],
    });
    expect(r.groupReport?.[0]?.outcome).toBe('unstable');
    expect(r.groupReport?.[0]?.detail).toContain('member_blocks:c1@A');
  });

  it('without groups in the input it is plain deferred acceptance; the report is empty', () => {
    const input: AllocationInput = {
      seed: 'x',
      programs: [program('A', 1, ['b', 'a'])],
      applicants: [
        { id: 'a', preferences: ['A'] },
        { id: 'b', preferences: ['A'] },
      ],
    };
    const plain = allocate(input);
    expect(allocate({ ...input, keepGroupsTogether: true })).toEqual({ ...plain, groupReport: [] });
  });

  it('never splits a group, never exceeds a capacity, and reports every group', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.subarray(['A', 'B', 'C']), fc.constantFrom(undefined, 'g1', 'g2')), { maxLength: 10 }),
        fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 3, maxLength: 3 }),
        (rows, caps) => {
          const input: AllocationInput = {
            seed: 's',
            keepGroupsTogether: true,
            programs: ['A', 'B', 'C'].map((id, i) => program(id, caps[i] ?? 1)),
            applicants: rows.map(([preferences, groupId], i) => ({ id: `a${i}`, preferences, ...(groupId ? { groupId } : {}) })),
          };
          const r = allocate(input);
          for (const p of input.programs) expect(r.placements.filter((x) => x.programId === p.id).length).toBeLessThanOrEqual(p.capacity);
          const groups = new Set(input.applicants.flatMap((a) => (a.groupId ? [a.groupId] : [])));
          expect(new Set(r.groupReport?.map((g) => g.groupId))).toEqual(groups);
          for (const g of groups) {
            const members = input.applicants.filter((a) => a.groupId === g).map((a) => a.id);
            const places = new Set(members.map((id) => r.placements.find((p) => p.applicantId === id)?.programId ?? null));
            expect(places.size).toBe(1);
          }
          if (r.groupReport?.every((g) => g.outcome !== 'unstable')) expect(applicantsInBlockingPairs(input, r)).toBe(0);
        },
      ),
      { numRuns: 300 },
    );
  });
});
