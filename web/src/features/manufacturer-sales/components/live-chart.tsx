import { useCallback, useEffect, useMemo, useRef } from 'react';
import type uPlot from 'uplot';
import { useI18n } from '../../../lib/i18n/i18n';
import type { LiveSales } from '../api/live-sales';
import { SERIES_COLOURS } from '../figures';
import { fromZero, UPlotChart, type ChartOptions } from './uplot-chart';

const EMPTY: uPlot.AlignedData = [[], []];
/** The chart shows at least the last five minutes, ending at the newest sale. */
const WINDOW_S = 300;

/** The ring buffer's points, in a window sliding with the newest (one redraw: a batch). */
function show(chart: uPlot, live: LiveSales): void {
  const [xs, ys] = live.points.view();
  const end = xs.length > 0 ? xs[xs.length - 1]! : Date.now() / 1000;
  const start = Math.min(xs[0] ?? end, end - WINDOW_S);
  // For tests and tools, on the DOM directly: React does not render per event.
  chart.root.parentElement?.setAttribute('data-points', String(xs.length));
  chart.batch(() => {
    chart.setData([xs, ys]);
    chart.setScale('x', { min: start, max: end + 5 });
  });
}

/**
 * Each sale as it arrives (net amount of the manufacturer's lines of one
 * ticket, by arrival time). Events only mark the chart dirty;
 * one `setData` (and x window) per animation frame draws whatever arrived
 * since, from the ring buffer (10,000 points at most). React renders this once.
 */
export function LiveChart({ live, label }: { live: LiveSales; label: string }) {
  const chart = useRef<uPlot | null>(null);
  const frame = useRef<number | undefined>(undefined);
  const onChart = useCallback(
    (instance: uPlot | null) => {
      chart.current = instance;
      if (instance) show(instance, live);
    },
    [live],
  );

  useEffect(() => {
    const draw = () => {
      frame.current = undefined;
      if (chart.current) show(chart.current, live);
    };
    const unsubscribe = live.subscribe(() => {
      frame.current ??= requestAnimationFrame(draw);
    });
    return () => {
      unsubscribe();
      if (frame.current !== undefined) cancelAnimationFrame(frame.current);
    };
  }, [live]);

  const { locale } = useI18n();
  const time = useMemo(
    () =>
      new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', second: '2-digit' }),
    [locale],
  );
  const options = useMemo<ChartOptions>(
    () => ({
      scales: {
        // Not auto: uPlot would stretch one point's x to days; `show` sets the window.
        x: { time: true, auto: false },
        y: { range: fromZero },
      },
      series: [
        {},
        // uPlot draws the points only while they are far apart: 10,000 stay a line.
        {
          label,
          stroke: SERIES_COLOURS[0],
          width: 1.5,
          points: { size: 7, fill: SERIES_COLOURS[0] },
        },
      ],
      axes: [
        {
          // The reader's clock (uPlot's own labels are American English).
          space: 90,
          values: (_u: uPlot, splits: number[]) =>
            splits.map((s) => time.format(new Date(s * 1000))),
        },
        { size: 70 },
      ],
    }),
    [label, time],
  );
  return <UPlotChart label={label} options={options} data={EMPTY} onChart={onChart} />;
}
