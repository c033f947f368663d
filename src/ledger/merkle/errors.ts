/**
 * Typed failures of the Merkle log primitives. Callers branch on `code` (a stable string) and read
 * the fields; the message is for humans only.
 */

// Proof failures are the verifier's, re-exported so that the builders and verifiers throw one type.
export { PROOF_ERROR_CODES, ProofError } from '../verifier';
export type { ProofErrorCode, ProofErrorDetail } from '../verifier';

/** Why a node store could not serve or accept a node. */
export type NodeStoreErrorCode = 'node-missing' | 'node-conflict';

/**
 * A node store does not hold a node it was asked for (`node-missing`), or a writer was
 * asked to replace a stored node with a different hash (`node-conflict`).
 */
export class NodeStoreError extends Error {
  /** Stable code. */
  readonly code: NodeStoreErrorCode;
  /** Level of the node (0 = leaf hashes). */
  readonly level: number;
  /** Index of the node within its level. */
  readonly index: number;

  /**
   * @param code - what went wrong.
   * @param level - level of the node.
   * @param index - index of the node within its level.
   */
  constructor(code: NodeStoreErrorCode, level: number, index: number) {
    super(
      code === 'node-missing'
        ? `node ${level}/${index} is not stored`
        : `node ${level}/${index} is already stored with a different hash`,
    );
    this.name = 'NodeStoreError';
    this.code = code;
    this.level = level;
    this.index = index;
  }
}
