import type { AnnotationPayload, AttributeValues, Classification, OntologyDefinition } from '@tessera/schema';
import { useRef, useState } from 'react';
import { AttributesForm } from '../../label/attributes-form';
import type { ItemView, Overlay, WorkspaceHandle } from '../../label/workspace';
import { ClassPicker } from './class-picker';
import type { MissingRequired } from './missing-required';
import { ReviewWorkspace } from './review-workspace';

/**
 * The reviewer's fix: the final label in an editable workspace (the annotators drawn underneath), plus the
 * whole-item classes and global attributes the page owns. The workspace's history is the one truth: page
 * edits go in through its `replace` handle (one undo step each), and every new state comes back through
 * `onChange`, which this reports whole.
 */
export function FixEditor(props: {
  readonly item: ItemView;
  readonly ontology: OntologyDefinition;
  readonly initial: AnnotationPayload;
  readonly overlays: readonly Overlay[];
  readonly missing: MissingRequired;
  readonly onChange: (next: AnnotationPayload) => void;
}) {
  const current = useRef<AnnotationPayload>(props.initial);
  const handle = useRef<WorkspaceHandle | null>(null);
  const report = useRef(props.onChange);
  report.current = props.onChange;
  const [classes, setClasses] = useState<readonly Classification[]>(props.initial.classifications);
  const [attributes, setAttributes] = useState<AttributeValues>(props.initial.attributes);
  const accept = (next: AnnotationPayload) => {
    current.current = next;
    setClasses(next.classifications);
    setAttributes(next.attributes);
    report.current(next);
  };
  const pageEdit = (patch: Pick<Partial<AnnotationPayload>, 'classifications' | 'attributes'>) => {
    const next = { ...current.current, ...patch };
    // Shown at once; recorded in the workspace's history when it offers a handle (its onChange then reports).
    accept(next);
    handle.current?.replace(next);
  };
  return (
    <div className="review-fix" data-testid="review-fix-editor">
      <div className="review-canvas" data-testid="review-fix-workspace">
        <ReviewWorkspace
          item={props.item}
          ontology={props.ontology}
          initial={props.initial}
          overlays={props.overlays}
          onChange={accept}
          onReady={(h) => {
            handle.current = h;
          }}
        />
      </div>
      <ClassPicker
        ontology={props.ontology}
        value={classes}
        missing={props.missing.classes}
        onChange={(next) => pageEdit({ classifications: next })}
      />
      <AttributesForm
        defs={props.ontology.global_attributes}
        values={attributes}
        missing={props.missing.global}
        onChange={(next) => pageEdit({ attributes: next })}
      />
    </div>
  );
}
