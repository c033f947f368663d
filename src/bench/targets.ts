/**
 * The figures the issues set for the benchmarks, and what each asks of the
 * machine: a throughput target on a machine of n cores leaves at most n
 * seconds of CPU each second to share among its units, however the work is
 * spread over threads. A design whose measured CPU per unit is above that
 * budget cannot reach the target there; one below it may, if its threads
 * keep every core busy.
 */

/** A floor (`min`) or a ceiling (`max`) for one figure. */
export type Target = { readonly min: number } | { readonly max: number };

/** Whether `value` meets `target`. */
export function meets(value: number, target: Target): boolean {
  return 'min' in target ? value >= target.min : value <= target.max;
}

/** `[target ≥ 5000: NOT met]`, for a benchmark's human report; `unit` follows the bound. */
export function verdict(value: number, target: Target, unit = ''): string {
  const bound = ('min' in target ? `≥ ${target.min}` : `≤ ${target.max}`) + unit;
  return `[target ${bound}: ${meets(value, target) ? 'met' : 'NOT met'}]`;
}

/**
 * The CPU time, in µs, that one unit may take for `perSec` units a second
 * to fit on `cores` cores: `cores × 10⁶ / perSec`.
 * @throws {RangeError} unless both are positive.
 */
export function cpuBudgetMicros(perSec: number, cores: number): number {
  if (!(perSec > 0) || !(cores > 0)) {
    throw new RangeError(
      `a CPU budget needs a positive rate and core count, not ${perSec} / ${cores}`,
    );
  }
  return (cores * 1e6) / perSec;
}
