/**
 * The auditor's explorer in a real Chromium (issue 21 §2 and §4), against a real server on a
 * temporary ledger: the RFC 6962 vectors through the very verifier chunk the app loads, the node
 * key pinned from `eter pubkey`, an inclusion proof verified in the page, the same proof with one
 * flipped byte refused with its reason, a Fabric proof shown as not verifiable here, signed heads
 * and a consistency proof, a head inconsistent with the remembered one raising the alarm (and not
 * replacing it), and a key taken from the server labelled "trust on first use". axe-core on each
 * view. Skipped without chromium on PATH, except in CI.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash, createPublicKey, generateKeyPairSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { NodeKey, NODE_KEY_FILE } from '../../src/ledger/embedded';
import { consistencyVectors, inclusionVectors } from '../../src/ledger/merkle/testonly/vectors';
import { basket, ids, startTestNetwork, type TestNetwork } from '../support/network';
import {
  assertAccessible,
  launchChromium,
  openPage,
  PASSWORD,
  screenshot,
  screenshotFolder,
  skipWithoutChromium,
  watchForErrors,
} from './browser-harness';

const REPO = join(__dirname, '..', '..', '..');
const DESKTOP = { width: 1100, height: 800 };

/** The verifier's chunk, as the app's build recorded it (web/vite.config.mts: `manifest`). */
function verifierChunk(): { file: string; importedByApp: boolean } {
  const manifest = JSON.parse(
    readFileSync(join(REPO, 'web', 'dist', '.vite', 'manifest.json'), 'utf8'),
  ) as Record<string, { file: string; imports?: string[]; dynamicImports?: string[] }>;
  const [source, chunk] =
    Object.entries(manifest).find(([src]) => src.endsWith('src/ledger/verifier/index.ts')) ?? [];
  assert.ok(source !== undefined && chunk !== undefined, 'the build has a verifier chunk');
  const importedByApp = Object.values(manifest).some((c) => c.dynamicImports?.includes(source));
  // Loaded on demand only: the page every login loads first does not bring it (nor noble).
  const entry = manifest['index.html'];
  assert.ok(entry !== undefined && !(entry.imports ?? []).includes(source));
  assert.ok(!(entry.dynamicImports ?? []).includes(source), 'only the auditor pages load it');
  return { file: chunk.file, importedByApp };
}

/** SHA-256 of the key's 32 raw bytes, grouped by four as the explorer shows it. */
function fingerprint(pem: string): string {
  const raw = createPublicKey(pem).export({ format: 'der', type: 'spki' }).subarray(12);
  return (createHash('sha256').update(raw).digest('hex').match(/.{4}/g) ?? []).join(' ');
}

/**
 * Reads (`value` undefined) or writes a value of the explorer's IndexedDB store
 * (web/src/features/audit/trust/trust-store.ts: database `eter-audit`, store `trust`), in the page.
 * Source text, since this project's test types have no DOM.
 */
function trustStore(page: Page, key: string, value?: unknown): Promise<unknown> {
  return page.evaluate(`new Promise((resolve, reject) => {
    const open = indexedDB.open('eter-audit');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const write = ${JSON.stringify(value !== undefined)};
      const tx = open.result.transaction('trust', write ? 'readwrite' : 'readonly');
      const request = write
        ? tx.objectStore('trust').put(${JSON.stringify(value ?? null)}, ${JSON.stringify(key)})
        : tx.objectStore('trust').get(${JSON.stringify(key)});
      tx.oncomplete = () => resolve(write ? undefined : request.result ?? null);
      tx.onerror = () => reject(tx.error);
    };
  })`);
}

describe("the auditor's explorer in Chromium", { skip: skipWithoutChromium() }, () => {
  let net: TestNetwork;
  let browser: Browser;
  let page: Page;
  let pem: string;
  const problems: string[] = [];

  const record = async (prefix: string, count: number) => {
    const tickets = Array.from({ length: count }, (_, i) =>
      basket(`${prefix}-${i + 1}`, ids.own.store, ids.own.customer),
    );
    const answer = await net.request('POST', '/v1/tickets:batch', {
      auth: net.apiKey,
      body: { tickets },
    });
    assert.equal(answer.status, 200);
    await net.settled();
  };

  const logIn = async (p: Page) => {
    await p.goto(`${net.url}/`);
    await p.getByLabel('Username').fill('auditor-own');
    await p.getByLabel('Password').fill(PASSWORD);
    await p.getByRole('button', { name: 'Log in' }).click();
    await p.getByRole('heading', { name: 'Welcome, auditor-own' }).waitFor();
  };

  before(async () => {
    screenshotFolder();
    net = await startTestNetwork();
    // Several blocks, for heads over time and a consistency proof between two of them.
    for (const batch of ['t-audit-a', 't-audit-b', 't-audit-c']) await record(batch, 3);
    // The key as the operator publishes it.
    const printed = spawnSync(
      process.execPath,
      [join(REPO, 'bin', 'eter.js'), 'pubkey', '--data', net.dataDir],
      {
        encoding: 'utf8',
      },
    );
    assert.equal(printed.status, 0, printed.stderr);
    pem = printed.stdout;
    browser = await launchChromium();
    page = await openPage(browser, { viewport: DESKTOP }, problems);
  });

  after(async () => {
    await browser?.close();
    await net?.close();
  });

  it("runs the RFC 6962 vectors through the app's own verifier chunk, in Chromium", async () => {
    const chunk = verifierChunk();
    assert.ok(chunk.importedByApp, 'the app loads that chunk');
    const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
    const inclusion = inclusionVectors().map((v) => ({
      file: v.file,
      index: String(v.leafIdx),
      size: String(v.treeSize),
      leaf: hex(v.leafHash),
      proof: v.proof.map(hex),
      root: hex(v.root),
      wantErr: v.wantErr,
    }));
    const consistency = consistencyVectors().map((v) => ({
      file: v.file,
      size1: String(v.size1),
      size2: String(v.size2),
      proof: v.proof.map(hex),
      root1: hex(v.root1),
      root2: hex(v.root2),
      wantErr: v.wantErr,
    }));
    await page.goto(`${net.url}/login`);
    const result = await page.evaluate(
      async ({ url, inclusion, consistency }) => {
        type Verifier = {
          fromHex(text: string): Uint8Array;
          verifyInclusion(...args: unknown[]): void;
          verifyConsistency(...args: unknown[]): void;
        };
        const v = (await import(url)) as Verifier;
        const bytes = (text: string) => (text === '' ? new Uint8Array() : v.fromHex(text));
        const wrong: string[] = [];
        const run = (file: string, wantErr: boolean, check: () => void) => {
          let rejected = false;
          try {
            check();
          } catch (error) {
            if ((error as Error).name !== 'ProofError') wrong.push(`${file}: ${String(error)}`);
            rejected = true;
          }
          if (rejected !== wantErr) wrong.push(`${file}: rejected ${rejected}`);
        };
        for (const c of inclusion)
          run(c.file, c.wantErr, () =>
            v.verifyInclusion(
              BigInt(c.index),
              BigInt(c.size),
              bytes(c.leaf),
              c.proof.map(bytes),
              bytes(c.root),
            ),
          );
        for (const c of consistency)
          run(c.file, c.wantErr, () =>
            v.verifyConsistency(
              BigInt(c.size1),
              BigInt(c.size2),
              c.proof.map(bytes),
              bytes(c.root1),
              bytes(c.root2),
            ),
          );
        return {
          wrong,
          hasBuffer: 'Buffer' in globalThis,
          ran: inclusion.length + consistency.length,
        };
      },
      { url: `/${chunk.file}`, inclusion, consistency },
    );
    assert.deepEqual(result.wrong, []);
    assert.equal(result.ran, inclusion.length + consistency.length);
    assert.ok(inclusion.some((v) => v.wantErr) && consistency.some((v) => !v.wantErr));
    assert.equal(result.hasBuffer, false, 'no Node in the page');
  });

  it('takes the auditor from home to the explorer, where the key from eter pubkey is pinned', async () => {
    await logIn(page);
    await page.getByRole('link', { name: /^Audit the ledger/ }).click();
    await page.getByRole('heading', { name: 'Ledger explorer', level: 1 }).waitFor();
    // Nothing is verified before a key is pinned.
    await page.getByRole('heading', { name: 'The node key you trust' }).waitFor();
    await assertAccessible(page, 'the explorer before a key is pinned');
    await page.getByLabel('Node public key (PEM)').fill(pem);
    await page.getByRole('button', { name: 'Pin this key' }).click();
    assert.equal(await page.getByTestId('fingerprint').textContent(), fingerprint(pem));
    assert.match((await page.getByTestId('key-source').textContent()) ?? '', /^pasted by you/);
    assert.equal(await page.getByTestId('tofu-warning').count(), 0);
    await page.getByTestId('continuity').filter({ hasText: 'the first this browser' }).waitFor();
    await page.getByTestId('verdict').filter({ hasText: 'Verified.' }).waitFor();
    await screenshot(page, 'auditor-explorer');
    await assertAccessible(page, 'the explorer');
  });

  it("verifies a transaction's inclusion proof in the page", async () => {
    await page
      .getByRole('navigation', { name: 'Ledger explorer' })
      .getByRole('link', { name: 'Blocks and transactions' })
      .click();
    await page
      .getByRole('heading', { name: /^Block \d+$/ })
      .first()
      .waitFor();
    await page
      .getByText(/^Blocks \d+ to \d+ of \d+$/)
      .first()
      .waitFor();
    await assertAccessible(page, 'the blocks');
    // A ticket of the last batch: its audit path has several hashes.
    await page
      .getByRole('link', { name: /^Proof of transaction/ })
      .nth(1)
      .click();
    await page
      .getByTestId('verdict')
      .filter({
        hasText: /^✓ Verified\. This transaction, with its verdict and payload, is leaf \d+/,
      })
      .waitFor();
    await page.getByText('tickets:RecordTicket').waitFor();
    await page.getByText(/eter check-proof proof-[0-9a-f]{16}\.json --pubkey node\.pem/).waitFor();
    await assertAccessible(page, 'a verified inclusion proof');
  });

  it('shows the proof with one flipped byte as not verified, with the reason', async () => {
    const flip = (hex: string, at: number) =>
      hex.slice(0, at) + (hex[at] === '0' ? '1' : '0') + hex.slice(at + 1);
    for (const [part, tamper, reason] of [
      [
        'the audit path',
        (doc: { proof: string[] }) => ({
          ...doc,
          proof: [flip(doc.proof[0]!, 10), ...doc.proof.slice(1)],
        }),
        'Not verified: the audit path does not lead to the root the node signed.',
      ],
      [
        'the head signature',
        (doc: { head: { signature: string } }) => {
          const signature = Buffer.from(doc.head.signature, 'base64');
          signature[5] ^= 0x01;
          return { ...doc, head: { ...doc.head, signature: signature.toString('base64') } };
        },
        'Not verified: the signature does not verify with the node key you pinned.',
      ],
    ] as const) {
      await page.route('**/v1/ledger/transactions/*/proof', async (route) => {
        const response = await route.fetch();
        const doc = (await response.json()) as { proof: string[]; head: { signature: string } };
        assert.ok(doc.proof.length > 0, 'an audit path to tamper with');
        await route.fulfill({ response, json: tamper(doc) });
      });
      await page.reload();
      const alert = page.getByRole('alert').filter({ hasText: reason });
      await alert.waitFor();
      assert.equal(await page.getByText('✓ Verified. This transaction').count(), 0, part);
      await page.unroute('**/v1/ledger/transactions/*/proof');
    }
    await screenshot(page, 'auditor-proof-refused');
    await assertAccessible(page, 'a refused proof');
  });

  it('shows a Fabric proof as not verifiable here, with the command that verifies it', async () => {
    await page.route('**/v1/ledger/transactions/*/proof', (route) =>
      route.fulfill({
        json: {
          kind: 'fabric-block',
          format: 'eter-fabric-inclusion/v1',
          channel: 'eter',
          txId: 'f'.repeat(64),
          envelopes: [],
        },
      }),
    );
    await page.reload();
    const notice = page.getByTestId('fabric-notice');
    await notice.getByText('Not verifiable here.').waitFor();
    assert.match(
      (await notice.locator('pre.command').textContent()) ?? '',
      /^eter check-proof proof-[0-9a-f]{16}\.json --orderer-ca \S+ca\.orderer\.eter\.local-cert\.pem$/,
    );
    assert.equal(await page.getByTestId('verdict').count(), 0);
    await assertAccessible(page, 'a Fabric proof');
    await page.unroute('**/v1/ledger/transactions/*/proof');
  });

  it('verifies the signed heads over time, and a consistency proof between two heads picked', async () => {
    await page.getByRole('link', { name: 'Signed heads' }).first().click();
    const height = (
      (await net.request('GET', '/v1/ledger/head', { auth: net.token('auditor') })).body as {
        height: number;
      }
    ).height;
    await page
      .getByTestId('heads-verdict')
      .filter({ hasText: `All ${Math.min(10, height)} heads verified and linked.` })
      .waitFor();
    await assertAccessible(page, 'the signed heads');
    await page.getByRole('link', { name: 'Consistency between heads' }).click();
    await page.getByLabel('From block').fill('2');
    await page.getByLabel('To block (empty: the newest)').fill(String(height - 1));
    await page.getByRole('button', { name: 'Check' }).click();
    await page
      .getByTestId('verdict')
      .filter({ hasText: `✓ Verified. Block ${height - 1} (log size` })
      .filter({ hasText: 'extends block 2 (log size' })
      .waitFor();
    await assertAccessible(page, 'a consistency proof');
  });

  it('warns when the new head is not consistent with the one remembered, and keeps that one', async () => {
    const key = `head:${fingerprint(pem).replace(/ /g, '')}`;
    const remembered = (await trustStore(page, key)) as { header: string; block: number };
    assert.ok(remembered !== null, 'the explorer remembered a head');
    // The node's own key signs another header for that block: a second history, validly signed.
    const header = JSON.parse(remembered.header) as { logRoot: string };
    const forgedHeader = JSON.stringify({
      ...header,
      logRoot: header.logRoot.replace(/^./, (c) => (c === 'a' ? 'b' : 'a')),
    });
    const nodeKey = NodeKey.loadOrCreate(join(net.dataDir, NODE_KEY_FILE));
    const forged = {
      ...remembered,
      header: forgedHeader,
      signature: nodeKey.sign(Buffer.from(forgedHeader)).toString('base64'),
    };
    await trustStore(page, key, forged);
    await record('t-audit-d', 2);
    await page.goto(`${net.url}/auditor`);
    const alert = page.getByTestId('continuity-alert');
    await alert
      .getByRole('heading', {
        name: 'Warning: the ledger is not consistent with what you verified before',
      })
      .waitFor();
    assert.equal(await alert.getAttribute('role'), 'alert');
    await alert.getByText(/the ledger has two histories/).waitFor();
    await alert
      .getByText(`The head you verified at block ${remembered.block}`, { exact: false })
      .waitFor();
    await assertAccessible(page, 'the inconsistency warning');
    await screenshot(page, 'auditor-inconsistent');
    // Not overwritten, on this visit or the next.
    assert.deepEqual(await trustStore(page, key), forged);
    await page.reload();
    await alert.waitFor();
    assert.deepEqual(await trustStore(page, key), forged);
  });

  it("loads the key from the operator's file, verifies nothing under another node's key, and labels a key taken from the server as trust on first use", async () => {
    const context = await browser.newContext({ locale: 'en-GB', viewport: DESKTOP });
    const other = await context.newPage();
    watchForErrors(other, problems);
    await logIn(other);
    await other.goto(`${net.url}/auditor`);
    // The operator's file first, then forgotten (the heads remembered for it stay behind).
    await other
      .getByLabel('Or load the file the operator published:')
      .setInputFiles({ name: 'node.pem', mimeType: 'text/plain', buffer: Buffer.from(pem) });
    assert.match(
      (await other.getByTestId('key-source').textContent()) ?? '',
      /^loaded by you from a file/,
    );
    await other.getByRole('button', { name: 'Forget this key' }).click();
    // Another node's key: nothing verifies with it.
    const stranger = generateKeyPairSync('ed25519').publicKey.export({
      type: 'spki',
      format: 'pem',
    });
    await other.getByLabel('Node public key (PEM)').fill(stranger.toString());
    await other.getByRole('button', { name: 'Pin this key' }).click();
    const alert = other.getByTestId('continuity-alert');
    await alert
      .getByRole('heading', { name: 'Warning: the newest head does not verify' })
      .waitFor();
    await alert.getByText('the signature does not verify with the node key you pinned.').waitFor();
    await other.getByRole('button', { name: 'Forget this key' }).click();
    await other.getByRole('heading', { name: 'Trust on first use' }).waitFor();
    await other
      .getByRole('button', { name: "Trust the server's key (trust on first use)" })
      .click();
    assert.equal(await other.getByTestId('fingerprint').textContent(), fingerprint(pem));
    assert.match(
      (await other.getByTestId('key-source').textContent()) ?? '',
      /^trust on first use: taken from this server/,
    );
    await other
      .getByTestId('tofu-warning')
      .filter({ hasText: 'Trust on first use: this key came from the server being audited' })
      .waitFor();
    await assertAccessible(other, 'a key on trust on first use');
    await context.close();
  });

  it('speaks Spanish too', async () => {
    await page.getByRole('button', { name: 'Español' }).click();
    await page.getByRole('heading', { name: 'Explorador del registro', level: 1 }).waitFor();
    await page
      .getByText('Atención: el registro no es consistente con lo que verificaste antes')
      .waitFor();
    await page.getByRole('button', { name: 'English' }).click();
  });

  it('ends without page errors', () => {
    assert.deepEqual(problems, []);
  });
});
