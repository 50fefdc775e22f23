import { classColor, type ImageOntology } from '@tessera/editor';
import type { LabeledObject } from '@tessera/schema';
import { memo, useEffect, useRef, useState } from 'react';
import { scrollTopToShow, visibleRows } from './list-window';

const ROW_HEIGHT = 28;

const KIND_LABEL = { box: 'box', polygon: 'polygon', point: 'point' } as const;

const Row = memo(function Row(props: {
  readonly object: LabeledObject;
  readonly index: number;
  readonly selected: boolean;
  readonly name: string;
  readonly color: string;
  readonly missing: number;
  readonly onSelect: (id: string, add: boolean) => void;
}) {
  const { object, index } = props;
  return (
    <button
      type="button"
      className={props.selected ? 'iw-row selected' : 'iw-row'}
      style={{ top: index * ROW_HEIGHT, height: ROW_HEIGHT }}
      data-testid={`object-row-${index}`}
      data-object-id={object.id}
      aria-pressed={props.selected}
      onMouseDown={(e) => e.preventDefault()}
      onClick={(e) => props.onSelect(object.id, e.shiftKey)}
    >
      <span className="iw-swatch" style={{ background: props.color }} />
      <span className="iw-row-index">{index + 1}</span>
      <span className="iw-row-name">{props.name}</span>
      <span className="muted">{KIND_LABEL[object.geometry.type]}</span>
      {props.missing > 0 && (
        <span className="iw-row-missing" title={`${props.missing} required attribute(s) missing`}>
          !
        </span>
      )}
    </button>
  );
});

function missingCount(o: LabeledObject, ontology: ImageOntology): number {
  const defs = ontology.classes.get(o.class_id)?.attributes ?? [];
  return defs.filter((d) => d.required && !Object.hasOwn(o.attributes, d.id)).length;
}

/**
 * Every object of the annotation, in drawing order; a click selects (Shift+click adds). Only the rows in
 * view are rendered, so thousands of objects scroll smoothly; the list follows the selection.
 */
export function ObjectList(props: {
  readonly objects: readonly LabeledObject[];
  readonly selection: readonly string[];
  readonly ontology: ImageOntology;
  readonly onSelect: (id: string, add: boolean) => void;
}) {
  const { objects, ontology } = props;
  const ref = useRef<HTMLDivElement>(null);
  const [scroll, setScroll] = useState({ top: 0, height: 320 });
  const selected = new Set(props.selection);
  const focusId = props.selection[props.selection.length - 1] ?? null;
  const objectsRef = useRef(objects);
  objectsRef.current = objects;

  useEffect(() => {
    const el = ref.current;
    if (el === null) return;
    const measure = () => setScroll({ top: el.scrollTop, height: el.clientHeight });
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  useEffect(() => {
    const el = ref.current;
    if (el === null || focusId === null) return;
    const index = objectsRef.current.findIndex((o) => o.id === focusId);
    if (index >= 0) el.scrollTop = scrollTopToShow(el.scrollTop, el.clientHeight, ROW_HEIGHT, index);
  }, [focusId]);

  const { first, last } = visibleRows(scroll.top, scroll.height, ROW_HEIGHT, objects.length);
  return (
    <section className="iw-list-section">
      <h3 className="iw-heading">
        Objects{' '}
        <span className="muted" data-testid="object-count">
          {objects.length}
        </span>
      </h3>
      <div
        ref={ref}
        className="iw-list"
        data-testid="object-list"
        onScroll={(e) => setScroll({ top: e.currentTarget.scrollTop, height: e.currentTarget.clientHeight })}
      >
        {objects.length === 0 && <p className="muted iw-empty">No objects yet.</p>}
        <div className="iw-list-inner" style={{ height: objects.length * ROW_HEIGHT }}>
          {objects.slice(first, last).map((o, i) => (
            <Row
              key={o.id}
              object={o}
              index={first + i}
              selected={selected.has(o.id)}
              name={ontology.classes.get(o.class_id)?.name ?? o.class_id}
              color={classColor(ontology, o.class_id)}
              missing={missingCount(o, ontology)}
              onSelect={props.onSelect}
            />
          ))}
        </div>
      </div>
    </section>
  );
}
