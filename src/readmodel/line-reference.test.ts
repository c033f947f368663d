import assert from 'node:assert/strict';
import { statSync } from 'node:fs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { LINE_REFERENCE_KEY_FILE, LineReferences } from './line-reference';

const refs = new LineReferences(Buffer.alloc(32, 7));

describe('line references', () => {
  it('resolve back to their line, and only this key’s do', () => {
    for (const place of [
      { seq: 1, lineNo: 1 },
      { seq: 123_456, lineNo: 500 },
      { seq: Number.MAX_SAFE_INTEGER, lineNo: 0 },
    ]) {
      const reference = refs.reference(place);
      assert.match(reference, /^[A-Za-z0-9_-]{22}$/);
      assert.deepEqual(refs.resolve(reference), place);
      assert.equal(new LineReferences(Buffer.alloc(32, 8)).resolve(reference), undefined);
    }
  });

  it('share no prefix between lines of one ticket', () => {
    const lines = [1, 2, 3, 4, 5].map((lineNo) => refs.reference({ seq: 42, lineNo }));
    for (const a of lines)
      for (const b of lines) if (a !== b) assert.notEqual(a.slice(0, 2), b.slice(0, 2));
  });

  it('refuse a changed character, a wrong length and non-canonical base64url', () => {
    const reference = refs.reference({ seq: 7, lineNo: 2 });
    for (let i = 0; i < reference.length; i++) {
      const changed = `${reference.slice(0, i)}${reference[i] === 'A' ? 'B' : 'A'}${reference.slice(i + 1)}`;
      assert.equal(refs.resolve(changed), undefined, `position ${i}`);
    }
    assert.equal(refs.resolve(reference.slice(1)), undefined);
    assert.equal(refs.resolve(`${reference}A`), undefined);
    assert.equal(refs.resolve(''), undefined);
  });

  it('keep their key in a file of mode 600, the same on every opening', () => {
    const dir = mkdtempSync(join(tmpdir(), 'eter-refs-'));
    try {
      const reference = LineReferences.open(dir).reference({ seq: 9, lineNo: 1 });
      assert.equal(statSync(join(dir, LINE_REFERENCE_KEY_FILE)).mode & 0o777, 0o600);
      assert.equal(LineReferences.open(dir).reference({ seq: 9, lineNo: 1 }), reference);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
