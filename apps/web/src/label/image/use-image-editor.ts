import {
  createImageEditor,
  type ImageEditorEnv,
  type ImageEditorState,
  type ImageOntology,
  redoImage,
  replaceImagePayload,
  undoImage,
} from '@tessera/editor';
import type { AnnotationPayload } from '@tessera/schema';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { WorkspaceHandle } from '../workspace';
import { createEditorStore, type EditorStore } from './editor-store';
import { createObjectIds } from './object-ids';
import { createPayloadReporter } from './payload-reporter';
import { publishViewport } from './window-hooks';

export interface ImageEditorBinding {
  readonly store: EditorStore<ImageEditorState>;
  readonly env: ImageEditorEnv;
}

/**
 * Holds the workspace's editor (uncontrolled: it starts from `initial`), reports every new payload through
 * `onChange`, hands the page its undo/redo/replace handle once, and publishes the viewport for browser tests.
 */
export function useImageEditor(
  ontology: ImageOntology,
  initial: AnnotationPayload,
  size: { readonly width: number; readonly height: number },
  readOnly: boolean,
  onChange: (next: AnnotationPayload) => void,
  onReady: ((handle: WorkspaceHandle) => void) | undefined,
): ImageEditorBinding {
  const env = useMemo<ImageEditorEnv>(
    () => ({ ontology, newId: createObjectIds((bytes) => crypto.getRandomValues(bytes)) }),
    [ontology],
  );
  const [store] = useState(() =>
    createEditorStore(
      createImageEditor({ payload: initial, width: size.width, height: size.height, ontology, readOnly }),
    ),
  );
  const onChangeRef = useRef(onChange);
  onChangeRef.current = onChange;

  useEffect(() => {
    const report = createPayloadReporter(store.get().history.present, (p) => onChangeRef.current(p));
    let viewport = store.get().viewport;
    publishViewport(viewport);
    return store.subscribe(() => {
      const state = store.get();
      report(state.history.present);
      if (state.viewport !== viewport) {
        viewport = state.viewport;
        publishViewport(viewport);
      }
    });
  }, [store]);

  useEffect(() => {
    store.update((s) => (s.readOnly === readOnly ? s : { ...s, readOnly }));
  }, [store, readOnly]);

  const ready = useRef(onReady);
  useEffect(() => {
    ready.current?.({
      undo: () => store.update((s) => undoImage(s, env)),
      redo: () => store.update(redoImage),
      replace: (payload) => store.update((s) => replaceImagePayload(s, payload)),
    });
  }, [store, env]);

  return { store, env };
}
