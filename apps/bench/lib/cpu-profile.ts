import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

// A summary of V8 .cpuprofile files (as `node --cpu-prof` writes them): self time by function and by module.

type CallFrame = { functionName: string; url: string; lineNumber: number; columnNumber: number };
type ProfileNode = { id: number; callFrame: CallFrame; hitCount?: number; children?: number[] };
export type CpuProfile = { nodes: ProfileNode[]; startTime: number; endTime: number; samples?: number[]; timeDeltas?: number[] };

export type SelfTime = { name: string; where: string; ms: number; share: number };
export type ProfileSummary = {
  files: number;
  withSamples: number;
  sampledMs: number;
  idleMs: number;
  busyMs: number;
  functions: SelfTime[];
  modules: SelfTime[];
  /** busy time charged to the nearest frame of the repository's own code up the stack (what it runs in libraries included) */
  ours: SelfTime[];
};

/** The repository's own source (apps/, packages/), not its dependencies. */
const isOurs = (url: string) => url.startsWith('file://') && !url.includes('/node_modules/') && url.startsWith(`file://${REPO_ROOT}`);

const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
/** V8's pseudo-frames: they are not code of ours to point at */
const IDLE = '(idle)';

/** A short place for a script URL: the package under node_modules, or the path in the repository. */
function shortUrl(url: string): string {
  if (!url) return '';
  const path = url.startsWith('file://') ? fileURLToPath(url) : url;
  const nm = path.lastIndexOf('/node_modules/');
  if (nm >= 0) return path.slice(nm + '/node_modules/'.length);
  return path.startsWith(REPO_ROOT) ? path.slice(REPO_ROOT.length) : path;
}

/** The module a frame belongs to: an npm package (scoped or not), a repository package folder, node's own code or a V8 pseudo-frame. */
function moduleOf(url: string, functionName: string): string {
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  if (url.startsWith('node:')) return 'node: (core)';
  const short = shortUrl(url);
  if (short !== url && !short.startsWith('/')) {
    const parts = short.split('/');
    if (url.includes('/node_modules/')) return parts[0]?.startsWith('@') ? `${parts[0]}/${parts[1] ?? ''}` : (parts[0] ?? short);
    return parts.slice(0, 2).join('/');
  }
  return short;
}

/**
 * A span of a process's monotonic clock in µs (`process.hrtime.bigint() / 1000n`): V8 stamps samples on the same
 * clock (CLOCK_MONOTONIC on Linux), so another process's profile can be cut to the span this process measured.
 */
export type Window = { fromUs: number; toUs: number };

/** Self time of every sample (within the window), by node id: the time until the next sample, as Chrome DevTools counts it. */
function selfMsByNode(profile: CpuProfile, window?: Window): Map<number, number> {
  const out = new Map<number, number>();
  const { samples, timeDeltas } = profile;
  if (samples?.length && timeDeltas?.length === samples.length) {
    let t = profile.startTime;
    for (let i = 0; i < samples.length; i++) {
      t += timeDeltas[i] ?? 0;
      if (window && (t < window.fromUs || t > window.toUs)) continue;
      const id = samples[i] as number;
      const next = timeDeltas[i + 1] ?? 0;
      out.set(id, (out.get(id) ?? 0) + Math.max(0, next) / 1000);
    }
    return out;
  }
  if (window) return out;
  // no sample list: spread the wall time over the hit counts
  const hits = profile.nodes.reduce((s, n) => s + (n.hitCount ?? 0), 0);
  const per = hits > 0 ? (profile.endTime - profile.startTime) / 1000 / hits : 0;
  for (const n of profile.nodes) out.set(n.id, (n.hitCount ?? 0) * per);
  return out;
}

export function readProfiles(dir: string): CpuProfile[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.cpuprofile'))
    .map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as CpuProfile);
}

/** Self time aggregated over all profiles by function (name + file:line) and by module; shares are of the non-idle time. */
export function summariseProfiles(profiles: CpuProfile[], top = 15, window?: Window): ProfileSummary {
  const byFunction = new Map<string, { name: string; where: string; ms: number }>();
  const byModule = new Map<string, number>();
  const byOurs = new Map<string, { name: string; where: string; ms: number }>();
  let sampledMs = 0;
  let idleMs = 0;
  let withSamples = 0;
  for (const profile of profiles) {
    const self = selfMsByNode(profile, window);
    if (self.size) withSamples += 1;
    const parent = new Map<number, ProfileNode>();
    const byId = new Map(profile.nodes.map((n) => [n.id, n]));
    for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n);
    const oursOf = (node: ProfileNode): ProfileNode | null => {
      for (let n: ProfileNode | undefined = node; n; n = parent.get(n.id)) if (isOurs(n.callFrame.url)) return n;
      return null;
    };
    for (const node of profile.nodes) {
      const ms = self.get(node.id) ?? 0;
      if (ms === 0) continue;
      const { functionName, url, lineNumber } = node.callFrame;
      sampledMs += ms;
      if (functionName === IDLE) {
        idleMs += ms;
        continue;
      }
      const name = functionName || '(anonymous)';
      const where = url ? `${shortUrl(url)}:${lineNumber + 1}` : '';
      const key = `${name}\u0000${where}`;
      const entry = byFunction.get(key) ?? { name, where, ms: 0 };
      entry.ms += ms;
      byFunction.set(key, entry);
      const mod = moduleOf(url, name);
      byModule.set(mod, (byModule.get(mod) ?? 0) + ms);
      const own = oursOf(byId.get(node.id) ?? node);
      const ownName = own ? own.callFrame.functionName || '(anonymous)' : '(no frame of ours on the stack)';
      const ownWhere = own ? `${shortUrl(own.callFrame.url)}:${own.callFrame.lineNumber + 1}` : '';
      const ownKey = `${ownName}\u0000${ownWhere}`;
      const ownEntry = byOurs.get(ownKey) ?? { name: ownName, where: ownWhere, ms: 0 };
      ownEntry.ms += ms;
      byOurs.set(ownKey, ownEntry);
    }
  }
  const busyMs = sampledMs - idleMs;
  const share = (ms: number) => (busyMs > 0 ? ms / busyMs : 0);
  const functions = [...byFunction.values()]
    .sort((a, b) => b.ms - a.ms)
    .slice(0, top)
    .map((f) => ({ ...f, share: share(f.ms) }));
  const modules = [...byModule.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([name, ms]) => ({ name, where: '', ms, share: share(ms) }));
  const ours = [...byOurs.values()]
    .sort((a, b) => b.ms - a.ms)
    .slice(0, top)
    .map((f) => ({ ...f, share: share(f.ms) }));
  return { ours, files: profiles.length, withSamples, sampledMs, idleMs, busyMs, functions, modules };
}
