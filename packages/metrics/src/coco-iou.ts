/**
 * Box IoU exactly as pycocotools `bbIou` (`common/maskApi.c`): continuous coordinates (no +1), boxes `[x, y, w, h]`,
 * an overlap with width or height <= 0 is 0, and the union of a crowd ground truth is the detection's own area.
 * The expressions are evaluated in the C code's order so results are bit-identical.
 */
export function cocoBoxIou(
  dx: number,
  dy: number,
  dw: number,
  dh: number,
  gx: number,
  gy: number,
  gw: number,
  gh: number,
  crowd: boolean,
): number {
  const w = Math.min(dw + dx, gw + gx) - Math.max(dx, gx);
  if (w <= 0) return 0;
  const h = Math.min(dh + dy, gh + gy) - Math.max(dy, gy);
  if (h <= 0) return 0;
  const i = w * h;
  const da = dw * dh;
  return i / (crowd ? da : da + gw * gh - i);
}

/**
 * Fills `out[d * G + g]` with the IoU of detection `dets[detFrom + d]` and ground truth `gts[gtFrom + g]` (indices
 * into the 4-wide box columns), and `rowMax[d]` with each detection's best IoU. Buffers are caller-owned scratch.
 */
export function cocoIouMatrix(
  detBox: Float64Array,
  dets: Int32Array,
  detFrom: number,
  D: number,
  gtBox: Float64Array,
  crowd: Uint8Array,
  gts: Int32Array,
  gtFrom: number,
  G: number,
  out: Float64Array,
  rowMax: Float64Array,
): void {
  for (let d = 0; d < D; d++) {
    const o = 4 * (dets[detFrom + d] as number);
    const dx = detBox[o] as number;
    const dy = detBox[o + 1] as number;
    const dw = detBox[o + 2] as number;
    const dh = detBox[o + 3] as number;
    let max = 0;
    for (let g = 0; g < G; g++) {
      const j = gts[gtFrom + g] as number;
      const p = 4 * j;
      const v = cocoBoxIou(
        dx,
        dy,
        dw,
        dh,
        gtBox[p] as number,
        gtBox[p + 1] as number,
        gtBox[p + 2] as number,
        gtBox[p + 3] as number,
        crowd[j] === 1,
      );
      out[d * G + g] = v;
      if (v > max) max = v;
    }
    rowMax[d] = max;
  }
}
