import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LineFullError, Slots } from './slots';

/** A task that runs until `finish()` is called, noting how many ran at once. */
function heldTasks(gate: Slots, count: number) {
  const finishers: Array<() => void> = [];
  const started: number[] = [];
  let peak = 0;
  const results = Array.from({ length: count }, (_, i) =>
    gate.run(
      () =>
        new Promise<number>((resolve) => {
          started.push(i);
          peak = Math.max(peak, gate.inFlight);
          finishers[i] = () => resolve(i);
        }),
    ),
  );
  return { finishers, started, results, peak: () => peak };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('Slots', () => {
  it('runs at most its limit at once, the rest in arrival order', async () => {
    const gate = new Slots(2);
    const tasks = heldTasks(gate, 5);
    await settle();
    assert.deepEqual(tasks.started, [0, 1]);
    tasks.finishers[1]!();
    await settle();
    assert.deepEqual(tasks.started, [0, 1, 2]);
    // A newcomer arriving as a slot is handed on waits its turn.
    tasks.finishers[0]!();
    const late = gate.run(async () => 'late');
    await settle();
    assert.deepEqual(tasks.started, [0, 1, 2, 3]);
    for (const i of [2, 3, 4]) {
      await settle();
      tasks.finishers[i]!();
    }
    assert.deepEqual(await Promise.all(tasks.results), [0, 1, 2, 3, 4]);
    assert.equal(await late, 'late');
    assert.equal(tasks.peak(), 2);
    assert.equal(gate.inFlight, 0);
  });

  it('frees the slot of a task that fails', async () => {
    const gate = new Slots(1);
    await assert.rejects(
      gate.run(async () => {
        throw new Error('boom');
      }),
      /boom/,
    );
    assert.equal(await gate.run(async () => 'next'), 'next');
    assert.equal(gate.inFlight, 0);
  });

  it('refuses a task at once when its line is full, and lets one in when a slot frees', async () => {
    const gate = new Slots(1, 1);
    const tasks = heldTasks(gate, 2);
    await settle();
    assert.equal(gate.queued, 1);
    assert.equal(gate.acquire(), false);
    await assert.rejects(
      gate.run(async () => 'over'),
      LineFullError,
    );
    await assert.rejects(
      gate.run(async () => 'over'),
      /1 tasks already waiting/,
    );
    tasks.finishers[0]!();
    await settle();
    tasks.finishers[1]!();
    assert.deepEqual(await Promise.all(tasks.results), [0, 1]);
    assert.equal(await gate.run(async () => 'room again'), 'room again');
  });

  it('refuses a limit below one', () => {
    assert.throws(() => new Slots(0), /at least one/);
  });
});
