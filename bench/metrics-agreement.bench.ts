/**
 * Agreement and truth-inference on 1,000,000 labels (seeded): Krippendorff's alpha (nominal, ordinal, interval),
 * Fleiss' kappa, majority vote, Dawid–Skene and one-coin Dawid–Skene through the public API (object ratings in,
 * encoding included). Prints wall and CPU seconds per step (CPU time is the steadier number on a busy machine)
 * and peak RSS.
 *
 *   npx tsx bench/metrics-agreement.bench.ts [labels=1000000] [ratersPerItem=5] [classes=5]
 */

import {
  type AnnotatorRating,
  dawidSkene,
  fleissCountTable,
  fleissKappa,
  krippendorffAlphaFromRatings,
  majorityVote,
  oneCoinDawidSkene,
} from '@tessera/metrics';
import { appendResults } from './results-file';

const totalLabels = Number(process.argv[2] ?? 1_000_000);
const ratersPerItem = Number(process.argv[3] ?? 5);
const classes = Number(process.argv[4] ?? 5);
const annotatorPool = 1000;

/** mulberry32: small seeded PRNG. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function generate(seed: number): AnnotatorRating[] {
  const random = prng(seed);
  const accuracy = Array.from({ length: annotatorPool }, () => 0.55 + 0.4 * random());
  const ratings: AnnotatorRating[] = [];
  const items = Math.floor(totalLabels / ratersPerItem);
  for (let i = 0; i < items; i += 1) {
    const truth = Math.floor(random() * classes);
    const first = Math.floor(random() * annotatorPool);
    for (let r = 0; r < ratersPerItem; r += 1) {
      const annotator = (first + r * 7) % annotatorPool;
      const label = random() < accuracy[annotator]! ? truth : Math.floor(random() * classes);
      ratings.push({ item: `item-${i}`, annotator: `annotator-${annotator}`, label });
    }
  }
  return ratings;
}

let peakRss = process.memoryUsage().rss;
const sample = () => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
};
const sampler = setInterval(sample, 5);

const figures: string[] = [];

function time<T>(name: string, run: () => T, describe: (result: T) => string): T {
  sample();
  const start = performance.now();
  const cpuStart = process.cpuUsage();
  const result = run();
  const seconds = (performance.now() - start) / 1000;
  const cpu = process.cpuUsage(cpuStart);
  sample();
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  if (name !== 'generate') figures.push(`${name}: ${seconds.toFixed(2)} s`);
  console.log(
    `${name.padEnd(38)} ${seconds.toFixed(3).padStart(8)} s wall ${cpuSeconds.toFixed(3).padStart(8)} s cpu   ${describe(result)}`,
  );
  return result;
}

const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MB`;
const ratings = time(
  'generate',
  () => generate(42),
  (r) => `${r.length} labels, ${classes} classes`,
);
for (const level of ['nominal', 'ordinal', 'interval'] as const) {
  time(
    `krippendorff alpha (${level})`,
    () => krippendorffAlphaFromRatings(ratings, { level }),
    (r) => `alpha=${r.alpha.toFixed(6)}`,
  );
}
time(
  'fleiss kappa',
  () => fleissKappa(fleissCountTable(ratings).counts),
  (k) => `kappa=${k.toFixed(6)}`,
);
time(
  'majority vote',
  () => majorityVote(ratings),
  (r) => `${r.items.length} items`,
);
time(
  'dawid-skene (n_iter 100, tol 1e-5)',
  () => dawidSkene(ratings),
  (r) => `${r.elboHistory.length} iterations`,
);
time(
  'dawid-skene (100 iterations, no stop)',
  () => dawidSkene(ratings, { tol: -Number.MAX_VALUE }),
  (r) => `${r.elboHistory.length} iterations`,
);
time(
  'one-coin dawid-skene',
  () => oneCoinDawidSkene(ratings),
  (r) => `${r.elboHistory.length} iterations`,
);
clearInterval(sampler);
sample();
const maxRss = process.resourceUsage().maxRSS * 1024;
console.log(`peak RSS: sampled ${mb(peakRss)}, getrusage maxRSS ${mb(maxRss)} (node ${process.version})`);
appendResults([
  {
    scenario: 'agreement and truth inference',
    database: '-',
    parameters: `${ratings.length} labels (seeded)`,
    figure: `${figures.join('; ')}; peak RSS ${mb(maxRss)}`,
    peers: 'target: seconds, not minutes',
  },
]);
