/**
 * Forgeries of a Fabric inclusion document, each with the check's code that
 * must catch it: a flipped byte anywhere that matters, and fields that
 * point elsewhere.
 */
import type { FabricProofCode } from '../../src/ledger/fabric';

type Doc = Record<string, unknown>;
type Header = { number: number; previousHash: string; dataHash: string };

const flipHex = (hex: string, at = 0) => {
  const bytes = Buffer.from(hex, 'hex');
  bytes[at] = bytes[at]! ^ 1;
  return bytes.toString('hex');
};
const flipBase64 = (b64: string, at: number) => {
  const bytes = Buffer.from(b64, 'base64');
  bytes[at] = bytes[at]! ^ 1;
  return bytes.toString('base64');
};
const withHeader = (doc: Doc, change: Partial<Header>) => ({
  ...doc,
  header: { ...(doc.header as Header), ...change },
});
const envelopes = (doc: Doc) => doc.envelopes as string[];
const withEnvelope = (doc: Doc, at: number, value: string) => ({
  ...doc,
  envelopes: envelopes(doc).map((e, i) => (i === at ? value : e)),
});

export const fabricProofProbes: [string, (doc: Doc) => Doc, FabricProofCode][] = [
  [
    'a byte of the ticket envelope',
    (d) => {
      const at = d.txIndex as number;
      return withEnvelope(d, at, flipBase64(envelopes(d)[at]!, 300));
    },
    'data-hash',
  ],
  ['an envelope left out', (d) => ({ ...d, envelopes: envelopes(d).slice(0, -1) }), 'data-hash'],
  [
    'the data hash, to match nothing',
    (d) => withHeader(d, { dataHash: flipHex((d.header as Header).dataHash) }),
    'data-hash',
  ],
  [
    'the previous hash',
    (d) => withHeader(d, { previousHash: flipHex((d.header as Header).previousHash, 5) }),
    'header-hash',
  ],
  [
    'the block number',
    (d) => withHeader(d, { number: (d.header as Header).number + 1 }),
    'header-hash',
  ],
  [
    'the header hash',
    (d) => ({ ...d, headerHash: flipHex(d.headerHash as string, 31) }),
    'header-hash',
  ],
  ['another transaction id', (d) => ({ ...d, txId: 'f'.repeat(64) }), 'tx-id'],
  ['another channel', (d) => ({ ...d, channel: 'other' }), 'tx-id'],
  [
    'a byte of the orderer signature',
    (d) => {
      const bytes = Buffer.from(d.signatures as string, 'base64');
      // The DER ECDSA signature ends the metadata: flip inside its last integer.
      bytes[bytes.length - 5] = bytes[bytes.length - 5]! ^ 1;
      return { ...d, signatures: bytes.toString('base64') };
    },
    'bad-signature',
  ],
  ['no signature', (d) => ({ ...d, signatures: '' }), 'no-signature'],
  ['not a Fabric document', (d) => ({ ...d, format: 'eter-inclusion-proof/v1' }), 'malformed'],
];
