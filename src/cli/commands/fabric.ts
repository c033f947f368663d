import type { Command } from 'commander';
import { NetworkError } from '../../fabric/errors';
import { newTopology, readTopology, type Topology } from '../../fabric/topology';
import { CliError } from '../cli-error';
import { fabricNetwork } from '../fabric-modules';

/** Default folder of the local Fabric network. */
const DEFAULT_DIR = './data/fabric';

const dirOption = ['--dir <dir>', 'folder of the local Fabric network', DEFAULT_DIR] as const;

/** `eter fabric up | down | status`: a local Fabric network of plain processes on 127.0.0.1. */
export function registerFabric(program: Command): void {
  const fabric = program
    .command('fabric')
    .description('run a local Hyperledger Fabric network for Eter (no Docker; see docs/fabric.md)');

  fabric
    .command('up')
    .description(
      'create (or restart) the network and deploy the contract as chaincode-as-a-service',
    )
    .option(...dirOption)
    .option('--base-port <port>', 'first of the 300 ports the network uses', '7050')
    .option('--orderers <n>', 'Raft orderers: 1, or 3 to survive the loss of one', '1')
    .action(async (options: { dir: string; basePort: string; orderers: string }) => {
      const orderers = Number(options.orderers);
      const basePort = Number(options.basePort);
      if (orderers !== 1 && orderers !== 3) throw new CliError('--orderers must be 1 or 3');
      if (!Number.isInteger(basePort) || basePort < 1024 || basePort > 65_000) {
        throw new CliError('--base-port must be a port between 1024 and 65000');
      }
      const topology =
        readTopology(options.dir) ?? newTopology({ dir: options.dir, basePort, orderers });
      const started = Date.now();
      const result = await stage(() =>
        fabricNetwork().networkUp(topology, {
          log: (line) => process.stderr.write(`fabric: ${line}\n`),
        }),
      );
      process.stdout.write(
        `${result.created ? 'created' : 'restarted'} in ${((Date.now() - started) / 1000).toFixed(1)} s; ` +
          `connection profile: ${result.profile}\n`,
      );
    });

  fabric
    .command('down')
    .description('stop exactly the processes `up` started (by their pid files); data stays')
    .option(...dirOption)
    .action(async (options: { dir: string }) => {
      const topology = existing(options.dir);
      const nodes = await stage(() =>
        fabricNetwork().networkDown(topology, (line) => process.stderr.write(`fabric: ${line}\n`)),
      );
      process.stdout.write(`stopped ${nodes.length} processes\n`);
    });

  fabric
    .command('status')
    .description('list the network processes and the channel height')
    .option(...dirOption)
    .option('--json', 'print one JSON object')
    .action(async (options: { dir: string; json?: boolean }) => {
      const status = await fabricNetwork().networkStatus(existing(options.dir));
      if (options.json) {
        process.stdout.write(`${JSON.stringify(status)}\n`);
        return;
      }
      for (const node of status.nodes) {
        process.stdout.write(
          `${node.running ? 'running' : 'stopped'}  ${node.name.padEnd(30)} pid ${node.pid}  ${node.logFile}\n`,
        );
      }
      process.stdout.write(
        `channel ${status.channel}: ${status.height === undefined ? 'no peer answers' : `height ${status.height}`}\n`,
      );
    });
}

function existing(dir: string): Topology {
  const topology = readTopology(dir);
  if (!topology)
    throw new CliError(`no Fabric network in ${dir} (create one with: eter fabric up)`);
  return topology;
}

async function stage<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof NetworkError) throw new CliError(error.message, 1);
    throw error;
  }
}
