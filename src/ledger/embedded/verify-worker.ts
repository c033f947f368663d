/**
 * One of the verifier's checking threads: reads its share of the pages of
 * blocks (see `checkerOf`) and runs their block-local checks, then
 * reads and hashes its share of the state rows, posting each result a
 * bounded number ahead of the verifier, which links and replays them in
 * order on its own thread.
 */
import { workerData } from 'node:worker_threads';
import { parsePublicKey } from './node-key';
import { LedgerStore } from './store';
import { CheckedPageEncoder, encodeStateChunk } from './verify-page-codec';
import { CheckingCursor } from './verify-source';
import { readStateChunk } from './verify-state';
import {
  checkerOf,
  finishedAt,
  postedAt,
  stopAt,
  takenAt,
  type VerifyMessage,
  type VerifyWorkerData,
} from './verify-wire';

const data = workerData as VerifyWorkerData;
const counters = new Int32Array(data.counters);
const POSTED = postedAt(data.index);
const TAKEN = takenAt(data.index);
const STOP = stopAt(data.threads);
const FINISHED = finishedAt(data.threads);

function post(message: VerifyMessage, transfer: ArrayBuffer[] = []): void {
  data.port.postMessage(message, transfer);
  Atomics.add(counters, POSTED, 1);
  Atomics.notify(counters, POSTED);
}

/**
 * Waits until the verifier has taken enough of what this thread posted.
 * @returns false once the verifier wants nothing more.
 */
function waitForRoom(): boolean {
  for (;;) {
    if (Atomics.load(counters, STOP) !== 0) return false;
    const taken = Atomics.load(counters, TAKEN);
    if (Atomics.load(counters, POSTED) - taken < data.ahead) return true;
    Atomics.wait(counters, TAKEN, taken, 1000);
  }
}

let store: LedgerStore | undefined;
try {
  store = new LedgerStore(data.file, { readonly: true });
  const publicKey = parsePublicKey(data.publicKey);
  for (let page = 0; page < data.pages; page++) {
    if (checkerOf(page, data.threads) !== data.index) continue;
    if (!waitForRoom()) break;
    const cursor = new CheckingCursor(store, page, publicKey);
    const encoder = new CheckedPageEncoder();
    for (let block = cursor.next(); block !== undefined; block = cursor.next())
      encoder.block(block);
    const bytes = encoder.finish(cursor.nodesProblem());
    post({ type: 'page', bytes }, [bytes.buffer as ArrayBuffer]);
  }
  for (let chunk = 0; chunk < data.stateChunks; chunk++) {
    if (checkerOf(chunk, data.threads) !== data.index) continue;
    if (!waitForRoom()) break;
    const bytes = encodeStateChunk(readStateChunk(store, chunk));
    post({ type: 'state', bytes }, [bytes.buffer as ArrayBuffer]);
  }
} catch (error) {
  post({ type: 'error', message: error instanceof Error ? error.message : String(error) });
} finally {
  // The verifier waits for this before it returns, so that no thread is
  // still reading the file (or being torn down inside SQLite) afterwards.
  store?.close();
  Atomics.add(counters, FINISHED, 1);
  Atomics.notify(counters, FINISHED);
}
