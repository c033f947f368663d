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

port.on('message', (message: readonly EndorseRequest[] | EndorserControl) => {
  if (!('type' in message)) {
    void endorseInTurn(message);
    return;
  }
  if (message.type === 'forget') {
    state.forget(message.keys);
    return;
  }
  store.close();
  port.close();
});

/**
 * Runs a message's proposals one after the other rather than interleaved:
 * every state read resolves at once, so they all still finish in this turn
 * (one reply message), but only one proposal's objects are alive at a time,
 * which keeps the young generation's survivors, and so the GC's work, small.
 */
async function endorseInTurn(requests: readonly EndorseRequest[]): Promise<void> {
  for (const request of requests) replies.push(await endorse(request));
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
