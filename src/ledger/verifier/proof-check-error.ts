/**
 * The error every check of an Eter proof document throws: {@link ProofCheckError}, with the stage
 * that failed as its code.
 */
/** Why an offline proof check failed. */
export type ProofCheckCode =
  | 'malformed'
  | 'signature'
  | 'record-mismatch'
  | 'payload-mismatch'
  | 'not-included'
  | 'not-consistent';

/** A proof bundle that does not hold, with the stage that failed. */
export class ProofCheckError extends Error {
  constructor(
    readonly code: ProofCheckCode,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'ProofCheckError';
  }
}
