#!/usr/bin/env node
// Fuzzes the HTTP API with Schemathesis, the way an outside tester would:
// a server on a temporary ledger with the demo participants, one run per
// identity (each person role and a terminal key) with every check and
// stateful testing on. Exit 1 on any failure or error.
//
//   node scripts/fuzz-api.mjs [--schemathesis PATH] [--max-examples N] [--only alice,terminal]
//
// Needs `npm run build` first and a schemathesis executable (`.ci/run`
// installs the pinned one in a virtual environment; PATH is searched when
// --schemathesis is not given). What the runs configure, and why, is in
// scripts/fuzz/schemathesis.toml and docs/api.md#fuzzing.
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const eter = join(root, 'bin', 'eter.js');
const PASSWORD = 'eter-fuzz-2026';

const { values: opts } = parseArgs({
  options: {
    schemathesis: { type: 'string', default: 'schemathesis' },
    'max-examples': { type: 'string', default: '25' },
    only: { type: 'string' },
    keep: { type: 'boolean', default: false },
  },
});

/** The people fuzzed: one login per role, each acting for a seeded participant. */
const LOGINS = [
  { username: 'alice', role: 'customer', subject: 'cust-000001' },
  { username: 'store1', role: 'store', subject: 'store-001' },
  { username: 'chain', role: 'retailer', subject: 'chain-a' },
  { username: 'faber', role: 'manufacturer', subject: 'mfr-faber' },
  { username: 'auditor', role: 'auditor' },
  { username: 'operator', role: 'operator' },
];

function cli(args, env = {}) {
  return execFileSync(process.execPath, [eter, ...args], {
    encoding: 'utf8',
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
}

function freePort() {
  return new Promise((resolvePort, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolvePort(port));
    });
  });
}

async function waitReady(base, server) {
  for (let i = 0; i < 300; i++) {
    if (server.exitCode !== null) throw new Error(`eter serve exited with ${server.exitCode}`);
    try {
      if ((await fetch(`${base}/readyz`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('eter serve was not ready within 60 s');
}

async function login(base, username) {
  const response = await fetch(`${base}/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: PASSWORD }),
  });
  if (!response.ok)
    throw new Error(`login ${username}: ${response.status} ${await response.text()}`);
  return (await response.json()).token;
}

function runSchemathesis(base, name, token) {
  const args = [
    '--config-file',
    join(root, 'scripts', 'fuzz', 'schemathesis.toml'),
    'run',
    `${base}/openapi.json`,
    '-H',
    `Authorization: Bearer ${token}`,
    '--checks',
    'all',
    '--max-examples',
    opts['max-examples'],
    '--phases',
    'examples,coverage,fuzzing,stateful',
    '--report',
    'junit',
    '--report-dir',
    join(process.env.FUZZ_REPORT_DIR ?? tmpdir(), `eter-fuzz-${name}`),
  ];
  return new Promise((resolveRun) => {
    // In the temporary folder: schemathesis keeps a cache (.schemathesis) in its working directory.
    const child = spawn(opts.schemathesis, args, { stdio: 'inherit', cwd: data });
    child.once('error', (error) => {
      console.error(`fuzz: cannot run ${opts.schemathesis}: ${error.message}`);
      resolveRun(2);
    });
    child.once('exit', (code) => resolveRun(code ?? 1));
  });
}

const data = mkdtempSync(join(tmpdir(), 'eter-fuzz-'));
let server;
let failed = false;
try {
  cli(['seed', '--data', data, '--tickets', '200']);
  for (const l of LOGINS) {
    const subject = l.subject === undefined ? [] : ['--subject', l.subject];
    cli(['users', 'add', '--data', data, '--username', l.username, '--role', l.role, ...subject], {
      ETER_PASSWORD: PASSWORD,
    });
  }
  const key = cli([
    'keys',
    'create',
    '--data',
    data,
    '--store',
    'store-001',
    '--terminal',
    'fuzz-01',
  ])
    .trim()
    .split('\n')
    .at(-1);

  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  server = spawn(process.execPath, [eter, 'serve', '--data', data, '--port', String(port)], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: {
      ...process.env,
      ETER_LOG_LEVEL: 'warn',
      // Raised for fuzzing only: a run sends thousands of requests a minute
      // with one credential, which the production limits answer 429 (see docs/api.md#fuzzing).
      ETER_TERMINAL_RATE: '1000000',
      ETER_PERSON_RATE: '1000000',
      ETER_LOGIN_ATTEMPTS: '1000',
      ETER_LOGIN_ATTEMPTS_PER_ADDRESS: '100000',
    },
  });
  await waitReady(base, server);

  const identities = [
    ...LOGINS.map((l) => ({ name: l.username, token: () => login(base, l.username) })),
    { name: 'terminal', token: async () => key },
  ].filter((i) => opts.only === undefined || opts.only.split(',').includes(i.name));
  const results = [];
  for (const identity of identities) {
    console.log(`\n== fuzz: ${identity.name}`);
    const code = await runSchemathesis(base, identity.name, await identity.token());
    results.push({ name: identity.name, code });
    if (code !== 0) failed = true;
  }
  console.log('\n== fuzz results');
  for (const r of results)
    console.log(`${r.name.padEnd(10)} ${r.code === 0 ? 'ok' : `exit ${r.code}`}`);
} catch (error) {
  console.error(`fuzz: ${error.message}`);
  failed = true;
} finally {
  if (server !== undefined && server.exitCode === null) {
    const exited = new Promise((r) => server.once('exit', r));
    process.kill(server.pid, 'SIGTERM');
    await exited;
  }
  if (!opts.keep) rmSync(data, { recursive: true, force: true });
  else console.log(`fuzz: data kept in ${data}`);
}
process.exit(failed ? 1 : 0);
