/**
 * A checking thread: parses and validates collector bodies sent by
 * `BodyChecker`, one at a time, and answers each with its verdict.
 */
import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';
import { parentPort } from 'node:worker_threads';
import { checkBody, type BodyKind, type CheckedBody } from './ticket-body';

/** A body to check. */
export interface CheckRequest {
  readonly id: number;
  readonly kind: BodyKind;
  readonly bytes: Uint8Array;
}

/** Its verdict. */
export interface CheckReply {
  readonly id: number;
  readonly checked: CheckedBody;
}

/**
 * Checking is background work next to the event loop, which answers
 * `/readyz`, other tills and signals: on Linux the thread lowers its own
 * scheduling priority (a thread is a task with an id of its own there), so
 * that when the cores are busy the event loop runs first. Elsewhere, or if
 * refused, it runs at the process's priority.
 */
function yieldToEventLoop(): void {
  if (process.platform !== 'linux') return;
  try {
    const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
    if (Number.isInteger(tid) && tid !== process.pid) setPriority(tid, 10);
  } catch {
    // Not allowed or not there: same priority as the event loop.
  }
}

yieldToEventLoop();

parentPort!.on('message', (request: CheckRequest) => {
  const reply: CheckReply = { id: request.id, checked: checkBody(request.kind, request.bytes) };
  parentPort!.postMessage(reply);
});
