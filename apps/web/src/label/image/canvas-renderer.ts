import type { ImageOntology } from '@tessera/editor';
import Konva from 'konva/lib/Core';
import { dirtyLayers, type FrameInput } from './dirty-layers';
import { drawObjects } from './draw-objects';
import { drawSelection } from './draw-selection';
import { objectsSceneOf, selectionSceneOf } from './frame-scenes';
import { type FrameStats, recordFrame } from './frame-stats';
import type { Paint } from './paint';

export interface CanvasRenderer {
  /** Asks for a redraw at the next animation frame; any number of requests in one frame draw once. */
  schedule(): void;
  /** The canvas element changed size (CSS pixels). */
  resize(width: number, height: number): void;
  destroy(): void;
}

type Input = FrameInput<HTMLImageElement>;

/**
 * Draws the image workspace with Konva, imperatively: three layers (image, objects, selection), none of them
 * listening (the engine does hit testing), each one custom shape whose scene function paints straight onto
 * the layer's 2D context in screen pixels. A frame redraws only the layers whose input changed
 * (`dirtyLayers`), and draws happen in `requestAnimationFrame`, so a burst of pointer events costs one frame.
 */
export function createCanvasRenderer(
  container: HTMLDivElement,
  source: () => Input,
  ontology: ImageOntology,
  stats: FrameStats | null,
): CanvasRenderer {
  const stage = new Konva.Stage({
    container,
    width: Math.max(1, container.clientWidth),
    height: Math.max(1, container.clientHeight),
    listening: false,
  });
  let current: Input = source();
  let last: Input | null = null;
  let pending = 0;

  const layerOf = (draw: (paint: Paint) => void): Konva.Layer => {
    const layer = new Konva.Layer({ listening: false });
    const shape = new Konva.Shape({
      listening: false,
      perfectDrawEnabled: false,
      sceneFunc: (ctx) => draw(ctx._context),
    });
    layer.add(shape);
    stage.add(layer);
    return layer;
  };
  const imageLayer = layerOf((paint) => drawImage(paint, current));
  const objectsLayer = layerOf((paint) => drawObjects(paint, objectsSceneOf(current, ontology)));
  const selectionLayer = layerOf((paint) => drawSelection(paint, selectionSceneOf(current, ontology)));

  const frame = (): void => {
    pending = 0;
    current = source();
    const dirty = dirtyLayers(last, current);
    if (!dirty.image && !dirty.objects && !dirty.selection) return;
    const started = performance.now();
    if (dirty.image) imageLayer.draw();
    if (dirty.objects) objectsLayer.draw();
    if (dirty.selection) selectionLayer.draw();
    if (stats !== null) recordFrame(stats, performance.now() - started);
    last = current;
  };

  return {
    schedule() {
      if (pending === 0) pending = requestAnimationFrame(frame);
    },
    resize(width, height) {
      stage.size({ width: Math.max(1, width), height: Math.max(1, height) });
      last = null;
      this.schedule();
    },
    destroy() {
      if (pending !== 0) cancelAnimationFrame(pending);
      pending = 0;
      stage.destroy();
    },
  };
}

/** The image scaled into place; pixels stay crisp when zoomed in past 2× (annotators look at pixels). */
function drawImage(paint: Paint, input: Input): void {
  const image = input.image;
  if (image === null) return;
  const { viewport: v } = input.state;
  const doc = input.state.history.present;
  paint.save();
  paint.imageSmoothingEnabled = v.scale < 2;
  paint.drawImage(image, v.offsetX, v.offsetY, doc.width * v.scale, doc.height * v.scale);
  paint.restore();
}
