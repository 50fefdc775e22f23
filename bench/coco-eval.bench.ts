/**
 * COCO bbox evaluation at COCO-val scale: 5,000 images × 100 detections × 80 categories (≈37,000 GT boxes,
 * 500,000 detections). Target: < 4 s and < 500 MB peak RSS on 2 cores (pycocotools: 43 s / 2.5 GB).
 *
 *   npx tsx bench/coco-eval.bench.ts            # generate, then evaluate in a fresh child process (3 runs)
 *   npx tsx bench/coco-eval.bench.ts --write DIR   # only write DIR/gt.json and DIR/pred.json (for profiling)
 *
 * The parent generates a seeded workload and writes it as COCO JSON files; a fresh child process (so its peak RSS
 * holds only what the CLI would: the parsed files and the evaluation) reads and parses them, evaluates (timed separately) and reports its peak RSS
 * (`process.resourceUsage().maxRSS`, the kernel's high-water mark) plus a 20 ms RSS sample taken from a worker
 * thread, which keeps running while the main thread is busy.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { evaluateCocoBboxJson } from '@tessera/metrics';
import { appendResults } from './results-file';

const IMAGES = 5000;
const DETS_PER_IMAGE = 100;
const CATEGORIES = 80;

/** mulberry32: small, fast, seeded. */
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

interface Workload {
  dataset: { images: { id: number }[]; categories: { id: number }[]; annotations: object[] };
  results: object[];
}

const round2 = (v: number) => Math.round(v * 100) / 100;

/** GT per image: 1–14 boxes (mean ≈ 7.4) over 1–4 of the image's categories; log-uniform sizes; 1% crowd. */
function generate(seed: number): Workload {
  const r = prng(seed);
  const int = (n: number) => Math.floor(r() * n);
  // Sparse ids like COCO 2017 (80 classes spread over 1–90), images with gaps.
  const categories = Array.from({ length: CATEGORIES }, (_, i) => ({ id: 1 + i + Math.floor(i / 8) }));
  const images = Array.from({ length: IMAGES }, (_, i) => ({ id: 100_000 + 7 * i, width: 640, height: 480 }));
  const annotations: object[] = [];
  const results: object[] = [];
  for (const image of images) {
    const imageCats = Array.from({ length: 1 + int(4) }, () => categories[int(CATEGORIES)]!.id);
    const gts: { cat: number; box: number[] }[] = [];
    const nGt = 1 + Math.floor(r() * 13.8);
    for (let g = 0; g < nGt; g++) {
      const side = Math.exp(Math.log(8) + r() * (Math.log(400) - Math.log(8)));
      const aspect = Math.exp((r() - 0.5) * 1.4);
      const w = Math.min(639, side * aspect);
      const h = Math.min(479, side / aspect);
      const box = [round2(r() * (640 - w)), round2(r() * (480 - h)), round2(w), round2(h)];
      const cat = imageCats[int(imageCats.length)]!;
      gts.push({ cat, box });
      annotations.push({
        id: annotations.length + 1,
        image_id: image.id,
        category_id: cat,
        bbox: box,
        area: round2(box[2]! * box[3]! * (0.55 + 0.4 * r())), // mask area < box area, as in COCO
        iscrowd: r() < 0.01 ? 1 : 0,
      });
    }
    for (let d = 0; d < DETS_PER_IMAGE; d++) results.push(detection(r, image.id, gts, imageCats, categories));
  }
  return { dataset: { images, categories, annotations }, results };
}

/** 60% jittered copies of a GT (10% with a wrong class), else random boxes; scores favour the jittered ones. */
function detection(
  r: () => number,
  imageId: number,
  gts: { cat: number; box: number[] }[],
  imageCats: number[],
  categories: { id: number }[],
): object {
  if (r() < 0.6) {
    const g = gts[Math.floor(r() * gts.length)]!;
    const [x, y, w, h] = g.box as [number, number, number, number];
    const j = 0.25 * r();
    const box = [
      x + (r() - 0.5) * j * w,
      y + (r() - 0.5) * j * h,
      w * (1 + (r() - 0.5) * j),
      h * (1 + (r() - 0.5) * j),
    ];
    const cat = r() < 0.1 ? imageCats[Math.floor(r() * imageCats.length)]! : g.cat;
    return { image_id: imageId, category_id: cat, bbox: box.map(round2), score: round3(0.3 + 0.7 * r()) };
  }
  const w = 8 + r() * 300;
  const h = 8 + r() * 300;
  const cat =
    r() < 0.5 ? imageCats[Math.floor(r() * imageCats.length)]! : categories[Math.floor(r() * 80)]!.id;
  const box = [r() * (640 - w), r() * (480 - h), w, h].map(round2);
  return { image_id: imageId, category_id: cat, bbox: box, score: round3(0.6 * r()) };
}

const round3 = (v: number) => Math.round(v * 1000) / 1000;

const SAMPLER = `
const { parentPort } = require('node:worker_threads');
let peak = 0;
const tick = () => { const rss = process.memoryUsage.rss(); if (rss > peak) peak = rss; };
const timer = setInterval(tick, 20);
parentPort.on('message', () => { tick(); clearInterval(timer); parentPort.postMessage(peak); });
`;

async function child(gtPath: string, predPath: string): Promise<void> {
  const sampler = new Worker(SAMPLER, { eval: true });
  const t0 = performance.now();
  const dataset: unknown = JSON.parse(readFileSync(gtPath, 'utf8'));
  const results: unknown = JSON.parse(readFileSync(predPath, 'utf8'));
  const rssAfterParse = process.memoryUsage.rss();
  const t1 = performance.now();
  const cpu = process.cpuUsage();
  const out = evaluateCocoBboxJson(dataset, results);
  const cpuUsed = process.cpuUsage(cpu);
  const t2 = performance.now();
  if (!out.ok) throw new Error(`${out.input}: ${out.issue.path}: ${out.issue.message}`);
  const sampled = await new Promise<number>((resolve) => {
    sampler.once('message', resolve);
    sampler.postMessage('stop');
  });
  await sampler.terminate();
  const report = {
    parseSeconds: (t1 - t0) / 1000,
    evalSeconds: (t2 - t1) / 1000,
    evalCpuSeconds: (cpuUsed.user + cpuUsed.system) / 1e6,
    rssAfterParseMB: rssAfterParse / 2 ** 20,
    peakRssMB: process.resourceUsage().maxRSS / 1024,
    sampledPeakRssMB: sampled / 2 ** 20,
    AP: out.value.AP,
    AP50: out.value.AP50,
    AR100: out.value.AR100,
  };
  process.stdout.write(`${JSON.stringify(report)}\n`);
}

function write(dir: string): { work: Workload; gtPath: string; predPath: string } {
  const work = generate(20_240_601);
  const gtPath = join(dir, 'gt.json');
  const predPath = join(dir, 'pred.json');
  writeFileSync(gtPath, JSON.stringify(work.dataset));
  writeFileSync(predPath, JSON.stringify(work.results));
  return { work, gtPath, predPath };
}

function parent(): void {
  const tg = performance.now();
  const dir = mkdtempSync(join(tmpdir(), 'coco-bench-'));
  const { work, gtPath, predPath } = write(dir);
  const gen = (performance.now() - tg) / 1000;
  console.log(
    `workload: ${IMAGES} images, ${work.dataset.annotations.length} GT boxes, ${work.results.length} detections, ` +
      `${CATEGORIES} categories (generated in ${gen.toFixed(1)} s)`,
  );
  const runs: Record<string, number>[] = [];
  try {
    for (let i = 0; i < 3; i++) {
      const p = spawnSync(
        process.execPath,
        [...process.execArgv, process.argv[1]!, '--child', gtPath, predPath],
        {
          encoding: 'utf8',
          maxBuffer: 1 << 20,
        },
      );
      if (p.status !== 0) throw new Error(`child failed: ${p.stderr}`);
      const report = JSON.parse(p.stdout) as Record<string, number>;
      runs.push(report);
      console.log(
        `run ${i + 1}: evaluate ${report.evalSeconds!.toFixed(2)} s wall / ${report.evalCpuSeconds!.toFixed(2)} s CPU ` +
          `(JSON parse ${report.parseSeconds!.toFixed(2)} s), peak RSS ${report.peakRssMB!.toFixed(0)} MB ` +
          `(sampled ${report.sampledPeakRssMB!.toFixed(0)} MB, ${report.rssAfterParseMB!.toFixed(0)} MB after parse); ` +
          `AP ${report.AP!.toFixed(4)} AP50 ${report.AP50!.toFixed(4)} AR100 ${report.AR100!.toFixed(4)}`,
      );
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const median = (key: string) =>
    runs.map((r) => r[key]!).sort((a, b) => a - b)[Math.floor(runs.length / 2)]!;
  console.log(
    `median: evaluate ${median('evalSeconds').toFixed(2)} s (CPU ${median('evalCpuSeconds').toFixed(2)} s), ` +
      `parse ${median('parseSeconds').toFixed(2)} s, ` +
      `peak RSS ${median('peakRssMB').toFixed(0)} MB (target < 4 s, < 500 MB)`,
  );
  appendResults([
    {
      scenario: 'COCO bbox evaluation (eval detection)',
      database: '-',
      parameters: `${IMAGES} images, ${work.dataset.annotations.length} GT, ${work.results.length} dets, ${CATEGORIES} categories; median of ${runs.length}`,
      figure: `${median('evalSeconds').toFixed(2)} s evaluate (+${median('parseSeconds').toFixed(2)} s JSON parse), peak RSS ${median('peakRssMB').toFixed(0)} MB`,
      peers:
        'pycocotools: ~43 s, ~2.5 GB on a machine like this (performance reference; not installable here)',
    },
  ]);
}

if (process.argv[2] === '--child') await child(process.argv[3]!, process.argv[4]!);
else if (process.argv[2] === '--write') write(process.argv[3]!);
else parent();
