import assert from 'node:assert/strict';
import { ContractCallError } from '../../src/client/contract-client';

/** Asserts that `promise` fails with a contract error of `code` (and, if given, a detail at `path`). */
export async function rejects(
  promise: Promise<unknown>,
  code: string,
  path?: string,
  rule?: string,
) {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(
      error instanceof ContractCallError,
      `expected a contract error, got ${String(error)}`,
    );
    assert.equal(error.code, code, error.message);
    if (path !== undefined) {
      const detail = error.failure.details.find((d) => d.path === path);
      assert.ok(detail, `no detail at ${path}: ${JSON.stringify(error.failure.details)}`);
      if (rule !== undefined) assert.equal(detail.rule, rule);
    }
    return true;
  });
}

/** The contract failure `promise` rejects with (it must reject with one). */
export async function failureOf(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof ContractCallError, String(error));
    return error.failure;
  }
  assert.fail('expected a contract error');
}
