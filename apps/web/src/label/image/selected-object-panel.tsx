import { classesFor, type ImageDocument, type ImageOntology, selectedObjects } from '@tessera/editor';
import type { AttributeValues, LabeledObject } from '@tessera/schema';
import { AttributesForm } from '../attributes-form';

/** Classes every one of the objects may change to. */
function commonClasses(objects: readonly LabeledObject[], ontology: ImageOntology) {
  return ontology.objectClasses.filter((c) => objects.every((o) => c.geometries.includes(o.geometry.type)));
}

/**
 * The class and attributes of the selected object (editable), or the class of several selected objects.
 * The class list offers only classes that allow the object's geometry.
 */
export function SelectedObjectPanel(props: {
  readonly doc: ImageDocument;
  readonly ontology: ImageOntology;
  readonly readOnly: boolean;
  readonly onClass: (classId: string) => void;
  readonly onAttributes: (id: string, values: AttributeValues) => void;
  readonly onDelete: () => void;
}) {
  const { ontology, readOnly } = props;
  const selected = selectedObjects(props.doc);
  const sole = selected.length === 1 ? selected[0] : undefined;
  if (selected.length === 0) {
    return (
      <section className="iw-selected" data-testid="selected-object">
        <p className="muted">Nothing selected. Click an object, or press Tab.</p>
      </section>
    );
  }
  const choices =
    sole === undefined ? commonClasses(selected, ontology) : classesFor(ontology, sole.geometry.type);
  const current =
    sole?.class_id ??
    (selected.every((o) => o.class_id === selected[0]?.class_id) ? selected[0]?.class_id : '');
  const defs = sole === undefined ? [] : (ontology.classes.get(sole.class_id)?.attributes ?? []);
  const missing =
    sole === undefined
      ? []
      : defs.filter((d) => d.required && !Object.hasOwn(sole.attributes, d.id)).map((d) => d.id);
  return (
    <section className="iw-selected" data-testid="selected-object">
      <h3 className="iw-heading">
        {sole === undefined ? `${selected.length} objects selected` : `Selected ${sole.geometry.type}`}
      </h3>
      <label htmlFor="iw-selected-class">
        <span>Class</span>
        <select
          id="iw-selected-class"
          data-testid="selected-class"
          value={current ?? ''}
          disabled={readOnly}
          onChange={(e) => e.target.value !== '' && props.onClass(e.target.value)}
        >
          {current === '' && <option value="">—</option>}
          {choices.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </select>
      </label>
      {sole !== undefined && (
        <AttributesForm
          defs={defs}
          values={sole.attributes}
          missing={missing}
          disabled={readOnly}
          onChange={(values) => props.onAttributes(sole.id, values)}
        />
      )}
      {!readOnly && (
        <button type="button" className="danger" data-testid="selected-delete" onClick={props.onDelete}>
          Delete
        </button>
      )}
    </section>
  );
}
