/** The mark `npm run bench:web` reads: the dashboard's first chart on screen with data. */
export const CHART_DRAWN_MARK = 'eter:dashboard-chart-drawn';

let marked = false;

/**
 * Marks the first draw with data, once per page load, whichever chart it
 * is. uPlot's `draw` hook runs when the canvas is drawn; the mark waits for
 * the browser to paint it (the next frame, then a task), as the app's other
 * drawn marks do.
 */
export function markChartDrawn(points: number): void {
  if (marked || points === 0) return;
  marked = true;
  requestAnimationFrame(() => setTimeout(() => performance.mark(CHART_DRAWN_MARK), 0));
}
