import type { Classification, OntologyDefinition } from '@tessera/schema';
import { AttributesForm } from '../../label/attributes-form';

/**
 * The whole-item classes of the fix: a checkbox per class that allows classification, and the attributes of
 * each chosen class (required ones outlined while missing).
 */
export function ClassPicker(props: {
  readonly ontology: OntologyDefinition;
  readonly value: readonly Classification[];
  readonly missing: ReadonlyMap<string, readonly string[]>;
  readonly onChange: (next: Classification[]) => void;
}) {
  const { value, onChange } = props;
  const classes = props.ontology.classes.filter((c) => c.geometries.includes('classification'));
  if (classes.length === 0) return null;
  const chosen = new Map(value.map((c) => [c.class_id, c]));
  const toggle = (id: string, on: boolean) =>
    onChange(on ? [...value, { class_id: id, attributes: {} }] : value.filter((c) => c.class_id !== id));
  return (
    <fieldset className="review-classes" data-testid="review-classes">
      <legend>Whole-item classes</legend>
      {classes.map((c) => {
        const picked = chosen.get(c.id);
        return (
          <div key={c.id} className="review-class-entry">
            <label className="review-class">
              <input
                type="checkbox"
                data-testid={`review-class-${c.id}`}
                checked={picked !== undefined}
                onChange={(e) => toggle(c.id, e.target.checked)}
              />
              {c.name}
            </label>
            {picked === undefined ? null : (
              <AttributesForm
                defs={c.attributes}
                values={picked.attributes}
                missing={props.missing.get(c.id) ?? []}
                onChange={(attributes) =>
                  onChange(value.map((x) => (x.class_id === c.id ? { ...x, attributes } : x)))
                }
              />
            )}
          </div>
        );
      })}
    </fieldset>
  );
}
