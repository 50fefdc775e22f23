import { readdirSync, readFileSync } from 'node:fs';

/** A field of /proc/<pid>/status in KiB (VmRSS: now; VmHWM: the kernel's peak resident set). */
export function statusKiB(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  const match = new RegExp(`${field}:\\s+(\\d+)`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return Number(match?.[1] ?? 0);
}

/** User + system CPU seconds in a /proc/<pid>/stat line (fields 14 and 15; USER_HZ is 100 on Linux). */
function statCpuSeconds(stat: string): number {
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** User + system CPU seconds a process has used so far. */
export function cpuSeconds(pid: number): number {
  return statCpuSeconds(readFileSync(`/proc/${pid}/stat`, 'utf8'));
}

export const mib = (kib: number): number => Math.round(kib / 1024);

export interface RssSamples {
  readonly startKiB: number;
  readonly peakKiB: number;
  /** RSS in KiB at each fraction of the sampled time (e.g. 0.25 → the last sample in its first quarter). */
  at(fraction: number): number;
  /** The highest RSS in KiB sampled between two fractions of the sampled time. */
  peakBetween(from: number, to: number): number;
}

/** Samples a process's RSS every `everyMs` (the /proc high-water mark covers what sampling misses). */
export function sampleRss(pid: number, everyMs = 25): { stop(): RssSamples } {
  const t0 = performance.now();
  const startKiB = statusKiB(pid, 'VmRSS');
  const samples: { ms: number; kib: number }[] = [{ ms: 0, kib: startKiB }];
  const timer = setInterval(() => {
    samples.push({ ms: performance.now() - t0, kib: statusKiB(pid, 'VmRSS') });
  }, everyMs);
  return {
    stop() {
      clearInterval(timer);
      const totalMs = performance.now() - t0;
      const at = (fraction: number) => {
        let kib = startKiB;
        for (const s of samples) if (s.ms <= fraction * totalMs) kib = s.kib;
        return kib;
      };
      const peakBetween = (from: number, to: number) =>
        samples
          .filter((s) => s.ms >= from * totalMs && s.ms <= to * totalMs)
          .reduce((a, s) => Math.max(a, s.kib), 0);
      return { startKiB, peakKiB: peakBetween(0, 1), at, peakBetween };
    },
  };
}

/** The load average (1, 5, 15 min) — benchmarks on a shared machine should say how busy it was. */
export function loadAverage(): string {
  return readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
}

/**
 * What a process has passed to write syscalls so far (/proc/<pid>/io): bytes (`wchar`: SQLite's WAL frames,
 * sockets) and calls (`syscw`: on PostgreSQL about one per round trip to the server, plus the HTTP answers).
 */
export function writes(pid: number): { readonly bytes: number; readonly calls: number } {
  const io = readFileSync(`/proc/${pid}/io`, 'utf8');
  return {
    bytes: Number(/wchar:\s+(\d+)/.exec(io)?.[1] ?? 0),
    calls: Number(/syscw:\s+(\d+)/.exec(io)?.[1] ?? 0),
  };
}

/**
 * CPU seconds the whole machine has been busy so far, all cores together (/proc/stat: user, nice, system, irq and
 * softirq; not idle, iowait or steal). Over a drain it covers the serve processes, the database server and the
 * load generator: on a saturated machine, cores ÷ busy seconds per task bounds the throughput.
 */
export function machineBusySeconds(): number {
  const ticks = (readFileSync('/proc/stat', 'utf8').split('\n', 1)[0] ?? '')
    .trim()
    .split(/\s+/)
    .slice(1)
    .map(Number);
  const [user = 0, nice = 0, system = 0, , , irq = 0, softirq = 0] = ticks;
  return (user + nice + system + irq + softirq) / 100;
}

/**
 * User + system CPU seconds used so far by every live process whose command name is `comm` (/proc/<pid>/stat),
 * e.g. all PostgreSQL backends (`postgres`). Processes that exit in between are not counted.
 */
export function cpuSecondsOf(comm: string): number {
  let total = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue; // exited while we looked
    }
    if (stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')) === comm) total += statCpuSeconds(stat);
  }
  return total;
}
