import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cpuBudgetMicros, meets, verdict, type Target } from './targets';

describe('benchmark targets', () => {
  const cases: ReadonlyArray<[value: number, target: Target, met: boolean, text: string]> = [
    [5_000, { min: 5_000 }, true, '[target ≥ 5000: met]'],
    [4_999, { min: 5_000 }, false, '[target ≥ 5000: NOT met]'],
    [50, { max: 50 }, true, '[target ≤ 50: met]'],
    [50.01, { max: 50 }, false, '[target ≤ 50: NOT met]'],
    [0.15, { min: 0.3 }, false, '[target ≥ 0.3: NOT met]'],
  ];
  for (const [value, target, met, text] of cases) {
    it(`${value} against ${JSON.stringify(target)}`, () => {
      assert.equal(meets(value, target), met);
      assert.equal(verdict(value, target), text);
    });
  }

  it('writes a unit after the bound', () => {
    assert.equal(verdict(13, { min: 30 }, ' %'), '[target ≥ 30 %: NOT met]');
  });

  it('budgets the CPU a rate leaves per unit on a number of cores', () => {
    assert.equal(cpuBudgetMicros(10_000, 2), 200);
    assert.equal(cpuBudgetMicros(100_000, 2), 20);
    assert.equal(cpuBudgetMicros(20_000, 8), 400);
  });

  it('refuses a rate or core count that is not positive', () => {
    for (const [rate, cores] of [
      [0, 2],
      [10, 0],
      [-1, 2],
      [Number.NaN, 2],
    ] as const) {
      assert.throws(() => cpuBudgetMicros(rate, cores), RangeError);
    }
  });
});
