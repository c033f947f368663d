/**
 * An endorsing thread: it hosts its own instances of the contracts and runs
 * proposals against the durable world state, read through its own
 * connection, as a Fabric endorsing peer runs chaincode apart from the
 * committer. Every read is versioned, so whatever was committed meanwhile
 * is caught by the committer's MVCC check, exactly as on Fabric.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { Contract } from 'fabric-contract-api';
import { EmbeddedStub } from './chaincode-stub';
import { CommittedState } from './committed-state';
import { encodeEndorsement } from './endorsement-codec';
import { ContractHost } from './contract-host';
import type {
  EndorseReply,
  EndorseRequest,
  EndorserControl,
  EndorserWorkerData,
} from './endorser-wire';
import { LedgerStore } from './store';
import { TurnBatch } from './turn-batch';

const port = parentPort;
if (port === null) throw new Error('endorser-worker must run in a worker thread');
const data = workerData as EndorserWorkerData;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const factory = (require(data.module) as Record<string, () => Contract[]>)[data.exportName];
if (typeof factory !== 'function') {
  throw new Error(`${data.module} exports no function ${data.exportName}`);
}
const host = new ContractHost(factory());
const store = new LedgerStore(data.file, { readonly: true });
// A cache of durable entries; the committer names the keys of every block
// that becomes durable, and they are forgotten. A read served from the cache
// between a commit and that message is stale, and the committer's MVCC check
// refuses the transaction, as on Fabric: never wrong, at worst retried.
const state = new CommittedState(store, 50_000, 8 * 1024 * 1024);

const replies = new TurnBatch<EndorseReply>((batch) =>
  port.postMessage(
    batch,
    batch.flatMap((reply) => (reply.ok ? [reply.endorsement.buffer as ArrayBuffer] : [])),
  ),
);

/** The messages' proposals, endorsed one message after the other. */
let endorsing: Promise<void> = Promise.resolve();

port.on('message', (message: readonly EndorseRequest[] | EndorserControl) => {
  if (!('type' in message)) {
    endorsing = endorsing.then(() => endorseInOrder(message));
    return;
  }
  // At once, even between a message's proposals: a key forgotten early is
  // only read fresher from the file.
  if (message.type === 'forget') {
    state.forget(message.keys);
    return;
  }
  void endorsing.then(() => {
    store.close();
    port.close();
  });
});

/**
 * Proposals endorsed before the replies so far are sent. A batch request
 * brings 500 proposals in one message (~40 ms of contract work): answering
 * them all at the end kept the committer waiting meanwhile, and one thread
 * then did a tenth less than two; answering every 32 (~3 ms) keeps
 * validation and writing busy while the rest are endorsed
 * (docs/benchmarks.md).
 */
const REPLY_EVERY = 32;

/**
 * Runs a message's proposals one after the other rather than interleaved:
 * every state read resolves at once, so only one proposal's objects are
 * alive at a time, which keeps the young generation's survivors, and so
 * the GC's work, small. Every `REPLY_EVERY` proposals it yields a turn, so
 * that the replies so far leave (`TurnBatch`).
 */
async function endorseInOrder(requests: readonly EndorseRequest[]): Promise<void> {
  let done = 0;
  for (const request of requests) {
    replies.push(await endorse(request));
    if (++done % REPLY_EVERY === 0 && done < requests.length) await nextTurn();
  }
}

function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

async function endorse(request: EndorseRequest): Promise<EndorseReply> {
  const stub = new EmbeddedStub(
    {
      txId: request.txId,
      channel: data.channel,
      fn: request.fn,
      args: request.args,
      creator: request.identity,
      timestamp: new Date(request.timestamp),
    },
    state,
    store,
  );
  try {
    const result = await host.invoke(
      request.contract,
      request.fn,
      request.args,
      stub,
      request.identity,
    );
    return { id: request.id, ok: true, endorsement: encodeEndorsement(stub.simulation, result) };
  } catch (error) {
    return {
      id: request.id,
      ok: false,
      error: error instanceof Error ? error.message : String(error),
    };
  }
}
