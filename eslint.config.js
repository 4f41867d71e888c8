// @ts-check
import js from '@eslint/js';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

/** The page never imports tfjs as a value (it stays out of the main bundle) nor the engine. */
const PAGE_PATTERNS = [
  { group: ['@tensorflow/*'], message: 'tfjs runs in the worker only.' },
  {
    group: ['**/engine/*', '**/engine'],
    message: 'The UI talks to the engine through the worker.',
  },
];

export default tseslint.config(
  {
    ignores: [
      'dist',
      'dist-*',
      'node_modules',
      'public',
      'test-results',
      'test-results-*',
      'playwright-report',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      eqeqeq: ['error', 'smart'],
    },
  },
  {
    files: ['src/ui/**/*.{ts,tsx}', 'src/app/**/*.{ts,tsx}', 'src/main.tsx'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      // The UI never imports tfjs as a value (it stays out of the main bundle), never reaches
      // into the engine, and never calls a worker: it reads and commands the app store only.
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: PAGE_PATTERNS,
        },
      ],
    },
  },
  {
    files: ['src/ui/**/*.{ts,tsx}'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            ...PAGE_PATTERNS,
            {
              group: ['**/bridge/*', '**/bridge', '**/*.worker', '**/*.worker.ts'],
              message: 'UI components talk to the app store, never to a worker client.',
            },
          ],
        },
      ],
    },
  },
  {
    files: [
      'src/engine/**/*.ts',
      'src/data/**/*.ts',
      'src/tokenizer/**/*.ts',
      'src/config/**/*.ts',
      'src/shared/**/*.ts',
      'src/storage/**/*.ts',
      'src/scaling/**/*.ts',
      'src/interop/**/*.ts',
    ],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['react', 'react-dom', 'recharts'], message: 'Core layers have no UI.' },
            {
              group: ['**/ui/*', '**/app/*', '**/worker/*'],
              message: 'Imports point one way: ui → worker → engine.',
            },
          ],
        },
      ],
    },
  },
);
