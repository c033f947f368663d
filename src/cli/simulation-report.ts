import type { SimulatorStats } from '../sim/pos-simulator';

/** One status line of a running simulation, rewritten in place on a terminal. */
export function progressLine(s: SimulatorStats): string {
  const refused = Object.values(s.refused).reduce((a, b) => a + b, 0);
  return [
    `${(s.elapsedMs / 1000).toFixed(1)}s`,
    `sent ${s.sent}`,
    `accepted ${s.accepted}`,
    `replayed ${s.replayed}`,
    `refused ${refused}`,
    `net-err ${s.networkErrors}`,
    `in-flight ${s.inFlight}`,
    `backlog ${s.backlog}`,
    `${s.acknowledgedPerSecond.toFixed(1)}/s`,
    `p50 ${ms(s.latencyMs.p50)} p99 ${ms(s.latencyMs.p99)}`,
  ].join('  ');
}

/** What the simulation was aimed at, for the summary's first line. */
export interface SimulationTarget {
  readonly url: string;
  readonly stores: number;
}

/** The end-of-run summary, one line per figure; the first error body of each refusal status. */
export function simulationSummary(s: SimulatorStats, target: SimulationTarget): string[] {
  const refused = Object.entries(s.refused).sort(([a], [b]) => a.localeCompare(b));
  const refusedTotal = refused.reduce((sum, [, n]) => sum + n, 0);
  const lines = [
    `simulated ${target.stores} stores at ${s.rate} tickets/s against ${target.url} for ${(s.elapsedMs / 1000).toFixed(1)} s`,
    `  sent            ${s.sent} (${s.returnsSent} returns)`,
    `  accepted        ${s.accepted} (201)`,
    `  replayed        ${s.replayed} (200)`,
    `  returns acked   ${s.returnsAccepted}`,
    `  refused         ${refusedTotal}${refused.length > 0 ? ` (${refused.map(([status, n]) => `${status} ×${n}`).join(', ')})` : ''}`,
  ];
  for (const [status] of refused) lines.push(`    first ${status}: ${s.firstErrors[status] ?? ''}`);
  lines.push(
    `  network errors  ${s.networkErrors}${s.firstNetworkError === undefined ? '' : ` (first: ${s.firstNetworkError})`}`,
  );
  lines.push(`  retries         ${s.retries} (503, 429)`);
  if (s.backlog > 0)
    lines.push(`  never sent      ${s.backlog} (due, still in the backlog at the end)`);
  lines.push(
    `  rate            ${s.sentPerSecond.toFixed(1)}/s sent, ${s.acknowledgedPerSecond.toFixed(1)}/s acknowledged (target ${s.rate}/s)`,
  );
  const l = s.latencyMs;
  lines.push(
    s.accepted + s.replayed === 0
      ? '  latency         none: nothing was acknowledged'
      : `  latency         p50 ${ms(l.p50)}  p95 ${ms(l.p95)}  p99 ${ms(l.p99)}  max ${ms(l.max)} (scheduled time to receipt)`,
  );
  return lines;
}

function ms(value: number): string {
  return value >= 1000
    ? `${(value / 1000).toFixed(2)} s`
    : `${value.toFixed(value < 10 ? 1 : 0)} ms`;
}
