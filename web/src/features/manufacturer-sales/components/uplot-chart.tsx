import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { markChartDrawn } from '../chart-drawn';

export type ChartOptions = Omit<uPlot.Options, 'width' | 'height'>;

const HEIGHT = 220;

/** Bars, for counts per period or per product (one builder serves every series). */
export const barPaths = uPlot.paths.bars?.({ size: [0.6, 64] });

/** A y scale that always shows zero: bars of net sales start at it (returns go below). */
export const fromZero: uPlot.Scale.Range = (_u, min, max) => [
  Math.min(0, min ?? 0),
  Math.max(0, max ?? 0) * 1.1 || 1,
];

/**
 * An x axis of categories (periods, products) at 0…n−1, labelled by
 * `labels`; at most about a dozen labels, so that they never overlap.
 */
export function categoryAxes(labels: readonly string[]): Pick<ChartOptions, 'scales' | 'axes'> {
  const every = Math.max(1, Math.ceil(labels.length / 12));
  return {
    scales: {
      x: { time: false, range: [-0.5, Math.max(labels.length, 1) - 0.5] },
      y: { range: fromZero },
    },
    axes: [
      {
        splits: () => labels.map((_, i) => i).filter((i) => i % every === 0),
        values: (_u: uPlot, splits: number[]) => splits.map((i) => labels[i] ?? ''),
      },
      { size: 70 },
    ],
  };
}

/**
 * A uPlot chart (canvas) sized to its container. Made again when `options`
 * change (memoize them); `setData` when only `data` changes. The canvas is
 * an image to assistive technology, labelled by `label`: the table behind
 * each chart carries its figures. `onChart` hands the instance to a caller
 * that feeds it itself (the live chart).
 */
export function UPlotChart({
  label,
  options,
  data,
  onChart,
}: {
  label: string;
  options: ChartOptions;
  data: uPlot.AlignedData;
  onChart?: (chart: uPlot | null) => void;
}) {
  const container = useRef<HTMLDivElement>(null);
  const chart = useRef<uPlot | null>(null);
  const latest = useRef(data);
  latest.current = data;

  useEffect(() => {
    const element = container.current;
    if (!element) return;
    const drawn = (u: uPlot) => markChartDrawn(u.data[0]?.length ?? 0);
    const instance = new uPlot(
      {
        ...options,
        width: element.clientWidth || 600,
        height: HEIGHT,
        legend: { show: false },
        hooks: { ...options.hooks, draw: [...(options.hooks?.draw ?? []), drawn] },
      },
      latest.current,
      element,
    );
    chart.current = instance;
    onChart?.(instance);
    const resize = new ResizeObserver(() =>
      instance.setSize({ width: element.clientWidth || 600, height: HEIGHT }),
    );
    resize.observe(element);
    return () => {
      resize.disconnect();
      onChart?.(null);
      chart.current = null;
      instance.destroy();
    };
  }, [options, onChart]);

  useEffect(() => {
    chart.current?.setData(data);
  }, [data]);

  return <div ref={container} className="chart" role="img" aria-label={label} />;
}
