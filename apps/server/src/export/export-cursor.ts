import type { ExportKey } from '@tessera/db';
import { type CursorFilters, decodeKeyset, encodeKeyset } from '../http/cursor';

/**
 * The `cursor` of an exported line, accepted back as `after`: its sort key (completed_at, task id) and a hash
 * of the export's filters, so a cursor is never applied to another export's order.
 */
export interface ExportCursor {
  encode(key: ExportKey): string;
  decode(token: string): ExportKey;
}

const AFTER = { code: 'invalid_cursor', param: 'after' } as const;

export function exportCursor(filters: CursorFilters): ExportCursor {
  return {
    encode: (key) => encodeKeyset({ key: key.completedAt, id: key.id }, filters),
    decode(token) {
      const { key, id } = decodeKeyset(token, filters, AFTER);
      return { completedAt: key, id };
    },
  };
}
