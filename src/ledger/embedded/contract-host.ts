import 'reflect-metadata';
import { JSONSerializer, type Contract, type Context } from 'fabric-contract-api';
import type { ChaincodeStub } from 'fabric-shim-api';
import type { Identity } from '../gateway/identity';
import { EmbeddedClientIdentity } from './client-identity';
import { removeContractApiProcessHandlers } from './contract-api-side-effects';
import { serializeResult } from './result-serializer';

/** Contract metadata that `fabric-contract-api`'s decorators attach to a class. */
interface TransactionMetadata {
  name: string;
  tag?: string[];
  returns?: Record<string, unknown>;
}

interface HostedContract {
  readonly instance: Contract;
  readonly transactions: ReadonlyMap<string, TransactionMetadata>;
}

/**
 * Runs `fabric-contract-api` contracts the way fabric-shim's contract runtime
 * does on a peer: a fresh context per call, `beforeTransaction`,
 * `aroundTransaction`, `afterTransaction`, `unknownTransaction` for names that
 * are not `@Transaction`s, and results serialised by the same JSONSerializer.
 */
export class ContractHost {
  private readonly contracts = new Map<string, HostedContract>();
  private readonly serializer = new JSONSerializer();

  constructor(contracts: readonly Contract[]) {
    if (contracts.length === 0) throw new Error('a ledger needs at least one contract');
    removeContractApiProcessHandlers();
    for (const instance of contracts) {
      const name = instance.getName();
      if (this.contracts.has(name)) throw new Error(`two contracts are named ${name}`);
      const metadata =
        (Reflect.getMetadata('fabric:transactions', Object.getPrototypeOf(instance)) as
          TransactionMetadata[] | undefined) ?? [];
      this.contracts.set(name, {
        instance,
        transactions: new Map(metadata.map((tx) => [tx.name, tx])),
      });
    }
  }

  /** Names of the hosted contracts. */
  names(): string[] {
    return [...this.contracts.keys()];
  }

  /**
   * Invokes `contract.fn(ctx, ...args)` against a stub and returns the
   * serialised result. Throws whatever the contract throws.
   */
  async invoke(
    contractName: string,
    fn: string,
    args: readonly string[],
    stub: Partial<ChaincodeStub>,
    identity: Identity,
  ): Promise<Buffer> {
    const contract = this.contracts.get(contractName);
    if (contract === undefined) {
      throw new Error(`no contract named ${contractName} (hosted: ${this.names().join(', ')})`);
    }
    const ctx: Context = contract.instance.createContext();
    // The same setters fabric-shim calls; declared on the runtime class, not in its typings.
    const setters = ctx as unknown as {
      setChaincodeStub(stub: unknown): void;
      setClientIdentity(ci: unknown): void;
    };
    setters.setChaincodeStub(stub);
    setters.setClientIdentity(new EmbeddedClientIdentity(identity));

    const metadata = contract.transactions.get(fn);
    if (metadata === undefined) {
      await contract.instance.unknownTransaction(ctx);
      return Buffer.alloc(0);
    }
    await contract.instance.beforeTransaction(ctx);
    // fabric-contract-api types `fn` as a Function, but its runtime (and fabric-shim) pass the name.
    const around = contract.instance.aroundTransaction as unknown as (
      ctx: Context,
      fn: string,
      params: readonly string[],
    ) => Promise<unknown>;
    const result = await around.call(contract.instance, ctx, fn, args);
    await contract.instance.afterTransaction(ctx, result);
    return serializeResult(this.serializer, result, metadata.returns ?? {}, contractName);
  }
}
