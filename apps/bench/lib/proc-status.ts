import { readFileSync } from 'node:fs';

const mb = (kB: number) => Math.round(kB / 102.4) / 10;

/**
 * Resident memory of another process from /proc/<pid>/status (Linux), in MB:
 * rssMB = VmRSS (now), hwmMB = VmHWM (peak resident size since the process started). null where /proc is missing.
 */
export function processMemory(pid: number): { rssMB: number; hwmMB: number } | null {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/status`, 'utf8');
  } catch {
    return null;
  }
  const kB = (field: string) => {
    const match = new RegExp(`^${field}:\\s+(\\d+)\\s+kB$`, 'm').exec(text);
    return match?.[1] === undefined ? null : Number(match[1]);
  };
  const rss = kB('VmRSS');
  const hwm = kB('VmHWM');
  return rss === null || hwm === null ? null : { rssMB: mb(rss), hwmMB: mb(hwm) };
}

/** User + system CPU time of a process so far, in ms, from /proc/<pid>/stat (Linux, 100 ticks a second); null elsewhere. */
export function cpuMsOf(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return null;
  }
}
