import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CliError } from './cli-error';
import { parseDuration, parseShare, parseStoreKeys, parseWhole } from './cli-options';

describe('CLI option parsing', () => {
  it('reads durations in ms, s, m and h, a bare number as seconds', () => {
    assert.equal(parseDuration('250ms', '--duration'), 250);
    assert.equal(parseDuration('30s', '--duration'), 30_000);
    assert.equal(parseDuration('5m', '--duration'), 300_000);
    assert.equal(parseDuration('1.5h', '--duration'), 5_400_000);
    assert.equal(parseDuration('90', '--duration'), 90_000);
    for (const bad of ['', '0s', '5 min', '-1s', '1d', 'm']) {
      assert.throws(() => parseDuration(bad, '--duration'), CliError, bad);
    }
  });

  it('reads shares as fractions or percentages', () => {
    assert.equal(parseShare('0.02', '--returns'), 0.02);
    assert.equal(parseShare('2%', '--returns'), 0.02);
    assert.equal(parseShare('0', '--returns'), 0);
    assert.throws(() => parseShare('150%', '--returns'), CliError);
  });

  it('reads whole numbers with a floor', () => {
    assert.equal(parseWhole('12', '--stores'), 12);
    assert.equal(parseWhole('0', '--seed', 0), 0);
    for (const bad of ['0', '1.5', 'x', '-3'])
      assert.throws(() => parseWhole(bad, '--n'), CliError);
  });

  it('reads STORE=KEY pairs, refusing a store given twice', () => {
    const keys = parseStoreKeys(['store-001=eter_a_b=c', 'store-002=k2'], '--key');
    assert.equal(keys.get('store-001'), 'eter_a_b=c');
    assert.equal(keys.get('store-002'), 'k2');
    assert.throws(() => parseStoreKeys(['store-001'], '--key'), CliError);
    assert.throws(() => parseStoreKeys(['=k'], '--key'), CliError);
    assert.throws(() => parseStoreKeys(['s=a', 's=b'], '--key'), /given twice/);
  });
});
