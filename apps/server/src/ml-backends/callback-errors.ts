import { TesseraError } from '@tessera/core';
import { CALLBACK_TOLERANCE_SECONDS } from '@tessera/schema';

/**
 * The refusals of an inbound callback. 401s say nothing beyond their code: a wrong secret, a changed byte,
 * malformed headers and an unknown or deleted backend all read the same.
 */
export function invalidSignature(): TesseraError {
  return new TesseraError(
    'invalid_signature',
    401,
    'the callback does not carry a valid Standard Webhooks signature for this ML backend',
  );
}

export function timestampOutOfTolerance(): TesseraError {
  return new TesseraError(
    'timestamp_out_of_tolerance',
    401,
    `webhook-timestamp is more than ${CALLBACK_TOLERANCE_SECONDS} s away from the server's clock`,
  );
}

/**
 * A prediction names a task the backend may not write: unknown, or of another project or organization
 * (never told apart). `pointer` is the first such `task_id`; nothing of the callback is stored.
 */
export function unknownTask(pointers: readonly string[]): TesseraError {
  const [first] = pointers;
  const more = pointers.length > 1 ? ` (and ${pointers.length - 1} more)` : '';
  return new TesseraError(
    'unknown_task',
    422,
    `${first}: no such task in the ML backend's project${more}; nothing was stored`,
    { pointer: first, pointers: [...pointers.slice(0, 100)] },
  );
}
