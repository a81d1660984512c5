// Lint: strict TypeScript plus one-way import boundaries between the layers (see docs/decisions/002).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import path from 'node:path';

const root = path.dirname(new URL(import.meta.url).pathname);

/** Which layer a repository-relative path belongs to. */
function layerOf(rel) {
  const p = rel.split(path.sep).join('/');
  const feature = /^src\/features\/([^/]+)\//.exec(p);
  if (feature) return `features/${feature[1]}`;
  for (const layer of ['src/domain', 'src/api', 'src/ui', 'src/app', 'src/test']) {
    if (p.startsWith(`${layer}/`)) return layer.slice(4);
  }
  if (p === 'src/main.tsx') return 'app';
  for (const top of ['server', 'mocks', 'e2e', 'bench']) if (p.startsWith(`${top}/`)) return top;
  return 'other';
}

/** For each layer, the layers (or exact files) it may import. */
const allowed = {
  domain: ['domain'],
  api: ['api', 'domain'],
  ui: ['ui'],
  app: ['app', 'ui', 'api', 'domain', 'features/*', 'mocks', 'test'],
  server: ['server', 'domain', 'src/api/contract.ts'],
  mocks: ['mocks', 'server', 'domain', 'src/api/contract.ts'],
  test: ['test', 'mocks', 'server', 'api', 'domain', 'ui'],
};

/** The start script seeds the demo data; with the server's tests, the only server code that may import the generator. */
const compositionRoots = new Set(['server/node.ts', 'server/seed-demo.ts']);

const boundaries = {
  meta: { type: 'problem', schema: [] },
  create(context) {
    const rel = path.relative(root, context.filename).split(path.sep).join('/');
    const from = layerOf(rel);
    const rules = from.startsWith('features/')
      ? [from, 'ui', 'api', 'domain', 'test', 'mocks/fixtures']
      : compositionRoots.has(rel) || (from === 'server' && /\.test\.ts$/.test(rel))
        ? [...allowed[from], 'mocks']
        : allowed[from];
    if (!rules) return {};
    function check(node, source) {
      if (typeof source === 'string' && /\.(css|svg|png|json)$/.test(source)) return;
      if (typeof source !== 'string' || !source.startsWith('.')) {
        if (
          from === 'domain' &&
          typeof source === 'string' &&
          /^(node:|react|hono|msw|@duckdb)/.test(source)
        ) {
          context.report({
            node,
            message: `src/domain stays pure: it may not import '${source}'.`,
          });
        }
        return;
      }
      const target = path.relative(root, path.resolve(path.dirname(context.filename), source));
      const targetRel = target.split(path.sep).join('/');
      const to = layerOf(
        target.endsWith('.ts') || target.endsWith('.tsx') ? target : `${target}/x`,
      );
      const ok = rules.some((r) =>
        r === 'features/*'
          ? to.startsWith('features/')
          : r.includes('.')
            ? targetRel.startsWith(r.replace(/\.tsx?$/, ''))
            : r === to || (r === 'mocks/fixtures' && targetRel.startsWith('mocks/')),
      );
      if (
        !ok &&
        !(from.startsWith('features/') && to === 'mocks' && /\.test\.tsx?$/.test(context.filename))
      ) {
        context.report({ node, message: `Layer '${from}' may not import '${to}' (${source}).` });
      }
    }
    return {
      ImportDeclaration: (node) => check(node, node.source.value),
      ImportExpression: (node) => check(node, node.source.value),
      ExportNamedDeclaration: (node) => node.source && check(node, node.source.value),
      ExportAllDeclaration: (node) => check(node, node.source.value),
    };
  },
};

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
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    files: ['**/*.{ts,tsx,js}'],
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    plugins: { 'react-hooks': reactHooks, tact: { rules: { boundaries } } },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'tact/boundaries': 'error',
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
