import {
  createImageDocument,
  createImageEditor,
  imageOntology,
  replacePayload,
  selectObjects,
} from '@tessera/editor';
import type { AnnotationPayload, OntologyDefinition } from '@tessera/schema';
import { describe, expect, it } from 'vitest';
import { createEditorStore } from './editor-store';
import { benchRequested, MAX_FRAMES, recordFrame } from './frame-stats';
import { scrollTopToShow, visibleRows } from './list-window';
import { createObjectIds } from './object-ids';
import { createPayloadReporter } from './payload-reporter';
import { toolHint } from './tool-hint';
import { sameUi, uiSliceOf } from './ui-slice';

const empty: AnnotationPayload = { classifications: [], objects: [], spans: [], attributes: {} };
const definition: OntologyDefinition = {
  classes: [{ id: 'car', name: 'Car', color: '#ff0000', geometries: ['box'], attributes: [] }],
  global_attributes: [],
  guidelines: '',
};
const ontology = imageOntology(definition);

describe('editor store', () => {
  it('notifies listeners only when the state changes', () => {
    const store = createEditorStore(1);
    let calls = 0;
    const off = store.subscribe(() => calls++);
    store.update((n) => n);
    store.update((n) => n + 1);
    expect(store.get()).toBe(2);
    expect(calls).toBe(1);
    off();
    store.update((n) => n + 1);
    expect(calls).toBe(1);
  });
});

describe('payload reporter', () => {
  it('reports new payloads, not selection changes nor the first document', () => {
    const reports: AnnotationPayload[] = [];
    const doc = createImageDocument(empty, 10, 10);
    const report = createPayloadReporter(doc, (p) => reports.push(p));
    report(doc);
    const obj = {
      id: 'a',
      class_id: 'car',
      geometry: { type: 'point' as const, x: 1, y: 1 },
      attributes: {},
    };
    const added = replacePayload(doc, { ...empty, objects: [obj] });
    report(added);
    report(selectObjects(added, ['a']));
    expect(reports).toEqual([{ ...empty, objects: [obj] }]);
  });
});

describe('virtual list window', () => {
  it('renders the rows in view plus overscan', () => {
    expect(visibleRows(0, 100, 20, 1000, 2)).toEqual({ first: 0, last: 7 });
    expect(visibleRows(400, 100, 20, 1000, 2)).toEqual({ first: 18, last: 27 });
    expect(visibleRows(0, 100, 20, 3)).toEqual({ first: 0, last: 3 });
    expect(visibleRows(0, 100, 20, 0)).toEqual({ first: 0, last: 0 });
  });

  it('scrolls the least needed to show a row', () => {
    expect(scrollTopToShow(0, 100, 20, 2)).toBe(0);
    expect(scrollTopToShow(0, 100, 20, 10)).toBe(120);
    expect(scrollTopToShow(300, 100, 20, 3)).toBe(60);
  });
});

describe('frame stats', () => {
  it('reads ?bench=1 and keeps a bounded list of frames', () => {
    expect(benchRequested('?bench=1')).toBe(true);
    expect(benchRequested('?x=1&bench=1')).toBe(true);
    expect(benchRequested('?bench=0')).toBe(false);
    expect(benchRequested('')).toBe(false);
    const stats = { frames: [] as number[] };
    for (let i = 0; i < MAX_FRAMES + 5; i++) recordFrame(stats, i);
    expect(stats.frames).toHaveLength(MAX_FRAMES);
    expect(stats.frames[0]).toBe(5);
  });
});

describe('object ids', () => {
  it('makes prefixed hex ids from random bytes', () => {
    let n = 0;
    const ids = createObjectIds((bytes) => bytes.map(() => n++));
    expect(ids()).toBe('obj-000102030405060708090a0b');
    expect(ids()).not.toBe(ids());
  });
});

describe('tool hint and UI slice', () => {
  it('explains the active tool, or why it cannot draw', () => {
    expect(toolHint('box', 'car', false, false, ontology)).toBe('Drag to draw a box.');
    expect(toolHint('polygon', 'car', false, false, ontology)).toBe(
      'No class of this ontology allows polygons.',
    );
    expect(toolHint('select', 'car', false, true, ontology)).toContain('Read-only');
  });

  it('changes only when something the panels show changes', () => {
    const s = createImageEditor({ payload: empty, width: 10, height: 10, ontology });
    expect(sameUi(uiSliceOf(s), uiSliceOf(s))).toBe(true);
    expect(sameUi(uiSliceOf(s), uiSliceOf({ ...s, gesture: 5 }))).toBe(true);
    expect(sameUi(uiSliceOf(s), uiSliceOf({ ...s, hidden: true }))).toBe(false);
  });
});
