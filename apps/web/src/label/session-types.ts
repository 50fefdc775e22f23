import type { AnnotationPayload, LeaseDto } from '@tessera/schema';
import type { Draft, DraftKey, DraftStore } from './draft-store';
import type { KeyValueStorage } from './key-value-storage';
import type { Notice } from './session-notices';
import type { Submission } from './submit-outbox';

/** The SDK calls the session makes (`TesseraClient` satisfies it; tests pass fakes). */
export interface SessionClient {
  leaseTasks(input: { project: string; count: number }): Promise<{ readonly leases: readonly LeaseDto[] }>;
  heartbeat(input: { task_id: string; token: number }): Promise<{ readonly expires_at: string }>;
  submitAnnotation(input: {
    task_id: string;
    token: number;
    annotations: AnnotationPayload;
    duration_ms?: number;
  }): Promise<unknown>;
  releaseLease(input: {
    task_id: string;
    token: number;
    reason?: 'release' | 'skip' | 'error';
  }): Promise<unknown>;
}

export interface LabelSessionOptions {
  readonly client: SessionClient;
  readonly who: { readonly org: string; readonly user: string };
  readonly project: string;
  readonly storage: KeyValueStorage;
  /** Leases held at once, the one on screen included (k). */
  readonly prefetch?: number;
  describe(error: unknown): string;
  /** A lease joined the queue: preload its image and ontology. */
  preload?(lease: LeaseDto): void;
  readonly now?: () => number;
  /** While there is no work (or leasing failed), ask the server again this often. */
  readonly pollMs?: number;
}

/** Everything the label page renders, as one immutable snapshot. */
export interface SessionState {
  readonly started: boolean;
  /** Held leases in order; the first is the task on screen once started. */
  readonly leases: readonly LeaseDto[];
  readonly refilling: boolean;
  /** The server has no task for this annotator right now, and none is held. */
  readonly empty: boolean;
  readonly leaseError: unknown;
  /** Submits not yet answered by the server (the "unsent" banner). */
  readonly unsent: readonly Submission[];
  readonly notices: readonly Notice[];
  /** Work kept from leases that ended before it was submitted, newest first. */
  readonly kept: readonly Draft[];
  readonly heartbeatTrouble: string | null;
  /** The browser refused to store a draft or the unsent submits: a reload would lose them. */
  readonly storageTrouble: boolean;
  /** The last payload submitted in this session ("copy from previous task"). */
  readonly previous: AnnotationPayload | null;
  readonly submitted: number;
}

export interface LabelSession {
  getState(): SessionState;
  subscribe(listener: () => void): () => void;
  readonly drafts: DraftStore;
  draftKey(lease: LeaseDto): DraftKey;
  /** Starts (or resumes) labeling: verifies restored leases and leases up to k. */
  start(): void;
  /** The annotation on screen changed: saved as a draft after a short pause. */
  edit(lease: LeaseDto, payload: AnnotationPayload, elapsedMs: number): void;
  /** Writes the pending draft now (the page is hidden or unloading). */
  flush(): void;
  submit(lease: LeaseDto, payload: AnnotationPayload, elapsedMs: number): void;
  skip(lease: LeaseDto): Promise<void>;
  checkAgain(): void;
  retryUnsent(): void;
  dismiss(noticeId: number): void;
  discardKept(key: DraftKey): void;
  dispose(): void;
}
