/**
 * The projection thread. Blocks arrive in order; whatever has arrived by the
 * time the thread is free is projected in one read-model transaction, so a
 * projector that falls behind catches up with larger, cheaper commits. After
 * a failure every block is refused until the thread is replaced: the main
 * thread restarts from the checkpoint with a new one.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { LedgerBlock } from '../ledger/gateway';
import { unpackBlock } from './packed-block';
import { ReadModel } from './read-model';
import type { ProjectionReply, ProjectionRequest, ProjectionWorkerData } from './projection-wire';

const port = parentPort;
if (port === null) throw new Error('projection-worker must run in a worker thread');
const data = workerData as ProjectionWorkerData;
const readModel = ReadModel.open(data.file, { cacheMiB: data.cacheMiB });
let queue: LedgerBlock[] = [];
let scheduled = false;
let failed = false;

port.on('message', (request: ProjectionRequest) => {
  if (request.type === 'close') {
    flush();
    readModel.close();
    port.close();
    return;
  }
  queue.push(unpackBlock(request.block));
  if (!scheduled) {
    scheduled = true;
    // Let every message already delivered join this transaction.
    setImmediate(flush);
  }
});

function flush(): void {
  scheduled = false;
  while (queue.length > 0 && !failed) {
    const batch = queue.slice(0, data.maxBlocksPerCommit);
    queue = queue.slice(batch.length);
    let reply: ProjectionReply;
    try {
      reply = { type: 'projected', projected: readModel.applyAll(batch) };
    } catch (error) {
      failed = true;
      reply = { type: 'failed', error: error instanceof Error ? error.message : String(error) };
    }
    port!.postMessage(reply);
  }
  queue = [];
}
