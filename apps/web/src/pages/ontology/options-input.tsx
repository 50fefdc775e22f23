import { useState } from 'react';

/** Comma separated options: `a, b , c` → `['a', 'b', 'c']` (empty entries dropped). */
export function parseOptions(text: string): string[] {
  return text
    .split(',')
    .map((o) => o.trim())
    .filter((o) => o !== '');
}

const sameList = (a: readonly string[], b: readonly string[]): boolean =>
  a.length === b.length && a.every((x, i) => x === b[i]);

/**
 * An enum's options as one comma separated text field. The text typed stays as typed (a trailing comma, a
 * space) while it means the same options; a change from elsewhere (load, undo) replaces it.
 */
export function OptionsInput(props: {
  readonly options: readonly string[];
  readonly onChange: (options: readonly string[]) => void;
  readonly testId: string;
  readonly invalid: boolean;
}) {
  const { options, onChange } = props;
  const [text, setText] = useState(options.join(', '));
  const [seen, setSeen] = useState(options);
  if (seen !== options) {
    setSeen(options);
    if (!sameList(parseOptions(text), options)) setText(options.join(', '));
  }
  return (
    <input
      className="ont-options"
      data-testid={props.testId}
      aria-label="Options, comma separated"
      aria-invalid={props.invalid}
      placeholder="red, green, blue"
      value={text}
      onChange={(e) => {
        setText(e.target.value);
        const next = parseOptions(e.target.value);
        if (!sameList(next, options)) onChange(next);
      }}
    />
  );
}
