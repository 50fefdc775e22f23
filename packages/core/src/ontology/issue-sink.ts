import type { FieldIssue } from '@tessera/schema';

/**
 * Most semantic issues one validation reports. Bounds the work and the response size for pathological
 * payloads (e.g. 20,000 polygons of 10,000 vertices each, all outside the image).
 */
export const MAX_SEMANTIC_ISSUES = 1000;

/** A bounded, append-only collector of issues, local to one validation call. */
export interface IssueSink {
  readonly issues: readonly FieldIssue[];
  /** True once the limit is reached; further `add` calls are ignored. */
  readonly full: boolean;
  add(path: string, code: string, message: string): void;
}

export function createIssueSink(limit = MAX_SEMANTIC_ISSUES): IssueSink {
  const issues: FieldIssue[] = [];
  return {
    issues,
    get full() {
      return issues.length >= limit;
    },
    add(path, code, message) {
      if (issues.length < limit) issues.push({ path, code, message });
    },
  };
}
