import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/**
 * The layers (docs/architecture.md): imports flow downward only. Each rule names a folder and
 * the imports its files may not make, matched on the written path: a relative import climbing
 * (`../`, any number of times) into a folder of that name. test/lint/layers.test.ts lints a wrong
 * import of each kind and checks that it fails.
 */
const climbsInto = (...folders) => `^(\\.\\./)+(${folders.join('|')})/`;
const KYSELY = {
  name: 'kysely',
  message: 'Only src/storage/ and src/queries/ speak SQL: call a repository or a query instead.',
};
const LAYERS = [
  {
    files: ['src/domain/**'],
    forbid: [{ regex: '^\\.\\./', message: 'src/domain/ is pure: it imports nothing of ours but itself.' }],
  },
  {
    files: ['src/storage/**'],
    sql: true,
    forbid: [
      {
        regex: climbsInto('commands', 'queries', 'http', 'jobs'),
        message: 'src/storage/ is the bottom layer: it never imports commands, queries, http or jobs.',
      },
    ],
  },
  {
    files: ['src/storage/migrations/**'],
    sql: true,
    forbid: [{ regex: '^\\.\\./', message: 'Migrations are frozen in time: they never import app code.' }],
  },
  {
    files: ['src/queries/**'],
    sql: true,
    forbid: [{ regex: climbsInto('http'), message: 'Queries never import the HTTP layer.' }],
  },
  {
    files: ['src/commands/**', 'src/jobs/**'],
    forbid: [{ regex: climbsInto('http'), message: 'Commands and jobs never import the HTTP layer.' }],
  },
  {
    files: ['src/http/**'],
    forbid: [
      {
        regex: climbsInto('storage'),
        message: 'The HTTP layer calls commands (writes) and queries (reads), never storage.',
      },
    ],
  },
];
const layerRules = [
  {
    files: ['src/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [KYSELY] }] },
  },
  ...LAYERS.map(({ files, sql, forbid }) => ({
    files,
    rules: {
      'no-restricted-imports': ['error', { paths: sql ? [] : [KYSELY], patterns: forbid }],
    },
  })),
  {
    files: ['web/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: climbsInto('src'),
              message: 'The web app talks to the server through the HTTP API only, never src/.',
            },
          ],
        },
      ],
    },
  },
];

export default tseslint.config(
  {
    ignores: [
      'dist/',
      'web/dist/',
      'node_modules/',
      'coverage/',
      'bench/results/',
      'screenshots/',
      'web/src/lib/openapi/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  ...layerRules,
  {
    files: ['bin/**/*.js'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
);
