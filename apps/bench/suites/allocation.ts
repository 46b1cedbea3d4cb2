import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import {
  allocate,
  allocateCompact,
  blockingApplicantsCompact,
  deferredAcceptance,
  edgeKeys,
  type AllocationInput,
  type CompactInstance,
} from '@ronghe/domain/allocation';
import type { BenchResult, MetricResult, Suite } from '../types.ts';
import { mulberry32 } from '../lib/random.ts';

// Allocation rounds (issue 7): applicant-proposing deferred acceptance on seeded random rounds, no server or database.
// N applicants, 0.9·N seats in N/10 needs, each applicant listing up to 20 needs with Zipf-like popularity (s = 0.8);
// needs rank their applicants in 10 score bands (ties), 30 % also accept unranked ones, 2 % of pairs are ineligible.
// Memory, the national-scale run and the peer (hospitals-and-residents) run in child processes: this same file, run
// as `node --import tsx bench/suites/allocation.ts child '<json>'`, so a crash or a hang cannot take the bench down.
// Measurement only: nothing here asserts a timing.

type Spec = { applicants: number; positions: number; programs: number; maxChoices: number; exact: boolean; seed: number };
type ChildTask = { task: 'memory' | 'national' | 'peer'; spec: Spec; runs: number };

const HEADLINE = 50_000;
const SCALING = [1_000, 5_000, 10_000, 20_000, 50_000];
const PEER_SIZES = [1_000, 2_000, 5_000, 10_000];
const NATIONAL = 1_000_000;
const BUDGET = { p95Ms: 150, memoryMB: 500, nationalMs: 5_000, nationalMB: 2_048 };
const PEER_TIMEOUT_MS = 180_000;
const NATIONAL_TIMEOUT_MS = 300_000;
const BENCH_DIR = fileURLToPath(new URL('../', import.meta.url));
const THIS_FILE = fileURLToPath(import.meta.url);

const specOf = (applicants: number, exact = false): Spec => ({
  applicants,
  positions: Math.round(applicants * 0.9),
  programs: Math.max(1, Math.round(applicants / 10)),
  maxChoices: 20,
  exact,
  seed: 20_270_301,
});
const r1 = (x: number) => Math.round(x * 10) / 10;
const r3 = (x: number) => Math.round(x * 1000) / 1000;

// ---- the generator ----------------------------------------------------------------------------

function permutation(n: number, rand: () => number): Int32Array {
  const order = Int32Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i -= 1) {
    const j = Math.floor(rand() * (i + 1));
    const t = order[i] as number;
    order[i] = order[j] as number;
    order[j] = t;
  }
  return order;
}

export function generate(s: Spec): CompactInstance {
  const rand = mulberry32(s.seed ^ s.applicants);
  const n = s.applicants;
  const m = s.programs;
  const capacity = new Int32Array(m).fill(1);
  for (let i = m; i < s.positions; i += 1) {
    const p = Math.floor(rand() * m);
    capacity[p] = (capacity[p] as number) + 1;
  }
  const popular = permutation(m, rand);
  const cdf = new Float64Array(m);
  let total = 0;
  for (let r = 0; r < m; r += 1) cdf[r] = total += 1 / (r + 1) ** 0.8;
  const pick = () => {
    const x = rand() * total;
    let lo = 0;
    let hi = m - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((cdf[mid] as number) < x) lo = mid + 1;
      else hi = mid;
    }
    return popular[lo] as number;
  };
  const most = Math.min(s.maxChoices, m);
  const prefStart = new Int32Array(n + 1);
  for (let a = 0; a < n; a += 1) prefStart[a + 1] = (prefStart[a] as number) + (s.exact ? most : 1 + Math.floor(rand() * most));
  const prefs = new Int32Array(prefStart[n] as number);
  const allowed = new Uint8Array(prefs.length);
  const stamp = new Int32Array(m).fill(-1);
  for (let a = 0; a < n; a += 1) {
    for (let k = prefStart[a] as number; k < (prefStart[a + 1] as number); k += 1) {
      let p = pick();
      while (stamp[p] === a) p = pick();
      stamp[p] = a;
      prefs[k] = p;
      allowed[k] = rand() < 0.98 ? 1 : 0;
    }
  }
  // Rankings: a common score plus the need's own view, in 10 bands (ties); some applicants left unranked.
  const score = Float64Array.from({ length: n }, () => rand());
  const acceptUnranked = Uint8Array.from({ length: m }, () => (rand() < 0.3 ? 1 : 0));
  const count = new Int32Array(m * 10);
  const entryProgram = new Int32Array(prefs.length);
  const entryApplicant = new Int32Array(prefs.length);
  const entryLevel = new Int8Array(prefs.length);
  let entries = 0;
  for (let a = 0; a < n; a += 1) {
    for (let k = prefStart[a] as number; k < (prefStart[a + 1] as number); k += 1) {
      const p = prefs[k] as number;
      if (rand() >= (acceptUnranked[p] === 1 ? 0.5 : 0.95)) continue;
      const level = Math.min(9, Math.floor(10 * (0.7 * (score[a] as number) + 0.3 * rand())));
      entryProgram[entries] = p;
      entryApplicant[entries] = a;
      entryLevel[entries] = level;
      entries += 1;
      count[p * 10 + level] = (count[p * 10 + level] as number) + 1;
    }
  }
  const slot = new Int32Array(m * 10 + 1);
  for (let b = 0; b < m * 10; b += 1) slot[b + 1] = (slot[b] as number) + (count[b] as number);
  const rankApplicants = new Int32Array(entries);
  const rankLevel = new Int32Array(entries);
  for (let e = 0; e < entries; e += 1) {
    const b = (entryProgram[e] as number) * 10 + (entryLevel[e] as number);
    const at = slot[b] as number;
    slot[b] = at + 1;
    rankApplicants[at] = entryApplicant[e] as number;
    rankLevel[at] = entryLevel[e] as number;
  }
  const rankStart = Int32Array.from({ length: m + 1 }, (_, p) => (p === 0 ? 0 : (slot[p * 10 - 1] as number)));
  const tieBreak = Uint32Array.from(permutation(n, rand));
  return {
    applicantCount: n,
    programCount: m,
    capacity,
    prefStart,
    prefs,
    allowed,
    rankStart,
    rankApplicants,
    rankLevel,
    acceptUnranked,
    tieBreak,
  };
}

/** The same round through the public API's shapes (ids as strings), to time allocate() end to end. */
function toPublic(inst: CompactInstance): AllocationInput {
  const pid = (p: number) => `need-${p}`;
  const aid = (a: number) => `s-${String(a).padStart(7, '0')}`;
  const programs = Array.from({ length: inst.programCount }, (_, p) => {
    const ranking: string[][] = [];
    for (let r = inst.rankStart[p] as number; r < (inst.rankStart[p + 1] as number); r += 1)
      (ranking[inst.rankLevel[r] as number] ??= []).push(aid(inst.rankApplicants[r] as number));
    return {
      id: pid(p),
      capacity: inst.capacity[p] as number,
      acceptUnranked: inst.acceptUnranked[p] === 1,
      ranking: ranking.filter((x) => x !== undefined),
    };
  });
  const applicants = Array.from({ length: inst.applicantCount }, (_, a) => ({
    id: aid(a),
    preferences: Array.from(inst.prefs.subarray(inst.prefStart[a], inst.prefStart[a + 1]), pid),
  }));
  const banned = new Map<string, Set<string>>();
  applicants.forEach((a, i) =>
    a.preferences.forEach(
      (p, j) => inst.allowed?.[(inst.prefStart[i] as number) + j] === 0 && banned.set(a.id, (banned.get(a.id) ?? new Set()).add(p)),
    ),
  );
  return { applicants, programs, seed: 'bench', eligible: (a, p) => banned.get(a)?.has(p) !== true };
}

// ---- measuring --------------------------------------------------------------------------------

/** Wall times of `runs` calls after a warm-up (JIT), ascending, and the process CPU time per call: on a shared machine
 * CPU time (V8's GC threads included) shows how much of the wall time was waiting for a core. */
function times(runs: number, fn: () => number): { sorted: number[]; cpuMsPerRun: number; sink: number } {
  let sink = fn();
  const all: number[] = [];
  const cpu0 = process.cpuUsage();
  for (let i = 0; i < runs; i += 1) {
    const t0 = performance.now();
    sink += fn();
    all.push(performance.now() - t0);
  }
  const cpu = process.cpuUsage(cpu0);
  return { sorted: all.sort((a, b) => a - b), cpuMsPerRun: (cpu.user + cpu.system) / 1000 / Math.max(1, runs), sink };
}
const quantile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? Number.NaN;

/** Reads every preference once and touches its need: the least any allocation must do. */
function floorPass(inst: CompactInstance): number {
  const { prefs, capacity } = inst;
  let acc = 0;
  for (let k = 0; k < prefs.length; k += 1) acc += capacity[prefs[k] as number] as number;
  return acc;
}

const mb = (bytes: number) => r1(bytes / 1_048_576);
function procStatusMB(field: 'VmRSS' | 'VmHWM'): number {
  const match = new RegExp(`^${field}:\\s+(\\d+)\\s+kB$`, 'm').exec(readFileSync('/proc/self/status', 'utf8'));
  return match?.[1] === undefined ? Number.NaN : r1(Number(match[1]) / 1024);
}

// ---- child processes ----------------------------------------------------------------------------

type PeerHospital = { pidx: number; dummy: boolean; assigned_ids: number[] };
type PeerResident = { a: number; edgeOf: Map<number, number>; assigned_id?: number };
type Peer = {
  settings: { logging: boolean };
  checkLegality?: (h: PeerHospital, r: PeerResident) => boolean;
  softCost?: (h: PeerHospital, r: PeerResident) => number;
  initHospital: (capacity: number, o: { pidx: number; dummy: boolean }) => PeerHospital;
  initResident: (capacity: number, o: { a: number; edgeOf: Map<number, number> }) => PeerResident;
  findMatching: (h: PeerHospital[], r: PeerResident[], done: (error?: unknown) => void) => void;
};

/** hospitals-and-residents (backtracking for a feasible matching, then simulated-annealing 2-opt on a cost) on the round. */
function runPeer(
  inst: CompactInstance,
  keys: Float64Array,
): { ms: number; error: string | null; assigned: Int32Array; overCapacity: number } {
  const hr = createRequire(import.meta.url)('hospitals-and-residents') as Peer;
  const ok = (a: number, k: number) => inst.allowed?.[k] !== 0 && keys[k] !== Infinity && k >= (inst.prefStart[a] as number);
  // Its cost (lower is better): the applicant's rank of the need plus the need's score band of the applicant, as in its README.
  hr.checkLegality = (h, r) => h.dummy || ok(r.a, r.edgeOf.get(h.pidx) ?? -1);
  hr.softCost = (h, r) => {
    if (h.dummy) return 100;
    const k = r.edgeOf.get(h.pidx) ?? 0;
    return k - (inst.prefStart[r.a] as number) + Math.min(10, Math.floor((keys[k] ?? 0) / 2 ** 32));
  };
  // It refuses rounds with fewer seats than applicants; a last, catch-all "unplaced" hospital makes room.
  const hospitals = Array.from({ length: inst.programCount }, (_, p) =>
    hr.initHospital(inst.capacity[p] as number, { pidx: p, dummy: false }),
  );
  hospitals.push(hr.initHospital(inst.applicantCount, { pidx: -1, dummy: true }));
  const residents = Array.from({ length: inst.applicantCount }, (_, a) => {
    const edgeOf = new Map<number, number>();
    for (let k = inst.prefStart[a] as number; k < (inst.prefStart[a + 1] as number); k += 1) edgeOf.set(inst.prefs[k] as number, k);
    return hr.initResident(1, { a, edgeOf });
  });
  let error: string | null = null;
  const t0 = performance.now();
  try {
    hr.findMatching(hospitals, residents, (e) => {
      if (e) error = String(e);
    });
  } catch (e) {
    error = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
  }
  const ms = performance.now() - t0;
  const assigned = new Int32Array(inst.applicantCount).fill(-1);
  const held = new Int32Array(inst.programCount);
  for (const r of residents) {
    const h = r.assigned_id === undefined ? undefined : hospitals[r.assigned_id];
    if (!h || h.dummy) continue;
    assigned[r.a] = r.edgeOf.get(h.pidx) ?? -1;
    held[h.pidx] = (held[h.pidx] as number) + 1;
  }
  let overCapacity = 0;
  for (let p = 0; p < inst.programCount; p += 1) overCapacity += Math.max(0, (held[p] as number) - (inst.capacity[p] as number));
  return { ms, error, assigned, overCapacity };
}

function child(task: ChildTask): Record<string, number | string | null> {
  const inst = generate(task.spec);
  const base = { preferences: inst.prefs.length, rssAfterGenerateMB: procStatusMB('VmRSS') };
  if (task.task === 'peer') {
    const ours = times(task.runs, () => allocateCompact(inst).proposals);
    const keys = edgeKeys(inst);
    const mine = deferredAcceptance(inst, keys);
    const peer = runPeer(inst, keys);
    const placed = peer.assigned.reduce((s, k) => s + (k >= 0 ? 1 : 0), 0);
    return {
      ...base,
      oursMs: r3(quantile(ours.sorted, 0.5)),
      peerMs: r1(peer.ms),
      peerError: peer.error,
      oursBlocking: blockingApplicantsCompact(inst, keys, mine.assignedEdge),
      peerBlocking: peer.error ? null : blockingApplicantsCompact(inst, keys, peer.assigned),
      oursPlaced: mine.assignedEdge.reduce((s, k) => s + (k >= 0 ? 1 : 0), 0),
      peerPlaced: peer.error ? null : placed,
      peerOverCapacity: peer.overCapacity,
    };
  }
  let resetPeak = true;
  try {
    writeFileSync('/proc/self/clear_refs', '5'); // resets VmHWM (Linux ≥ 4.0): the peak then covers the allocation alone
  } catch {
    resetPeak = false;
  }
  const before = process.memoryUsage();
  const runs = times(task.runs, () => allocateCompact(inst).proposals);
  const after = process.memoryUsage();
  const peakRssMB = procStatusMB('VmHWM');
  const keysRuns = times(task.runs, () => edgeKeys(inst).length);
  const keys = edgeKeys(inst);
  const daRuns = times(task.runs, () => deferredAcceptance(inst, keys).proposals);
  const result = deferredAcceptance(inst, keys);
  return {
    ...base,
    runs: task.runs,
    minMs: r1(quantile(runs.sorted, 0)),
    medianMs: r1(quantile(runs.sorted, 0.5)),
    maxMs: r1(quantile(runs.sorted, 1)),
    cpuMsPerRun: r1(runs.cpuMsPerRun),
    edgeKeysMedianMs: r1(quantile(keysRuns.sorted, 0.5)),
    deferredAcceptanceMedianMs: r1(quantile(daRuns.sorted, 0.5)),
    proposals: result.proposals,
    blocking: blockingApplicantsCompact(inst, keys, result.assignedEdge),
    peakRssMB,
    peakCoversAllocationOnly: resetPeak ? 'VmHWM reset after generating' : 'VmHWM not resettable: peak since start',
    rssAfterMB: procStatusMB('VmRSS'),
    arrayBuffersAfterMB: mb(after.arrayBuffers),
    arrayBuffersBeforeMB: mb(before.arrayBuffers),
  };
}

type ChildOutcome = { ok: true; value: Record<string, number | string | null> } | { ok: false; error: string; ms: number };

function runChild(task: ChildTask, timeoutMs: number): Promise<ChildOutcome> {
  const started = performance.now();
  return new Promise((resolve) => {
    const proc = spawn(process.execPath, ['--import', 'tsx', THIS_FILE, 'child', JSON.stringify(task)], {
      cwd: BENCH_DIR,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    proc.stdout.setEncoding('utf8').on('data', (c: string) => (out += c));
    proc.stderr.setEncoding('utf8').on('data', (c: string) => (err = (err + c).slice(-2000)));
    const timer = setTimeout(() => proc.kill('SIGKILL'), timeoutMs);
    proc.once('exit', (code, signal) => {
      clearTimeout(timer);
      const ms = performance.now() - started;
      const line = out.trim().split('\n').pop() ?? '';
      if (code === 0 && line.startsWith('{')) resolve({ ok: true, value: JSON.parse(line) as Record<string, number | string | null> });
      else
        resolve({
          ok: false,
          ms,
          error:
            signal === 'SIGKILL'
              ? `killed after the ${timeoutMs / 1000} s timeout`
              : `exit ${code ?? signal}: ${err.trim().split('\n').slice(-3).join(' | ')}`,
        });
    });
  });
}

// ---- the suite --------------------------------------------------------------------------------

function nationalWanted(): { run: boolean; why: string } {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    options: { quick: { type: 'boolean' }, suite: { type: 'string', multiple: true } },
    strict: false,
  });
  const only = Array.isArray(values.suite) && values.suite.length === 1 && values.suite[0] === 'allocation';
  if (values.quick !== true) return { run: true, why: 'full run' };
  if (only && process.env.RONGHE_BENCH_NATIONAL === '1')
    return { run: true, why: '--quick --suite allocation with RONGHE_BENCH_NATIONAL=1' };
  return {
    run: false,
    why: 'skipped under --quick; run: RONGHE_BENCH_NATIONAL=1 npm run -s bench -- --quick --suite allocation (or a full run without --quick)',
  };
}

export const allocationSuite: Suite = {
  name: 'allocation',
  run: async ({ log }) => {
    const results: BenchResult[] = [];
    const quick = process.argv.includes('--quick');
    const runs = quick ? 9 : 25;

    // Headline: 50,000 applicants × 45,000 seats in 5,000 needs.
    const spec = specOf(HEADLINE);
    const inst = generate(spec);
    const E = inst.prefs.length;
    const core = times(runs, () => allocateCompact(inst).proposals);
    const keysOnly = times(runs, () => edgeKeys(inst).length);
    const keys = edgeKeys(inst);
    const daOnly = times(runs, () => deferredAcceptance(inst, keys).proposals);
    const floor = times(runs, () => floorPass(inst));
    const result = deferredAcceptance(inst, keys);
    const placed = result.assignedEdge.reduce((s, k) => s + (k >= 0 ? 1 : 0), 0);
    const publicInput = toPublic(inst);
    const endToEnd = times(quick ? 2 : 5, () => allocate(publicInput).placements.length);
    const p50 = quantile(core.sorted, 0.5);
    const p95 = quantile(core.sorted, 0.95);
    const floorMs = quantile(floor.sorted, 0.5);
    log(
      `allocation ${HEADLINE} applicants, ${E} preferences: median ${r3(p50)} ms, p95 ${r3(p95)} ms, CPU ${r3(core.cpuMsPerRun)} ms a run, load ` +
        `average ${loadavg()[0]?.toFixed(1) ?? '?'} (keys ${r3(quantile(keysOnly.sorted, 0.5))} + DA ${r3(quantile(daOnly.sorted, 0.5))}); floor ` +
        `${r3(floorMs)} ms; allocate() end to end ${r1(quantile(endToEnd.sorted, 0.5))} ms`,
    );
    const memory = await runChild({ task: 'memory', spec, runs: 3 }, PEER_TIMEOUT_MS);
    const peak = memory.ok ? Number(memory.value.peakRssMB) : Number.NaN;
    results.push({
      name: `allocation: deferred acceptance at ${HEADLINE.toLocaleString('en')} applicants`,
      kind: 'metric',
      note:
        `allocateCompact() (priorities + deferred acceptance) on ${HEADLINE} applicants, ${spec.positions} seats in ${spec.programs} needs, up to 20 ` +
        `choices (Zipf 0.8), ${E} preferences; ` +
        `${runs} runs after a warm-up; cpuMsPerRun: process CPU time per run (on a busy shared machine the wall time also holds waits for a core: ` +
        `compare, and see loadAverage1m). floorMs: one pass reading every preference and its need; ratioToFloor = median ÷ floor. endToEndMs: ` +
        `allocate() from string ids (conversion, lottery, result) — not budgeted. ` +
        `peakRssMB: VmHWM of a child process that generates the round, resets the mark ` +
        `(${memory.ok ? String(memory.value.peakCoversAllocationOnly) : 'n/a'}) and allocates 4 times: the whole process (Node, tsx, the round) at its ` +
        `highest while allocating; allocationMB = peakRssMB − rssBeforeMB.`,
      budget: `p95 ≤ ${BUDGET.p95Ms} ms; peak memory ≤ ${BUDGET.memoryMB} MB`,
      withinBudget: p95 <= BUDGET.p95Ms && peak <= BUDGET.memoryMB,
      values: {
        minMs: r3(quantile(core.sorted, 0)),
        medianMs: r3(p50),
        p95Ms: r3(p95),
        cpuMsPerRun: r3(core.cpuMsPerRun),
        edgeKeysMedianMs: r3(quantile(keysOnly.sorted, 0.5)),
        deferredAcceptanceMedianMs: r3(quantile(daOnly.sorted, 0.5)),
        floorMs: r3(floorMs),
        ratioToFloor: r1(p50 / floorMs),
        endToEndMs: r1(quantile(endToEnd.sorted, 0.5)),
        preferences: E,
        proposals: result.proposals,
        placed,
        blockingApplicants: blockingApplicantsCompact(inst, keys, result.assignedEdge),
        peakRssMB: peak,
        rssBeforeMB: memory.ok ? Number(memory.value.rssAfterGenerateMB) : Number.NaN,
        allocationMB: memory.ok ? r1(peak - Number(memory.value.rssAfterGenerateMB)) : Number.NaN,
        loadAverage1m: r1(loadavg()[0] ?? Number.NaN),
      },
      details: { memoryChild: memory },
    } satisfies MetricResult);

    // Scaling: time per preference should stay flat if the run is linear in the total list length.
    const scaling: Record<string, number> = {};
    for (const n of SCALING) {
      const s = generate(specOf(n));
      const runsOf = times(runs, () => allocateCompact(s).proposals);
      const t = quantile(runsOf.sorted, 0.5);
      scaling[`ms_${n / 1000}k`] = r3(t);
      scaling[`minMs_${n / 1000}k`] = r3(quantile(runsOf.sorted, 0));
      scaling[`nsPerPreference_${n / 1000}k`] = r1((t * 1e6) / s.prefs.length);
      log(`allocation scaling ${n}: ${r3(t)} ms, ${s.prefs.length} preferences, ${r1((t * 1e6) / s.prefs.length)} ns per preference`);
    }
    results.push({
      name: 'allocation: scaling',
      kind: 'metric',
      note: `ms_*: median, minMs_*: fastest of ${runs} runs of allocateCompact() per size (same generator: 0.9·N seats, N/10 needs, up to 20 choices)`,
      values: scaling,
    });

    // National scale, in a child process.
    const national = nationalWanted();
    const nationalName = `allocation: national scale (${NATIONAL.toLocaleString('en')} applicants × 20 choices)`;
    const nationalBudget = `≤ ${BUDGET.nationalMs / 1000} s, ≤ ${BUDGET.nationalMB / 1024} GB`;
    if (!national.run)
      results.push({ name: nationalName, kind: 'metric', skipped: true, note: national.why, budget: nationalBudget, values: {} });
    else {
      log(`allocation national scale: ${NATIONAL} applicants × 20 choices in a child process (${national.why})`);
      const out = await runChild({ task: 'national', spec: specOf(NATIONAL, true), runs: 3 }, NATIONAL_TIMEOUT_MS);
      if (!out.ok) results.push({ name: nationalName, kind: 'error', error: out.error });
      else {
        const v = out.value;
        log(
          `allocation national scale: median ${String(v.medianMs)} ms, peak RSS ${String(v.peakRssMB)} MB (${String(v.preferences)} preferences)`,
        );
        results.push({
          name: nationalName,
          kind: 'metric',
          note:
            `allocateCompact() on 1,000,000 applicants listing exactly 20 of 100,000 needs (900,000 seats), median of 3 runs after a warm-up in a ` +
            `child process (the budget applies to the median; cpuMsPerRun beside it); peakRssMB: VmHWM of the whole process while allocating ` +
            `(${String(v.peakCoversAllocationOnly)}); allocationMB = peakRssMB − rssAfterGenerateMB; ${national.why}`,
          budget: nationalBudget,
          withinBudget: Number(v.medianMs) <= BUDGET.nationalMs && Number(v.peakRssMB) <= BUDGET.nationalMB,
          values: {
            ...Object.fromEntries(Object.entries(v).filter((e): e is [string, number] => typeof e[1] === 'number')),
            allocationMB: r1(Number(v.peakRssMB) - Number(v.rssAfterGenerateMB)),
            loadAverage1m: r1(loadavg()[0] ?? Number.NaN),
          },
        });
      }
    }

    // The peer, on the same instances, each size in its own child process with a timeout.
    const peer: Record<string, number> = {};
    const failures: Record<string, string> = {};
    for (const n of PEER_SIZES) {
      log(`allocation peer hospitals-and-residents at ${n} applicants (child process, ${PEER_TIMEOUT_MS / 1000} s timeout)`);
      const out = await runChild({ task: 'peer', spec: specOf(n), runs: 21 }, PEER_TIMEOUT_MS);
      const k = `${n / 1000}k`;
      if (!out.ok) {
        failures[k] = `child process: ${out.error} (after ${r1(out.ms / 1000)} s)`;
        continue;
      }
      const v = out.value;
      if (typeof v.peerError === 'string') failures[k] = v.peerError;
      peer[`oursMs_${k}`] = Number(v.oursMs);
      if (v.peerError === null) {
        peer[`peerMs_${k}`] = Number(v.peerMs);
        peer[`ratio_${k}`] = r1(Number(v.peerMs) / Number(v.oursMs));
        peer[`peerBlockingApplicants_${k}`] = Number(v.peerBlocking);
        peer[`peerPlaced_${k}`] = Number(v.peerPlaced);
        peer[`peerOverCapacity_${k}`] = Number(v.peerOverCapacity);
      } else peer[`peerFailedAfterMs_${k}`] = Number(v.peerMs);
      peer[`oursBlockingApplicants_${k}`] = Number(v.oursBlocking);
      peer[`oursPlaced_${k}`] = Number(v.oursPlaced);
      log(
        `  ${k}: ours ${String(v.oursMs)} ms, ${String(v.oursBlocking)} in blocking pairs; peer ${
          v.peerError === null
            ? `${String(v.peerMs)} ms, ` + `${String(v.peerBlocking)} in blocking pairs, ${String(v.peerPlaced)} placed`
            : `FAILED after ${String(v.peerMs)} ms: ${String(v.peerError)}`
        }`,
      );
    }
    results.push({
      name: 'allocation: vs hospitals-and-residents 1.2.0',
      kind: 'metric',
      note:
        'the peer package on the same rounds: backtracking search for a feasible matching (one stack frame per applicant), then simulated-annealing ' +
        "2-opt swaps on a cost (applicant rank of the need + the need's score band), Math.random, ~161,000 iterations. " +
        'It refuses rounds with fewer seats than applicants, so it gets an extra catch-all "unplaced" hospital. Its 2-opt only swaps two residents\' ' +
        'places, so seats left empty by the first feasible matching stay empty. ' +
        "ratio = peer ÷ ours (ours: median of 21 runs in the same child); blocking: applicants in a blocking pair by the round's rules (our checker). " +
        'Failures in details.',
      values: peer,
      details: { failures },
    });
    return results;
  },
};

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href && process.argv[2] === 'child') {
  process.stdout.write(`${JSON.stringify(child(JSON.parse(process.argv[3] ?? '{}') as ChildTask))}\n`);
}
