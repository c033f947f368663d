import type { common } from '@hyperledger/fabric-protos';
import { FabricLedger, readConnectionProfile, verifyFabricBlocks } from '../../ledger/fabric';

/**
 * `eter verify --fabric-profile FILE`: reads the channel's blocks through a
 * peer's deliver service and checks the header hash chain, the data hashes
 * and the orderer signatures. Exit 0 when sound, 1 naming the first bad block.
 */
export async function verifyFabric(profileFile: string, json: boolean): Promise<void> {
  const ledger = FabricLedger.connect({ profile: readConnectionProfile(profileFile) });
  const started = process.hrtime.bigint();
  const blocks: common.Block[] = [];
  try {
    const height = await ledger.height();
    const abort = new AbortController();
    if (height > 0) {
      for await (const block of ledger.rawBlocks({ startBlock: 0, signal: abort.signal })) {
        blocks.push(block);
        if (blocks.length >= height) abort.abort();
      }
    }
  } finally {
    await ledger.close();
  }
  const report = verifyFabricBlocks(blocks);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (json) {
    process.stdout.write(`${JSON.stringify({ engine: 'fabric', ...report, seconds })}\n`);
  } else if (report.ok) {
    process.stdout.write(
      `Fabric channel is sound: ${report.blocks} blocks, ${report.transactions} transactions; ` +
        `hash chain, data hashes and orderer signatures checked in ${seconds.toFixed(2)} s\n`,
    );
  } else {
    const f = report.failure!;
    process.stdout.write(`CHANNEL IS NOT SOUND: block ${f.block}: ${f.fault}: ${f.detail}\n`);
  }
  if (!report.ok) process.exitCode = 1;
}
