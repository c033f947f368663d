import { ReadModel } from '../readmodel';

/**
 * Waits until the server's projector has projected every block its ledger
 * has committed: the ledger height from `/readyz`, the checkpoint read from
 * the read model file (read-only, beside the server's own connection).
 * Phases start on a settled server so that one phase's projection backlog
 * is not measured as the next phase's latency.
 * @returns how long it took, in ms.
 * @throws after `timeoutMs`.
 */
export async function waitForProjector(
  url: string,
  readModelFile: string,
  timeoutMs = 600_000,
): Promise<number> {
  const started = performance.now();
  const readModel = ReadModel.open(readModelFile, { readonly: true });
  try {
    for (;;) {
      const response = await fetch(`${url}/readyz`);
      const { ledgerHeight } = (await response.json()) as { ledgerHeight: number };
      if (readModel.checkpoint() >= ledgerHeight - 1) return performance.now() - started;
      if (performance.now() - started > timeoutMs) {
        throw new Error(
          `the projector is at block ${readModel.checkpoint()} of ${ledgerHeight - 1} after ${timeoutMs} ms`,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  } finally {
    readModel.close();
  }
}
