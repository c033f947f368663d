/**
 * The Fabric client side (gRPC, protobuf, the gateway: ~170 modules and
 * ~8 MB of heap), loaded on first use: only commands that talk to Fabric
 * need it, and a server on the embedded ledger never loads it.
 */

/** `src/ledger/fabric`: the Fabric ledger, its proofs and their checks. */
export function fabricLedger(): typeof import('../ledger/fabric') {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('../ledger/fabric') as typeof import('../ledger/fabric');
}

/** `src/fabric/network`: the local Fabric network of plain processes. */
export function fabricNetwork(): typeof import('../fabric/network') {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('../fabric/network') as typeof import('../fabric/network');
}

/** `eter verify --fabric-profile`. */
export function fabricVerify(): typeof import('./commands/verify-fabric') {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('./commands/verify-fabric') as typeof import('./commands/verify-fabric');
}
