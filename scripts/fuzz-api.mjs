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
import { Buffer } from 'node:buffer';
import { request as httpRequest } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
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
    // Runs at once: each is one Python process, mostly waiting for the server.
    parallel: { type: 'string', default: '3' },
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

/** One HTTP exchange with the server: its status and body text. */
function call(url, body) {
  return new Promise((resolveCall, reject) => {
    const req = httpRequest(
      url,
      body === undefined
        ? { method: 'GET' }
        : { method: 'POST', headers: { 'content-type': 'application/json' } },
      (res) => {
        const chunks = [];
        res.on('data', (chunk) => chunks.push(chunk));
        res.on('end', () =>
          resolveCall({ status: res.statusCode, text: Buffer.concat(chunks).toString() }),
        );
      },
    );
    req.once('error', reject);
    req.end(body === undefined ? undefined : JSON.stringify(body));
  });
}

async function waitReady(base, server) {
  for (let i = 0; i < 300; i++) {
    if (server.exitCode !== null) throw new Error(`eter serve exited with ${server.exitCode}`);
    try {
      if ((await call(`${base}/readyz`)).status === 200) return;
    } catch {
      // not listening yet
    }
    await sleep(200);
  }
  throw new Error('eter serve was not ready within 60 s');
}

/** Logs in once, so that a login that does not work stops the script before any run. */
async function login(base, username) {
  const answer = await call(`${base}/v1/auth/login`, { username, password: PASSWORD });
  if (answer.status !== 200) throw new Error(`login ${username}: ${answer.status} ${answer.text}`);
}

/**
 * One run as `identity`: a person logs in through the configuration (and
 * again after the fuzzer logs out), a terminal sends its key as a header.
 */
function runSchemathesis(base, identity) {
  const person = identity.key === undefined;
  const args = [
    '--config-file',
    join(root, 'scripts', 'fuzz', person ? 'person.toml' : 'terminal.toml'),
    'run',
    `${base}/openapi.json`,
    ...(person ? [] : ['-H', `Authorization: Bearer ${identity.key}`]),
    '--max-examples',
    opts['max-examples'],
    '--phases',
    'examples,coverage,fuzzing,stateful',
    '--report',
    'junit',
    '--report-dir',
    join(process.env.FUZZ_REPORT_DIR ?? tmpdir(), `eter-fuzz-${identity.name}`),
  ];
  return new Promise((resolveRun) => {
    // In the temporary folder: schemathesis keeps a cache (.schemathesis) in its working directory.
    const env = person
      ? { ...process.env, ETER_FUZZ_USERNAME: identity.name, ETER_FUZZ_PASSWORD: PASSWORD }
      : process.env;
    // Output kept until the run ends, so that parallel runs do not interleave.
    const child = spawn(opts.schemathesis, args, {
      stdio: ['ignore', 'pipe', 'pipe'],
      cwd: data,
      env,
    });
    const output = [];
    child.stdout.on('data', (chunk) => output.push(chunk));
    child.stderr.on('data', (chunk) => output.push(chunk));
    child.once('error', (error) => {
      console.error(`fuzz: cannot run ${opts.schemathesis}: ${error.message}`);
      resolveRun(2);
    });
    child.once('close', (code) => {
      console.log(`\n== fuzz: ${identity.name}\n${Buffer.concat(output).toString()}`);
      resolveRun(code ?? 1);
    });
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

  for (const l of LOGINS) await login(base, l.username); // each login works before fuzzing starts
  const identities = [
    ...LOGINS.map((l) => ({ name: l.username })),
    { name: 'terminal', key },
  ].filter((i) => opts.only === undefined || opts.only.split(',').includes(i.name));
  const results = [];
  // The operator suspends and reinstates participants the others act for:
  // it runs last, alone, so that no other run meets a participant it suspended.
  const queue = identities.filter((i) => i.name !== 'operator');
  const worker = async () => {
    for (let identity = queue.shift(); identity !== undefined; identity = queue.shift()) {
      const code = await runSchemathesis(base, identity);
      results.push({ name: identity.name, code });
      if (code !== 0) failed = true;
    }
  };
  await Promise.all(Array.from({ length: Number(opts.parallel) }, worker));
  queue.push(...identities.filter((i) => i.name === 'operator'));
  await worker();
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
