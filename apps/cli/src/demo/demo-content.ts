import type { OntologyDefinition, Role, Workflow } from '@tessera/schema';

/** The demo organization's name (it is found again by this name, or by the id in the credentials file). */
export const DEMO_ORG = 'Tessera Demo';

export const DEMO_USERS: readonly { readonly email: string; readonly name: string; readonly role: Role }[] = [
  { email: 'admin@demo.tessera', name: 'Demo Admin', role: 'admin' },
  { email: 'annotator@demo.tessera', name: 'Demo Annotator', role: 'annotator' },
  { email: 'reviewer@demo.tessera', name: 'Demo Reviewer', role: 'reviewer' },
];

const occluded = { id: 'occluded', name: 'Occluded', type: 'boolean', required: true } as const;

/** Street scenes: boxes around cars, trucks and people, each with a few attributes. */
export const IMAGE_ONTOLOGY: OntologyDefinition = {
  classes: [
    {
      id: 'car',
      name: 'Car',
      color: '#e6194b',
      geometries: ['box'],
      attributes: [
        occluded,
        {
          id: 'color',
          name: 'Color',
          type: 'enum',
          required: false,
          options: ['red', 'blue', 'white', 'black', 'other'],
        },
      ],
    },
    {
      id: 'truck',
      name: 'Truck',
      color: '#3cb44b',
      geometries: ['box'],
      attributes: [occluded, { id: 'trailer', name: 'Has a trailer', type: 'boolean', required: false }],
    },
    {
      id: 'person',
      name: 'Person',
      color: '#4363d8',
      geometries: ['box'],
      attributes: [
        occluded,
        {
          id: 'pose',
          name: 'Pose',
          type: 'enum',
          required: false,
          options: ['standing', 'walking', 'sitting'],
        },
      ],
    },
  ],
  global_attributes: [
    {
      id: 'time_of_day',
      name: 'Time of day',
      type: 'enum',
      required: false,
      options: ['day', 'dusk', 'night'],
    },
  ],
  guidelines:
    '# Street scenes\nDraw a tight box around every car, truck and person. Mark an object occluded when ' +
    'something hides part of it.',
};

/** Named entities in short news-style sentences. */
export const NER_ONTOLOGY: OntologyDefinition = {
  classes: [
    { id: 'person', name: 'Person', color: '#f58231', geometries: ['span'], attributes: [] },
    { id: 'org', name: 'Organization', color: '#911eb4', geometries: ['span'], attributes: [] },
    { id: 'location', name: 'Location', color: '#42d4f4', geometries: ['span'], attributes: [] },
    { id: 'date', name: 'Date', color: '#bfef45', geometries: ['span'], attributes: [] },
  ],
  global_attributes: [],
  guidelines: '# Named entities\nMark every person, organization, location and date. Spans never overlap.',
};

export interface DemoProject {
  readonly name: string;
  readonly title: string;
  readonly modality: 'image' | 'text';
  readonly ontology: OntologyDefinition;
  readonly workflow: Partial<Workflow>;
  readonly batch: string;
  readonly taskType: string;
  readonly instruction: string;
}

export const IMAGE_PROJECT: DemoProject = {
  name: 'demo-images',
  title: 'Demo: street scenes (boxes)',
  modality: 'image',
  ontology: IMAGE_ONTOLOGY,
  workflow: { annotations_per_task: 1, review: { policy: 'sample', rate: 0.2 } },
  batch: 'demo-images-1',
  taskType: 'imageannotation',
  instruction: 'Box every car, truck and person.',
};

export const NER_PROJECT: DemoProject = {
  name: 'demo-ner',
  title: 'Demo: named entities (text)',
  modality: 'text',
  ontology: NER_ONTOLOGY,
  workflow: { annotations_per_task: 1, review: { policy: 'all' } },
  batch: 'demo-ner-1',
  taskType: 'namedentityrecognition',
  instruction: 'Mark people, organizations, locations and dates.',
};

/** How much demo data `tessera demo` creates. */
export const DEMO_COUNTS = { images: 300, texts: 100 } as const;
