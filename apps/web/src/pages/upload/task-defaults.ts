import type { MediaType, Modality } from '@tessera/schema';

/** What every task of one upload shares unless a row says otherwise. */
export interface TaskDefaults {
  /** Task type (Scale's names: `imageannotation`, …). */
  readonly type: string;
  /** Media type of an item given by `uri` only. */
  readonly mediaType: MediaType;
}

const BY_MODALITY: Readonly<Record<Modality, TaskDefaults>> = {
  image: { type: 'imageannotation', mediaType: 'image' },
  video: { type: 'videoannotation', mediaType: 'video' },
  pointcloud: { type: 'lidarannotation', mediaType: 'pointcloud' },
  text: { type: 'namedentityrecognition', mediaType: 'text' },
  document: { type: 'documentannotation', mediaType: 'document' },
  llm: { type: 'textcollection', mediaType: 'conversation' },
};

/** The usual task type and item media type of a project's modality. */
export function defaultsFor(modality: Modality): TaskDefaults {
  return BY_MODALITY[modality];
}

/** Task types are lower-case identifiers (`^[a-z][a-z0-9_]*$`, at most 64 characters). */
export function isTaskType(type: string): boolean {
  return /^[a-z][a-z0-9_]{0,63}$/.test(type);
}
