import path from 'node:path';
import { boundaries, root } from './boundaries.js';
import { ruleTester } from './rule-tester.js';

/** A case for a file at `rel` (repository-relative) importing from `source`. */
const at = (rel, source) => ({
  filename: path.join(root, rel),
  code: `import { x } from '${source}';\nexport const y = x;`,
  name: `${rel} imports ${source}`,
});
const refused = (rel, source, message) => ({ ...at(rel, source), errors: [{ message }] });

const pure = /^src\/domain stays pure/;
const crossing = (layer) => new RegExp(`^Layer '${layer}' may not import`);

ruleTester.run('tact/boundaries', boundaries, {
  valid: [
    // src/domain: zod, @stdlib and itself; its tests also vitest and fast-check.
    at('src/domain/segment/x.ts', 'zod'),
    at('src/domain/analytics/x.ts', '@stdlib/math-base-special-gammaln'),
    at('src/domain/segment/x.ts', './definition.ts'),
    at('src/domain/segment/x.ts', '../profile/schema.ts'),
    at('src/domain/segment/x.test.ts', 'vitest'),
    at('src/domain/segment/x.test.ts', 'fast-check'),
    // Templates, and only they, render Liquid and sanitise HTML.
    at('src/domain/template/x.ts', 'liquidjs'),
    at('src/domain/template/x.ts', 'sanitize-html'),
    // A feature's component test may use the mock API in Node, and nothing else of mocks/.
    at('src/features/segments/x.test.tsx', '../../../mocks/node.ts'),
    at('src/app/routes/x.test.tsx', '../../../mocks/node.ts'),
    at('src/main.tsx', '../mocks/browser.ts'),
    at('src/features/segments/x.tsx', '../../domain/segment/definition.ts'),
    at('src/features/segments/x.tsx', '../../ui/Button.tsx'),
    // e2e computes its expectations from the generator's output.
    at('e2e/x.spec.ts', '../mocks/seed/index.ts'),
    at('e2e/x.spec.ts', '../mocks/seed/manifest.ts'),
    at('e2e/x.spec.ts', '../mocks/demo.ts'),
    at('e2e/x.spec.ts', './fixtures.ts'),
    at('e2e/x.spec.ts', '@playwright/test'),
    // The bench drives the server over generated data.
    at('bench/x.ts', '../server/app.ts'),
    at('bench/x.ts', '../mocks/seed/index.ts'),
    at('bench/x.ts', '../src/domain/segment/count-plan.ts'),
    at('bench/x.ts', '@duckdb/node-api'),
    at('server/routes/x.ts', '../../src/api/contract.ts'),
  ],
  invalid: [
    refused('src/domain/segment/x.ts', 'react', pure),
    refused('src/domain/segment/x.ts', 'date-fns', pure),
    refused('src/domain/segment/x.ts', 'node:fs', pure),
    refused('src/domain/segment/x.ts', 'fs', pure),
    refused('src/domain/segment/x.ts', '@stdlibx/gammaln', pure),
    refused('src/domain/segment/x.ts', 'zodiac', pure),
    refused('src/domain/segment/x.ts', 'vitest', pure),
    refused('src/domain/segment/x.ts', 'liquidjs', pure),
    refused('src/domain/x.ts', '../../server/x', crossing('domain')),
    refused('src/domain/segment/x.ts', '../../api/contract.ts', crossing('domain')),
    {
      filename: path.join(root, 'src/domain/segment/x.ts'),
      code: "import type { ReactNode } from 'react';\nexport type Y = ReactNode;",
      name: 'a type-only import into src/domain',
      errors: [{ message: pure }],
    },
    {
      filename: path.join(root, 'src/domain/segment/x.ts'),
      code: "export type Y = import('hono').Context;",
      name: 'an import() type into src/domain',
      errors: [{ message: pure }],
    },
    {
      filename: path.join(root, 'src/domain/segment/x.ts'),
      code: "export const load = () => import('../../../mocks/seed/index.ts');",
      name: 'a dynamic import out of src/domain',
      errors: [{ message: crossing('domain') }],
    },
    // The fixtures exception names files, not a prefix.
    refused(
      'src/features/segments/x.test.tsx',
      '../../../mocks/seed/index.ts',
      crossing('features/segments'),
    ),
    refused(
      'src/features/segments/x.test.tsx',
      '../../../mocks/node-extra.ts',
      crossing('features/segments'),
    ),
    refused(
      'src/features/segments/x.test.tsx',
      '../../../mocks/handlers.ts',
      crossing('features/segments'),
    ),
    refused('src/features/segments/x.tsx', '../../../mocks/node.ts', crossing('features/segments')),
    refused(
      'src/features/segments/x.tsx',
      '../customers/queries.ts',
      crossing('features/segments'),
    ),
    refused('src/app/routes/x.tsx', '../../../mocks/seed/index.ts', crossing('app')),
    // e2e checks the app from outside: none of its code, nor the server's.
    refused('e2e/x.spec.ts', '../src/domain/profile/figures.ts', crossing('e2e')),
    refused('e2e/x.spec.ts', '../src/features/segments/queries.ts', crossing('e2e')),
    refused('e2e/x.spec.ts', '../server/app.ts', crossing('e2e')),
    refused('e2e/x.spec.ts', '../mocks/node.ts', crossing('e2e')),
    refused('e2e/x.spec.ts', '../bench/load.ts', crossing('e2e')),
    // The bench measures the server, not the browser code.
    refused('bench/x.ts', '../src/features/segments/queries.ts', crossing('bench')),
    refused('bench/x.ts', '../src/api/client.ts', crossing('bench')),
    refused('bench/x.ts', '../e2e/fixtures.ts', crossing('bench')),
  ],
});
