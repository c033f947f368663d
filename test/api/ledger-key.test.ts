/**
 * The node's public key over real HTTP, for anyone: no credential needed, the very key
 * `eter pubkey` prints, and its fingerprint the SHA-256 of the 32 raw key bytes (the web app's
 * and docs/web.md's definition), computed here with Node's crypto, not the verifier.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash, createPublicKey } from 'node:crypto';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { TokenService } from '../../src/api/auth/tokens';
import { UserStore } from '../../src/api/auth/user-store';
import { loadConfig } from '../../src/api/config';
import { QueryContext } from '../../src/api/query-context';
import { buildServer } from '../../src/api/server';
import { TerminalKeyStore } from '../../src/api/terminal-keys';
import { ContractClient } from '../../src/client/contract-client';
import type { EmbeddedLedger } from '../../src/ledger/embedded';
import type { ProofService } from '../../src/ledger/gateway';
import { bootstrapIfNew, localIdentities, openLocalLedger } from '../../src/node/local-node';
import { LineReferences, Projector, ReadModel } from '../../src/readmodel';
import { tempDir } from '../support/engines';
import { startTestNetwork, type TestNetwork } from '../support/network';

const REPO = join(__dirname, '..', '..', '..');

describe('GET /v1/ledger/key', () => {
  let net: TestNetwork;
  before(async () => {
    net = await startTestNetwork();
  });
  after(async () => {
    await net.close();
  });

  it("answers without a credential with the node's key, as `eter pubkey` prints it, and its fingerprint", async () => {
    const res = await net.request('GET', '/v1/ledger/key');
    assert.equal(res.status, 200, JSON.stringify(res.body));
    const body = res.body as { algorithm: string; publicKey: string; fingerprint: string };
    assert.deepEqual(Object.keys(body).sort(), ['algorithm', 'fingerprint', 'publicKey']);
    assert.equal(body.algorithm, 'Ed25519');

    const printed = spawnSync(
      process.execPath,
      [join(REPO, 'bin', 'eter.js'), 'pubkey', '--data', net.dataDir],
      { encoding: 'utf8' },
    );
    assert.equal(printed.status, 0, printed.stderr);
    assert.match(printed.stdout, /^-----BEGIN PUBLIC KEY-----\n/);
    assert.equal(body.publicKey.trim(), printed.stdout.trim());

    // The node's own key signs the heads: the auditor's head carries the same key.
    const head = await net.request('GET', '/v1/ledger/head', { auth: net.token('auditor') });
    assert.equal(head.status, 200);
    assert.equal((head.body as { head: { publicKey: string } }).head.publicKey, body.publicKey);

    const der = createPublicKey(printed.stdout).export({ type: 'spki', format: 'der' });
    assert.equal(der.length, 44);
    const fingerprint = createHash('sha256').update(der.subarray(12)).digest('hex');
    assert.equal(body.fingerprint, fingerprint);
    // Not the digest of the whole DER: the definition is the raw key's.
    assert.notEqual(body.fingerprint, createHash('sha256').update(der).digest('hex'));
  });

  it('answers every caller alike, a person or a till', async () => {
    const anonymous = (await net.request('GET', '/v1/ledger/key')).body;
    for (const auth of [net.token('manufacturer'), net.token('customer'), net.apiKey]) {
      const res = await net.request('GET', '/v1/ledger/key', { auth });
      assert.equal(res.status, 200);
      assert.deepEqual(res.body, anonymous);
    }
  });
});

/**
 * A query server whose ledger engine signs with no node key, as on Fabric (orderer certificates
 * sign its blocks): its proof service has no `publicKeyPem`. Here over an embedded ledger.
 */
describe('GET /v1/ledger/key where the ledger engine has no node key', () => {
  const dir = tempDir('eter-key-501-');
  let app: FastifyInstance | undefined;
  let ledger: EmbeddedLedger | undefined;
  let readModel: ReadModel | undefined;
  let users: UserStore | undefined;
  let keys: TerminalKeyStore | undefined;
  let url = '';

  before(async () => {
    ledger = openLocalLedger(dir.path);
    const client = new ContractClient(ledger);
    await bootstrapIfNew(client);
    readModel = ReadModel.open(join(dir.path, 'read.db'));
    users = new UserStore(join(dir.path, 'access.db'));
    const config = loadConfig({
      flags: { role: 'query', port: 0, dataDir: dir.path, logLevel: 'silent' },
    });
    const unused = () => Promise.reject(new Error('not in this test'));
    const keyless: ProofService = {
      disclosure: 'block',
      head: unused,
      inclusion: unused,
      consistency: unused,
    };
    app = await buildServer({
      config,
      client,
      keys: (keys = new TerminalKeyStore(join(dir.path, 'access.db'))),
      users,
      tokens: TokenService.open(dir.path, { ttlSeconds: config.tokenTtlSeconds }),
      identities: localIdentities,
      query: new QueryContext(
        new Projector(ledger, readModel),
        client,
        { query: localIdentities.query, operator: localIdentities.operator },
        keyless,
        LineReferences.open(dir.path),
      ),
    });
    url = await app.listen({ host: '127.0.0.1', port: 0 });
  });
  after(async () => {
    await app?.close();
    readModel?.close();
    await ledger?.close();
    users?.close();
    keys?.close();
    dir.cleanup();
  });

  it('answers 501, as a problem', async () => {
    const res = await fetch(`${url}/v1/ledger/key`);
    assert.equal(res.status, 501);
    assert.match(res.headers.get('content-type') ?? '', /^application\/problem\+json/);
    const body = (await res.json()) as { status: number; title: string };
    assert.equal(body.status, 501);
    assert.equal(body.title, 'This ledger engine has no node key');
  });
});
