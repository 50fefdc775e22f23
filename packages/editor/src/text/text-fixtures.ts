/** Test-only fixtures for the text engine tests (not exported from the package). */
import { validateAnnotation } from '@tessera/core';
import { type AnnotationPayload, EMPTY_PAYLOAD, type OntologyDefinition } from '@tessera/schema';
import { createTextContext, type TextContext } from './text-document';

/** person and org forbid overlap; topic and tag allow it; sentiment labels documents; both does both. */
export const TEXT_ONTOLOGY: OntologyDefinition = {
  classes: [
    { id: 'person', name: 'Person', color: '#e03131', geometries: ['span'], attributes: [] },
    {
      id: 'org',
      name: 'Organization',
      color: '#1971c2',
      geometries: ['span'],
      attributes: [{ id: 'kind', name: 'Kind', required: false, type: 'enum', options: ['company', 'ngo'] }],
      allow_overlap: false,
    },
    {
      id: 'topic',
      name: 'Topic',
      color: '#2f9e44',
      geometries: ['span'],
      attributes: [
        { id: 'kind', name: 'Kind', required: false, type: 'enum', options: ['company', 'sport'] },
        { id: 'score', name: 'Score', required: false, type: 'number', min: 0, max: 1 },
      ],
      allow_overlap: true,
    },
    { id: 'tag', name: 'Tag', color: '#f08c00', geometries: ['span'], attributes: [], allow_overlap: true },
    { id: 'positive', name: 'Positive', color: '#5c940d', geometries: ['classification'], attributes: [] },
    { id: 'box-only', name: 'Box', color: '#868e96', geometries: ['box'], attributes: [] },
    {
      id: 'both',
      name: 'Both',
      color: '#862e9c',
      geometries: ['span', 'classification'],
      attributes: [],
      allow_overlap: true,
    },
  ],
  global_attributes: [],
  guidelines: '',
};

export const SAMPLE_TEXT = 'Ada Lovelace met  Charles Babbage in London, 1833. 😀 café!\nThe end.';

export function sampleContext(text = SAMPLE_TEXT): TextContext {
  return createTextContext(text, TEXT_ONTOLOGY);
}

export function emptyPayload(): AnnotationPayload {
  return { ...EMPTY_PAYLOAD };
}

/** The server's issue codes for a payload against TEXT_ONTOLOGY and a text of `textLength`. */
export function serverIssues(
  payload: AnnotationPayload,
  textLength: number,
): { code: string; path: string }[] {
  const result = validateAnnotation(payload, TEXT_ONTOLOGY, { width: null, height: null, textLength });
  return result.ok ? [] : result.issues.map((i) => ({ code: i.code, path: i.path }));
}
