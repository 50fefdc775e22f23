import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { seededRandom } from '@tessera/db';
import sharp, { type Sharp } from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { probeImage } from '../assets/image-probe';
import { DEFAULT_ASSET_LIMITS } from '../routes/asset-upload-routes';
import { startSampler } from '../testing/sampler';
import { seedSqliteDir } from '../testing/seed-workspace';
import { type ServerProcess, spawnServer, stopServer } from '../testing/spawn-servers';
import { crashServerEnv } from './crash-env';
import { startHealthPinger } from './health-pinger';
import { hugePng, manyFrameApng, manyFrameGif, manyFrameWebp } from './image-bombs';
import { scale } from './scale';

/** Bombs are sent in rounds (all 10 at once) for at least ROUNDS rounds and PHASE_MS, at most MAX_ROUNDS. */
const ROUNDS = scale(5, 50);
const PHASE_MS = scale(4_000, 30_000);
const MAX_ROUNDS = scale(100, 1_000);
const RSS_LIMIT = 512 * 1024 * 1024;
const HEALTH_P99_MS = 200;
const MiB = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MiB`;

interface Bomb {
  readonly name: string;
  readonly bytes: Buffer;
  readonly type: string;
  readonly status: number;
  readonly code: string;
}

/**
 * A 1920×1080 photo-like image, the same on every run: a gradient with seeded noise (noise is close to a
 * photo's worst case for the decoders).
 */
function fullHd(seed = 4): Sharp {
  const [width, height] = [1920, 1080];
  const random = seededRandom(seed);
  const pixels = Buffer.alloc(width * height * 3);
  for (let i = 0; i < pixels.length; i++) {
    const x = (i / 3) % width;
    pixels[i] = Math.min(255, Math.max(0, (x / width) * 160 + (i % 3) * 30 + (random.next() - 0.5) * 80));
  }
  return sharp(pixels, { raw: { width, height, channels: 3 } });
}

async function bombs(): Promise<Bomb[]> {
  const jpeg = await fullHd().jpeg({ quality: 85 }).toBuffer();
  const png = await fullHd().resize(640, 360).png().toBuffer();
  const webp = await fullHd().resize(640, 360).webp().toBuffer();
  const gif = manyFrameGif(10_000, 128);
  const refused = (status: number, code: string) => ({ status, code });
  return [
    {
      name: 'PNG 50,000 × 50,000',
      bytes: hugePng(50_000, 50_000, 64),
      type: 'image/png',
      ...refused(422, 'image_too_large'),
    },
    {
      name: 'JPEG cut in half',
      bytes: jpeg.subarray(0, jpeg.length >> 1),
      type: 'image/jpeg',
      ...refused(422, 'image_corrupt'),
    },
    {
      // Only the end marker missing is not a truncation (every pixel is there; libjpeg may or may not notice).
      name: 'JPEG missing its last KiB',
      bytes: jpeg.subarray(0, jpeg.length - 1024),
      type: 'image/jpeg',
      ...refused(422, 'image_corrupt'),
    },
    {
      name: 'PNG missing its last KiB',
      bytes: png.subarray(0, png.length - 1024),
      type: 'image/png',
      ...refused(422, 'image_corrupt'),
    },
    {
      name: 'WebP missing its last KiB',
      bytes: webp.subarray(0, webp.length - 1024),
      type: 'image/webp',
      ...refused(422, 'image_corrupt'),
    },
    { name: 'GIF 10k frames', bytes: gif, type: 'image/gif', ...refused(415, 'unsupported_media_type') },
    {
      name: 'GIF 10k frames sent as PNG',
      bytes: gif,
      type: 'image/png',
      ...refused(415, 'unsupported_media_type'),
    },
    {
      name: 'WebP 10k frames',
      bytes: await manyFrameWebp(10_000, 128),
      type: 'image/webp',
      ...refused(422, 'image_too_many_frames'),
    },
    {
      name: 'APNG 10k frames',
      bytes: manyFrameApng(10_000, 128),
      type: 'image/png',
      ...refused(422, 'image_too_many_frames'),
    },
    {
      name: 'WebP 1,000 frames of 512²',
      bytes: await manyFrameWebp(1_000, 512),
      type: 'image/webp',
      ...refused(422, 'image_too_large'),
    },
  ];
}

/** The server's resident set now and at its peak (VmRSS, VmHWM), from /proc/<pid>/status. */
function memoryOf(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1]) * 1024;
  return { rss: kib('VmRSS'), peak: kib('VmHWM') };
}

const percentile = (values: readonly number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil(sorted.length * p) - 1)] ?? Number.NaN;
};

const median = (values: readonly number[]) => percentile(values, 0.5);

/** Everything under the assets directory, hidden temporaries included ([] while it does not exist). */
function assetFiles(dataDir: string): string[] {
  try {
    return readdirSync(join(dataDir, 'assets')).sort();
  } catch {
    return [];
  }
}

describe('U4 image bombs against a serve process', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tessera-u4-'));
  let server: ServerProcess | undefined;
  let adminKey = '';
  beforeAll(async () => {
    adminKey = (await seedSqliteDir(dir, { annotators: 0, tasks: 0 })).adminKey;
    server = await spawnServer(crashServerEnv({ TESSERA_DATA: dir }));
  }, 60_000);
  afterAll(async () => {
    if (server) await stopServer(server);
    rmSync(dir, { recursive: true, force: true });
  });

  const upload = async (bytes: Buffer, type: string) => {
    const res = await fetch(`${server?.url}/v1/assets`, {
      method: 'POST',
      headers: { authorization: `Bearer ${adminKey}`, 'content-type': type },
      body: bytes,
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };

  /** Sends every bomb at once, round after round, for PHASE_MS (ROUNDS to MAX_ROUNDS rounds). */
  async function bombard(list: readonly Bomb[]) {
    const answers: { name: string; status: number; code: unknown; detail: unknown }[] = [];
    const deadline = Date.now() + PHASE_MS;
    let rounds = 0;
    for (; rounds < MAX_ROUNDS && (rounds < ROUNDS || Date.now() < deadline); rounds++) {
      const results = await Promise.all(list.map((b) => upload(b.bytes, b.type)));
      results.forEach((r, i) => {
        const name = (list[i] as Bomb).name;
        answers.push({ name, status: r.status, code: r.body.code, detail: r.body.detail });
      });
    }
    return { answers, rounds };
  }

  it(
    `10 bombs at once for ${MAX_ROUNDS} rounds or ${PHASE_MS / 1000} s: each refused with its 4xx and code, nothing under <data>/assets, RSS < 512 MiB, /healthz p99 < ${HEALTH_P99_MS} ms`,
    async () => {
      const live = server as ServerProcess;
      const list = await bombs();
      for (const b of list) expect(b.bytes.length, b.name).toBeLessThan(1024 * 1024);
      const before = memoryOf(live.pid);
      const pinger = await startHealthPinger(live.url, 5, PHASE_MS + 60_000);
      await new Promise((resolve) => setTimeout(resolve, 1_000)); // the machine's own noise, for comparison
      const rss = startSampler(async () => memoryOf(live.pid).rss, 50);
      const bombsFrom = Date.now();
      const { answers, rounds } = await bombard(list);
      const pings = await pinger.stop();
      const rssSamples = await rss.stop();
      const after = memoryOf(live.pid);

      const idle = pings.filter((p) => p.at < bombsFrom).map((p) => p.ms);
      const loaded = pings.filter((p) => p.at >= bombsFrom);
      const p99 = percentile(
        loaded.map((p) => p.ms),
        0.99,
      );
      console.log(
        `[U4] ${answers.length} bombs in ${rounds} rounds (${list.map((b) => `${b.name}: ${(b.bytes.length / 1024).toFixed(0)} KiB`).join(', ')}); ` +
          `/healthz from another process: before the bombs p99 ${percentile(idle, 0.99).toFixed(1)} ms (${idle.length} pings), ` +
          `during them ${loaded.length} pings, p50 ${median(loaded.map((p) => p.ms)).toFixed(1)} ms, p99 ${p99.toFixed(1)} ms, max ${Math.max(...loaded.map((p) => p.ms)).toFixed(1)} ms; ` +
          `server RSS ${MiB(before.rss)} before, max sampled ${MiB(Math.max(...rssSamples))}, peak (VmHWM) ${MiB(after.peak)}`,
      );
      for (const b of list) {
        const got = answers.filter((a) => a.name === b.name);
        expect(got).toHaveLength(rounds);
        for (const a of got) {
          const seen = { name: a.name, status: a.status, code: a.code };
          expect(seen, String(a.detail)).toEqual({ name: b.name, status: b.status, code: b.code });
        }
        console.log(`[U4] ${b.name} → ${b.status} ${b.code}: ${String(got[0]?.detail)}`);
      }
      expect(assetFiles(dir)).toEqual([]);
      expect(after.peak).toBeLessThan(RSS_LIMIT);
      expect(pings.filter((p) => p.status !== 200)).toEqual([]);
      expect(loaded.length).toBeGreaterThanOrEqual(100);
      expect(p99).toBeLessThan(HEALTH_P99_MS);

      // Still serving: a normal photo is stored, and it is the only file there.
      const photo = await fullHd().jpeg({ quality: 85 }).toBuffer();
      const ok = await upload(photo, 'image/jpeg');
      expect(ok.status, JSON.stringify(ok.body)).toBe(201);
      expect(ok.body).toMatchObject({ width: 1920, height: 1080, bytes: photo.length });
      expect(assetFiles(dir)).toEqual([String(ok.body.uri).replace('/assets/', '')]);
    },
    scale(120_000, 600_000),
  );

  it('prices the full decode: a 1920×1080 upload, header-only read against the whole probe', async () => {
    const runs = scale(20, 100);
    const images = {
      'image/jpeg': await fullHd().jpeg({ quality: 85 }).toBuffer(),
      'image/png': await fullHd().png().toBuffer(),
      'image/webp': await fullHd().webp().toBuffer(),
    };
    for (const [type, bytes] of Object.entries(images)) {
      const header: number[] = [];
      const full: number[] = [];
      for (let i = 0; i < runs; i++) {
        let t = performance.now();
        await sharp(bytes, { limitInputPixels: DEFAULT_ASSET_LIMITS.maxPixels }).metadata();
        header.push(performance.now() - t);
        t = performance.now();
        expect(await probeImage(bytes, type, DEFAULT_ASSET_LIMITS)).toMatchObject({
          width: 1920,
          height: 1080,
        });
        full.push(performance.now() - t);
      }
      const end = [];
      for (let i = 0; i < 5; i++) {
        const t = performance.now();
        const res = await upload(bytes, type);
        end.push(performance.now() - t);
        expect(res.status).toBe(201);
      }
      console.log(
        `[U4 cost] ${type} 1920×1080, ${(bytes.length / 1024).toFixed(0)} KiB: header only ${median(header).toFixed(1)} ms, ` +
          `full probe ${median(full).toFixed(1)} ms (median of ${runs}); upload to the server ${median(end).toFixed(1)} ms (median of 5, the same bytes: written once)`,
      );
      expect(median(full)).toBeLessThan(1_000);
    }
  }, 120_000);
});
