import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CliError } from '../cli/cli-error';
import {
  allWithin,
  changePct,
  compareFigure,
  compareRuns,
  formatComparison,
  parseRevision,
  signedPct,
  type FigureSpec,
} from './baseline-compare';
import { medianStored, storedPerTicket, type StoreSnapshot } from './stored-bytes';
import { median } from './stats';

const cpu: FigureSpec = { key: 'cpu', label: 'CPU', unit: 'µs', better: 'lower', gated: true };
const rate: FigureSpec = { key: 'rate', label: 'rate', unit: '/s', better: 'higher', gated: true };

describe('bench:ledger --baseline: the comparison', () => {
  it('compares medians, not means', () => {
    const c = compareFigure(cpu, [100, 300, 101], [110, 1, 109]);
    assert.equal(c.baseline, 101);
    assert.equal(c.current, 109);
    assert.equal(round1(c.changePct), 7.9);
    assert.equal(c.withinTolerance, true);
  });

  it('gates at 10 % worse, whichever way is better', () => {
    assert.equal(compareFigure(cpu, [100], [110]).withinTolerance, true);
    assert.equal(compareFigure(cpu, [100], [110.01]).withinTolerance, false);
    assert.equal(compareFigure(cpu, [100], [50]).withinTolerance, true);
    assert.equal(compareFigure(rate, [100], [90]).withinTolerance, true);
    assert.equal(compareFigure(rate, [100], [89.9]).withinTolerance, false);
    assert.equal(compareFigure(rate, [100], [200]).withinTolerance, true);
    assert.equal(compareFigure(rate, [100], [89.9]).worsePct > 10, true);
  });

  it('takes a change from a baseline of 0 as new, and refuses an empty side', () => {
    assert.equal(changePct(0, 0), 0);
    assert.equal(changePct(0, 5), Infinity);
    assert.equal(signedPct(Infinity), 'new');
    assert.equal(signedPct(-4.04), '-4.0 %');
    assert.equal(signedPct(12), '+12.0 %');
    assert.throws(() => compareFigure(cpu, [], [1]), RangeError);
  });

  it('compares the figures both sides have; only gated ones decide the verdict', () => {
    const shown: FigureSpec = { ...cpu, key: 'shown', gated: false };
    const runs = compareRuns(
      [{ cpu: 100, shown: 10 }, { cpu: 100 }],
      [{ cpu: 105, shown: 30, extra: 1 }, { cpu: 104 }],
      [cpu, shown, rate],
    );
    assert.deepEqual(
      runs.map((c) => c.key),
      ['cpu', 'shown'],
    );
    assert.equal(allWithin(runs), true);
    const text = formatComparison(runs);
    assert.match(text, /CPU \(µs\)\s+100\s+104\s+\+4\.0 %\s+within 10 %/);
    assert.match(text, /\(shown only\)/);
    assert.match(text, /verdict: every gated figure within 10 %/);

    const worse = compareRuns([{ cpu: 100 }], [{ cpu: 120 }], [cpu]);
    assert.equal(allWithin(worse), false);
    assert.match(formatComparison(worse), /WORSE by more than 10 %[\s\S]*verdict: worse .*: CPU/);
  });
});

describe('bench:ledger --baseline: the flag', () => {
  it('takes commit ids, branches, tags and relative revisions', () => {
    for (const rev of ['5c3814a', 'main', 'v1.0', 'HEAD~2', 'origin/main', 'main@{1}', 'a^']) {
      assert.equal(parseRevision(rev, '--baseline'), rev);
    }
  });

  it('refuses what git could read as an option, ranges and blanks, naming the flag', () => {
    for (const rev of ['', '-n', '--output=x', 'a..b', 'a b', 'x;rm', ' main']) {
      assert.throws(
        () => parseRevision(rev, '--baseline'),
        (e: unknown) => e instanceof CliError && e.message.startsWith('--baseline takes'),
        rev,
      );
    }
  });
});

describe('stored bytes a ticket', () => {
  const snap = (bytes: number, tx: number, opening?: number): StoreSnapshot => ({
    bytes,
    tables: { tx },
    columns: opening === undefined ? {} : { 'tx.opening': opening },
  });

  it('divides what recording added by the tickets; a key one side lacks counts 0', () => {
    const s = storedPerTicket(snap(16_384, 4096), snap(16_384 * 11, 4096 * 21, 500), 10);
    assert.equal(s.total, 16_384);
    assert.deepEqual(s.tables, { tx: 8192 });
    assert.deepEqual(s.columns, { 'tx.opening': 50 });
    assert.throws(() => storedPerTicket(snap(0, 0), snap(1, 1), 0), RangeError);
  });

  it('takes medians key by key', () => {
    const runs = [10, 30, 20].map((n) => storedPerTicket(snap(0, 0), snap(n, n), 1));
    assert.deepEqual(medianStored(runs, median), { total: 20, tables: { tx: 20 }, columns: {} });
  });
});

function round1(n: number): number {
  return Math.round(n * 10) / 10;
}
