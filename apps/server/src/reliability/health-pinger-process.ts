import { setTimeout as sleep } from 'node:timers/promises';

/**
 * A health-check client in its own process, so that what it measures is the server's latency and not the
 * test process's own event loop: `GET <url>/healthz` every `everyMs` (never two at once) until stdin
 * closes or `maxMs` passes, then one JSON line on stdout: `[[startedAt (epoch ms), ms, status], …]`.
 */
const [url, everyArg, maxArg] = process.argv.slice(2);
const everyMs = Number(everyArg);
const stopAt = Date.now() + Number(maxArg);
const samples: [number, number, number][] = [];
let running = true;
process.stdin.on('end', () => {
  running = false;
});
process.stdin.resume();
process.stdout.write('ready\n');
while (running && Date.now() < stopAt) {
  const at = Date.now();
  const started = performance.now();
  let status = 0;
  try {
    const res = await fetch(`${url}/healthz`);
    await res.arrayBuffer();
    status = res.status;
  } catch {
    status = -1;
  }
  samples.push([at, performance.now() - started, status]);
  await sleep(everyMs);
}
process.stdout.write(`${JSON.stringify(samples)}\n`, () => process.exit(0));
