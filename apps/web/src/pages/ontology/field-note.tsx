import { type FieldMessage, messagesAt } from './field-messages';

/** The messages for one field, shown right under it; nothing when the field is fine. */
export function FieldNote(props: {
  readonly messages: readonly FieldMessage[];
  readonly at: string;
  readonly nested?: boolean;
}) {
  const found = messagesAt(props.messages, props.at, props.nested);
  if (found.length === 0) return null;
  return (
    <span className="ont-note error" data-testid="field-error" data-pointer={props.at}>
      {found.join('; ')}
    </span>
  );
}
