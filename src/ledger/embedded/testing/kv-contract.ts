/**
 * A minimal key-value contract for testing the embedded ledger itself,
 * independent of Eter's business contracts.
 * @internal
 */
import { Context, Contract, Transaction } from 'fabric-contract-api';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EmbeddedLedger, type EmbeddedLedgerOptions } from '../embedded-ledger';
import type { Identity } from '../../gateway/identity';

export class KvContract extends Contract {
  constructor() {
    super('kv');
  }

  @Transaction()
  async Put(ctx: Context, key: string, value: string): Promise<string> {
    await ctx.stub.putState(key, Buffer.from(value));
    return value;
  }

  @Transaction(false)
  async Get(ctx: Context, key: string): Promise<string> {
    return Buffer.from(await ctx.stub.getState(key)).toString();
  }

  @Transaction()
  async Delete(ctx: Context, key: string): Promise<void> {
    await ctx.stub.deleteState(key);
  }

  /** Reads the key and writes it only when absent: concurrent calls conflict. */
  @Transaction()
  async PutIfAbsent(ctx: Context, key: string, value: string): Promise<string> {
    const existing = await ctx.stub.getState(key);
    if (existing.length > 0) return `exists:${Buffer.from(existing).toString()}`;
    await ctx.stub.putState(key, Buffer.from(value));
    return 'written';
  }

  /** Writes, then reads the same key: a peer returns the committed value, not the write. */
  @Transaction()
  async PutThenGet(ctx: Context, key: string, value: string): Promise<string> {
    await ctx.stub.putState(key, Buffer.from(value));
    return Buffer.from(await ctx.stub.getState(key)).toString();
  }

  /** Sums the values under a prefix (a range read) and stores the sum. */
  @Transaction()
  async Sum(ctx: Context, prefix: string, target: string): Promise<string> {
    let sum = 0;
    for await (const kv of ctx.stub.getStateByRange(prefix, `${prefix}~`)) {
      sum += Number(Buffer.from(kv.value).toString());
    }
    await ctx.stub.putState(target, Buffer.from(String(sum)));
    return String(sum);
  }

  @Transaction()
  async WriteThenFail(ctx: Context, key: string): Promise<void> {
    await ctx.stub.putState(key, Buffer.from('should not persist'));
    throw new Error('deliberate failure');
  }

  @Transaction()
  async Emit(ctx: Context, name: string, payload: string): Promise<void> {
    ctx.stub.setEvent('ignored', Buffer.from('replaced'));
    ctx.stub.setEvent(name, Buffer.from(payload));
  }

  @Transaction(false)
  async History(ctx: Context, key: string): Promise<Array<{ value: string; isDelete: boolean }>> {
    const out = [];
    for await (const m of ctx.stub.getHistoryForKey(key)) {
      out.push({ value: Buffer.from(m.value).toString(), isDelete: m.isDelete });
    }
    return out;
  }

  @Transaction(false)
  async WhoAmI(ctx: Context): Promise<string> {
    return `${ctx.clientIdentity.getMSPID()}|${ctx.clientIdentity.getAttributeValue('role') ?? ''}`;
  }
}

export const alice: Identity = { mspId: 'Org1MSP', id: 'alice', attributes: { role: 'writer' } };

/** The contracts of a KV ledger, as endorsing threads load them. */
export function newKvContracts(): Contract[] {
  return [new KvContract()];
}

/**
 * An embedded ledger hosting {@link KvContract} in a temporary folder;
 * `endorsers` threads endorse submissions (0: in line).
 */
export function openKvLedger(
  cutting?: EmbeddedLedgerOptions['cutting'],
  dataDir?: string,
  endorsers = 0,
  more: Partial<
    Pick<EmbeddedLedgerOptions, 'stateCacheEntries' | 'stateCacheBytes' | 'recordVersion'>
  > = {},
) {
  const dir = dataDir ?? mkdtempSync(join(tmpdir(), 'eter-ledger-'));
  const ledger = EmbeddedLedger.open({
    dataDir: dir,
    contracts: newKvContracts(),
    cutting,
    ...more,
    ...(endorsers > 0
      ? { endorsers: { module: __filename, exportName: 'newKvContracts', threads: endorsers } }
      : {}),
  });
  return {
    ledger,
    dir,
    call: (fn: string, ...args: string[]) => ledger.submit(alice, { contract: 'kv', fn, args }),
    read: async (fn: string, ...args: string[]) =>
      Buffer.from(await ledger.evaluate(alice, { contract: 'kv', fn, args })).toString(),
    async dispose() {
      await ledger.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
