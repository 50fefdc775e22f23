import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { closeOnSignal } from './shutdown';

/** Just enough of `process` for closeOnSignal: signals, exitCode, stderr, exit. */
function fakeProcess() {
  const proc = Object.assign(new EventEmitter(), {
    exitCode: undefined as number | undefined,
    written: '',
    exits: 0,
    stderr: {
      write: (s: string) => {
        proc.written += s;
        return true;
      },
    },
    exit: () => {
      proc.exits += 1;
    },
  });
  return proc;
}

describe('closeOnSignal', () => {
  it('closes on SIGTERM with exit code 0 and stops listening for signals', async () => {
    const proc = fakeProcess();
    let closed = 0;
    const close = async () => {
      closed += 1;
    };
    const done = closeOnSignal({ close }, { proc: proc as never });
    proc.emit('SIGTERM');
    await done;
    expect(closed).toBe(1);
    expect(proc.exitCode).toBe(0);
    expect(proc.listenerCount('SIGINT') + proc.listenerCount('SIGTERM')).toBe(0);
  });

  it('cuts lingering connections after the grace period, and reports a failed close in one line', async () => {
    const proc = fakeProcess();
    let release = () => {};
    let forced = 0;
    const server = {
      close: () =>
        new Promise<void>((_resolve, reject) => {
          release = () => reject(new Error('database went away\n    at stack'));
        }),
      force: () => {
        forced += 1;
        release();
      },
    };
    const done = closeOnSignal(server, { proc: proc as never, forceAfterMs: 5 });
    proc.emit('SIGINT');
    await done;
    expect(forced).toBe(1);
    expect(proc.exitCode).toBe(1);
    expect(proc.written).toBe('tessera: error while stopping: database went away\n');
  });
});
