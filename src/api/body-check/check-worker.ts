/**
 * A checking thread: parses and validates collector bodies sent by
 * `BodyChecker`, one at a time, and answers each with its verdict.
 */
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

parentPort!.on('message', (request: CheckRequest) => {
  const reply: CheckReply = { id: request.id, checked: checkBody(request.kind, request.bytes) };
  parentPort!.postMessage(reply);
});
