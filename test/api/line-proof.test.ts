/**
 * A manufacturer's proof of one of its sale lines over real HTTP, on a real ledger: the line
 * alone, disclosed from its ticket's version 3 record, checked offline; nothing else of the
 * ticket in the document; another's line, a made-up reference and a tampered proof refused.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Ticket } from '../../src/format';
import {
  checkElementProof,
  ProofCheckError,
  readDisclosure,
  type ElementProofBundle,
} from '../../src/ledger/verifier';
import type { SaleLinePage } from '../../src/readmodel';
import { buildTicket, gtin13 } from '../../src/sim/ticket-factory';
import {
  ALBION_PREFIX,
  FABER_PREFIX,
  ids,
  startTestNetwork,
  type TestNetwork,
} from '../support/network';

const PEN = gtin13(FABER_PREFIX, 1);
const INK = gtin13(FABER_PREFIX, 2);
const TEA = gtin13(ALBION_PREFIX, 1);
const DAY = 'from=2026-11-25&to=2026-11-25';

/** Faber's pen and ink and Albion's tea, bought together, and `extra` more teas. */
function basketOf(ticketId: string, issuedAt: string, extra = 0): Ticket {
  return buildTicket({
    ticketId,
    storeId: ids.own.store,
    issuedAt,
    customerId: ids.own.customer,
    lines: [
      { gtin: PEN, quantity: '2', unitPrice: '1.99', description: 'Pen' },
      { gtin: TEA, quantity: '1', unitPrice: '3.50', description: 'Tea' },
      { gtin: INK, quantity: '1', unitPrice: '4.25', description: 'Ink' },
      ...Array.from({ length: extra }, (_, i) => ({
        gtin: gtin13(ALBION_PREFIX, 10 + i),
        quantity: '1',
        unitPrice: '0.50',
        description: `Biscuit ${i}`,
      })),
    ],
  });
}

describe('a manufacturer’s line proofs', () => {
  let net: TestNetwork;
  let faber: string;
  let albion: string;
  let publicKey: string;
  const secrets: string[] = [];

  const get = (path: string, auth: string) => net.request('GET', path, { auth });
  const linesOf = async (manufacturerId: string, auth: string) => {
    const res = await get(`/v1/manufacturers/${manufacturerId}/sales/lines?${DAY}`, auth);
    assert.equal(res.status, 200, JSON.stringify(res.body));
    return (res.body as SaleLinePage).lines;
  };
  const proofPath = (manufacturerId: string, reference: string) =>
    `/v1/manufacturers/${manufacturerId}/sales/lines/${reference}/proof`;

  before(async () => {
    net = await startTestNetwork();
    faber = net.token('manufacturer');
    albion = net.token('manufacturer', 'foreign');
    publicKey = net.server.ledger.key.publicKeyPem();
    for (const ticket of [
      basketOf('t-proof-a', '2026-11-25T09:10:00+01:00'),
      basketOf('t-proof-b', '2026-11-25T10:10:00+01:00', 7),
    ]) {
      const res = await net.request('POST', '/v1/tickets', { auth: net.apiKey, body: ticket });
      assert.equal(res.status, 201, JSON.stringify(res.body));
      const body = res.body as { ticketId: string };
      secrets.push(body.ticketId, ticket.total, ticket.customerId!);
    }
    await net.settled();
  });
  after(async () => {
    await net.close();
  });

  it('proves each line alone: the line as recorded, in a leaf that shows nothing else', async () => {
    const lines = await linesOf(ids.own.manufacturer, faber);
    assert.equal(lines.length, 4);
    for (const line of lines) {
      const res = await get(proofPath(ids.own.manufacturer, line.reference), faber);
      assert.equal(res.status, 200, JSON.stringify(res.body));
      const doc = res.body as ElementProofBundle & { kind: string };
      assert.equal(doc.kind, 'rfc6962');
      const checked = checkElementProof(doc, publicKey);
      assert.equal(checked.elements.length, 1);
      const element = checked.elements[0] as Record<string, unknown>;
      assert.deepEqual(
        [element.gtin, element.quantity, element.amount],
        [line.gtin, line.quantity, line.amount],
      );
      // 3 lines fill 8 slots, 10 lines 16: the count shows only its power-of-two bucket.
      assert.ok(
        [8, 16].includes(checked.leaf.elements!.length),
        `${checked.leaf.elements!.length}`,
      );
      const text = JSON.stringify(doc);
      const others = [TEA, 'Tea', 'Biscuit', line.gtin === PEN ? INK : PEN, ...secrets];
      for (const secret of others) assert.ok(!text.includes(secret), `the proof shows ${secret}`);
      for (const word of ['customerId', 'payments', 'writes', 'reads', 'args'])
        assert.ok(!text.includes(`"${word}"`), `the proof shows ${word}`);
    }
  });

  it('pads to the next power of two: 3 lines in 8 digests, 10 in 16', async () => {
    const lines = await linesOf(ids.own.manufacturer, faber);
    const slots = new Map<string, number>();
    for (const line of lines) {
      const res = await get(proofPath(ids.own.manufacturer, line.reference), faber);
      const { leaf } = checkElementProof(res.body as ElementProofBundle, publicKey);
      slots.set(leaf.txId, leaf.elements!.length);
      // Sorted, so a digest's place says nothing of its line's.
      assert.deepEqual(leaf.elements, [...leaf.elements!].sort());
    }
    assert.deepEqual([...slots.values()].sort(), [16, 8]);
  });

  it('refuses a tampered disclosure and a tampered leaf', async () => {
    const [line] = await linesOf(ids.own.manufacturer, faber);
    const res = await get(proofPath(ids.own.manufacturer, line!.reference), faber);
    const doc = res.body as ElementProofBundle;
    const { salt, element } = readDisclosure(doc.disclosures[0])!;
    const forged = Buffer.from(
      JSON.stringify([salt, { ...(element as object), quantity: '20' }]),
    ).toString('base64url');
    assert.throws(
      () => checkElementProof({ ...doc, disclosures: [forged] }, publicKey),
      (e: unknown) => e instanceof ProofCheckError && e.code === 'payload-mismatch',
    );
    const leaf = doc.leaf.replace(
      '"validation":"VALID"',
      '"validation":"ENDORSEMENT_POLICY_FAILURE"',
    );
    assert.notEqual(leaf, doc.leaf);
    assert.throws(
      () => checkElementProof({ ...doc, leaf }, publicKey),
      (e: unknown) => e instanceof ProofCheckError && e.code === 'not-included',
    );
  });

  it('answers 404 for another manufacturer’s line and for a made-up reference, 400 for a malformed one', async () => {
    const [tea] = await linesOf(ids.foreign.manufacturer, albion);
    assert.ok(tea !== undefined);
    // Albion's own line is provable by Albion, not by Faber under Faber's id.
    assert.equal(
      (await get(proofPath(ids.foreign.manufacturer, tea.reference), albion)).status,
      200,
    );
    assert.equal((await get(proofPath(ids.own.manufacturer, tea.reference), faber)).status, 404);
    assert.equal(
      (await get(proofPath(ids.foreign.manufacturer, tea.reference), faber)).status,
      404,
    );
    const madeUp = Buffer.alloc(16, 7).toString('base64url');
    assert.equal((await get(proofPath(ids.own.manufacturer, madeUp), faber)).status, 404);
    const bad = await get(proofPath(ids.own.manufacturer, 'not-a-reference'), faber);
    assert.equal(bad.status, 400, JSON.stringify(bad.body));
  });
});
