import type { BlockWrite } from './store';

/**
 * Blocks as they cross to the persist worker: plain arrays and byte arrays,
 * which structured cloning copies cheaply (a Map of Buffers would arrive as
 * a Map of Uint8Arrays, which the SQLite driver does not bind).
 */
export interface WireBlock {
  readonly block: BlockWrite['block'];
  readonly transactions: BlockWrite['transactions'];
  readonly state: ReadonlyArray<readonly [key: string, value: Uint8Array | null, version: number]>;
  readonly history: BlockWrite['history'];
  readonly nodes: BlockWrite['nodes'];
}

export type PersistRequest =
  | { readonly type: 'persist'; readonly id: number; readonly block: WireBlock }
  | { readonly type: 'reset' }
  | { readonly type: 'close' };

export type PersistReply =
  | { readonly id: number; readonly ok: true }
  | { readonly id: number; readonly ok: false; readonly error: string };

export function toWireBlock(write: BlockWrite): WireBlock {
  return {
    block: write.block,
    transactions: write.transactions,
    state: [...write.state].map(([key, entry]) => [key, entry.value, entry.version] as const),
    history: write.history,
    nodes: write.nodes,
  };
}

const buffer = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);

export function fromWireBlock(wire: WireBlock): BlockWrite {
  const b = wire.block;
  return {
    block: {
      ...b,
      header: buffer(b.header),
      hash: buffer(b.hash),
      signature: buffer(b.signature),
    },
    transactions: wire.transactions.map((tx) => ({
      ...tx,
      record: buffer(tx.record),
      result: tx.result === null ? null : buffer(tx.result),
      eventPayload: tx.eventPayload === null ? null : buffer(tx.eventPayload),
    })),
    state: new Map(
      wire.state.map(([key, value, version]) => [
        key,
        { value: value === null ? null : buffer(value), version },
      ]),
    ),
    history: wire.history,
    nodes: wire.nodes.map((n) => ({ ...n, hash: buffer(n.hash) })),
  };
}
