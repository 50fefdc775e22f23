/**
 * Where something was found: a file name (multi-file formats), a JSON Pointer (`/annotations/17/bbox`) or an
 * XML path (`/annotations/image[3]/box[1]`), and the 1-based line and column (UTF-16 units) where known.
 */
export interface Position {
  readonly file?: string;
  readonly path?: string;
  readonly line?: number;
  readonly column?: number;
  readonly offset?: number;
}

/**
 * One finding of an import or export. `error`: the record (or the document) could not be taken as it is;
 * `warning`: taken, but something was lost or changed (clipped, rounded, dropped, remapped), said here.
 */
export interface Issue {
  readonly severity: 'error' | 'warning';
  readonly code: string;
  readonly message: string;
  readonly position?: Position;
}

export function errorIssue(code: string, message: string, position?: Position): Issue {
  return position === undefined
    ? { severity: 'error', code, message }
    : { severity: 'error', code, message, position };
}

export function warningIssue(code: string, message: string, position?: Position): Issue {
  return position === undefined
    ? { severity: 'warning', code, message }
    : { severity: 'warning', code, message, position };
}

/** Collects issues while a converter runs (a per-call value, never shared). */
export interface IssueLog {
  readonly issues: Issue[];
  error(code: string, message: string, position?: Position): void;
  warn(code: string, message: string, position?: Position): void;
  hasErrors(): boolean;
}

export function createIssueLog(): IssueLog {
  const issues: Issue[] = [];
  let errors = 0;
  return {
    issues,
    error(code, message, position) {
      errors += 1;
      issues.push(errorIssue(code, message, position));
    },
    warn(code, message, position) {
      issues.push(warningIssue(code, message, position));
    },
    hasErrors: () => errors > 0,
  };
}
