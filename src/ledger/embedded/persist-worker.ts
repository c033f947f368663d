/**
 * The log writer's thread. Blocks arrive validated and in order; each is
 * encoded (records, Merkle nodes, signed header) and committed in one
 * durable SQLite transaction. After a failure every later block is refused
 * (it was validated against state that never reached disk) until the main
 * thread, having reloaded its state, sends `reset`.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { BlockBuilder } from './block-builder';
import { decodeValidatedBlock } from './block-codec';
import { NodeKey } from './node-key';
import type { PersistReply, PersistRequest, PersistWorkerData } from './persist-wire';
import { LedgerStore } from './store';

const port = parentPort;
if (port === null) throw new Error('persist-worker must run in a worker thread');
const data = workerData as PersistWorkerData;
// 8 MiB of page cache: blocks append to the log's trees and insert into
// the state tree at a few hundred places (stores, customers); 64 MiB wrote
// no faster than 16 (bench:ledger), and 16 no faster than 8 in the server,
// where each cost resident memory (docs/benchmarks.md).
const store = new LedgerStore(data.file, { cacheKiB: 8 * 1024 });
const builder = new BlockBuilder(
  store,
  NodeKey.loadOrCreate(data.keyFile),
  data.ledgerId,
  data.recordVersion,
  data.elementRules,
);
let failure: string | undefined;

port.on('message', (request: PersistRequest) => {
  switch (request.type) {
    case 'reset':
      failure = undefined;
      return;
    case 'close':
      store.close();
      port.close();
      return;
    case 'persist':
      port.postMessage(persist(request.id, request));
  }
});

function persist(id: number, request: Extract<PersistRequest, { type: 'persist' }>): PersistReply {
  if (failure !== undefined) {
    return { id, ok: false, error: `not written after an earlier failure: ${failure}` };
  }
  try {
    const block = decodeValidatedBlock(request.block);
    store.commitBlock(() => builder.build(block));
    return { id, ok: true };
  } catch (error) {
    failure = error instanceof Error ? error.message : String(error);
    builder.load();
    return { id, ok: false, error: failure };
  }
}
