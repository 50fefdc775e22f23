/**
 * A picture of where a labelled task's CPU goes (`bench/cpu-per-task.svg`): one stacked bar per lifecycle run
 * (serve processes, PostgreSQL processes, load generator, the rest of the machine), in CPU milliseconds per
 * completed task, against the budget the floor and target leave on this machine (cores ÷ tasks/s).
 */
export interface CpuBar {
  readonly label: string;
  readonly tasksPerSecond: number;
  readonly serveMs: number;
  readonly postgresMs: number;
  readonly clientMs: number;
  readonly machineMs: number;
  /** Tasks per second the issue asks for on this database: the floor and the target. */
  readonly floor: number;
  readonly target: number;
}

const SEGMENTS = [
  { key: 'serve', name: 'serve processes', color: '#3b6fb6' },
  { key: 'postgres', name: 'PostgreSQL processes', color: '#e08a2c' },
  { key: 'client', name: 'load generator', color: '#8c8c8c' },
  { key: 'other', name: 'rest of the machine', color: '#d0d0d0' },
] as const;

const LEFT = 260;
const WIDTH = 900;
const ROW = 46;
const TOP = 70;

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The bar's length: the machine's figure, or the parts' sum when sampling put that higher. */
const barTotal = (b: CpuBar) => Math.max(b.machineMs, b.serveMs + b.postgresMs + b.clientMs);

function segments(b: CpuBar): Record<(typeof SEGMENTS)[number]['key'], number> {
  const other = Math.max(0, b.machineMs - b.serveMs - b.postgresMs - b.clientMs);
  return { serve: b.serveMs, postgres: b.postgresMs, client: b.clientMs, other };
}

function bar(b: CpuBar, i: number, scale: (ms: number) => number, cores: number): string {
  const y = TOP + i * ROW;
  const parts: string[] = [];
  let x = LEFT;
  const values = segments(b);
  for (const s of SEGMENTS) {
    const w = scale(values[s.key]) - scale(0);
    if (w <= 0) continue;
    parts.push(`<rect x="${x.toFixed(1)}" y="${y}" width="${w.toFixed(1)}" height="22" fill="${s.color}"/>`);
    x += w;
  }
  const budget = (rate: number, dash: string, name: string) => {
    const bx = scale((cores / rate) * 1000).toFixed(1);
    return `<line x1="${bx}" y1="${y - 4}" x2="${bx}" y2="${y + 26}" stroke="#c0392b" stroke-width="2" stroke-dasharray="${dash}"><title>${name}: ${rate.toLocaleString('en-US')} tasks/s</title></line>`;
  };
  return [
    `<text x="${LEFT - 10}" y="${y + 11}" text-anchor="end" font-size="13">${esc(b.label)}</text>`,
    `<text x="${LEFT - 10}" y="${y + 26}" text-anchor="end" font-size="11" fill="#555">${Math.round(b.tasksPerSecond).toLocaleString('en-US')} tasks/s</text>`,
    ...parts,
    `<text x="${(x + 6).toFixed(1)}" y="${y + 16}" font-size="12">${barTotal(b).toFixed(2)} ms</text>`,
    budget(b.floor, '4 3', 'floor'),
    budget(b.target, '', 'target'),
  ].join('\n');
}

const title = (cores: number) => `CPU per completed task, labeling lifecycle k=1 (ms, all ${cores} cores)`;

/** A round axis step (1, 2 or 5 × 10^k) giving about five ticks up to `max`. */
function tickStep(max: number): number {
  const raw = max / 5;
  const power = 10 ** Math.floor(Math.log10(raw));
  return ([1, 2, 5, 10].find((m) => m * power >= raw) ?? 10) * power;
}

/** The SVG text; `cores` turns a rate into a CPU budget per task. */
export function cpuChartSvg(bars: readonly CpuBar[], cores: number, caption: string): string {
  const widest = Math.max(0.1, ...bars.map(barTotal));
  const step = tickStep(widest);
  const max = Math.ceil(widest / step) * step;
  const scale = (ms: number) => LEFT + (ms / max) * (WIDTH - LEFT - 80);
  const height = TOP + bars.length * ROW + 76;
  const ticks = Array.from({ length: Math.round(max / step) + 1 }, (_, i) => i * step).map((ms) => {
    const x = scale(ms).toFixed(1);
    const text = step < 1 ? ms.toFixed(1) : String(ms);
    return `<line x1="${x}" y1="${TOP - 8}" x2="${x}" y2="${height - 66}" stroke="#eee"/><text x="${x}" y="${height - 50}" text-anchor="middle" font-size="11">${text}</text>`;
  });
  const legend = SEGMENTS.map(
    (s, i) =>
      `<rect x="${LEFT + i * 160}" y="34" width="12" height="12" fill="${s.color}"/><text x="${LEFT + i * 160 + 18}" y="44" font-size="12">${s.name}</text>`,
  );
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" font-family="sans-serif" role="img">`,
    `<title>${title(cores)}</title>`,
    `<rect width="100%" height="100%" fill="#fff"/>`,
    `<text x="12" y="20" font-size="15" font-weight="bold">${title(cores)}</text>`,
    ...legend,
    ...ticks,
    ...bars.map((b, i) => bar(b, i, scale, cores)),
    `<text x="12" y="${height - 28}" font-size="11" fill="#555">Red lines: the CPU a task may cost for the issue's floor (dashed) and target (solid) on ${cores} cores (cores ÷ tasks per second).</text>`,
    `<text x="12" y="${height - 12}" font-size="11" fill="#555">${esc(caption)}</text>`,
    '</svg>',
    '',
  ].join('\n');
}
