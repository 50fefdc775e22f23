import { TesseraApiError } from '@tessera/client';

/** One line a person can act on: the server's detail and the field it names, never a stack trace. */
export function describeError(error: unknown): string {
  if (error instanceof TesseraApiError) {
    const field = error.errors[0];
    const where = field ? ` (${field.pointer}: ${field.message})` : '';
    return `${error.detail || error.title}${where}`;
  }
  if (error instanceof Error) return error.message;
  return String(error);
}

export function ErrorText(props: { readonly error: unknown }) {
  if (props.error === null || props.error === undefined) return null;
  return (
    <p className="error" role="alert">
      {describeError(props.error)}
    </p>
  );
}
