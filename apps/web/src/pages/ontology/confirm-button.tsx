import { type ReactNode, useState } from 'react';

/**
 * A button that asks before it acts: the first press shows what will happen and a confirm/cancel pair
 * (`<testId>-confirm`, `<testId>-cancel`), in the page rather than a blocking dialog.
 */
export function ConfirmButton(props: {
  readonly testId: string;
  readonly label: string;
  readonly question: ReactNode;
  readonly confirmLabel: string;
  readonly disabled?: boolean;
  readonly busy?: boolean;
  readonly onConfirm: () => void;
}) {
  const [asking, setAsking] = useState(false);
  if (!asking) {
    return (
      <button
        type="button"
        data-testid={props.testId}
        disabled={props.disabled || props.busy}
        onClick={() => setAsking(true)}
      >
        {props.busy ? 'Working…' : props.label}
      </button>
    );
  }
  return (
    <span className="ont-confirm" role="alertdialog" aria-label={props.label}>
      <span>{props.question}</span>
      <button
        type="button"
        className="primary"
        data-testid={`${props.testId}-confirm`}
        // biome-ignore lint/a11y/noAutofocus: the confirmation was just asked for; Enter confirms, Esc via cancel
        autoFocus
        onClick={() => {
          setAsking(false);
          props.onConfirm();
        }}
      >
        {props.confirmLabel}
      </button>
      <button type="button" data-testid={`${props.testId}-cancel`} onClick={() => setAsking(false)}>
        Cancel
      </button>
    </span>
  );
}
