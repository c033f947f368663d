// Lint rules, including the one rule that keeps the architecture honest:
// imports point down the layers only (format <- contract <- ledger <- api <- cli).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** Forbid a layer from importing the layers above it. */
function layer(files, forbidden) {
  return {
    files,
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: forbidden.map((name) => ({
            group: [`**/${name}`, `**/${name}/**`],
            message: `layers import downwards only: ${files[0]} may not import ${name}`,
          })),
        },
      ],
    },
  };
}

// Node's modules under their bare names (also reachable as `node:NAME`, forbidden by pattern).
const NODE_BUILTINS = [
  'assert',
  'buffer',
  'child_process',
  'crypto',
  'events',
  'fs',
  'fs/promises',
  'http',
  'https',
  'net',
  'os',
  'path',
  'process',
  'stream',
  'tls',
  'url',
  'util',
  'worker_threads',
  'zlib',
];

// Node's globals that browsers lack.
const NODE_GLOBALS = [
  'Buffer',
  'process',
  'require',
  'module',
  '__dirname',
  '__filename',
  'global',
  'setImmediate',
  'clearImmediate',
];

export default tseslint.config(
  {
    ignores: [
      'dist/',
      'node_modules/',
      'data/',
      'coverage/',
      'web/dist/',
      'web/src/generated/',
      'test-output/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      eqeqeq: ['error', 'always'],
    },
  },
  layer(
    ['src/format/**'],
    ['readmodel', 'audit', 'contract', 'ledger', 'client', 'node', 'sim', 'api', 'cli', 'bench'],
  ),
  // Who may see what: below the read model and the API, which both apply it.
  layer(
    ['src/access/**'],
    [
      'readmodel',
      'audit',
      'contract',
      'ledger',
      'fabric',
      'client',
      'node',
      'sim',
      'api',
      'cli',
      'bench',
    ],
  ),
  layer(
    ['src/contract/**'],
    ['readmodel', 'audit', 'ledger', 'client', 'node', 'sim', 'api', 'cli', 'bench'],
  ),
  // The ledger knows nothing of tickets: it hosts whatever contract it is given.
  layer(
    ['src/ledger/**'],
    ['readmodel', 'audit', 'format', 'contract', 'client', 'node', 'sim', 'api', 'cli', 'bench'],
  ),
  // Local Fabric network tooling: runs the ledger's engine, knows nothing of tickets or servers.
  layer(['src/fabric/**'], ['readmodel', 'audit', 'client', 'node', 'sim', 'api', 'cli', 'bench']),
  layer(['src/client/**'], ['readmodel', 'audit', 'node', 'sim', 'api', 'cli', 'bench']),
  // The read model is derived from blocks: it knows the gateway and the contract's events.
  layer(['src/readmodel/**'], ['client', 'audit', 'node', 'sim', 'api', 'cli', 'bench']),
  // The audit reads the ledger's own record (blocks, and world state through the contract).
  layer(['src/audit/**'], ['readmodel', 'node', 'sim', 'api', 'cli', 'bench']),
  layer(['src/node/**'], ['sim', 'api', 'cli', 'bench']),
  layer(['src/sim/**'], ['api', 'cli', 'bench']),
  layer(['src/api/**'], ['sim', 'cli', 'bench']),
  // The one proof verifier runs in browsers too: no Node module or global, and nothing from
  // outside its folder (which could bring one in). Its tests run in Node and may use both.
  {
    files: ['src/ledger/verifier/**'],
    ignores: ['src/ledger/verifier/**/*.test.ts', 'src/ledger/verifier/testonly/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: NODE_BUILTINS.map((name) => ({
            name,
            message: 'the verifier has no Node APIs: use Uint8Array and @noble/*',
          })),
          patterns: [
            {
              group: ['node:*'],
              message: 'the verifier has no Node APIs: use Uint8Array and @noble/*',
            },
            { group: ['../*'], message: 'the verifier imports nothing from outside its folder' },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        ...NODE_GLOBALS.map((name) => ({ name, message: 'the verifier has no Node APIs' })),
      ],
    },
  },
  // A route registration reads as one screen: schema, access, handler (issue 19).
  {
    files: ['src/api/routes/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'max-lines-per-function': ['error', { max: 80, skipBlankLines: true, skipComments: true }],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    languageOptions: {
      globals: { require: 'readonly', module: 'writable', __dirname: 'readonly' },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
