import {
  applyImageCommand,
  changeSelectedClass,
  deleteSelection,
  editObjectAttributes,
  type ImageCommand,
  type ImageEditorState,
  imageOntology,
  revealSelection,
  selectObjectIds,
} from '@tessera/editor';
import type { AttributeValues } from '@tessera/schema';
import { useCallback, useMemo, useRef } from 'react';
import type { Overlay, WorkspaceProps } from '../workspace';
import { ClassPicker } from './class-picker';
import { ImageShortcutsHelp } from './image-shortcuts-help';
import { ImageToolbar } from './image-toolbar';
import { ObjectList } from './object-list';
import { SelectedObjectPanel } from './selected-object-panel';
import { toolHint } from './tool-hint';
import { sameUi, uiSliceOf } from './ui-slice';
import { useImageCanvas } from './use-image-canvas';
import { useImageEditor } from './use-image-editor';
import { useImageKeys } from './use-image-keys';
import { useImageSource } from './use-image-source';
import { useStoreSlice } from './use-store-slice';
import './image-workspace.css';

const NO_OVERLAYS: readonly Overlay[] = [];

/**
 * The image workspace: boxes, polygons and points over the task's image, drawn with Konva and edited by the
 * `@tessera/editor` image engine. Implements the `WorkspaceProps` contract: uncontrolled (starts from
 * `initial`), its own undo history, `onChange` on every new payload, undo/redo/replace through `onReady`.
 */
export function ImageWorkspace(props: WorkspaceProps) {
  if (props.item.kind !== 'image') {
    return (
      <p className="error" data-testid="image-workspace">
        This task's item is not an image.
      </p>
    );
  }
  return (
    <ImageWorkspaceLoader
      {...props}
      url={props.item.url}
      width={props.item.width}
      height={props.item.height}
    />
  );
}

function ImageWorkspaceLoader(
  props: WorkspaceProps & {
    readonly url: string;
    readonly width: number | null;
    readonly height: number | null;
  },
) {
  const source = useImageSource(props.url, props.width, props.height);
  if (source.size === null) {
    return (
      <div className="iw" data-testid="image-workspace" data-loading="true">
        {source.failed ? (
          <p className="error" data-testid="image-error">
            The image could not be loaded ({props.url}).
          </p>
        ) : (
          <p className="muted">Loading the image…</p>
        )}
      </div>
    );
  }
  return <ImageWorkspaceBody {...props} image={source.image} size={source.size} failed={source.failed} />;
}

function ImageWorkspaceBody(
  props: WorkspaceProps & {
    readonly url: string;
    readonly image: HTMLImageElement | null;
    readonly size: { readonly width: number; readonly height: number };
    readonly failed: boolean;
  },
) {
  const ontology = useMemo(() => imageOntology(props.ontology), [props.ontology]);
  const readOnly = props.readOnly ?? false;
  const { store, env } = useImageEditor(
    ontology,
    props.initial,
    props.size,
    readOnly,
    props.onChange,
    props.onReady,
  );
  const ui = useStoreSlice(store, uiSliceOf, sameUi);
  const canvasRef = useRef<HTMLDivElement>(null);
  useImageCanvas(canvasRef, store, env, props.image, props.overlays ?? NO_OVERLAYS);
  useImageKeys(store, env);

  const update = useCallback((fn: (s: ImageEditorState) => ImageEditorState) => store.update(fn), [store]);
  const command = useCallback(
    (c: ImageCommand) => update((s) => applyImageCommand(s, c, env)),
    [update, env],
  );
  const pickClass = useCallback((classId: string) => command({ type: 'class', classId }), [command]);
  const select = useCallback(
    (id: string, add: boolean) => {
      update((s) => {
        const ids = add ? [...s.history.present.selection.filter((x) => x !== id), id] : [id];
        return revealSelection(selectObjectIds(s, ids));
      });
    },
    [update],
  );
  const onAttributes = useCallback(
    (id: string, values: AttributeValues) => update((s) => editObjectAttributes(s, id, values)),
    [update],
  );
  return (
    <div className="iw" data-testid="image-workspace" data-read-only={readOnly || undefined}>
      <ImageToolbar ui={ui} ontology={ontology} onCommand={command} />
      <ClassPicker ontology={ontology} classId={ui.classId} readOnly={readOnly} onPick={pickClass} />
      <div className="iw-main">
        <div className="iw-stage">
          {props.failed && (
            <p className="error iw-banner" data-testid="image-error">
              The image could not be loaded ({props.url}); the objects are still shown.
            </p>
          )}
          <div
            ref={canvasRef}
            className="iw-canvas"
            data-testid="image-canvas"
            role="application"
            // biome-ignore lint/a11y/noNoninteractiveTabindex: the canvas takes the keyboard focus for its shortcuts
            tabIndex={0}
            aria-label="Image canvas"
          />
          <p className="iw-hint muted" data-testid="image-hint">
            {toolHint(ui.tool, ui.classId, ui.busy, readOnly, ontology)}
          </p>
        </div>
        <aside className="iw-side">
          <SelectedObjectPanel
            doc={ui.doc}
            ontology={ontology}
            readOnly={readOnly}
            onClass={(classId) => update((s) => changeSelectedClass(s, classId, env))}
            onAttributes={onAttributes}
            onDelete={() => update(deleteSelection)}
          />
          <ObjectList
            objects={ui.doc.objects}
            selection={ui.doc.selection}
            ontology={ontology}
            onSelect={select}
          />
          <ImageShortcutsHelp />
        </aside>
      </div>
    </div>
  );
}
