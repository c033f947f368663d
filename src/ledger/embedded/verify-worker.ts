/**
 * The verifier's reader thread: reads every block and transaction in order,
 * hashes leaves and payloads, and posts them page by page, a bounded number
 * ahead of the verifier, which replays them in order on its own thread.
 * Once the log is read, it checks the stored Merkle nodes against the
 * leaves it hashed.
 */
import { workerData } from 'node:worker_threads';
import { LedgerStore } from './store';
import { readVerifyPage, VERIFY_PAGE_BLOCKS } from './verify-source';
import { storedNodesProblem } from './verify-nodes';
import { encodeVerifyPage } from './verify-page-codec';
import { POSTED, TAKEN, type VerifyMessage, type VerifyWorkerData } from './verify-wire';

const data = workerData as VerifyWorkerData;
const counters = new Int32Array(data.counters);

function post(message: VerifyMessage, transfer: ArrayBuffer[] = []): void {
  data.port.postMessage(message, transfer);
  Atomics.add(counters, POSTED, 1);
  Atomics.notify(counters, POSTED);
}

let store: LedgerStore | undefined;
try {
  store = new LedgerStore(data.file, { readonly: true });
  const leaves: Uint8Array[] = [];
  for (let from = 0; ;) {
    // Stay at most `ahead` pages in front of the verifier.
    for (;;) {
      const taken = Atomics.load(counters, TAKEN);
      if (Atomics.load(counters, POSTED) - taken < data.ahead) break;
      Atomics.wait(counters, TAKEN, taken, 1000);
    }
    const page = readVerifyPage(store, from, VERIFY_PAGE_BLOCKS);
    const last = page.blocks[page.blocks.length - 1];
    if (last === undefined) break;
    for (const block of page.blocks) for (const tx of block.txs) leaves.push(tx.leaf);
    const bytes = encodeVerifyPage(page);
    post({ type: 'page', page: bytes }, [bytes.buffer as ArrayBuffer]);
    from = last.row.number + 1;
  }
  post({ type: 'end', nodesProblem: storedNodesProblem(store, leaves) });
} catch (error) {
  post({ type: 'error', message: error instanceof Error ? error.message : String(error) });
} finally {
  // The port stays open until the verifier has read everything and stops this thread.
  store?.close();
}
