import { useEffect, useRef } from 'react';

/**
 * A keyboard layer on the window while mounted: `actionOf` maps a key to an action (or null), and the handler of
 * that action runs with the key taken (`preventDefault`). A key another handler already took is left alone;
 * the newest `actionOf` and handlers are used without re-subscribing.
 */
export function useWindowKeys<A extends string>(
  actionOf: (event: KeyboardEvent) => A | null,
  handlers: Readonly<Record<A, () => void>>,
): void {
  const current = useRef({ actionOf, handlers });
  current.current = { actionOf, handlers };
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented) return;
      const action = current.current.actionOf(event);
      if (action === null) return;
      event.preventDefault();
      current.current.handlers[action]();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
