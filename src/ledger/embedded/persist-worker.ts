/**
 * The thread that writes blocks to disk. Blocks arrive in order; each is
 * committed in one durable SQLite transaction. After a failure every later
 * block is refused (it was validated against state that never reached disk)
 * until the main thread, having reloaded its state, sends `reset`.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { LedgerStore } from './store';
import { fromWireBlock, type PersistReply, type PersistRequest } from './persist-wire';

const port = parentPort;
if (port === null) throw new Error('persist-worker must run in a worker thread');
const store = new LedgerStore((workerData as { file: string }).file);
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
    case 'persist': {
      let reply: PersistReply;
      if (failure !== undefined) {
        reply = {
          id: request.id,
          ok: false,
          error: `not written after an earlier failure: ${failure}`,
        };
      } else {
        try {
          store.commitBlock(fromWireBlock(request.block));
          reply = { id: request.id, ok: true };
        } catch (error) {
          failure = error instanceof Error ? error.message : String(error);
          reply = { id: request.id, ok: false, error: failure };
        }
      }
      port.postMessage(reply);
    }
  }
});
