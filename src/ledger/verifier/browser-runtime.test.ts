// The compiled verifier runs where there is no Node: loaded into a bare `vm` context (the language's
// own globals plus TextEncoder/TextDecoder, as in a browser; no Buffer, process, require or global)
// by a loader that serves only the verifier's own files and @noble/*, and refuses any other module.
// There it checks a real ledger's proofs and the RFC 6962 vectors as it does in Node.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { describe, it } from 'node:test';
import { createContext, runInContext } from 'node:vm';
import { LedgerProofs } from '../embedded/proofs';
import { openKvLedger } from '../embedded/testing/kv-contract';
import { consistencyVectors, inclusionVectors } from '../merkle/testonly/vectors';
import type * as Verifier from './index';
import type { InclusionProofBundleV2 } from './proof-bundle';

const NOBLE = dirname(dirname(require.resolve('@noble/hashes/sha2')));

/** Loads the verifier's compiled CommonJS into `context`, as a bundler would, and nothing else. */
function sandboxed(): {
  verifier: typeof Verifier;
  loaded: string[];
  /** A copy of `data` as the sandbox's own Uint8Array (a browser has no Buffer to pass). */
  bytes: (data: Uint8Array) => Uint8Array;
} {
  const context = createContext({ TextEncoder, TextDecoder });
  const cache = new Map<string, { exports: unknown }>();
  const loaded: string[] = [];
  const load = (file: string): unknown => {
    const cached = cache.get(file);
    if (cached !== undefined) return cached.exports;
    const module = { exports: {} };
    cache.set(file, module);
    loaded.push(file);
    const wrapper = runInContext(
      `(function (exports, require, module) {${readFileSync(file, 'utf8')}\n})`,
      context,
      { filename: file },
    ) as (exports: unknown, require: (id: string) => unknown, module: unknown) => void;
    wrapper(module.exports, (id) => load(resolveFrom(file, id)), module);
    return module.exports;
  };
  const SandboxUint8Array = runInContext('Uint8Array', context) as typeof Uint8Array;
  return {
    verifier: load(join(__dirname, 'index.js')) as typeof Verifier,
    loaded,
    bytes: (data) => SandboxUint8Array.from(data),
  };
}

function resolveFrom(from: string, id: string): string {
  let file: string;
  if (id.startsWith('@noble/')) file = resolveNoble(id);
  else if (id.startsWith('./') || id.startsWith('../'))
    file = require.resolve(join(dirname(from), id));
  else throw new Error(`the verifier required ${id} (from ${from})`);
  const inside = [__dirname, NOBLE].some((root) => !relative(root, file).startsWith('..'));
  if (!inside) throw new Error(`the verifier required ${file} (from ${from})`);
  return file;
}

type Target = string | { readonly [condition: string]: Target };

/**
 * `@noble/<package>/<path>` as a browser bundler resolves it: through the package's `exports`,
 * skipping the `node` condition (under which @noble/hashes/crypto is node:crypto), taking the
 * CommonJS build (`require`, else `default`).
 */
function resolveNoble(id: string): string {
  const [, name, path] = /^(@noble\/[^/]+)(?:\/(.*))?$/.exec(id) ?? [];
  const root = join(NOBLE, name!.slice('@noble/'.length));
  const exports = (
    JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
      exports: Record<string, Target>;
    }
  ).exports;
  let target: Target | undefined = exports[path === undefined ? '.' : `./${path}`];
  while (target !== undefined && typeof target !== 'string')
    target = target.require ?? target.default;
  if (target === undefined) throw new Error(`${id} is not exported`);
  return join(root, target);
}

describe('the verifier without Node', () => {
  it('loads from its own files and @noble/* only, with no Node globals', () => {
    const { verifier, loaded } = sandboxed();
    assert.equal(typeof verifier.checkInclusionProof, 'function');
    assert.ok(loaded.some((file) => file.includes('@noble')));
  });

  it("checks a real ledger's proofs, and refuses tampered ones with the same codes", async () => {
    const { verifier } = sandboxed();
    const kv = openKvLedger({ maxTransactions: 3, timeoutMs: 1 });
    try {
      const txs = await Promise.all(
        Array.from({ length: 10 }, (_, i) => kv.call('Put', `b${i}`, `${i}`)),
      );
      const proofs = new LedgerProofs(kv.ledger.store);
      const pem = kv.ledger.key.publicKeyPem();
      for (const tx of txs) {
        const text = JSON.stringify(proofs.inclusion(tx.transactionId));
        const { record } = verifier.checkInclusionProof(JSON.parse(text), pem);
        assert.equal(record.txId, tx.transactionId);
      }
      const { from, to } = verifier.checkConsistencyProof(proofs.consistency(0), pem);
      assert.ok(from.logSize < to.logSize);

      const good = proofs.inclusion(txs[4]!.transactionId);
      const codeOf = (fn: () => unknown): string | undefined => {
        try {
          fn();
        } catch (error) {
          return (error as { code?: string }).code;
        }
        return undefined;
      };
      const tampered = {
        ...good,
        record: good.record.replace(/(\d)Z"/, (_, d: string) => `${(+d + 1) % 10}Z"`),
      };
      assert.equal(
        codeOf(() => verifier.checkInclusionProof(tampered, pem)),
        'not-included',
      );
      assert.equal(good.format, 'eter-inclusion-proof/v2');
      const disclosed = (good as InclusionProofBundleV2).disclosed;
      const write = { ...disclosed.writes![0]!, value: { text: '5' } };
      const opened = { ...good, disclosed: { ...disclosed, writes: [write] } };
      assert.equal(
        codeOf(() => verifier.checkInclusionProof(opened, pem)),
        'payload-mismatch',
      );
      const signature = `${good.head.signature[0] === 'A' ? 'B' : 'A'}${good.head.signature.slice(1)}`;
      const forged = { ...good, head: { ...good.head, signature } };
      assert.equal(
        codeOf(() => verifier.checkInclusionProof(forged, pem)),
        'signature',
      );
    } finally {
      await kv.dispose();
    }
  });

  it('replays the RFC 6962 vectors', () => {
    const { verifier, bytes } = sandboxed();
    const rejected = (fn: () => void): boolean => {
      try {
        fn();
        return false;
      } catch (error) {
        assert.equal((error as Error).name, 'ProofError', String(error));
        return true;
      }
    };
    for (const v of inclusionVectors()) {
      const [leaf, proof, root] = [bytes(v.leafHash), v.proof.map(bytes), bytes(v.root)];
      const run = () => verifier.verifyInclusion(v.leafIdx, v.treeSize, leaf, proof, root);
      assert.equal(rejected(run), v.wantErr, v.file);
    }
    for (const v of consistencyVectors()) {
      const [proof, root1, root2] = [v.proof.map(bytes), bytes(v.root1), bytes(v.root2)];
      const run = () => verifier.verifyConsistency(v.size1, v.size2, proof, root1, root2);
      assert.equal(rejected(run), v.wantErr, v.file);
    }
  });
});
