import { useState } from 'react';

export interface ReviewActionHandlers {
  accept(comment: string): void;
  /** Opens or closes the final-label editor. */
  toggleEdit(): void;
  fix(comment: string): void;
  reject(comment: string): void;
}

/**
 * Accept, fix (edit the final label, then save) or reject with a comment. Shortcuts in the comment box:
 * Ctrl/⌘+Enter rejects (or saves the fix while editing).
 */
export function ReviewActions(props: {
  readonly busy: boolean;
  readonly editing: boolean;
  /** The item can be shown, so the final label can be edited. */
  readonly canEdit: boolean;
  /** The edited label differs from the final label and passes the page's checks. */
  readonly canFix: boolean;
  readonly handlers: ReviewActionHandlers;
}) {
  const [comment, setComment] = useState('');
  const { busy, editing, canEdit, canFix, handlers } = props;
  const trimmed = comment.trim();
  return (
    <div className="review-actions" data-testid="review-actions">
      <textarea
        data-testid="review-comment"
        aria-label="Review comment"
        placeholder="Comment (required to reject)"
        rows={2}
        value={comment}
        maxLength={10_000}
        onChange={(e) => setComment(e.target.value)}
        onKeyDown={(e) => {
          if (e.key !== 'Enter' || !(e.ctrlKey || e.metaKey) || busy) return;
          e.preventDefault();
          if (editing && canFix) handlers.fix(trimmed);
          else if (!editing && trimmed !== '') handlers.reject(trimmed);
        }}
      />
      <div className="row">
        {editing ? (
          <>
            <button
              type="button"
              className="primary"
              data-testid="review-fix"
              disabled={busy || !canFix}
              onClick={() => handlers.fix(trimmed)}
            >
              Save fix
            </button>
            <button type="button" data-testid="review-edit" disabled={busy} onClick={handlers.toggleEdit}>
              Cancel edit
            </button>
          </>
        ) : (
          <>
            <button
              type="button"
              className="primary"
              data-testid="review-accept"
              disabled={busy}
              onClick={() => handlers.accept(trimmed)}
              title="Accept the final label (A)"
            >
              Accept <kbd>A</kbd>
            </button>
            <button
              type="button"
              data-testid="review-edit"
              disabled={busy || !canEdit}
              onClick={handlers.toggleEdit}
              title="Edit the final label (E)"
            >
              Fix… <kbd>E</kbd>
            </button>
            <button
              type="button"
              className="danger"
              data-testid="review-reject"
              disabled={busy || trimmed === ''}
              onClick={() => handlers.reject(trimmed)}
              title="Send the task back to the annotators (needs a comment)"
            >
              Reject
            </button>
          </>
        )}
      </div>
    </div>
  );
}
