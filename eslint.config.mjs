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
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    languageOptions: {
      globals: { require: 'readonly', module: 'writable', __dirname: 'readonly' },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
