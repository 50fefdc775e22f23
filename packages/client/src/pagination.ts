import type { ResponseOf } from '@tessera/schema';

/** The element type of a list route's `docs`. */
export type DocOf<R> = ResponseOf<R> extends { readonly docs: readonly (infer D)[] } ? D : never;

/** The list envelope: `{docs, next_token}` (routes without a cursor simply have one page). */
export interface PageLike<D> {
  readonly docs: readonly D[];
  readonly next_token?: string | null;
}

/**
 * Yields every document of a cursor-paginated list, fetching the next page only when the previous one has
 * been consumed (so a consumer that stops early stops the requests too).
 */
export async function* paginate<D>(
  fetchPage: (nextToken: string | undefined) => Promise<PageLike<D>>,
  firstToken?: string,
): AsyncGenerator<D, void, undefined> {
  let token = firstToken;
  for (;;) {
    const page = await fetchPage(token);
    yield* page.docs;
    const next = page.next_token ?? null;
    if (next === null || next === '') return;
    if (next === token)
      throw new Error('pagination did not advance: the server returned the same next_token');
    token = next;
  }
}
