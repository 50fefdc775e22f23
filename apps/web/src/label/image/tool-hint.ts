import { classAllows, type ImageOntology, type ToolName, toolKind } from '@tessera/editor';

const NAMES = { box: 'boxes', polygon: 'polygons', point: 'points' } as const;

/** The one-line help under the canvas for the active tool. */
export function toolHint(
  tool: ToolName,
  classId: string | null,
  busy: boolean,
  readOnly: boolean,
  ontology: ImageOntology,
): string {
  if (readOnly) return 'Read-only: click an object to inspect it; wheel zooms, space+drag pans.';
  const kind = toolKind(tool);
  if (kind !== null && !classAllows(ontology, classId, kind)) {
    return `No class of this ontology allows ${NAMES[kind]}.`;
  }
  switch (tool) {
    case 'select':
      return 'Click selects (Shift+click adds), drag moves, handles resize; Tab cycles, arrows nudge.';
    case 'box':
      return busy ? 'Release to place the box; Esc cancels.' : 'Drag to draw a box.';
    case 'polygon':
      return busy
        ? 'Click adds a vertex; Enter or a click on the first vertex closes; Backspace removes the last; Esc cancels.'
        : 'Click to place the first vertex.';
    case 'point':
      return 'Click to place a point.';
  }
}
