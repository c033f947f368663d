#!/usr/bin/env node
// Runs every compiled test file with Node's own test runner. The file list is
// built here because `node --test DIR` means different things on Node 20
// (recursive search) and Node 22+ (glob patterns).
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';

const roots = ['dist/src', 'dist/test'];
const only = process.argv.slice(2);

function collect(dir, out) {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return out;
  }
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) collect(path, out);
    else if (entry.name.endsWith('.test.js')) out.push(path);
  }
  return out;
}

let files = roots.flatMap((root) => collect(root, [])).sort();
if (only.length > 0) files = files.filter((f) => only.some((o) => f.includes(o)));
if (files.length === 0) {
  console.error('no test files found: run `npm run build` first');
  process.exit(1);
}
const result = spawnSync(process.execPath, ['--enable-source-maps', '--test', ...files], {
  stdio: 'inherit',
  // fabric-contract-api logs every decorator at INFO; a peer sets this variable too.
  env: { CORE_CHAINCODE_LOGGING_LEVEL: 'WARNING', ...process.env },
});
process.exit(result.status ?? 1);
