/**
 * The arithmetic and the report of `bench:ledger --baseline REV`: each
 * figure's median on each side, the change in %, and whether it got worse by
 * more than the tolerance (10 %, issue 22 §4). Pure; `baseline-run.ts` runs
 * the benches.
 */
import { CliError } from '../cli/cli-error';
import { median, round } from './stats';

/** How much worse a gated figure may get: 10 %. */
export const TOLERANCE = 0.1;

/** A figure of a bench:ledger run (a key of its JSON, or of the stored-bytes probe). */
export interface FigureSpec {
  readonly key: string;
  readonly label: string;
  readonly unit: string;
  readonly better: 'lower' | 'higher';
  /** Whether the change must stay within the tolerance; the others are shown only. */
  readonly gated: boolean;
}

/** The figures compared, gated first. */
export const FIGURES: readonly FigureSpec[] = [
  { key: 'cpuMicrosPerTicket', label: 'CPU a ticket', unit: 'µs', better: 'lower', gated: true },
  {
    key: 'verifyCpuMicrosPerTx',
    label: 'verify CPU a transaction',
    unit: 'µs',
    better: 'lower',
    gated: true,
  },
  { key: 'storedBytes', label: 'stored a ticket', unit: 'B', better: 'lower', gated: true },
  { key: 'storedBytes.tx', label: '  of which tx', unit: 'B', better: 'lower', gated: false },
  { key: 'storedBytes.state', label: '  of which state', unit: 'B', better: 'lower', gated: false },
  {
    key: 'storedBytes.merkle_node',
    label: '  of which merkle_node',
    unit: 'B',
    better: 'lower',
    gated: false,
  },
  { key: 'storedBytes.block', label: '  of which block', unit: 'B', better: 'lower', gated: false },
  {
    key: 'storedBytes.tx.record',
    label: '  values: tx.record',
    unit: 'B',
    better: 'lower',
    gated: false,
  },
  {
    key: 'storedBytes.tx.opening',
    label: '  values: tx.opening',
    unit: 'B',
    better: 'lower',
    gated: false,
  },
  {
    key: 'storedBytes.state.value',
    label: '  values: state.value',
    unit: 'B',
    better: 'lower',
    gated: false,
  },
  { key: 'ticketsPerSec', label: 'tickets/s', unit: '/s', better: 'higher', gated: false },
  { key: 'verifyTxPerSec', label: 'verify', unit: 'tx/s', better: 'higher', gated: false },
];

/** One figure on both sides. */
export interface Comparison {
  readonly key: string;
  readonly label: string;
  readonly unit: string;
  readonly gated: boolean;
  readonly baseline: number;
  readonly current: number;
  /** (current − baseline) / baseline, in %; ±Infinity from a baseline of 0. */
  readonly changePct: number;
  /** How much worse, in % (negative: better), whichever way is better for this figure. */
  readonly worsePct: number;
  readonly withinTolerance: boolean;
}

/** Change in % from `baseline` to `current`. */
export function changePct(baseline: number, current: number): number {
  if (baseline === 0) return current === 0 ? 0 : Math.sign(current) * Infinity;
  return ((current - baseline) / Math.abs(baseline)) * 100;
}

/**
 * Compares the medians of each side's samples of a figure.
 * @throws {RangeError} when a side has no sample.
 */
export function compareFigure(
  spec: FigureSpec,
  baselineSamples: readonly number[],
  currentSamples: readonly number[],
  tolerance = TOLERANCE,
): Comparison {
  if (baselineSamples.length === 0 || currentSamples.length === 0) {
    throw new RangeError(`${spec.key}: a side has no sample`);
  }
  const baseline = median(baselineSamples);
  const current = median(currentSamples);
  const change = changePct(baseline, current);
  const worsePct = spec.better === 'lower' ? change : -change;
  return {
    key: spec.key,
    label: spec.label,
    unit: spec.unit,
    gated: spec.gated,
    baseline,
    current,
    changePct: change,
    worsePct,
    withinTolerance: worsePct <= tolerance * 100,
  };
}

/** Every figure of `specs` that both sides' runs have, compared. */
export function compareRuns(
  baselineRuns: readonly Readonly<Record<string, number>>[],
  currentRuns: readonly Readonly<Record<string, number>>[],
  specs: readonly FigureSpec[] = FIGURES,
): Comparison[] {
  const samples = (runs: typeof baselineRuns, key: string) =>
    runs.map((r) => r[key]).filter((v): v is number => typeof v === 'number' && !isNaN(v));
  return specs
    .filter(
      (s) => samples(baselineRuns, s.key).length > 0 && samples(currentRuns, s.key).length > 0,
    )
    .map((s) => compareFigure(s, samples(baselineRuns, s.key), samples(currentRuns, s.key)));
}

/** Whether every gated figure is within the tolerance. */
export function allWithin(comparisons: readonly Comparison[]): boolean {
  return comparisons.every((c) => !c.gated || c.withinTolerance);
}

/** A change in % with its sign; from a baseline of 0, `new` (or `gone` for a negative figure). */
export const signedPct = (pct: number): string =>
  Number.isFinite(pct)
    ? `${pct > 0 ? '+' : ''}${round(pct, 1).toFixed(1)} %`
    : pct > 0
      ? 'new'
      : 'gone';

/** The comparison as a table, one figure a line, and a verdict line. */
export function formatComparison(
  comparisons: readonly Comparison[],
  tolerance = TOLERANCE,
): string {
  const pct = Math.round(tolerance * 100);
  const rows = comparisons.map((c) => [
    `${c.label} (${c.unit})`,
    String(round(c.baseline, 1)),
    String(round(c.current, 1)),
    signedPct(c.changePct),
    c.gated
      ? c.withinTolerance
        ? `within ${pct} %`
        : `WORSE by more than ${pct} %`
      : '(shown only)',
  ]);
  const head = ['figure', 'baseline', 'current', 'change', `gate: ≤ ${pct} % worse`];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (r: readonly string[]) =>
    r.map((cell, i) => (i === 0 || i === 4 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!)));
  const worse = comparisons.filter((c) => c.gated && !c.withinTolerance).map((c) => c.label);
  return [
    ...[head, ...rows].map((r) => line(r).join('  ').trimEnd()),
    worse.length === 0
      ? `verdict: every gated figure within ${pct} %`
      : `verdict: worse by more than ${pct} %: ${worse.join(', ')}`,
  ].join('\n');
}

/** A revision: a commit id, branch, tag or `HEAD~2`; nothing git could read as an option. */
const REVISION = /^[A-Za-z0-9_][A-Za-z0-9._/~^@{}+-]*$/;

/**
 * Checks the form of a revision (git checks that it names a commit).
 * @throws {CliError} naming the flag.
 */
export function parseRevision(text: string, flag: string): string {
  if (!REVISION.test(text) || text.length > 200 || text.includes('..')) {
    throw new CliError(`${flag} takes a commit, branch or tag such as 5c3814a, not "${text}"`);
  }
  return text;
}

/** {@link parseRevision} as an option parser. */
export function revisionOption(flag: string): (text: string) => string {
  return (text) => parseRevision(text, flag);
}
