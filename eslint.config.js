// Lint: strict TypeScript, one-way import boundaries between the layers (see docs/decisions/002),
// no import cycles and no literal UI text in JSX. The rules live in eslint/, with their tests.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import path from 'node:path';
import { boundaries, root } from './eslint/boundaries.js';
import { noCycle } from './eslint/no-cycle.js';
import { noLiteralUiText } from './eslint/no-literal-ui-text.js';

export default tseslint.config(
  {
    ignores: [
      '.*tmp*',
      'node_modules',
      'dist',
      'dist-*',
      'data',
      'test-results',
      'playwright-report',
      'public/mockServiceWorker.js',
      'reports',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    files: ['**/*.{ts,tsx,js}'],
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    plugins: {
      'react-hooks': reactHooks,
      tact: { rules: { boundaries, 'no-cycle': noCycle, 'no-literal-ui-text': noLiteralUiText } },
    },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'tact/boundaries': 'error',
      'tact/no-cycle': [
        'error',
        {
          // The segment tree is recursive: a group's rows hold groups. One pair, and only this one.
          allowPairs: [
            ['src/features/segments/GroupView.tsx', 'src/features/segments/NodeRow.tsx'].map((p) =>
              path.join(root, p),
            ),
          ],
        },
      ],
      // We do not run the React Compiler, so its memoisation warnings do not apply.
      'react-hooks/incompatible-library': 'off',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-assertions': ['error', { assertionStyle: 'never' }],
      '@typescript-eslint/no-non-null-assertion': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': ['error', { allow: ['warn', 'error'] }],
    },
  },
  {
    // src/domain runs everywhere, with no Node or browser API. Its tsconfig lib says so, but
    // liquidjs's types pull Node's into that type-check (decision 016): the names are refused here.
    files: ['src/domain/**/*.ts'],
    rules: {
      'no-restricted-globals': [
        'error',
        ...[
          'process',
          'Buffer',
          'global',
          '__dirname',
          '__filename',
          'require',
          'module',
          'setImmediate',
          'clearImmediate',
          'setTimeout',
          'clearTimeout',
          'setInterval',
          'clearInterval',
          'structuredClone',
          'performance',
          'fetch',
          'window',
          'document',
          'navigator',
          'localStorage',
          'sessionStorage',
          'location',
        ].map((name) => ({ name, message: 'src/domain runs everywhere: no Node or browser API.' })),
      ],
    },
  },
  {
    // Every string the app shows comes from the catalogues (src/ui/i18n/locales).
    files: ['src/**/*.tsx'],
    // The kitchen sink (/_kit) shows the primitives with sample content, in development only:
    // never in a production build, never in front of a marketer.
    ignores: [
      'src/**/*.test.tsx',
      'src/test/**',
      'src/app/routes/kit.tsx',
      'src/app/routes/kitForms.tsx',
    ],
    rules: { 'tact/no-literal-ui-text': 'error' },
  },
  {
    files: ['**/*.test.{ts,tsx}', 'e2e/**', 'src/test/**'],
    rules: {
      '@typescript-eslint/consistent-type-assertions': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    // Playwright fixtures: `use` is not a React hook, and `{}` is how a fixture asks for nothing.
    files: ['e2e/**'],
    rules: { 'react-hooks/rules-of-hooks': 'off', 'no-empty-pattern': 'off' },
  },
  {
    files: ['server/node.ts', 'bench/**', 'mocks/cli/**', 'scripts/**'],
    rules: { 'no-console': 'off' },
  },
);
