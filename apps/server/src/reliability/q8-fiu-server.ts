import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { promisify } from 'node:util';
import { type ServerProcess, spawnServer } from '../testing/spawn-servers';

export const FIU_RUN = '/usr/bin/fiu-run';
export const FIU_CTRL = '/usr/bin/fiu-ctrl';
const run = promisify(execFile);

/** Whether libfiu's tools (Debian `fiu-utils`) are installed. */
export function fiuInstalled(): boolean {
  return existsSync(FIU_RUN) && existsSync(FIU_CTRL);
}

/**
 * A `serve` process under `fiu-run -x` (libfiu's POSIX wrappers preloaded, every failure point off, remote
 * control on): faults are switched on and off at run time by pid with `fiu-ctrl`, after startup, so the
 * startup line (written with write(2) too) always gets out.
 */
export function spawnFiuServer(env: Record<string, string>, timeoutMs = 30_000): Promise<ServerProcess> {
  return spawnServer(env, timeoutMs, [FIU_RUN, '-x']);
}

/** Runs one libfiu remote-control command in the process `pid` (e.g. `enable_random name=…,probability=…`). */
export async function fiuControl(pid: number, command: string): Promise<void> {
  await run(FIU_CTRL, ['-c', command, String(pid)], { timeout: 10_000 });
}

/** The fault of a Q8 variant: one libfiu failure point failing at random, with a random errno or ENOSPC. */
export interface WriteFault {
  readonly name: string;
  /** libfiu command that enables the fault. */
  readonly enable: string;
  readonly disable: string;
}

const ENOSPC = 28;

/**
 * SQLite as better-sqlite3 builds it writes with pwrite64(2) (strace: every database, WAL and -shm write;
 * write(2) only for the process's own pipes and sockets), so its disk writes fail through libfiu's
 * `posix/io/rw/pwrite` point (pwrite and pwrite64); `posix/io/rw/write` never reaches the database.
 */
export function writeFaults(point: string, probability: number): readonly WriteFault[] {
  const base = `name=${point},probability=${probability}`;
  return [
    { name: `${point} random errno`, enable: `enable_random ${base}`, disable: `disable name=${point}` },
    {
      name: `${point} ENOSPC`,
      enable: `enable_random ${base},failinfo=${ENOSPC}`,
      disable: `disable name=${point}`,
    },
  ];
}
