/** Move up, move down and remove for one row of an ordered list (`<prefix>-up`, `-down`, `-remove`). */
export function RowTools(props: {
  readonly index: number;
  readonly count: number;
  /** What the row is, for screen readers: `class car`, `attribute kind`. */
  readonly noun: string;
  readonly testIdPrefix: (action: 'up' | 'down' | 'remove') => string;
  readonly removeLabel: string;
  readonly onMove: (to: number) => void;
  readonly onRemove: () => void;
}) {
  const { index, count, noun, testIdPrefix } = props;
  return (
    <span className="ont-row-tools">
      <button
        type="button"
        aria-label={`Move ${noun} up`}
        data-testid={testIdPrefix('up')}
        disabled={index === 0}
        onClick={() => props.onMove(index - 1)}
      >
        ↑
      </button>
      <button
        type="button"
        aria-label={`Move ${noun} down`}
        data-testid={testIdPrefix('down')}
        disabled={index === count - 1}
        onClick={() => props.onMove(index + 1)}
      >
        ↓
      </button>
      <button
        type="button"
        className="danger"
        aria-label={`Remove ${noun}`}
        data-testid={testIdPrefix('remove')}
        onClick={props.onRemove}
      >
        {props.removeLabel}
      </button>
    </span>
  );
}
