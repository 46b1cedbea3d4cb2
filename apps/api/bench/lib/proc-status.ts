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
