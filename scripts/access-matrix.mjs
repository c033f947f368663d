#!/usr/bin/env node
// Prints the access policy as the Markdown table of docs/api.md ("Who sees
// what"); with --write, puts it there (then formats the file). Build first.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const { accessMatrix } = require('../dist/src/access/index.js');
const START = '<!-- access-matrix:start (generated from src/access/rules.ts) -->';
const END = '<!-- access-matrix:end -->';

const table = accessMatrix();
if (!process.argv.includes('--write')) {
  console.log(table);
} else {
  const path = fileURLToPath(new globalThis.URL('../docs/api.md', import.meta.url));
  const doc = readFileSync(path, 'utf8');
  const start = doc.indexOf(START);
  const end = doc.indexOf(END);
  if (start < 0 || end < start) throw new Error(`docs/api.md has no ${START} … ${END} block`);
  writeFileSync(path, `${doc.slice(0, start + START.length)}\n\n${table}\n\n${doc.slice(end)}`);
  execFileSync('npx', ['prettier', '--write', 'docs/api.md'], { stdio: 'inherit' });
}
