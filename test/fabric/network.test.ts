/**
 * `eter fabric up | status | down` as a user runs them: real Fabric
 * processes on 127.0.0.1, a transaction through the connection profile the
 * network wrote, and no process left behind.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { ContractClient } from '../../src/client/contract-client';
import { recordedNodes, isRunning } from '../../src/fabric/node-processes';
import { paths, readTopology } from '../../src/fabric/topology';
import { common } from '@hyperledger/fabric-protos';
import { FabricLedger, readConnectionProfile, verifyFabricBlocks } from '../../src/ledger/fabric';
import { fabricSkipReason, tempDir } from '../support/engines';
import { eter as runEter } from '../support/eter-process';
import { reserveTestPorts } from '../support/fabric-ports';
import type { PortReservation } from '../../src/fabric/free-ports';

const operator = { mspId: 'OperatorMSP', id: 'operator' };
const skip = fabricSkipReason();

/**
 * Whether a process exists and is not a zombie: `down` runs in a child
 * process, so the nodes it stops are reaped by init, maybe a moment later.
 */
function alive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
}

describe('eter fabric', { skip }, () => {
  const dir = tempDir('eter-fabric-cli-');
  let pids: number[] = [];
  let height = 0;
  let ports: PortReservation;

  before(async () => {
    ports = await reserveTestPorts();
  });
  after(() => {
    runEter('fabric', 'down', '--dir', dir.path);
    ports.release();
    dir.cleanup();
  });

  it('brings a network up in one command, well under a minute', async () => {
    const started = Date.now();
    const up = runEter('fabric', 'up', '--dir', dir.path, '--base-port', String(ports.basePort));
    assert.equal(up.code, 0, up.err);
    assert.match(up.out, /created in/);
    assert.ok(Date.now() - started < 60_000);
    const run = paths(readTopology(dir.path)!).run;
    const nodes = recordedNodes(run);
    assert.deepEqual(
      nodes.map((n) => n.name),
      [
        'chaincode',
        'orderer0.orderer.eter.local',
        'peer0.operator.eter.local',
        'peer0.retailer.eter.local',
      ],
    );
    assert.ok(nodes.every(isRunning));
    pids = nodes.map((n) => n.pid);
  });

  it('commits a transaction through the connection profile, endorsed by both orgs', async () => {
    const topology = readTopology(dir.path)!;
    const ledger = FabricLedger.connect({
      profile: readConnectionProfile(paths(topology).profile),
      preferMspId: 'RetailerMSP',
    });
    try {
      const eter = new ContractClient(ledger);
      const tx = await eter.bootstrap(operator, { operatorMspId: 'OperatorMSP' });
      height = await ledger.height();
      assert.equal(height, tx.blockNumber + 1);
      assert.deepEqual(await ledger.findTransaction(tx.transactionId), {
        blockNumber: tx.blockNumber,
        validationCode: 'VALID',
      });
    } finally {
      await ledger.close();
    }
  });

  it('verifies the channel with eter verify, and catches every tampered field', async () => {
    const profile = paths(readTopology(dir.path)!).profile;
    const run = runEter('verify', '--fabric-profile', profile, '--json');
    assert.equal(run.code, 0, run.out + run.err);
    const report = JSON.parse(run.out) as { ok: boolean; blocks: number };
    assert.equal(report.ok, true);
    assert.equal(report.blocks, height);

    const ledger = FabricLedger.connect({ profile: readConnectionProfile(profile) });
    const fetch = async () => {
      const blocks: common.Block[] = [];
      const abort = new AbortController();
      for await (const block of ledger.rawBlocks({ signal: abort.signal })) {
        blocks.push(block);
        if (blocks.length >= height) abort.abort();
      }
      return blocks;
    };
    const flip = (bytes: Uint8Array, at: number) => {
      const copy = Buffer.from(bytes);
      copy[at] = copy[at]! ^ 1;
      return copy;
    };
    try {
      assert.equal(verifyFabricBlocks(await fetch()).ok, true);
      const probes: [string, (blocks: common.Block[]) => void][] = [
        [
          'data-hash',
          (b) => {
            const data = b[2]!.getData()!;
            data.setDataList([flip(data.getDataList_asU8()[0]!, 20)]);
          },
        ],
        [
          'previous-hash',
          (b) => {
            const header = b[2]!.getHeader()!;
            header.setPreviousHash(flip(header.getPreviousHash_asU8(), 0));
          },
        ],
        [
          'bad-signature',
          (b) => {
            const metadata = b[2]!.getMetadata()!;
            const list = metadata.getMetadataList_asU8();
            const signatures = common.Metadata.deserializeBinary(list[0]!);
            const first = signatures.getSignaturesList()[0]!;
            first.setSignature(flip(first.getSignature_asU8(), 10));
            list[0] = signatures.serializeBinary();
            metadata.setMetadataList(list);
          },
        ],
      ];
      for (const [fault, tamper] of probes) {
        const blocks = await fetch();
        tamper(blocks);
        assert.equal(verifyFabricBlocks(blocks).failure?.fault, fault);
      }
    } finally {
      await ledger.close();
    }
  });

  it('shows the processes and the channel height', async () => {
    const status = runEter('fabric', 'status', '--dir', dir.path, '--json');
    assert.equal(status.code, 0, status.err);
    const report = JSON.parse(status.out) as {
      nodes: { running: boolean }[];
      height: number;
    };
    assert.equal(report.nodes.length, 4);
    assert.ok(report.nodes.every((n) => n.running));
    assert.equal(report.height, height);
  });

  it('stops exactly what it started and leaves no process', async () => {
    const down = runEter('fabric', 'down', '--dir', dir.path);
    assert.equal(down.code, 0, down.err);
    assert.match(down.out, /stopped 4 processes/);
    for (const pid of pids) assert.equal(alive(pid), false, `pid ${pid} still alive`);
    assert.deepEqual(recordedNodes(paths(readTopology(dir.path)!).run), []);
  });

  it('restarts the same network from its folder, state kept', async () => {
    const up = runEter('fabric', 'up', '--dir', dir.path);
    assert.equal(up.code, 0, up.err);
    assert.match(up.out, /restarted in/);
    const ledger = FabricLedger.connect({
      profile: readConnectionProfile(paths(readTopology(dir.path)!).profile),
    });
    try {
      const config = await new ContractClient(ledger).getConfig(operator);
      assert.equal(config.operatorMspId, 'OperatorMSP');
    } finally {
      await ledger.close();
    }
    const down = runEter('fabric', 'down', '--dir', dir.path);
    assert.equal(down.code, 0, down.err);
  });
});
