/**
 * The body checker with real threads: the same verdict inline and on a
 * thread, its bounded line, its stop, and idle threads going away.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BodyChecker, CheckerBusyError, CheckerClosedError } from './body-checker';

/** A large invalid batch (about 1 MB of empty lines): some tens of milliseconds to check. */
function slowBody(): Buffer {
  const ticket = `{"lines":[${Array.from({ length: 300 }, () => '{}').join(',')}]}`;
  return Buffer.from(`{"tickets":[${Array.from({ length: 1000 }, () => ticket).join(',')}]}`);
}

describe('BodyChecker', () => {
  it('gives the same verdict inline and on a thread', async () => {
    const body = Buffer.from(`{"tickets":[{"lines":[{}]},{}]}`);
    const inline = new BodyChecker({ threads: 1, maxWaiting: 1, inlineBytes: 1024 });
    const threaded = new BodyChecker({ threads: 1, maxWaiting: 1, inlineBytes: 0 });
    try {
      const a = await inline.check('batch', Buffer.from(body));
      assert.equal(inline.threadCount, 0);
      const b = await threaded.check('batch', Buffer.from(body));
      assert.equal(threaded.threadCount, 1);
      assert.deepEqual(b, a);
      assert.equal(a.kind, 'batch');
      assert.ok(a.verdict.ok && a.verdict.value.every((v) => !v.ok));
    } finally {
      await inline.close();
      await threaded.close();
    }
  });

  it('refuses a body at once when every thread is busy and the line is full', async () => {
    const checker = new BodyChecker({ threads: 1, maxWaiting: 1, inlineBytes: 0 });
    try {
      const running = checker.check('batch', slowBody());
      const waiting = checker.check('batch', slowBody());
      await assert.rejects(checker.check('batch', slowBody()), CheckerBusyError);
      assert.equal((await running).kind, 'batch');
      assert.equal((await waiting).kind, 'batch');
    } finally {
      await checker.close();
    }
  });

  it('on close, refuses the bodies waiting and finishes the one being checked', async () => {
    const checker = new BodyChecker({ threads: 1, maxWaiting: 4, inlineBytes: 0 });
    const running = checker.check('batch', slowBody());
    const waiting = checker.check('batch', slowBody());
    const closed = checker.close();
    await assert.rejects(waiting, CheckerClosedError);
    assert.equal((await running).kind, 'batch');
    await closed;
    assert.equal(checker.threadCount, 0);
    await assert.rejects(checker.check('ticket', Buffer.from('{}')), CheckerClosedError);
  });

  it('stops a thread that stays idle, and starts one again when needed', async () => {
    const checker = new BodyChecker({ threads: 1, maxWaiting: 1, inlineBytes: 0, idleMs: 50 });
    try {
      await checker.check('ticket', Buffer.from('{}'));
      assert.equal(checker.threadCount, 1);
      await new Promise((resolve) => setTimeout(resolve, 300));
      assert.equal(checker.threadCount, 0);
      const again = await checker.check('ticket', Buffer.from('{}'));
      assert.equal(again.kind, 'ticket');
    } finally {
      await checker.close();
    }
  });
});
