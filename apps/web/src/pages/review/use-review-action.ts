import type { AnnotationPayload } from '@tessera/schema';
import { useState } from 'react';
import { useApi } from '../../api/api-context';

export type ReviewBody = { action: 'accept' | 'reject' } | { action: 'fix'; annotations: AnnotationPayload };

/**
 * Sends one review decision for the task; on success the page moves on (`onDone`), on failure the error
 * stays on screen (shown with `describeError`) and the buttons come back.
 */
export function useReviewAction(taskId: string, onDone: (taskId: string) => void) {
  const { client } = useApi();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  async function act(body: ReviewBody, comment: string): Promise<void> {
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      await client.reviewTask({ task_id: taskId, ...body, ...(comment === '' ? {} : { comment }) });
      onDone(taskId);
    } catch (failure) {
      setError(failure);
      setBusy(false);
    }
  }
  return { busy, error, act };
}
