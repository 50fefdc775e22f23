/**
 * The data the text-flow browser tests label: five short news sentences, the ontology classes the admin
 * builds for them, and what each annotator draws on each sentence (spans by substring, so offsets are
 * computed, never typed by hand).
 */

export const PERSON = 'person';
export const ORG = 'org';
/** The document-level class (geometry `classification`). */
export const BIOGRAPHY = 'biography';

/** Keys the text workspace gives the span classes, in ontology order. */
export const DIGIT: Readonly<Record<string, string>> = { [PERSON]: '1', [ORG]: '2' };

export interface NewsTask {
  readonly uniqueId: string;
  readonly text: string;
  readonly person: string;
  readonly org: string;
  /** An organization the second annotator labels instead of `org` (a disagreement), when set. */
  readonly otherOrg?: string;
}

export const NEWS: readonly NewsTask[] = [
  {
    uniqueId: 'news-1',
    text: 'Ada Lovelace wrote notes for Babbage Engines in London.',
    person: 'Ada Lovelace',
    org: 'Babbage Engines',
  },
  {
    uniqueId: 'news-2',
    text: 'Grace Hopper led the compiler team at Remington Rand for years.',
    person: 'Grace Hopper',
    org: 'Remington Rand',
  },
  {
    uniqueId: 'news-3',
    text: 'Alan Turing visited Bletchley Park with colleagues from Cambridge University.',
    person: 'Alan Turing',
    org: 'Bletchley Park',
    otherOrg: 'Cambridge University',
  },
  {
    uniqueId: 'news-4',
    text: 'Katherine Johnson computed orbits at NASA Langley before the launch.',
    person: 'Katherine Johnson',
    org: 'NASA Langley',
  },
  {
    uniqueId: 'news-5',
    text: 'Linus Torvalds released the kernel while studying at Helsinki University.',
    person: 'Linus Torvalds',
    org: 'Helsinki University',
  },
];

/** A span as the server stores it, without its id and attributes. */
export interface SpanShape {
  readonly class_id: string;
  readonly start: number;
  readonly end: number;
}

/** The [start, end) offsets of `part` in `text`; it must occur exactly once. */
export function rangeOf(text: string, part: string): { start: number; end: number } {
  const start = text.indexOf(part);
  if (start < 0 || text.indexOf(part, start + 1) >= 0) {
    throw new Error(`"${part}" must occur exactly once in "${text}"`);
  }
  return { start, end: start + part.length };
}

export function spanOf(text: string, classId: string, part: string): SpanShape {
  return { class_id: classId, ...rangeOf(text, part) };
}

/** Ordered by start, then end: how the tests compare span lists. */
export function sortSpans(spans: readonly SpanShape[]): SpanShape[] {
  return [...spans]
    .map(({ class_id, start, end }) => ({ class_id, start, end }))
    .sort((a, b) => a.start - b.start || a.end - b.end);
}

/** What annotator `which` (0 or 1) draws on a task: one person span and one organization span. */
export function plannedSpans(task: NewsTask, which: 0 | 1): SpanShape[] {
  const org = which === 1 && task.otherOrg !== undefined ? task.otherOrg : task.org;
  return [spanOf(task.text, PERSON, task.person), spanOf(task.text, ORG, org)];
}

/**
 * The final label's spans after consensus of the two annotators: with two annotations a span is kept only
 * when both drew it (a strict majority of two), so a disagreement drops both versions.
 */
export function consensusSpans(task: NewsTask): SpanShape[] {
  const second = plannedSpans(task, 1);
  const same = (a: SpanShape, b: SpanShape) =>
    a.class_id === b.class_id && a.start === b.start && a.end === b.end;
  return sortSpans(plannedSpans(task, 0).filter((a) => second.some((b) => same(a, b))));
}

export function newsTaskOfText(text: string): NewsTask {
  const task = NEWS.find((t) => t.text === text);
  if (task === undefined) throw new Error(`the page shows a text that was not uploaded: "${text}"`);
  return task;
}

/**
 * The upload file: one NDJSON line per task, with the text inline (packages/schema TaskInput). `unique_id`s
 * are unique in the organization, so each project's tasks get their own prefix.
 */
export function newsNdjson(tasks: readonly NewsTask[] = NEWS, prefix = ''): string {
  return tasks
    .map((t) =>
      JSON.stringify({
        type: 'namedentityrecognition',
        unique_id: `${prefix}${t.uniqueId}`,
        instruction: 'Mark the person and the organization; tick Biography when the text is about a person.',
        item: { media_type: 'text', text: t.text },
      }),
    )
    .join('\n')
    .concat('\n');
}
