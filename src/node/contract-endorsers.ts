import type { EndorserPoolOptions } from '../ledger/embedded';

/** Endorsing threads that load Eter's contracts (the compiled `contract` module). */
export function contractEndorsers(threads: number): EndorserPoolOptions {
  return { module: require.resolve('../contract'), exportName: 'newContracts', threads };
}
