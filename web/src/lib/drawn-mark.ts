import { useEffect } from 'react';

/**
 * Marks, once a page load, the moment a view's first meaningful content
 * is on screen, as a `performance.mark` named `name` (`npm run bench:web`
 * reads these: time from navigation start to the mark). The mark is set
 * after the browser paints the committed content, not when React commits it.
 */
export function useDrawnMark(name: string, drawn: boolean): void {
  useEffect(() => {
    if (!drawn || performance.getEntriesByName(name, 'mark').length > 0) return;
    requestAnimationFrame(() => setTimeout(() => performance.mark(name), 0));
  }, [name, drawn]);
}
