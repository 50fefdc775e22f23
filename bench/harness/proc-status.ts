import { readFileSync } from 'node:fs';

/** A field of /proc/<pid>/status in KiB (VmRSS: now; VmHWM: the kernel's peak resident set). */
export function statusKiB(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  const match = new RegExp(`${field}:\\s+(\\d+)`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return Number(match?.[1] ?? 0);
}

/** User + system CPU seconds a process has used so far (/proc/<pid>/stat, fields 14 and 15). */
export function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]);
  return ticks / 100; // USER_HZ is 100 on Linux
}

export const mib = (kib: number): number => Math.round(kib / 1024);

/** Samples a process's RSS every `everyMs` (the /proc high-water mark covers what sampling misses). */
export function sampleRss(pid: number, everyMs = 25): { stop(): { startKiB: number; peakKiB: number } } {
  const startKiB = statusKiB(pid, 'VmRSS');
  let peakKiB = startKiB;
  const timer = setInterval(() => {
    peakKiB = Math.max(peakKiB, statusKiB(pid, 'VmRSS'));
  }, everyMs);
  return {
    stop() {
      clearInterval(timer);
      return { startKiB, peakKiB };
    },
  };
}

/** The load average (1, 5, 15 min) — benchmarks on a shared machine should say how busy it was. */
export function loadAverage(): string {
  return readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
}

/** Bytes a process has passed to write syscalls so far (/proc/<pid>/io `wchar`: SQLite's WAL frames, sockets). */
export function bytesWritten(pid: number): number {
  const match = /wchar:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/io`, 'utf8'));
  return Number(match?.[1] ?? 0);
}
