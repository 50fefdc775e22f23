import { FormatError } from '../format-error';

/** What Tessera reads from an Ultralytics `data.yaml`: class names by 0-based id, and the split paths. */
export interface YoloDataYaml {
  readonly names: readonly string[];
  /** `path`, `train`, `val`, `test` (and other top-level scalars), as written. */
  readonly fields: Readonly<Record<string, string>>;
  readonly kptShape?: readonly number[];
}

const MAX_YAML_CHARS = 1024 * 1024;

function unquote(v: string, line: number): string {
  const t = v.trim();
  if (t.length >= 2 && ((t.startsWith("'") && t.endsWith("'")) || (t.startsWith('"') && t.endsWith('"')))) {
    const inner = t.slice(1, -1);
    return t.startsWith("'") ? inner.replace(/''/g, "'") : inner.replace(/\\"/g, '"').replace(/\\\\/g, '\\');
  }
  if (/^[&*!|>%@`]/.test(t))
    throw new FormatError('format_invalid', `data.yaml: unsupported YAML (${t[0]})`, { line });
  return t;
}

function stripComment(s: string): string {
  let quote = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (quote !== '') {
      if (c === quote) quote = '';
    } else if (c === "'" || c === '"') quote = c;
    else if (c === '#' && (i === 0 || /\s/.test(s[i - 1]!))) return s.slice(0, i);
  }
  return s;
}

function splitFlow(body: string, line: number): string[] {
  const out: string[] = [];
  let cur = '';
  let quote = '';
  for (const c of body) {
    if (quote !== '') {
      if (c === quote) quote = '';
      cur += c;
    } else if (c === "'" || c === '"') {
      quote = c;
      cur += c;
    } else if (c === ',') {
      out.push(cur);
      cur = '';
    } else if (c === '[' || c === '{')
      throw new FormatError('format_invalid', 'data.yaml: nested flow collections', { line });
    else cur += c;
  }
  if (cur.trim() !== '') out.push(cur);
  return out.map((x) => x.trim());
}

function namesFromPairs(pairs: [string, string][], line: number): string[] {
  const names: string[] = [];
  for (const [k, v] of pairs) {
    const id = Number(k);
    if (!Number.isInteger(id) || id < 0 || id > 100_000 || names[id] !== undefined)
      throw new FormatError(
        'format_invalid',
        `data.yaml: names key ${JSON.stringify(k.slice(0, 20))} is not a new 0-based id`,
        { line },
      );
    names[id] = v;
  }
  for (let i = 0; i < names.length; i++)
    if (names[i] === undefined)
      throw new FormatError('format_invalid', `data.yaml: class ${i} has no name`, { line });
  return names;
}

function pair(s: string, line: number, raw = false): [string, string] {
  const m = /^([^:]+):(?:\s+(.*))?$/.exec(s.trim());
  if (m === null) throw new FormatError('format_invalid', 'data.yaml: expected "key: value"', { line });
  const value = (m[2] ?? '').trim();
  return [unquote(m[1]!, line), raw ? value : unquote(value, line)];
}

/**
 * Reads the subset of YAML that Ultralytics dataset files use: top-level `key: value` scalars, and `names` as
 * a block map (`0: person`), a block list (`- person`), or a flow list/map. Other nested blocks are skipped;
 * anchors, tags and multi-line scalars are refused (FormatError), so no YAML feature can expand.
 */
export function parseDataYaml(text: string): YoloDataYaml {
  if (text.length > MAX_YAML_CHARS) throw new FormatError('format_limit', 'data.yaml is larger than 1 MiB');
  const lines = text.split(/\r?\n/);
  const fields: Record<string, string> = {};
  let names: string[] | undefined;
  let kptShape: number[] | undefined;
  for (let i = 0; i < lines.length; i++) {
    const raw = stripComment(lines[i]!);
    if (raw.trim() === '' || raw.trim() === '---') continue;
    if (/^\s/.test(raw)) continue; // inside a block we do not read
    const [key, value] = pair(raw, i + 1, true);
    if (key === 'names' || key === 'kpt_shape') {
      if (/^[&*!|>%@`]/.test(value))
        throw new FormatError('format_invalid', `data.yaml: unsupported YAML in ${key}`, { line: i + 1 });
      let entries: string[] = [];
      let pairs: [string, string][] = [];
      if (value.startsWith('[') && value.endsWith(']'))
        entries = splitFlow(value.slice(1, -1), i + 1).map((x) => unquote(x, i + 1));
      else if (value.startsWith('{') && value.endsWith('}'))
        pairs = splitFlow(value.slice(1, -1), i + 1).map((x) => pair(x, i + 1));
      else if (value === '') {
        while (
          i + 1 < lines.length &&
          (/^\s/.test(lines[i + 1]!) || stripComment(lines[i + 1]!).trim() === '')
        ) {
          i++;
          const item = stripComment(lines[i]!).trim();
          if (item === '') continue;
          if (item.startsWith('- ')) entries.push(unquote(item.slice(2), i + 1));
          else pairs.push(pair(item, i + 1));
        }
      } else
        throw new FormatError('format_invalid', `data.yaml: ${key} must be a list or a map`, { line: i + 1 });
      if (entries.length > 0 && pairs.length > 0)
        throw new FormatError('format_invalid', `data.yaml: ${key} mixes list and map`, { line: i + 1 });
      if (key === 'names') names = pairs.length > 0 ? namesFromPairs(pairs, i + 1) : entries;
      else {
        kptShape = entries.map(Number);
        if (kptShape.some((n) => !Number.isInteger(n) || n < 0))
          throw new FormatError('format_invalid', 'data.yaml: kpt_shape must be integers', { line: i + 1 });
      }
    } else if (/^[[{&*!|>%@`]/.test(value))
      continue; // a value we do not keep (nested, block or YAML feature)
    else fields[key] = unquote(value, i + 1);
  }
  if (names === undefined) throw new FormatError('format_invalid', 'data.yaml has no names');
  return { names, fields, ...(kptShape === undefined ? {} : { kptShape }) };
}

function quoteIfNeeded(s: string): string {
  return /^[\w./ -]*$/.test(s) &&
    s.trim() === s &&
    s !== '' &&
    !/^(true|false|null|yes|no|on|off|~|-?\d)/i.test(s)
    ? s
    : `'${s.replace(/'/g, "''")}'`;
}

/** Writes a `data.yaml`: the given fields in order, then `names` as a 0-based block map. */
export function writeDataYaml(data: YoloDataYaml): string {
  const out: string[] = [];
  for (const [k, v] of Object.entries(data.fields)) out.push(`${k}: ${quoteIfNeeded(v)}`);
  if (data.kptShape !== undefined) out.push(`kpt_shape: [${data.kptShape.join(', ')}]`);
  out.push('names:');
  data.names.forEach((n, i) => {
    out.push(`  ${i}: ${quoteIfNeeded(n)}`);
  });
  return `${out.join('\n')}\n`;
}
