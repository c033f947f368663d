#!/usr/bin/env node
// Builds the Hyperledger Fabric binaries Eter's local network runs (peer,
// orderer, configtxgen, osnadmin, cryptogen) from the Go module pinned in
// fabric/tools, into a cache outside the clone keyed by version:
//   ${ETER_FABRIC_HOME:-~/.cache/eter/fabric}/<version>/bin
// Idempotent: a stamp holding the hash of go.mod + go.sum says the binaries
// in the cache were built from exactly this pin, so a second run only checks.
import { createHash } from 'node:crypto';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const TOOLS = ['peer', 'orderer', 'configtxgen', 'osnadmin', 'cryptogen'];
// Fabric's own default node configuration; `eter fabric up` overrides the
// per-node settings (addresses, paths, TLS) through environment variables.
const CONFIGS = ['core.yaml', 'orderer.yaml'];
const MODULE = 'github.com/hyperledger/fabric';

const toolsDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'fabric', 'tools');
const version = readFileSync(join(toolsDir, 'VERSION'), 'utf8').trim();
const home = process.env.ETER_FABRIC_HOME || join(homedir(), '.cache', 'eter', 'fabric');
const bin = join(home, version, 'bin');
const config = join(home, version, 'config');
const stampFile = join(home, version, 'stamp.json');
const pin = createHash('sha256')
  .update(readFileSync(join(toolsDir, 'go.mod')))
  .update(readFileSync(join(toolsDir, 'go.sum')))
  .digest('hex');

const say = (line) => console.log(`fabric:build: ${line}`);

function stampMatches() {
  if (!existsSync(stampFile)) return false;
  const stamp = JSON.parse(readFileSync(stampFile, 'utf8'));
  return (
    stamp.pin === pin &&
    TOOLS.every((tool) => existsSync(join(bin, tool))) &&
    CONFIGS.every((file) => existsSync(join(config, file)))
  );
}

if (stampMatches()) {
  say(`Fabric ${version} already built in ${bin} (pin ${pin.slice(0, 12)}); nothing to do`);
  process.exit(0);
}

const go = spawnSync('go', ['version'], { encoding: 'utf8' });
if (go.status !== 0) {
  console.error('fabric:build: `go` was not found; install Go >= 1.26 (see docs/fabric.md)');
  process.exit(1);
}
say(`building Fabric ${version} with ${go.stdout.trim()}`);
say(`module ${MODULE} as pinned in fabric/tools/go.mod; tools: ${TOOLS.join(', ')}`);
say(`into ${bin} (a cold build, Go caches empty, took about 4 minutes on 2 cores)`);

// Build beside the final folder and swap it in, so that an interrupted build
// never leaves a half-filled bin folder that looks complete.
const staging = `${bin}.partial`;
rmSync(staging, { recursive: true, force: true });
mkdirSync(staging, { recursive: true });
const commit = version.split('-').pop();
const ldflags = [
  `-X ${MODULE}/common/metadata.Version=${version}`,
  `-X ${MODULE}/common/metadata.CommitSHA=${commit}`,
].join(' ');
const started = Date.now();
const build = spawnSync(
  'go',
  [
    'build',
    '-trimpath',
    '-ldflags',
    ldflags,
    '-o',
    `${staging}/`,
    ...TOOLS.map((tool) => `${MODULE}/cmd/${tool}`),
  ],
  {
    cwd: toolsDir,
    stdio: 'inherit',
    // The pin is in go.mod/go.sum; never let a build edit them.
    env: { ...process.env, GOFLAGS: `${process.env.GOFLAGS ?? ''} -mod=readonly`.trim() },
  },
);
if (build.status !== 0) {
  console.error(`fabric:build: go build failed (exit ${build.status})`);
  process.exit(1);
}
rmSync(bin, { recursive: true, force: true });
renameSync(staging, bin);

const moduleDir = spawnSync('go', ['list', '-m', '-f', '{{.Dir}}', MODULE], {
  cwd: toolsDir,
  encoding: 'utf8',
}).stdout.trim();
mkdirSync(config, { recursive: true });
for (const file of CONFIGS) copyFileSync(join(moduleDir, 'sampleconfig', file), join(config, file));
say(`copied Fabric's sample ${CONFIGS.join(' and ')} into ${config}`);
writeFileSync(
  stampFile,
  `${JSON.stringify({ version, pin, builtAt: new Date().toISOString() })}\n`,
);
say(`built ${TOOLS.length} binaries in ${((Date.now() - started) / 1000).toFixed(0)} s`);
