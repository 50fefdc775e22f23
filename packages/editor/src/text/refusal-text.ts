import type { TextRefusal } from './span-rules';
import type { TextOntology } from './text-ontology';

/** A one-line message for the annotator explaining a refused edit. */
export function describeTextRefusal(refusal: TextRefusal, ontology: TextOntology): string {
  const name = (id: string): string => ontology.byId.get(id)?.name ?? id;
  switch (refusal.code) {
    case 'empty_range':
      return 'The selection is empty (or only whitespace).';
    case 'outside_text':
      return 'The span cannot go past the edge of the text.';
    case 'unknown_class':
      return `Class "${refusal.classId}" is not in the ontology.`;
    case 'not_a_span_class':
      return `${name(refusal.classId)} cannot label text spans.`;
    case 'not_a_document_class':
      return `${name(refusal.classId)} cannot label the whole document.`;
    case 'overlap':
      return `It would overlap a ${name(refusal.classId)} span, and overlap is allowed only between classes that both allow it.`;
    case 'duplicate':
      return 'That exact span already exists with this class.';
    case 'no_such_span':
      return 'That span no longer exists.';
    case 'no_selection':
      return 'Select some text or a span first.';
    case 'read_only':
      return 'This annotation is read-only.';
  }
}
