import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { NetworkError } from './errors';

/** The Fabric binaries and default configuration built by `npm run fabric:build`. */
export interface FabricInstallation {
  readonly version: string;
  readonly bin: string;
  /** Fabric's sample `core.yaml` and `orderer.yaml` (FABRIC_CFG_PATH). */
  readonly config: string;
  /** Path of one binary. */
  tool(name: 'peer' | 'orderer' | 'configtxgen' | 'osnadmin' | 'cryptogen'): string;
}

/** The repository root, three levels above dist/src/fabric. */
export const REPO_ROOT = join(__dirname, '..', '..', '..');

/**
 * Finds the binaries of the pinned Fabric version in the cache
 * (`$ETER_FABRIC_HOME`, default `~/.cache/eter/fabric`).
 * @throws {NetworkError} stage `binaries` when they were not built.
 */
export function findInstallation(): FabricInstallation {
  const version = readFileSync(join(REPO_ROOT, 'fabric', 'tools', 'VERSION'), 'utf8').trim();
  const home = process.env.ETER_FABRIC_HOME || join(homedir(), '.cache', 'eter', 'fabric');
  const bin = join(home, version, 'bin');
  const config = join(home, version, 'config');
  if (!existsSync(join(home, version, 'stamp.json'))) {
    throw new NetworkError(
      'binaries',
      `Fabric ${version} is not built in ${home}: run \`npm run fabric:build\` first`,
    );
  }
  return { version, bin, config, tool: (name) => join(bin, name) };
}
