import type { IssueLog } from './issue';

const DECIMAL = /^(0|[1-9][0-9]{0,19})$/;

/**
 * Integer ids for a format that needs them (COCO): the IR ids when all are decimal integers, else 1..N in
 * order, with one warning naming the remap. The values are numbers, or bigint beyond 2⁵³ (written exactly).
 */
export function integerIds(
  ids: readonly string[],
  what: string,
  log: IssueLog,
): Map<string, number | bigint> {
  const out = new Map<string, number | bigint>();
  const keep = ids.every((id) => DECIMAL.test(id)) && new Set(ids).size === ids.length;
  if (keep) {
    for (const id of ids) {
      const n = Number(id);
      out.set(id, Number.isSafeInteger(n) ? n : BigInt(id));
    }
    return out;
  }
  ids.forEach((id, i) => {
    if (!out.has(id)) out.set(id, out.size + 1);
    else if (i >= 0) log.warn('duplicate_id', `${what} id ${id} appears twice: the later one is merged`);
  });
  log.warn('ids_assigned', `${what} ids are not all distinct integers: numbered 1..${out.size} in order`);
  return out;
}
