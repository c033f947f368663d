/**
 * From bytes to verdicts: the depth scan (strings and escapes included),
 * JSON errors, a batch's shape, and the batch's error budget.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkBatchBody, checkTicketBody, MAX_BATCH_ERRORS, tooDeepAt } from './ticket-body';

const bytes = (text: string) => Buffer.from(text);

describe('tooDeepAt', () => {
  it('finds the first bracket past the depth, outside strings', () => {
    assert.equal(tooDeepAt(bytes('[[[]]]'), 3), -1);
    assert.equal(tooDeepAt(bytes('[[[[]]]]'), 3), 3);
    assert.equal(tooDeepAt(bytes('{"a":{"b":[1]}}'), 2), 10);
  });

  it('ignores brackets in strings, escaped quotes included', () => {
    assert.equal(tooDeepAt(bytes('["[[[[", "\\"[[[[", "\\\\"]'), 1), -1);
    assert.equal(tooDeepAt(bytes('["\\\\", [[]]]'), 2), 8);
  });
});

describe('checkTicketBody and checkBatchBody', () => {
  it('refuses what is not JSON, an empty body and a body nested too deep with 400', () => {
    for (const [text, rule] of [
      ['{"a":', 'json'],
      ['  ', 'json'],
      [`${'['.repeat(40)}${']'.repeat(40)}`, 'maxDepth'],
    ]) {
      const verdict = checkTicketBody(bytes(text!));
      assert.ok(!verdict.ok);
      assert.equal(verdict.problem.status, 400);
      assert.equal(verdict.problem.errors?.[0]?.rule, rule);
    }
  });

  it('reads UTF-8 after a byte order mark', () => {
    const verdict = checkTicketBody(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), bytes('{}')]));
    assert.ok(verdict.ok && !verdict.value.ok);
  });

  it('refuses a batch that is not {"tickets": [1 to 1000]} with 400', () => {
    const cases: Array<[string, string, string]> = [
      ['{}', '/tickets', 'required'],
      ['{"tickets":[]}', '/tickets', 'minItems'],
      ['[]', '', 'type'],
      ['null', '', 'type'],
      ['{"tickets":{}}', '/tickets', 'type'],
      ['{"tickets":[{}],"store":"x"}', '/store', 'additionalProperties'],
    ];
    for (const [text, path, rule] of cases) {
      const verdict = checkBatchBody(bytes(text));
      assert.ok(!verdict.ok, text);
      assert.deepEqual(
        { path: verdict.problem.errors?.[0]?.path, rule: verdict.problem.errors?.[0]?.rule },
        { path, rule },
        text,
      );
    }
    const many = `{"tickets":[${Array.from({ length: 1001 }, () => '{}').join(',')}]}`;
    assert.ok(!checkBatchBody(bytes(many)).ok);
  });

  it('spends the batch error budget, then gives each invalid ticket one error', () => {
    const ticket = `{"lines":[${Array.from({ length: 500 }, () => '{}').join(',')}]}`;
    const verdict = checkBatchBody(bytes(`{"tickets":[${Array(1000).fill(ticket).join(',')}]}`));
    assert.ok(verdict.ok);
    const counts = verdict.value.map((v) => (v.ok ? 0 : v.errors.length));
    assert.deepEqual(counts.slice(0, 10), Array(10).fill(100));
    assert.ok(counts.slice(10).every((n) => n === 1));
    assert.equal(
      counts.slice(0, 10).reduce((a, b) => a + b),
      MAX_BATCH_ERRORS,
    );
    assert.ok(verdict.value.every((v) => !v.ok && v.truncated));
  });
});
