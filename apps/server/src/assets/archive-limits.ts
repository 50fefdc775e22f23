/**
 * The caps of `POST /v1/assets/archive`, all configuration values (environment variables in brackets).
 * Every cap counts what the server actually reads or inflates; a size a zip header declares is never trusted.
 */
export interface ArchiveLimits {
  /** Largest archive body in bytes, as uploaded (TESSERA_ARCHIVE_MAX_BYTES, default 2 GiB): 413 above it. */
  readonly maxArchiveBytes: number;
  /** Inflated bytes of all entries together (TESSERA_ARCHIVE_MAX_INFLATED_BYTES, default 2 GiB). */
  readonly maxInflatedBytes: number;
  /** Inflated bytes of one entry (TESSERA_ARCHIVE_MAX_ENTRY_BYTES, default 50 MiB: the single-upload limit). */
  readonly maxEntryBytes: number;
  /** Inflated bytes per compressed byte read, per entry (TESSERA_ARCHIVE_MAX_RATIO, default 100)… */
  readonly maxRatio: number;
  /** …checked once an entry has inflated past this many bytes (TESSERA_ARCHIVE_RATIO_FLOOR_BYTES, 1 MiB). */
  readonly ratioFloorBytes: number;
  /** Entries of the central directory, directories included (TESSERA_ARCHIVE_MAX_ENTRIES, default 100,000). */
  readonly maxEntries: number;
}

const GiB = 1024 * 1024 * 1024;
const MiB = 1024 * 1024;

export const DEFAULT_ARCHIVE_LIMITS: ArchiveLimits = {
  maxArchiveBytes: 2 * GiB,
  maxInflatedBytes: 2 * GiB,
  maxEntryBytes: 50 * MiB,
  maxRatio: 100,
  ratioFloorBytes: MiB,
  maxEntries: 100_000,
};

function positive(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < 1) throw new Error(`${name}: invalid positive integer ${value}`);
  return n;
}

/** The archive caps from the environment; unset variables keep their defaults. */
export function archiveLimitsFromEnv(env: Readonly<Record<string, string | undefined>>): ArchiveLimits {
  const d = DEFAULT_ARCHIVE_LIMITS;
  return {
    maxArchiveBytes: positive('TESSERA_ARCHIVE_MAX_BYTES', env.TESSERA_ARCHIVE_MAX_BYTES, d.maxArchiveBytes),
    maxInflatedBytes: positive(
      'TESSERA_ARCHIVE_MAX_INFLATED_BYTES',
      env.TESSERA_ARCHIVE_MAX_INFLATED_BYTES,
      d.maxInflatedBytes,
    ),
    maxEntryBytes: positive(
      'TESSERA_ARCHIVE_MAX_ENTRY_BYTES',
      env.TESSERA_ARCHIVE_MAX_ENTRY_BYTES,
      d.maxEntryBytes,
    ),
    maxRatio: positive('TESSERA_ARCHIVE_MAX_RATIO', env.TESSERA_ARCHIVE_MAX_RATIO, d.maxRatio),
    ratioFloorBytes: positive(
      'TESSERA_ARCHIVE_RATIO_FLOOR_BYTES',
      env.TESSERA_ARCHIVE_RATIO_FLOOR_BYTES,
      d.ratioFloorBytes,
    ),
    maxEntries: positive('TESSERA_ARCHIVE_MAX_ENTRIES', env.TESSERA_ARCHIVE_MAX_ENTRIES, d.maxEntries),
  };
}
