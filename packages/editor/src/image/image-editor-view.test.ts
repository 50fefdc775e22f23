import { describe, expect, it } from 'vitest';
import { selectObjects } from './image-document';
import { commitDocument, createImageEditor, currentDocument } from './image-editor';
import { fitView, panView, resizeView, revealSelection, wheelZoom, zoomView } from './image-editor-view';
import { box, ONTOLOGY, object } from './test-fixtures';
import { imageToScreen, screenToImage } from './viewport';

const payload = {
  classifications: [],
  objects: [object('a', box(10, 10, 20, 20)), object('far', box(90, 70, 10, 10))],
  spans: [],
  attributes: {},
};
const fresh = () => createImageEditor({ payload, width: 100, height: 80, ontology: ONTOLOGY });

describe('image editor view', () => {
  it('fits the image when the canvas gets its size, and refits while fitted', () => {
    const s = resizeView(fresh(), { width: 232, height: 192 });
    expect(s.viewport).toEqual({ scale: 2, offsetX: 16, offsetY: 16 });
    expect(resizeView(s, { width: 232, height: 192 })).toBe(s);
    expect(resizeView(s, { width: 132, height: 112 }).viewport.scale).toBe(1);
  });

  it('zooming or panning stops following fit; F fits again', () => {
    const s = resizeView(fresh(), { width: 232, height: 192 });
    const zoomed = zoomView(s, 2);
    expect(zoomed.fitted).toBe(false);
    expect(zoomed.viewport.scale).toBe(4);
    const resized = resizeView(zoomed, { width: 300, height: 300 });
    expect(resized.viewport).toBe(zoomed.viewport);
    expect(fitView(resized).fitted).toBe(true);
    expect(panView(s, 3, 4).viewport).toEqual({ scale: 2, offsetX: 19, offsetY: 20 });
    expect(panView(s, 0, 0)).toBe(s);
  });

  it('wheel zooms at the cursor: down zooms out, up zooms in', () => {
    const s = resizeView(fresh(), { width: 232, height: 192 });
    const cursor = { x: 50, y: 60 };
    const under = screenToImage(s.viewport, cursor);
    const zin = wheelZoom(s, cursor, -100);
    expect(zin.viewport.scale).toBeGreaterThan(2);
    const back = imageToScreen(zin.viewport, under);
    expect(back.x).toBeCloseTo(50, 9);
    expect(back.y).toBeCloseTo(60, 9);
    expect(wheelZoom(s, cursor, 100).viewport.scale).toBeLessThan(2);
  });

  it('pans to reveal the selection when it is out of view', () => {
    const zoomed = zoomView(resizeView(fresh(), { width: 232, height: 192 }), 4, { x: 0, y: 0 });
    const sel = commitDocument(zoomed, selectObjects(currentDocument(zoomed), ['far']));
    const shown = revealSelection(sel);
    const br = imageToScreen(shown.viewport, { x: 100, y: 80 });
    expect(br.x).toBeLessThanOrEqual(232);
    expect(br.y).toBeLessThanOrEqual(192);
    expect(revealSelection(zoomed)).toBe(zoomed);
  });
});
