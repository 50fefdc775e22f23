import type {
  Annotation,
  Assignment,
  AssignmentStatus,
  Batch,
  BatchStatus,
  EventType,
  FinalLabel,
  GoldScore,
  Item,
  OntologyVersion,
  Organization,
  Project,
  Review,
  Task,
  TaskStage,
  TesseraEvent,
  User,
} from '@tessera/schema';
import type { StatsRepo } from './stats/stats-port';

export type * from './stats/stats-port';
export type * from './stats/stats-rows';

/** Every I/O the engine needs. The db package implements these for SQLite and PostgreSQL. */

export interface Clock {
  /** Epoch milliseconds. Leases, deadlines and retention are computed from this clock only. */
  now(): number;
}

export interface IdGenerator {
  /** A new unique, time-ordered id with a readable prefix, e.g. `tsk_01J9…`. */
  next(prefix: string): string;
}

export interface RandomSource {
  /** Uniform in [0, 1). */
  next(): number;
}

export interface OrgRepo {
  insert(org: Organization): Promise<void>;
  get(id: string): Promise<Organization | undefined>;
}

export interface UserRepo {
  insert(user: User): Promise<void>;
  get(orgId: string, id: string): Promise<User | undefined>;
}

export interface ProjectRepo {
  insert(project: Project): Promise<void>;
  get(orgId: string, id: string): Promise<Project | undefined>;
  /** The project of task `taskId`, named by the task: a read that can travel with the task's own. */
  getOfTask(orgId: string, taskId: string): Promise<Project | undefined>;
  getByName(orgId: string, name: string): Promise<Project | undefined>;
  update(project: Project): Promise<void>;
  list(orgId: string): Promise<Project[]>;
  addMember(orgId: string, projectId: string, userId: string): Promise<void>;
  isMember(projectId: string, userId: string): Promise<boolean>;
  /** Projects the user belongs to, highest default priority first. */
  listForMember(orgId: string, userId: string): Promise<Project[]>;
}

export interface OntologyRepo {
  insert(version: OntologyVersion): Promise<void>;
  get(projectId: string, version: number): Promise<OntologyVersion | undefined>;
  /** Only unpublished versions may change; returns false when the row was published meanwhile. */
  updateDraft(version: OntologyVersion): Promise<boolean>;
  latest(projectId: string): Promise<OntologyVersion | undefined>;
  list(projectId: string): Promise<OntologyVersion[]>;
}

export interface ItemRepo {
  insertMany(items: readonly Item[]): Promise<void>;
  get(orgId: string, id: string): Promise<Item | undefined>;
}

export interface BatchRepo {
  insert(batch: Batch): Promise<void>;
  get(orgId: string, id: string): Promise<Batch | undefined>;
  /** Internal lookup without tenant scope (for engine-internal follow-ups such as batch completion). */
  getById(id: string): Promise<Batch | undefined>;
  getByName(projectId: string, name: string): Promise<Batch | undefined>;
  /** Batches of the organization with this name (names are unique per project, not per organization). */
  listByName(orgId: string, name: string): Promise<Batch[]>;
  /** Keyset page by (created_at, id), optionally in one project. */
  list(
    orgId: string,
    projectId: string | undefined,
    after: { createdAt: number; id: string } | undefined,
    limit: number,
  ): Promise<Batch[]>;
  setStatus(id: string, from: BatchStatus, to: BatchStatus, now: number): Promise<boolean>;
  /** Task counts by public status. */
  statusCounts(batchId: string): Promise<Record<string, number>>;
  hasPendingTasks(batchId: string): Promise<boolean>;
}

/** Field changes applied to a task row; absent fields stay. */
export type TaskPatch = Partial<
  Pick<
    Task,
    | 'status'
    | 'stage'
    | 'annotations_done'
    | 'leases_active'
    | 'lease_seq'
    | 'failed_attempts'
    | 'last_error'
    | 'final_revision'
    | 'completed_at'
    | 'unique_id'
    | 'tags'
    | 'metadata'
    | 'callback_succeeded'
  >
> & { readonly updated_at: number };

export interface TimeRange {
  readonly after?: number;
  readonly before?: number;
}

export interface TaskQuery {
  readonly orgId: string;
  readonly projectId?: string;
  readonly batchId?: string;
  readonly status?: Task['status'];
  readonly stage?: TaskStage;
  readonly uniqueIds?: readonly string[];
  readonly type?: string;
  /** Inclusive-exclusive time ranges: [after, before). */
  readonly created?: TimeRange;
  readonly updated?: TimeRange;
  readonly completed?: TimeRange;
  /** Rows to skip (Scale's offset pagination; capped by the API). */
  readonly offset?: number;
  /** Keyset cursor: tasks strictly after (created_at, id). */
  readonly after?: { readonly createdAt: number; readonly id: string };
  readonly limit: number;
}

/** A task stored with the retry reference it was created under (see `RetryRefs`). */
export interface TaskWithRetryRef {
  readonly retryRef: string;
  readonly task: Task;
}

export interface TaskRepo {
  /** Inserts tasks; `retryRefs` (task id → reference) stores a task's retry reference in the same row. */
  insertMany(tasks: readonly Task[], retryRefs?: ReadonlyMap<string, string>): Promise<void>;
  get(orgId: string, id: string): Promise<Task | undefined>;
  /** For update: the row as seen inside the current transaction (locked on PostgreSQL). */
  getForUpdate(id: string): Promise<Task | undefined>;
  findByUniqueIds(orgId: string, uniqueIds: readonly string[]): Promise<Task[]>;
  /** Tasks of the organization stored with one of these retry references. */
  findByRetryRefs(orgId: string, refs: readonly string[]): Promise<TaskWithRetryRef[]>;
  /** Forgets the retry references of these tasks (the Idempotency-Key they were created under expired). */
  clearRetryRefs(orgId: string, taskIds: readonly string[]): Promise<void>;
  /** Conditional update: applies only when the row's stage is one of `fromStages` (any stage when empty). */
  update(id: string, fromStages: readonly TaskStage[], patch: TaskPatch): Promise<boolean>;
  /**
   * Update of a task this unit holds in stage `fromStage` (returned by a lease query in this unit: locked on
   * PostgreSQL), which therefore cannot miss. Sent like `patch`; should it change no row all the same, the
   * unit fails.
   */
  patchHeld(id: string, fromStage: TaskStage, patch: TaskPatch): Promise<void>;
  /**
   * Unconditional update of a task the unit has read: nothing is reported back, so on PostgreSQL it travels
   * with the unit's next statement instead of costing a round trip of its own.
   */
  patch(id: string, patch: TaskPatch): Promise<void>;
  /** Moves every task of a batch in one of `fromStages` to `to` (optionally only unstarted ones). */
  moveBatchStage(
    batchId: string,
    fromStages: readonly TaskStage[],
    to: TaskStage,
    now: number,
    onlyUnstarted: boolean,
  ): Promise<string[]>;
  list(query: TaskQuery): Promise<Task[]>;
  /** How many tasks match the query's filters (cursor, offset and limit ignored). */
  count(query: TaskQuery): Promise<number>;
  /** Queued (leasable) tasks per project: the queue depth. */
  queueDepth(projectId: string): Promise<number>;
}

export interface LeaseCandidateQuery {
  readonly projectId: string;
  readonly annotatorId: string;
  readonly limit: number;
}

/** A task a lease may take, with its item (read by the same statement: a lease answers with both). */
export interface LeaseCandidate {
  readonly task: Task;
  readonly item: Item | null;
}

/** A task leased to an annotator: the lease's token and expiry, the task, and its item. */
export interface Lease {
  readonly assignmentId: string;
  readonly token: number;
  readonly expiresAt: number;
  readonly task: Task;
  /** The task's item (null for a task without one), read with the claim. */
  readonly item: Item | null;
}

export interface LiveAssignmentSubmit {
  readonly orgId: string;
  readonly annotatorId: string;
  readonly taskId: string;
  readonly token: number;
  readonly annotationId: string;
  readonly now: number;
}

/** The queue's hot paths. Claims lock rows (SKIP LOCKED on PostgreSQL; one write transaction on SQLite). */
export interface QueueRepo {
  /**
   * Leasable tasks in lease order (priority desc, deadline asc with none last, age), excluding tasks this
   * annotator holds, submitted, or skipped; none unless the annotator is a member of the project. Served by
   * the partial lease index; never sorts the backlog.
   */
  claimCandidates(query: LeaseCandidateQuery): Promise<LeaseCandidate[]>;
  /** Gold tasks of the project this member has not answered or skipped yet (oldest first); none for others. */
  claimGoldCandidates(query: LeaseCandidateQuery): Promise<LeaseCandidate[]>;
  insertAssignments(assignments: readonly Assignment[]): Promise<void>;
  getAssignment(taskId: string, token: number): Promise<Assignment | undefined>;
  getAssignmentById(orgId: string, id: string): Promise<Assignment | undefined>;
  /**
   * Ends the active assignment this unit holds (read by `getAssignment` in this unit: locked on PostgreSQL),
   * which therefore cannot miss. Sent without a round trip of its own on PostgreSQL; should it change no row
   * all the same, the unit fails.
   */
  endHeldAssignment(
    id: string,
    status: Exclude<AssignmentStatus, 'active'>,
    now: number,
    annotationId: string | null,
  ): Promise<void>;
  /**
   * Ends this annotator's live lease `taskId#token` as submitted with `annotationId`, in one statement that
   * also locks it (PostgreSQL), and returns it as ended; undefined when there is no such live lease (none,
   * another org's or annotator's, ended, or expired at `now`): the caller reads it then to tell which.
   */
  submitLiveAssignment(q: LiveAssignmentSubmit): Promise<Assignment | undefined>;
  /**
   * The leases the submit of assignment `id` made (`after_assignment_id`) that are still live at `now`, in the
   * order they were made, each with its task and item: what a repeat of that submit answers.
   */
  leasesAfter(orgId: string, id: string, now: number): Promise<Lease[]>;
  /** Extends the active assignment this unit holds (as `endHeldAssignment`): sent like it, fails like it. */
  extendHeldAssignment(id: string, heartbeatAt: number, expiresAt: number): Promise<void>;
  /** Active assignments whose lease ran out (oldest expiry first), optionally in one project. */
  expiredAssignments(now: number, limit: number, projectId?: string): Promise<Assignment[]>;
  /** Submitted assignments of a task's current round become `rejected` so the round can be redone. */
  rejectSubmitted(taskId: string, now: number): Promise<number>;
  listAssignments(taskId: string): Promise<Assignment[]>;
}

export interface AnnotationRepo {
  insert(annotation: Annotation): Promise<void>;
  get(orgId: string, id: string): Promise<Annotation | undefined>;
  /** Annotations of the task's current round: linked to `submitted` assignments, in submit order. */
  listCurrentRound(taskId: string): Promise<Annotation[]>;
  listForTask(taskId: string): Promise<Annotation[]>;
}

export interface ReviewRepo {
  insert(review: Review): Promise<void>;
  listForTask(taskId: string): Promise<Review[]>;
}

export interface FinalLabelRepo {
  insert(label: FinalLabel): Promise<void>;
  latest(taskId: string): Promise<FinalLabel | undefined>;
  /** The current revision of each task that has one (tasks without a final label are absent). */
  latestForTasks(taskIds: readonly string[]): Promise<FinalLabel[]>;
  revisions(taskId: string): Promise<FinalLabel[]>;
  /** Tasks of a project whose latest final label was made under a version older than `version`. */
  listStale(projectId: string, version: number, afterTaskId: string, limit: number): Promise<FinalLabel[]>;
}

export interface GoldScoreRepo {
  insert(score: GoldScore): Promise<void>;
  listForProject(projectId: string): Promise<GoldScore[]>;
}

export type NewEvent = Omit<TesseraEvent, 'seq'>;

export interface EventRepo {
  /** Appends the event; when `outbox` is true also writes an outbox row in the same transaction. */
  append(event: NewEvent, outbox: boolean): Promise<void>;
  list(
    orgId: string,
    afterSeq: number,
    limit: number,
    filter?: { projectId?: string; taskId?: string },
  ): Promise<TesseraEvent[]>;
  outboxCount(filter: { orgId?: string; type?: EventType; taskId?: string }): Promise<number>;
}

/** The repositories as seen inside one transaction. */
export interface Tx {
  readonly orgs: OrgRepo;
  readonly users: UserRepo;
  readonly projects: ProjectRepo;
  readonly ontologies: OntologyRepo;
  readonly items: ItemRepo;
  readonly batches: BatchRepo;
  readonly tasks: TaskRepo;
  readonly queue: QueueRepo;
  readonly annotations: AnnotationRepo;
  readonly reviews: ReviewRepo;
  readonly finalLabels: FinalLabelRepo;
  readonly goldScores: GoldScoreRepo;
  readonly events: EventRepo;
  readonly stats: StatsRepo;
}

/**
 * Unit of work. `write` runs `fn` atomically (all or nothing); the promise resolves only after the commit is
 * durable. Implementations may group several writes into one commit (group commit); each keeps its own
 * all-or-nothing outcome. `read` runs without a write lock.
 */
export interface Store {
  write<T>(fn: (tx: Tx) => Promise<T>): Promise<T>;
  read<T>(fn: (tx: Tx) => Promise<T>): Promise<T>;
}

/** The engine's dependencies, passed in (no globals). */
export interface EngineDeps {
  readonly store: Store;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  readonly random: RandomSource;
}
