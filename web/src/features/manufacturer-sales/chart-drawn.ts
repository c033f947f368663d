/** The mark a benchmark reads: the first chart of the dashboard drawn with data. */
export const CHART_DRAWN_MARK = 'eter:dashboard-chart-drawn';

let marked = false;

/** Marks the first draw with data, once per page load, whichever chart it is. */
export function markChartDrawn(points: number): void {
  if (marked || points === 0) return;
  marked = true;
  performance.mark(CHART_DRAWN_MARK);
}
