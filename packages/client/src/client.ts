import {
  type AssetArchiveDto,
  type AssetContentType,
  type AssetDto,
  type AssetFormDto,
  assetRoutes,
  type BatchDto,
  type ExportRecord,
  type exportRoutes,
  projectRoutes,
  type ResponseOf,
  type Route,
  type TaskDto,
  taskRoutes,
} from '@tessera/schema';
import { type BulkOptions, type BulkSource, type BulkSummary, bulkCreate } from './bulk-upload';
import { apiErrorFrom } from './errors';
import { type ExportOptions, exportRecords } from './export-records';
import { type DocOf, type PageLike, paginate } from './pagination';
import { fillPath, normalizeBaseUrl, queryString } from './request-url';
import { DEFAULT_RETRY_POLICY } from './retry-policy';
import { type ContractRoutes, contractRoutes } from './route-catalog';
import {
  type CallArgs,
  type FlatInput,
  type OptionalWhenEmpty,
  type RequestOptions,
  type SplitInput,
  splitInput,
} from './route-input';
import { duplicateToRecover } from './safe-create';
import { createTransport, type FetchLike, type HttpRequest, type TransportConfig } from './transport';
import { type AssetFile, encodeAssetForm } from './upload-assets';
import { uuidV7 } from './uuid';

export interface ClientOptions {
  /** Where the server is, e.g. `http://127.0.0.1:8080` (a path prefix is kept). */
  readonly baseUrl: string;
  /** Sent as `Authorization: Bearer <key>`. */
  readonly apiKey?: string;
  /** Defaults to the platform's `fetch` (undici in Node 20, the browser's otherwise). */
  readonly fetch?: FetchLike;
  /** Retries of 408, 429, 5xx and network errors (default 3). */
  readonly retries?: number;
  /** How the SDK waits between retries (tests inject a fake). */
  readonly sleep?: (ms: number) => Promise<void>;
  /** First retry delay, doubled on each later retry (default 500 ms). */
  readonly backoffMs?: number;
  /** A longer Retry-After is not waited for; the error is returned instead (default 60 s). */
  readonly maxRetryDelayMs?: number;
  /** Per-attempt timeout (default 120 s; 0 = none). */
  readonly timeoutMs?: number;
  /** Clock for HTTP-date Retry-After values and the time in idempotency keys. */
  readonly now?: () => number;
  /** Idempotency keys for POSTs; default UUID v7 (time-ordered, so the server's index of keys stays append-only). */
  readonly newIdempotencyKey?: () => string;
}

type RouteMethod<R> = (
  ...args: OptionalWhenEmpty<FlatInput<R>, [options?: RequestOptions]>
) => Promise<ResponseOf<R>>;

/** One method per contract route, named like the route (= its operationId), taking a flat input. */
export type RouteMethods = { readonly [K in keyof ContractRoutes]: RouteMethod<ContractRoutes[K]> };

export interface ClientExtras {
  /** Any route of the contract, with params, query and body given separately. */
  call<R extends Route>(route: R, ...args: OptionalWhenEmpty<CallArgs<R>>): Promise<ResponseOf<R>>;
  /** Every document of a list route, following `next_token` page by page. */
  iterate<R extends Route>(
    route: R,
    ...args: OptionalWhenEmpty<FlatInput<R>, [options?: RequestOptions]>
  ): AsyncGenerator<DocOf<R>, void, undefined>;
  iterateTasks(
    query?: FlatInput<typeof taskRoutes.listTasks>,
    options?: RequestOptions,
  ): AsyncGenerator<TaskDto, void, undefined>;
  iterateBatches(
    query?: FlatInput<typeof projectRoutes.listBatches>,
    options?: RequestOptions,
  ): AsyncGenerator<BatchDto, void, undefined>;
  /**
   * A project's completed tasks with their final labels (`GET /v1/projects/:project/export`), yielded as
   * they stream in; a broken connection resumes after the last record yielded.
   */
  exportProject(
    input: FlatInput<typeof exportRoutes.exportProject>,
    options?: ExportOptions,
  ): AsyncGenerator<ExportRecord, void, undefined>;
  /** Streams task inputs (objects or NDJSON lines) to the bulk endpoint in chunks; per-line results. */
  bulkCreateTasks(project: string, source: BulkSource, options?: BulkOptions): Promise<BulkSummary>;
  /**
   * Stores one image or PDF (`POST /v1/assets`, the raw bytes, `type` the format they are) and returns its
   * `/assets/…` URI and an image's size (null for a PDF). Stored by content hash, so a retried upload never
   * stores anything twice.
   */
  uploadAsset(
    data: Blob | Uint8Array<ArrayBuffer>,
    type: AssetContentType,
    options?: RequestOptions,
  ): Promise<AssetDto>;
  /**
   * Stores several images and PDFs in one request (`POST /v1/assets/form`, multipart/form-data), all or
   * none, and returns them in the order given. A retry re-sends the same bytes under the same
   * Idempotency-Key.
   */
  uploadAssets(files: readonly AssetFile[], options?: RequestOptions): Promise<AssetFormDto>;
  /**
   * Stores every image of a zip (`POST /v1/assets/archive`, the raw zip bytes), all or none, and returns them
   * in archive order with their entry paths. Stored by content hash, so a retried upload stores nothing twice.
   */
  uploadAssetArchive(
    data: Blob | Uint8Array<ArrayBuffer>,
    options?: RequestOptions,
  ): Promise<AssetArchiveDto>;
}

export type TesseraClient = Omit<RouteMethods, keyof ClientExtras> & ClientExtras;

type Parts = Partial<SplitInput>;

function requestFor(route: Route, parts: Parts, opts: RequestOptions): HttpRequest {
  return {
    method: route.method,
    path: fillPath(route.path, parts.params) + queryString(parts.query),
    ...(parts.body !== undefined
      ? { content: { type: 'application/json', data: JSON.stringify(parts.body) } }
      : {}),
    ...(opts.idempotencyKey !== undefined
      ? { idempotencyKey: opts.idempotencyKey }
      : route.repeatSafe
        ? { idempotencyKey: null }
        : {}),
    ...(opts.headers ? { headers: opts.headers } : {}),
    ...(opts.signal ? { signal: opts.signal } : {}),
  };
}

function transportConfig(options: ClientOptions): TransportConfig {
  const now = options.now ?? (() => Date.now());
  return {
    baseUrl: normalizeBaseUrl(options.baseUrl),
    ...(options.apiKey ? { apiKey: options.apiKey } : {}),
    fetch: options.fetch ?? ((url, init) => globalThis.fetch(url, init)),
    sleep: options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms))),
    now,
    policy: {
      retries: options.retries ?? DEFAULT_RETRY_POLICY.retries,
      backoffMs: options.backoffMs ?? DEFAULT_RETRY_POLICY.backoffMs,
      maxRetryDelayMs: options.maxRetryDelayMs ?? DEFAULT_RETRY_POLICY.maxRetryDelayMs,
    },
    timeoutMs: options.timeoutMs ?? 120_000,
    newIdempotencyKey: options.newIdempotencyKey ?? (() => uuidV7(now())),
  };
}

/** The Tessera SDK: typed methods for every route, retries with idempotency keys, pagination, bulk. */
export function createClient(options: ClientOptions): TesseraClient {
  const config = transportConfig(options);
  const transport = createTransport(config);

  async function invoke(route: Route, parts: Parts, opts: RequestOptions): Promise<unknown> {
    const result = await transport.exchange(requestFor(route, parts, opts));
    if (result.ok) return result.response.body;
    const uniqueId = duplicateToRecover(route, result, parts.body);
    if (uniqueId !== null) {
      const query = { unique_id: uniqueId, limit: 1 };
      const page = (await invoke(
        taskRoutes.listTasks,
        { query },
        { signal: opts.signal },
      )) as PageLike<TaskDto>;
      if (page.docs[0] !== undefined) return page.docs[0];
    }
    throw apiErrorFrom(result.response);
  }

  function iterate(route: Route, input?: Record<string, unknown>, opts: RequestOptions = {}) {
    const split = splitInput(route, input);
    const first = typeof split.query.next_token === 'string' ? split.query.next_token : undefined;
    return paginate(async (token) => {
      const query = token === undefined ? split.query : { ...split.query, next_token: token };
      return (await invoke(route, { ...split, query }, opts)) as PageLike<unknown>;
    }, first);
  }

  const methods: Record<string, unknown> = {};
  for (const [name, route] of Object.entries(contractRoutes())) {
    methods[name] = (input?: Record<string, unknown>, opts?: RequestOptions) =>
      invoke(route, splitInput(route, input), opts ?? {});
  }
  const extras = {
    call: (route: Route, args: CallArgs<Route> = {}) =>
      invoke(route, { params: args.params, query: args.query, body: args.body }, args),
    iterate,
    iterateTasks: (query?: Record<string, unknown>, opts?: RequestOptions) =>
      iterate(taskRoutes.listTasks, query, opts),
    iterateBatches: (query?: Record<string, unknown>, opts?: RequestOptions) =>
      iterate(projectRoutes.listBatches, query, opts),
    exportProject: (input: Record<string, unknown>, opts?: ExportOptions) =>
      exportRecords(config, input, opts),
    bulkCreateTasks: (project: string, source: BulkSource, opts?: BulkOptions) =>
      bulkCreate((req) => transport.send(req), project, source, opts),
    async uploadAsset(
      data: Blob | Uint8Array<ArrayBuffer>,
      type: AssetContentType,
      opts: RequestOptions = {},
    ) {
      const result = await transport.exchange({
        method: 'POST',
        path: assetRoutes.uploadAsset.path,
        content: { type, data },
        ...opts,
      });
      if (!result.ok) throw apiErrorFrom(result.response);
      return result.response.body as AssetDto;
    },
    async uploadAssets(files: readonly AssetFile[], opts: RequestOptions = {}) {
      const form = encodeAssetForm(files);
      const result = await transport.exchange({
        method: 'POST',
        path: assetRoutes.uploadAssets.path,
        content: { type: form.contentType, data: form.body },
        ...opts,
      });
      if (!result.ok) throw apiErrorFrom(result.response);
      return result.response.body as AssetFormDto;
    },
    async uploadAssetArchive(data: Blob | Uint8Array<ArrayBuffer>, opts: RequestOptions = {}) {
      const result = await transport.exchange({
        method: 'POST',
        path: assetRoutes.uploadAssetArchive.path,
        content: { type: 'application/zip', data },
        ...opts,
      });
      if (!result.ok) throw apiErrorFrom(result.response);
      return result.response.body as AssetArchiveDto;
    },
  };
  // The methods are generated from the route objects at run time; their types come from the same objects.
  return Object.freeze({ ...methods, ...extras }) as unknown as TesseraClient;
}
