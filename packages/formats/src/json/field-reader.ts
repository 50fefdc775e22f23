import type { IssueLog, Position } from '../issue';
import { isJsonArray, isJsonObject, type JsonObject, type JsonValue, jsonPointer } from './json-value';

/**
 * Reads the fields of one JSON record, logging one error issue (with the field's JSON Pointer and the
 * record's line) per bad field and returning undefined for it, so a converter reports every problem of a
 * record at once.
 */
export class FieldReader {
  errors = 0;
  constructor(
    readonly record: JsonObject,
    readonly path: readonly (string | number)[],
    readonly position: Position,
    readonly log: IssueLog,
  ) {}

  at(...sub: (string | number)[]): Position {
    return { ...this.position, path: jsonPointer([...this.path, ...sub]) };
  }

  fail(code: string, message: string, ...sub: (string | number)[]): undefined {
    this.errors++;
    this.log.error(code, message, this.at(...sub));
    return undefined;
  }

  has(key: string): boolean {
    return Object.hasOwn(this.record, key) && this.record[key] !== null;
  }

  /** An id: a non-negative integer (a 64-bit one stays exact) or a non-empty string, as a string. */
  id(key: string, required = true): string | undefined {
    const v = this.record[key];
    if (v === undefined || v === null)
      return required ? this.fail('missing_field', `${key} is required`, key) : undefined;
    if (typeof v === 'bigint')
      return v >= 0n ? v.toString() : this.fail('invalid_id', `${key} is negative`, key);
    if (typeof v === 'number' && Number.isInteger(v) && v >= 0) return String(v);
    if (typeof v === 'string' && v.length > 0 && v.length <= 256) return v;
    return this.fail('invalid_id', `${key} must be a non-negative integer or a string`, key);
  }

  string(key: string, required = true): string | undefined {
    const v = this.record[key];
    if (v === undefined || v === null)
      return required ? this.fail('missing_field', `${key} is required`, key) : undefined;
    if (typeof v === 'string') return v;
    return this.fail('invalid_field', `${key} must be a string`, key);
  }

  number(
    key: string,
    opts: { required?: boolean; min?: number; integer?: boolean; positive?: boolean } = {},
  ) {
    const v = this.record[key];
    if (v === undefined || v === null)
      return opts.required === false ? undefined : this.fail('missing_field', `${key} is required`, key);
    return this.checkNumber(v, opts, key);
  }

  checkNumber(
    v: JsonValue | undefined,
    opts: { min?: number; integer?: boolean; positive?: boolean },
    ...sub: (string | number)[]
  ): number | undefined {
    const name = String(sub[sub.length - 1]);
    if (typeof v !== 'number') return this.fail('invalid_number', `${name} must be a finite number`, ...sub);
    if (opts.integer && !Number.isInteger(v))
      return this.fail('invalid_number', `${name} must be an integer`, ...sub);
    if (opts.positive && !(v > 0)) return this.fail('invalid_number', `${name} must be positive`, ...sub);
    if (opts.min !== undefined && v < opts.min)
      return this.fail('invalid_number', `${name} must be ≥ ${opts.min}`, ...sub);
    return v;
  }

  /** An array of finite numbers, optionally of a fixed length or a multiple of `multipleOf`. */
  numbers(
    v: JsonValue | undefined,
    opts: { length?: number; multipleOf?: number; minLength?: number },
    ...sub: (string | number)[]
  ): number[] | undefined {
    const name = String(sub[sub.length - 1]);
    if (!isJsonArray(v)) return this.fail('invalid_field', `${name} must be an array of numbers`, ...sub);
    if (opts.length !== undefined && v.length !== opts.length)
      return this.fail('invalid_field', `${name} must have ${opts.length} numbers`, ...sub);
    if (opts.multipleOf !== undefined && v.length % opts.multipleOf !== 0)
      return this.fail('invalid_field', `${name} must have a multiple of ${opts.multipleOf} numbers`, ...sub);
    if (opts.minLength !== undefined && v.length < opts.minLength)
      return this.fail('invalid_field', `${name} must have at least ${opts.minLength} numbers`, ...sub);
    const out: number[] = [];
    for (let i = 0; i < v.length; i++) {
      const x = v[i];
      if (typeof x !== 'number')
        return this.fail('invalid_number', `${name}[${i}] must be a finite number`, ...sub, i);
      out.push(x);
    }
    return out;
  }
}

export { isJsonObject };
