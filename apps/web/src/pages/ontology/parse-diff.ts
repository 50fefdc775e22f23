/**
 * The diff route answers a loosely typed record (`GET …/ontology-versions/:v/diff`); this narrows it to the
 * shape the server builds (core's `diffOntology` plus `from`/`to`), tolerating missing parts.
 */
export interface ItemRef {
  readonly id: string;
  readonly name: string;
}

export interface FieldChangeView {
  readonly field: string;
  readonly before: string;
  readonly after: string;
}

export interface AttributesDiffView {
  readonly added: readonly ItemRef[];
  readonly removed: readonly ItemRef[];
  readonly changed: readonly { readonly id: string; readonly changes: readonly FieldChangeView[] }[];
}

export interface ClassChangeView {
  readonly id: string;
  readonly changes: readonly FieldChangeView[];
  readonly attributes: AttributesDiffView;
}

export interface OntologyDiffView {
  readonly from: number | null;
  readonly to: number | null;
  readonly classes: {
    readonly added: readonly ItemRef[];
    readonly removed: readonly ItemRef[];
    readonly changed: readonly ClassChangeView[];
  };
  readonly globalAttributes: AttributesDiffView;
  readonly guidelinesChanged: boolean;
  readonly guidelinesDiff: readonly string[];
  readonly guidelinesDiffTruncated: boolean;
}

type Json = Readonly<Record<string, unknown>>;

const record = (v: unknown): Json =>
  v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : {};
const list = (v: unknown): readonly unknown[] => (Array.isArray(v) ? v : []);
const text = (v: unknown): string => (typeof v === 'string' ? v : '');
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/** A changed value as people read it: absent as —, lists comma separated, strings as they are. */
export function formatDiffValue(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (Array.isArray(value)) return value.length === 0 ? '(none)' : value.map(String).join(', ');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

const itemRef = (v: unknown): ItemRef => {
  const r = record(v);
  return { id: text(r.id), name: text(r.name) };
};

const fieldChanges = (v: unknown): FieldChangeView[] =>
  list(v).map((c) => {
    const r = record(c);
    return { field: text(r.field), before: formatDiffValue(r.before), after: formatDiffValue(r.after) };
  });

function attributesDiff(v: unknown): AttributesDiffView {
  const r = record(v);
  return {
    added: list(r.added).map(itemRef),
    removed: list(r.removed).map(itemRef),
    changed: list(r.changed).map((c) => ({
      id: text(record(c).id),
      changes: fieldChanges(record(c).changes),
    })),
  };
}

export function parseDiff(raw: unknown): OntologyDiffView {
  const r = record(raw);
  const classes = record(r.classes);
  return {
    from: num(r.from),
    to: num(r.to),
    classes: {
      added: list(classes.added).map(itemRef),
      removed: list(classes.removed).map(itemRef),
      changed: list(classes.changed).map((c) => ({
        id: text(record(c).id),
        changes: fieldChanges(record(c).changes),
        attributes: attributesDiff(record(c).attributes),
      })),
    },
    globalAttributes: attributesDiff(r.globalAttributes),
    guidelinesChanged: r.guidelinesChanged === true,
    guidelinesDiff: list(r.guidelinesDiff).map(text),
    guidelinesDiffTruncated: r.guidelinesDiffTruncated === true,
  };
}

const attributesEmpty = (a: AttributesDiffView): boolean =>
  a.added.length + a.removed.length + a.changed.length === 0;

/** True when nothing changed between the two versions. */
export function isDiffEmpty(diff: OntologyDiffView): boolean {
  const { classes } = diff;
  return (
    !diff.guidelinesChanged &&
    classes.added.length + classes.removed.length + classes.changed.length === 0 &&
    attributesEmpty(diff.globalAttributes)
  );
}
