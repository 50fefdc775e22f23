// A recording 2D context for the drawing tests (not used by the app).
import type { Paint } from './paint';

export interface PaintCall {
  readonly op: string;
  readonly args: readonly unknown[];
  /** Style in effect at the call (for fills and strokes). */
  readonly style?: { fill: unknown; stroke: unknown; alpha: number; width: number };
}

export function recordingPaint(): Paint & { readonly calls: PaintCall[]; count(op: string): number } {
  const calls: PaintCall[] = [];
  const paint = {
    calls,
    fillStyle: '#000000' as Paint['fillStyle'],
    strokeStyle: '#000000' as Paint['strokeStyle'],
    lineWidth: 1,
    globalAlpha: 1,
    imageSmoothingEnabled: true,
    font: '',
    count: (op: string) => calls.filter((c) => c.op === op).length,
  };
  const styled = new Set(['fill', 'stroke', 'fillRect', 'strokeRect', 'fillText']);
  const ops = [
    'beginPath',
    'rect',
    'moveTo',
    'lineTo',
    'closePath',
    'arc',
    'fill',
    'stroke',
    'save',
    'restore',
    'setLineDash',
    'drawImage',
    'fillText',
    'fillRect',
    'strokeRect',
  ] as const;
  const methods: Record<string, (...args: unknown[]) => void> = {};
  for (const op of ops) {
    methods[op] = (...args: unknown[]) => {
      const style = styled.has(op)
        ? {
            fill: paint.fillStyle,
            stroke: paint.strokeStyle,
            alpha: paint.globalAlpha,
            width: paint.lineWidth,
          }
        : undefined;
      calls.push(style === undefined ? { op, args } : { op, args, style });
    };
  }
  return Object.assign(paint, methods) as unknown as Paint & {
    readonly calls: PaintCall[];
    count(op: string): number;
  };
}
