// The repository's own lint configuration fails on each gap the rules close: the rules are wired in
// at error level for the files they are meant for (the rule tests beside this one prove the logic).
import fs from 'node:fs';
import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, test } from 'vitest';
import { root } from './boundaries.js';

const eslint = new ESLint({ cwd: root });

/** The tact/* errors of `code` linted as the file at `rel` (it need not exist). */
async function tactErrors(code, rel) {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, rel) });
  return result.messages
    .filter((m) => m.ruleId?.startsWith('tact/') && m.severity === 2)
    .map((m) => m.ruleId);
}

describe('lint fails on a forbidden import', () => {
  test.each([
    ['src/domain/segment/x.ts', "import { useState } from 'react';"],
    ['src/domain/segment/x.ts', "import { format } from 'date-fns';"],
    ['src/domain/x.ts', "import { x } from '../../server/x';"],
    ['src/features/segments/x.test.tsx', "import { x } from '../../../mocks/seed/index.ts';"],
    ['src/features/segments/x.tsx', "import { mockApi } from '../../../mocks/node.ts';"],
    ['e2e/x.spec.ts', "import { createApi } from '../server/app.ts';"],
    ['e2e/x.spec.ts', "import { profileFigures } from '../src/domain/profile/figures.ts';"],
    ['bench/x.ts', "import { segmentQueries } from '../src/features/segments/queries.ts';"],
  ])('%s: %s', async (rel, code) => {
    expect(await tactErrors(`${code}\n`, rel)).toContain('tact/boundaries');
  });
});

describe('lint fails on an import cycle', () => {
  test('the value editor importing the test editor back', async () => {
    const code = "import { TestEditor } from './TestEditor.tsx';\nexport const x = TestEditor;\n";
    expect(await tactErrors(code, 'src/features/segments/ValueEditor.tsx')).toContain(
      'tact/no-cycle',
    );
  });

  test('the kitchen sink halves importing each other', async () => {
    const code = "import { KitRoute } from './kit.tsx';\nexport const x = KitRoute;\n";
    expect(await tactErrors(code, 'src/app/routes/kitForms.tsx')).toContain('tact/no-cycle');
  });

  test('a third file joining the recursive group and row', async () => {
    const code = "import { GroupView } from './GroupView.tsx';\nexport const x = GroupView;\n";
    expect(await tactErrors(code, 'src/features/segments/NodeMenu.tsx')).toContain('tact/no-cycle');
  });

  test('but the recursive group and row themselves are the one allowed pair', async () => {
    for (const rel of [
      'src/features/segments/GroupView.tsx',
      'src/features/segments/NodeRow.tsx',
    ]) {
      const code = fs.readFileSync(path.join(root, rel), 'utf8');
      expect(await tactErrors(code, rel)).toEqual([]);
    }
  });
});

describe('lint fails on literal UI text in a translated component', () => {
  test('words in the layout', async () => {
    const code = 'export const x = <p>Segments</p>;\n';
    expect(await tactErrors(code, 'src/app/Layout.tsx')).toContain('tact/no-literal-ui-text');
  });

  test('a new component starts translated', async () => {
    const code = 'export const x = <button aria-label="Close" />;\n';
    expect(await tactErrors(code, 'src/features/campaigns/CampaignList.tsx')).toContain(
      'tact/no-literal-ui-text',
    );
  });

  test('but not in a component test, which renders fixtures', async () => {
    const code = 'export const x = <p>Segments</p>;\n';
    expect(await tactErrors(code, 'src/app/Layout.test.tsx')).toEqual([]);
  });
});
