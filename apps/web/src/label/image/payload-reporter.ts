import { documentPayload, type ImageDocument } from '@tessera/editor';
import type { AnnotationPayload } from '@tessera/schema';

/**
 * Calls `report` with the wire payload whenever a document's objects or payload rest differ from the last
 * reported ones (a selection change is not a new payload). The first document counts as already reported.
 */
export function createPayloadReporter(
  first: ImageDocument,
  report: (payload: AnnotationPayload) => void,
): (doc: ImageDocument) => void {
  let objects = first.objects;
  let rest = first.rest;
  return (doc) => {
    if (doc.objects === objects && doc.rest === rest) return;
    objects = doc.objects;
    rest = doc.rest;
    report(documentPayload(doc));
  };
}
