/**
 * The caps of image uploads, all configuration values (environment variables in brackets). `maxFileBytes` is
 * the single-upload limit: the raw body of `POST /v1/assets` and each file part of `POST /v1/assets/form`.
 * Every cap counts the bytes the server actually reads; a declared size (Content-Length) only lets it refuse
 * sooner.
 */
export interface UploadLimits {
  /** Largest image in bytes (TESSERA_UPLOAD_MAX_FILE_BYTES, default 50 MiB): 413 above it. */
  readonly maxFileBytes: number;
  /** File parts of one multipart request (TESSERA_UPLOAD_MAX_FILES, default 100): 413 above it. */
  readonly maxFiles: number;
  /**
   * Bytes of one multipart request as sent, boundaries and part headers included
   * (TESSERA_UPLOAD_MAX_BODY_BYTES, default 2 GiB, as for archives): 413 above it.
   */
  readonly maxBodyBytes: number;
  /** Bytes of one part's header block; past it the rest is dropped unread (TESSERA_UPLOAD_MAX_HEADER_BYTES, 8 KiB). */
  readonly maxHeaderBytes: number;
  /** Header lines of one part; later ones are ignored (TESSERA_UPLOAD_MAX_HEADER_PAIRS, default 16). */
  readonly maxHeaderPairs: number;
}

const MiB = 1024 * 1024;

export const DEFAULT_UPLOAD_LIMITS: UploadLimits = {
  maxFileBytes: 50 * MiB,
  maxFiles: 100,
  maxBodyBytes: 2 * 1024 * MiB,
  maxHeaderBytes: 8 * 1024,
  maxHeaderPairs: 16,
};

function positive(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < 1) throw new Error(`${name}: invalid positive integer ${value}`);
  return n;
}

/** The upload caps from the environment; unset variables keep their defaults. */
export function uploadLimitsFromEnv(env: Readonly<Record<string, string | undefined>>): UploadLimits {
  const d = DEFAULT_UPLOAD_LIMITS;
  return {
    maxFileBytes: positive(
      'TESSERA_UPLOAD_MAX_FILE_BYTES',
      env.TESSERA_UPLOAD_MAX_FILE_BYTES,
      d.maxFileBytes,
    ),
    maxFiles: positive('TESSERA_UPLOAD_MAX_FILES', env.TESSERA_UPLOAD_MAX_FILES, d.maxFiles),
    maxBodyBytes: positive(
      'TESSERA_UPLOAD_MAX_BODY_BYTES',
      env.TESSERA_UPLOAD_MAX_BODY_BYTES,
      d.maxBodyBytes,
    ),
    maxHeaderBytes: positive(
      'TESSERA_UPLOAD_MAX_HEADER_BYTES',
      env.TESSERA_UPLOAD_MAX_HEADER_BYTES,
      d.maxHeaderBytes,
    ),
    maxHeaderPairs: positive(
      'TESSERA_UPLOAD_MAX_HEADER_PAIRS',
      env.TESSERA_UPLOAD_MAX_HEADER_PAIRS,
      d.maxHeaderPairs,
    ),
  };
}
