#!/usr/bin/env node
// Writes the server's OpenAPI document to a file, without a server to ask:
// the built server (dist/, after `tsc`) on a throwaway ledger in a temporary
// folder, its document read, then everything closed and removed. The web
// app's typed client is generated from this file on every build
// (docs/web.md), so it can never be stale.
//
//   node scripts/openapi-document.mjs OUT.json
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const out = process.argv[2];
if (out === undefined) {
  console.error('usage: node scripts/openapi-document.mjs OUT.json');
  process.exit(2);
}
// fabric-contract-api logs every decorator at INFO otherwise.
process.env.CORE_CHAINCODE_LOGGING_LEVEL ??= 'WARNING';
const require = createRequire(import.meta.url);
const { loadConfig } = require(join(root, 'dist/src/api/config.js'));
const { startLocalServer } = require(join(root, 'dist/src/cli/local-server.js'));

const dataDir = mkdtempSync(join(tmpdir(), 'eter-openapi-'));
try {
  const config = loadConfig({
    flags: { port: 0, dataDir, logLevel: 'silent' },
    env: {},
  });
  const server = await startLocalServer(config);
  try {
    const document = server.app.swagger();
    mkdirSync(dirname(resolve(out)), { recursive: true });
    writeFileSync(out, `${JSON.stringify(document, null, 2)}\n`);
  } finally {
    await server.close();
  }
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
