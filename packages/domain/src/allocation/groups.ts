import { blockingPrograms, edgeKeys, type CompactResult } from './compact.ts';
import type { Converted } from './convert.ts';
import { toResult } from './result.ts';
import type { AllocationResult, GroupOutcome } from './types.ts';

/*
 * keepGroupsTogether: applicants sharing a groupId (a class with its teacher) propose as one unit of k seats.
 * - The unit's list: the programs every member lists and may take (eligible, acceptable), best total rank first
 *   (sum of the members' positions; then the lowest program index).
 * - A program's priority for the unit is that of its lowest-ranked member, so a unit only displaces holders the program
 *   ranks below every member. It is held only where k seats are free after displacing such holders; otherwise rejected.
 * - Every proposal uses up one (unit, program) pair, so the run ends after at most ΣE proposals; each costs O(capacity)
 *   here (plain arrays: groups are a few classes per round, not the national-scale path).
 * Units are atomic, so a group is never split: it ends together or all unplaced ('split_unplaced'). A group is
 * 'unstable' when one of its members, or an applicant at a program it holds, is in a blocking pair afterwards.
 * Without groups DA is stable, so such pairs are the price of keeping groups together.
 */

type Option = { p: number; key: number };
type Unit = { groupId: string | null; members: number[]; options: Option[]; next: number; at: number };

function unitsOf(c: Converted, keys: Float64Array): Unit[] {
  const { inst, applicants } = c;
  const groups = new Map<string, number[]>();
  const units: Unit[] = [];
  applicants.forEach((a, i) => {
    if (a.groupId === undefined) units.push({ groupId: null, members: [i], options: [], next: 0, at: -1 });
    else groups.set(a.groupId, [...(groups.get(a.groupId) ?? []), i]);
  });
  for (const [groupId, members] of [...groups].sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0)))
    units.push({ groupId, members, options: [], next: 0, at: -1 });
  for (const unit of units) {
    const shared = new Map<number, { count: number; key: number; rankSum: number }>();
    for (const a of unit.members) {
      const start = inst.prefStart[a] as number;
      for (let k = start; k < (inst.prefStart[a + 1] as number); k += 1) {
        const key = inst.allowed?.[k] === 0 ? Infinity : (keys[k] as number);
        const p = inst.prefs[k] as number;
        const s = shared.get(p) ?? { count: 0, key: -Infinity, rankSum: 0 };
        shared.set(p, { count: s.count + 1, key: Math.max(s.key, key), rankSum: s.rankSum + k - start });
      }
    }
    unit.options = [...shared]
      .filter(([, s]) => s.count === unit.members.length && s.key !== Infinity)
      .sort(([pa, a], [pb, b]) => a.rankSum - b.rankSum || pa - pb)
      .map(([p, s]) => ({ p, key: s.key }));
  }
  return units;
}

function run(c: Converted, units: Unit[]): number {
  const held: number[][] = Array.from({ length: c.inst.programCount }, () => []);
  const used = new Int32Array(c.inst.programCount);
  const keyAt = (u: number) => {
    const unit = units[u];
    return unit?.options[unit.next - 1]?.key ?? Infinity;
  };
  const stack = units.map((_, i) => units.length - 1 - i);
  let proposals = 0;
  for (let u = stack.pop(); u !== undefined; u = stack.pop()) {
    const unit = units[u];
    if (!unit) continue;
    const size = unit.members.length;
    while (unit.next < unit.options.length) {
      const option = unit.options[unit.next];
      unit.next += 1;
      if (!option) break;
      proposals += 1;
      const cap = c.inst.capacity[option.p] as number;
      const holders = held[option.p] ?? [];
      let free = cap - (used[option.p] as number);
      const evict: number[] = [];
      if (free < size) {
        for (const h of [...holders].filter((h) => keyAt(h) > option.key).sort((x, y) => keyAt(y) - keyAt(x))) {
          if (free >= size) break;
          evict.push(h);
          free += units[h]?.members.length ?? 0;
        }
      }
      if (free < size) continue;
      for (const h of evict) {
        holders.splice(holders.indexOf(h), 1);
        const evicted = units[h];
        if (evicted) evicted.at = -1;
        stack.push(h);
      }
      holders.push(u);
      used[option.p] = cap - free + size;
      unit.at = option.p;
      break;
    }
  }
  return proposals;
}

const append = (map: Map<string, string[]>, key: string, value: string) => map.set(key, [...(map.get(key) ?? []), value]);

export function keepGroupsTogether(c: Converted): AllocationResult {
  const { inst, applicants, programs } = c;
  const keys = edgeKeys(inst);
  const units = unitsOf(c, keys);
  const proposals = run(c, units);
  const assignedEdge = new Int32Array(inst.applicantCount).fill(-1);
  const held = new Int32Array(inst.programCount);
  const groupsAt = new Map<number, string[]>();
  for (const unit of units) {
    if (unit.at < 0) continue;
    for (const a of unit.members) {
      for (let k = inst.prefStart[a] as number; k < (inst.prefStart[a + 1] as number); k += 1)
        if (inst.prefs[k] === unit.at) assignedEdge[a] = k;
      held[unit.at] = (held[unit.at] as number) + 1;
    }
    if (unit.groupId !== null) groupsAt.set(unit.at, [...(groupsAt.get(unit.at) ?? []), unit.groupId]);
  }
  const compact: CompactResult = { assignedEdge, edgeKey: keys, held, proposals };
  const result = toResult(c, compact);

  // A group member's choices the group never proposed to as a unit (not every member may take them) were not reached.
  const proposedTo = new Map<number, Set<string>>();
  for (const unit of units) for (const a of unit.members) proposedTo.set(a, new Set(unit.options.map((o) => programs[o.p]?.id ?? '')));
  const applicantIndex = new Map(applicants.map((a, i) => [a.id, i]));
  for (const entry of result.unplaced) {
    const a = applicantIndex.get(entry.applicantId) ?? -1;
    if (applicants[a]?.groupId === undefined) continue;
    for (const choice of entry.choices)
      if (choice.outcome === 'full' && !proposedTo.get(a)?.has(choice.programId)) choice.outcome = 'not_reached';
    if (entry.reason === 'choices_full' && !entry.choices.some((x) => x.outcome === 'full')) entry.reason = 'no_eligible_choice';
  }

  // Blocking pairs name the groups that cost stability: a member's own, or an applicant's at a program a group holds.
  const unstable = new Map<string, string[]>();
  blockingPrograms(inst, keys, assignedEdge).forEach((p, a) => {
    if (p < 0) return;
    const applicant = applicants[a];
    const programId = programs[p]?.id ?? '';
    if (applicant?.groupId !== undefined) append(unstable, applicant.groupId, `member_blocks:${applicant.id}@${programId}`);
    for (const g of groupsAt.get(p) ?? [])
      if (g !== applicant?.groupId) append(unstable, g, `blocks_with:${applicant?.id ?? ''}@${programId}`);
  });
  const groupReport: NonNullable<AllocationResult['groupReport']> = [];
  for (const unit of units) {
    if (unit.groupId === null) continue;
    const details = unstable.get(unit.groupId);
    const placedAt = programs[unit.at]?.id;
    const outcome: GroupOutcome = details ? 'unstable' : placedAt === undefined ? 'split_unplaced' : 'together';
    const fallback =
      placedAt !== undefined ? `placed:${placedAt}` : unit.options.length === 0 ? 'no_common_choice' : `no_room:${unit.options.length}`;
    groupReport.push({ groupId: unit.groupId, outcome, detail: details ? details.join(',') : fallback });
  }
  return { ...result, groupReport };
}
