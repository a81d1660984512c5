// The one-way import boundaries between the layers (docs/decisions/002): which layers, exact files
// and packages each layer's code may import. Everything not listed is refused.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root: the paths below are relative to it. */
export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const toPosix = (p) => p.split(path.sep).join('/');

/** Which layer a repository-relative path belongs to. */
export function layerOf(rel) {
  const p = toPosix(rel);
  const feature = /^src\/features\/([^/]+)\//.exec(p);
  if (feature) return `features/${feature[1]}`;
  for (const layer of ['src/domain', 'src/api', 'src/ui', 'src/app', 'src/test']) {
    if (p.startsWith(`${layer}/`)) return layer.slice(4);
  }
  if (p === 'src/main.tsx') return 'app';
  for (const top of ['server', 'mocks', 'e2e', 'bench']) if (p.startsWith(`${top}/`)) return top;
  return 'other';
}

/**
 * For each layer, what its code may import: a layer by name ('domain', 'features/*' for any
 * feature), an exact file ('src/api/contract.ts') or a folder ending in '/' ('mocks/seed/').
 */
const allowed = {
  domain: ['domain'],
  api: ['api', 'domain'],
  ui: ['ui'],
  // main.tsx starts the in-browser mock API in development and e2e builds.
  app: ['app', 'ui', 'api', 'domain', 'features/*', 'test', 'mocks/browser.ts'],
  server: ['server', 'domain', 'src/api/contract.ts'],
  mocks: ['mocks', 'server', 'domain', 'src/api/contract.ts'],
  test: ['test', 'mocks', 'server', 'api', 'domain', 'ui'],
  // The specs pick their customers and expected figures from the generator's output, never from
  // the app's own code: what they check is computed independently of what they test.
  e2e: ['e2e', 'mocks/seed/', 'mocks/demo.ts'],
  // The bench drives the server's stores and routes over generated data.
  bench: ['bench', 'server', 'mocks', 'domain'],
};

/** What a feature's code may import besides itself. */
const featureAllowed = ['ui', 'api', 'domain', 'test'];

/**
 * The fixtures a component test (app or feature) may import: the mock API in Node, which serves
 * the real Hono app over the memory store.
 */
const testFixtures = ['mocks/node.ts'];

/**
 * The start script seeds the demo data and `npm run export-demo` writes it as files; with the
 * server's tests, the only server code that may import the generator.
 */
const compositionRoots = new Set([
  'server/node.ts',
  'server/seed-demo.ts',
  'server/cli/export-demo.ts',
]);

/** The only packages src/domain may import: it stays plain functions over plain data. */
const domainPackages = ['zod', '@stdlib/*'];
/** Its tests also run on vitest and generate cases with fast-check. */
const domainTestPackages = [...domainPackages, 'vitest', 'fast-check'];
/** Templates also render Liquid and sanitise HTML, both plain JavaScript (decision 016). */
const templatePackages = ['liquidjs', 'sanitize-html'];

const isTest = (rel) => /\.test\.tsx?$/.test(rel);

/** What the file at `rel` may import, or null when no boundary applies to it. */
export function rulesFor(rel) {
  const from = layerOf(rel);
  if (from.startsWith('features/')) {
    return [from, ...featureAllowed, ...(isTest(rel) ? testFixtures : [])];
  }
  const rules = allowed[from];
  if (!rules) return null;
  if (from === 'app' && isTest(rel)) return [...rules, ...testFixtures];
  if (compositionRoots.has(rel) || (from === 'server' && isTest(rel))) return [...rules, 'mocks'];
  return rules;
}

/** Whether a package name matches an allowlist entry ('zod', or a scope as '@stdlib/*'). */
function packageAllowed(source, list) {
  const name = source.startsWith('@')
    ? source.split('/').slice(0, 2).join('/')
    : source.split('/')[0];
  return list.some((entry) =>
    entry.endsWith('/*') ? name.startsWith(entry.slice(0, -1)) : name === entry,
  );
}

function targetAllowed(rules, to, targetRel) {
  return rules.some((rule) => {
    if (rule === 'features/*') return to.startsWith('features/');
    if (rule.endsWith('/')) return targetRel.startsWith(rule);
    if (rule.includes('.')) return targetRel === rule;
    return rule === to;
  });
}

/** @type {import('eslint').Rule.RuleModule} */
export const boundaries = {
  meta: {
    type: 'problem',
    docs: {
      description: 'Imports flow one way between the layers; src/domain imports no platform.',
    },
    schema: [],
  },
  create(context) {
    const rel = toPosix(path.relative(root, context.filename));
    const from = layerOf(rel);
    const rules = rulesFor(rel);
    if (!rules) return {};
    function check(node, source) {
      if (typeof source !== 'string') return;
      // Stylesheets, images and JSON are not code from another layer.
      if (/\.(css|svg|png|json)$/.test(source)) return;
      if (!source.startsWith('.')) {
        if (from !== 'domain') return;
        const packages = [
          ...(isTest(rel) ? domainTestPackages : domainPackages),
          ...(rel.startsWith('src/domain/template/') ? templatePackages : []),
        ];
        if (!packageAllowed(source, packages)) {
          context.report({
            node,
            message: `src/domain stays pure: it may import only ${packages.join(', ')} and src/domain, not '${source}'.`,
          });
        }
        return;
      }
      const target = path.resolve(path.dirname(context.filename), source.replace(/\?.*$/, ''));
      const targetRel = toPosix(path.relative(root, target));
      const to = layerOf(/\.[cm]?[jt]sx?$/.test(targetRel) ? targetRel : `${targetRel}/x`);
      if (!targetAllowed(rules, to, targetRel)) {
        context.report({
          node,
          message: `Layer '${from}' may not import '${targetRel}' (${source}); it may import ${rules.join(', ')}.`,
        });
      }
    }
    return {
      ImportDeclaration: (node) => check(node, node.source.value),
      ImportExpression: (node) => check(node, node.source.value),
      ExportNamedDeclaration: (node) => node.source && check(node, node.source.value),
      ExportAllDeclaration: (node) => check(node, node.source.value),
      // `type T = import('react').ReactNode` imports as surely as an import declaration does.
      TSImportType: (node) => check(node, node.source?.value),
    };
  },
};
