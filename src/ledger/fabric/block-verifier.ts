import { common, msp } from '@hyperledger/fabric-protos';
import { createHash, verify, X509Certificate } from 'node:crypto';

/** Why a Fabric block failed verification. */
export type FabricBlockFault =
  'number' | 'previous-hash' | 'data-hash' | 'no-signature' | 'bad-signature' | 'untrusted-signer';

/** The outcome of {@link verifyFabricBlocks}. */
export interface FabricVerifyReport {
  readonly ok: boolean;
  readonly blocks: number;
  readonly transactions: number;
  readonly failure?: {
    readonly block: number;
    readonly fault: FabricBlockFault;
    readonly detail: string;
  };
}

/** DER length prefix (X.690 §8.1.3). */
function derLength(length: number): Buffer {
  if (length < 0x80) return Buffer.from([length]);
  const bytes: number[] = [];
  for (let n = length; n > 0; n = Math.floor(n / 256)) bytes.unshift(n & 0xff);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

const der = (tag: number, content: Buffer) =>
  Buffer.concat([Buffer.from([tag]), derLength(content.length), content]);

/** DER INTEGER of a non-negative number: minimal big-endian, a 0x00 lead when the top bit is set. */
function derUnsigned(value: bigint): Buffer {
  let hex = value.toString(16);
  if (hex.length % 2) hex = `0${hex}`;
  let bytes = Buffer.from(hex, 'hex');
  if (bytes[0]! & 0x80) bytes = Buffer.concat([Buffer.from([0]), bytes]);
  return der(0x02, bytes);
}

/**
 * The bytes a block header is hashed and signed as: Fabric's
 * `BlockHeaderBytes`, the ASN.1 DER `SEQUENCE { Number INTEGER,
 * PreviousHash OCTET STRING, DataHash OCTET STRING }`.
 */
export function blockHeaderBytes(header: common.BlockHeader): Buffer {
  return der(
    0x30,
    Buffer.concat([
      derUnsigned(BigInt(header.getNumber())),
      der(0x04, Buffer.from(header.getPreviousHash_asU8())),
      der(0x04, Buffer.from(header.getDataHash_asU8())),
    ]),
  );
}

/** SHA-256 of the parts, concatenated. */
export const sha256 = (...parts: Uint8Array[]) => {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part);
  return hash.digest();
};

/** The orderer organisation's root CAs, from the channel's genesis (config) block. */
export function ordererRootCertificates(genesis: common.Block): X509Certificate[] {
  const envelope = common.Envelope.deserializeBinary(genesis.getData()!.getDataList_asU8()[0]!);
  const payload = common.Payload.deserializeBinary(envelope.getPayload_asU8());
  const config = common.ConfigEnvelope.deserializeBinary(payload.getData_asU8()).getConfig();
  const orderer = config?.getChannelGroup()?.getGroupsMap().get('Orderer');
  const roots: X509Certificate[] = [];
  orderer?.getGroupsMap().forEach((org: common.ConfigGroup) => {
    const value = org.getValuesMap().get('MSP')?.getValue_asU8();
    if (!value) return;
    const fabricMsp = msp.FabricMSPConfig.deserializeBinary(
      msp.MSPConfig.deserializeBinary(value).getConfig_asU8(),
    );
    for (const pem of fabricMsp.getRootCertsList_asU8())
      roots.push(new X509Certificate(Buffer.from(pem)));
  });
  return roots;
}

/**
 * Checks a block's orderer signatures (the `SIGNATURES` metadata entry, a
 * `common.Metadata`): there is at least one, and each is by a certificate an
 * orderer root CA issued, over `metadata value ‖ signature header ‖ header
 * bytes` (Fabric's `protoutil.BlockSignatureVerifier`). Undefined when sound.
 */
export function ordererSignatureFault(
  signaturesBytes: Uint8Array,
  headerBytes: Buffer,
  roots: readonly X509Certificate[],
): { fault: 'no-signature' | 'untrusted-signer' | 'bad-signature'; detail: string } | undefined {
  const signatures = common.Metadata.deserializeBinary(signaturesBytes);
  const list = signatures.getSignaturesList();
  if (list.length === 0) return { fault: 'no-signature', detail: 'no orderer signature' };
  for (const signature of list) {
    const signatureHeader = signature.getSignatureHeader_asU8();
    const creator = msp.SerializedIdentity.deserializeBinary(
      common.SignatureHeader.deserializeBinary(signatureHeader).getCreator_asU8(),
    );
    const cert = new X509Certificate(Buffer.from(creator.getIdBytes_asU8()));
    if (!roots.some((root) => cert.checkIssued(root) && cert.verify(root.publicKey))) {
      return {
        fault: 'untrusted-signer',
        detail: `${cert.subject} is not issued by an orderer CA`,
      };
    }
    const signed = Buffer.concat([signatures.getValue_asU8(), signatureHeader, headerBytes]);
    const good = verify(
      'sha256',
      signed,
      { key: cert.publicKey, dsaEncoding: 'der' },
      signature.getSignature_asU8(),
    );
    if (!good) return { fault: 'bad-signature', detail: `signature of ${creator.getMspid()}` };
  }
  return undefined;
}

/**
 * Checks a channel's blocks from the genesis block on, in order: numbers
 * without gaps, each header's previous hash is the SHA-256 of the previous
 * header's DER bytes, each data hash is the SHA-256 of the block's
 * transaction envelopes, and each block carries at least one orderer
 * signature over `metadata value ‖ signature header ‖ header bytes` that
 * verifies under a certificate issued by an orderer organisation's root CA
 * (read from the genesis block). Stops at the first fault.
 */
export function verifyFabricBlocks(blocks: readonly common.Block[]): FabricVerifyReport {
  const roots = blocks.length > 0 ? ordererRootCertificates(blocks[0]!) : [];
  let previous: Buffer | undefined;
  let transactions = 0;
  const fail = (block: number, fault: FabricBlockFault, detail: string): FabricVerifyReport => ({
    ok: false,
    blocks: blocks.length,
    transactions,
    failure: { block, fault, detail },
  });
  for (const [index, block] of blocks.entries()) {
    const header = block.getHeader()!;
    const number = Number(header.getNumber());
    if (number !== index) return fail(index, 'number', `block ${index} says it is ${number}`);
    const headerBytes = blockHeaderBytes(header);
    if (previous && !previous.equals(Buffer.from(header.getPreviousHash_asU8()))) {
      return fail(number, 'previous-hash', 'does not match the hash of the previous header');
    }
    const data = block.getData()?.getDataList_asU8() ?? [];
    if (!sha256(...data).equals(Buffer.from(header.getDataHash_asU8()))) {
      return fail(number, 'data-hash', 'does not match the transactions');
    }
    if (number > 0) {
      const signatures =
        block.getMetadata()!.getMetadataList_asU8()[common.BlockMetadataIndex.SIGNATURES] ??
        new Uint8Array();
      const fault = ordererSignatureFault(signatures, headerBytes, roots);
      if (fault) return fail(number, fault.fault, fault.detail);
    }
    transactions += data.length;
    previous = sha256(headerBytes);
  }
  return { ok: true, blocks: blocks.length, transactions };
}
