/** Test-only assertions. */
import assert from 'node:assert/strict';
import { ProofError, type ProofErrorCode } from '../errors';

/**
 * Asserts that `fn` throws a ProofError (with `code`, when given) and returns it; `context` names
 * the case in failure messages.
 */
export function expectProofError(
  fn: () => unknown,
  code?: ProofErrorCode,
  context = '',
): ProofError {
  try {
    fn();
  } catch (err) {
    assert.ok(err instanceof ProofError, `${context}: expected a ProofError, got ${String(err)}`);
    if (code !== undefined) assert.equal(err.code, code, `${context}: ${err.message}`);
    assert.equal(err.code, err.detail.code);
    return err;
  }
  assert.fail(`${context}: expected a ProofError ${code ?? ''}, nothing was thrown`);
}
