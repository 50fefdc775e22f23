import type { Missing } from '@tessera/editor';
import type { AnnotationPayload, AttributeValues, OntologyDefinition } from '@tessera/schema';
import { AttributesForm } from '../../label/attributes-form';

const missingIds = (missing: readonly Missing[], owner: Missing['owner'], index: number | null): string[] =>
  missing.filter((m) => m.owner === owner && m.index === index).map((m) => m.attribute_id);

/**
 * Whole-item labels: the ontology's classification classes (several may apply, each with its attributes) and
 * the global attributes. Changes go through `onChange` as a new payload (one undo step in the workspace).
 */
export function ItemPanel(props: {
  readonly ontology: OntologyDefinition;
  readonly payload: AnnotationPayload;
  readonly missing: readonly Missing[];
  readonly disabled: boolean;
  readonly onChange: (next: AnnotationPayload) => void;
}) {
  const { ontology, payload, missing, disabled, onChange } = props;
  const classes = ontology.classes.filter((c) => c.geometries.includes('classification'));
  const toggle = (classId: string, on: boolean) => {
    const rest = payload.classifications.filter((c) => c.class_id !== classId);
    onChange({ ...payload, classifications: on ? [...rest, { class_id: classId, attributes: {} }] : rest });
  };
  const setAttributes = (index: number, attributes: AttributeValues) => {
    onChange({
      ...payload,
      classifications: payload.classifications.map((c, i) => (i === index ? { ...c, attributes } : c)),
    });
  };
  if (classes.length === 0 && ontology.global_attributes.length === 0) {
    return (
      <p className="muted" data-testid="item-panel-empty">
        This ontology has no whole-item classes or item attributes.
      </p>
    );
  }
  return (
    <div className="label-item-panel">
      {classes.length > 0 ? (
        <section data-testid="item-classes">
          <h3>Whole item</h3>
          {classes.map((c) => {
            const index = payload.classifications.findIndex((x) => x.class_id === c.id);
            const chosen = payload.classifications[index];
            return (
              <div key={c.id} className="label-class">
                <label className="label-check">
                  <input
                    type="checkbox"
                    checked={chosen !== undefined}
                    disabled={disabled}
                    onChange={(e) => toggle(c.id, e.target.checked)}
                    data-testid={`classification-${c.id}`}
                  />
                  <span className="label-swatch" style={{ background: c.color }} />
                  {c.name}
                </label>
                {chosen !== undefined ? (
                  <div data-testid={`classification-attributes-${c.id}`}>
                    <AttributesForm
                      defs={c.attributes}
                      values={chosen.attributes}
                      missing={missingIds(missing, 'classification', index)}
                      disabled={disabled}
                      onChange={(values) => setAttributes(index, values)}
                    />
                  </div>
                ) : null}
              </div>
            );
          })}
        </section>
      ) : null}
      {ontology.global_attributes.length > 0 ? (
        <section data-testid="global-attributes">
          <h3>Item attributes</h3>
          <AttributesForm
            defs={ontology.global_attributes}
            values={payload.attributes}
            missing={missingIds(missing, 'global', null)}
            disabled={disabled}
            onChange={(attributes) => onChange({ ...payload, attributes })}
          />
        </section>
      ) : null}
    </div>
  );
}
