import {
  firstClassFor,
  type ImageCommand,
  type ImageOntology,
  type ToolName,
  ZOOM_STEP,
} from '@tessera/editor';
import type { UiSlice } from './ui-slice';

const TOOLS: readonly { readonly tool: ToolName; readonly label: string; readonly key: string }[] = [
  { tool: 'select', label: 'Select', key: 'V' },
  { tool: 'box', label: 'Box', key: 'B' },
  { tool: 'polygon', label: 'Polygon', key: 'P' },
  { tool: 'point', label: 'Point', key: 'O' },
];

/** Buttons never take the focus, so the keyboard stays with the canvas. */
const keepFocus = (e: React.MouseEvent) => e.preventDefault();

type OnCommand = (command: ImageCommand) => void;

function CommandButton(props: {
  readonly testId: string;
  readonly label: string;
  readonly title: string;
  readonly command: ImageCommand;
  readonly onCommand: OnCommand;
  readonly disabled?: boolean;
  readonly pressed?: boolean;
}) {
  return (
    <button
      type="button"
      data-testid={props.testId}
      title={props.title}
      disabled={props.disabled ?? false}
      aria-pressed={props.pressed}
      onMouseDown={keepFocus}
      onClick={() => props.onCommand(props.command)}
    >
      {props.label}
    </button>
  );
}

function ToolButtons(props: {
  readonly ui: UiSlice;
  readonly ontology: ImageOntology;
  readonly onCommand: OnCommand;
}) {
  const { ui } = props;
  return (
    <div className="iw-group">
      {TOOLS.map((t) => (
        <button
          key={t.tool}
          type="button"
          data-testid={`tool-${t.tool}`}
          className={ui.tool === t.tool ? 'iw-tool active' : 'iw-tool'}
          aria-pressed={ui.tool === t.tool}
          title={`${t.label} (${t.key})`}
          disabled={t.tool !== 'select' && (ui.readOnly || firstClassFor(props.ontology, t.tool) === null)}
          onMouseDown={keepFocus}
          onClick={() => props.onCommand({ type: 'tool', tool: t.tool })}
        >
          {t.label} <kbd>{t.key}</kbd>
        </button>
      ))}
    </div>
  );
}

function ViewButtons(props: { readonly ui: UiSlice; readonly onCommand: OnCommand }) {
  const { ui, onCommand } = props;
  return (
    <div className="iw-group">
      <CommandButton
        testId="zoom-out"
        label="−"
        title="Zoom out (-)"
        command={{ type: 'zoom', factor: 1 / ZOOM_STEP }}
        onCommand={onCommand}
      />
      <span className="iw-zoom" data-testid="zoom-level">
        {Math.round(ui.scale * 100)}%
      </span>
      <CommandButton
        testId="zoom-in"
        label="+"
        title="Zoom in (+)"
        command={{ type: 'zoom', factor: ZOOM_STEP }}
        onCommand={onCommand}
      />
      <CommandButton
        testId="zoom-fit"
        label="Fit"
        title="Fit to screen (F)"
        command={{ type: 'fit' }}
        onCommand={onCommand}
      />
      <CommandButton
        testId="toggle-hidden"
        label={ui.hidden ? 'Show all' : 'Hide all'}
        title="Hide / show all objects (H)"
        command={{ type: 'toggle-hidden' }}
        onCommand={onCommand}
        pressed={ui.hidden}
      />
    </div>
  );
}

/** The tool palette, undo/redo/delete, zoom and hide-all controls. */
export function ImageToolbar(props: {
  readonly ui: UiSlice;
  readonly ontology: ImageOntology;
  readonly onCommand: OnCommand;
}) {
  const { ui, onCommand } = props;
  return (
    <div className="iw-toolbar" role="toolbar" aria-label="Image tools">
      <ToolButtons ui={ui} ontology={props.ontology} onCommand={onCommand} />
      {!ui.readOnly && (
        <div className="iw-group">
          <CommandButton
            testId="image-undo"
            label="Undo"
            title="Undo (Ctrl+Z)"
            command={{ type: 'undo' }}
            onCommand={onCommand}
            disabled={!ui.canUndo}
          />
          <CommandButton
            testId="image-redo"
            label="Redo"
            title="Redo (Ctrl+Shift+Z)"
            command={{ type: 'redo' }}
            onCommand={onCommand}
            disabled={!ui.canRedo}
          />
          <CommandButton
            testId="delete-selection"
            label="Delete"
            title="Delete the selection (Delete)"
            command={{ type: 'delete' }}
            onCommand={onCommand}
            disabled={ui.doc.selection.length === 0}
          />
        </div>
      )}
      <ViewButtons ui={ui} onCommand={onCommand} />
    </div>
  );
}
