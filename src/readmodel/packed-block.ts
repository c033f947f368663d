import type { BlockTransaction, ContractEvent, LedgerBlock } from '../ledger/gateway';

/** An event as it crosses to the projection thread: its payload is a slice of the block's. */
type PackedEvent = Omit<ContractEvent, 'payload'> & { readonly payloadLength: number };

/**
 * A block on its way to the projection thread: every event payload in one
 * buffer, transferred rather than cloned. Structured cloning a payload that
 * is a view into a larger buffer (one decoded from an endorsement) copies
 * the whole of that buffer, several times the payload, once per event.
 */
export interface PackedBlock {
  readonly number: number;
  readonly transactions: ReadonlyArray<
    Omit<BlockTransaction, 'events'> & { readonly events: readonly PackedEvent[] }
  >;
  /** The payloads, one after the other in event order. */
  readonly payloads: ArrayBuffer;
}

/** Packs a block; transfer `payloads` with it. */
export function packBlock(block: LedgerBlock): PackedBlock {
  let size = 0;
  for (const tx of block.transactions) for (const e of tx.events) size += e.payload.byteLength;
  const payloads = new Uint8Array(size);
  let at = 0;
  const transactions = block.transactions.map((tx) => ({
    ...tx,
    events: tx.events.map(({ payload, ...event }) => {
      payloads.set(payload, at);
      at += payload.byteLength;
      return { ...event, payloadLength: payload.byteLength };
    }),
  }));
  return { number: block.number, transactions, payloads: payloads.buffer };
}

/** The block again, each payload a view into the packed bytes. */
export function unpackBlock(packed: PackedBlock): LedgerBlock {
  let at = 0;
  return {
    number: packed.number,
    transactions: packed.transactions.map((tx) => ({
      ...tx,
      events: tx.events.map(({ payloadLength, ...event }) => {
        const payload = new Uint8Array(packed.payloads, at, payloadLength);
        at += payloadLength;
        return { ...event, payload };
      }),
    })),
  };
}
