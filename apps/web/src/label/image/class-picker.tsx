import { type ImageOntology, objectKindsOf, shortcutOfClass } from '@tessera/editor';
import { memo } from 'react';

/** The classes new objects get, in ontology order, with their colors and digit keys. */
export const ClassPicker = memo(function ClassPicker(props: {
  readonly ontology: ImageOntology;
  readonly classId: string | null;
  readonly readOnly: boolean;
  readonly onPick: (classId: string) => void;
}) {
  const { ontology } = props;
  if (ontology.objectClasses.length === 0) {
    return <p className="muted">This ontology has no classes for boxes, polygons or points.</p>;
  }
  return (
    <div className="iw-classes" role="toolbar" aria-label="Class for new objects">
      {ontology.objectClasses.map((c) => {
        const digit = shortcutOfClass(ontology, c.id);
        const active = props.classId === c.id;
        return (
          <button
            key={c.id}
            type="button"
            data-testid={`class-${c.id}`}
            className={active ? 'iw-class active' : 'iw-class'}
            aria-pressed={active}
            disabled={props.readOnly}
            title={`${c.name}: ${objectKindsOf(c).join(', ')}${digit === null ? '' : ` (${digit})`}`}
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => props.onPick(c.id)}
          >
            <span className="iw-swatch" style={{ background: c.color }} />
            {digit !== null && <kbd>{digit}</kbd>}
            {c.name}
          </button>
        );
      })}
    </div>
  );
});
