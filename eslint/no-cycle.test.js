import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';
import { noCycle } from './no-cycle.js';
import { ruleTester } from './rule-tester.js';

// Small modules on disk for the rule to follow; the file under test is the case's code.
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tact-no-cycle-'));
const modules = {
  'a.ts': "import { b } from './b.ts';\nexport const a = b;",
  'b.ts': "import { c } from './c.ts';\nexport const b = c;",
  'c.ts': 'export const c = 1;',
  'Group.tsx': "import { Row } from './Row.tsx';\nexport const Group = Row;",
  'Row.tsx':
    "import { Group } from './Group.tsx';\nimport { Menu } from './Menu.tsx';\nexport const Row = [Group, Menu];",
  'Menu.tsx': 'export const Menu = 1;',
  'kit/index.ts': "export * from '../a.ts';",
  'Tree.tsx': "import { Branch } from './Branch.tsx';\nexport const Tree = Branch;",
  'Branch.tsx':
    "import { Tree } from './Tree.tsx';\nimport { Leaf } from './Leaf.tsx';\nexport const Branch = [Tree, Leaf];",
  'Leaf.tsx': "import { Tree } from './Tree.tsx';\nexport const Leaf = Tree;",
};
for (const [name, text] of Object.entries(modules)) {
  fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
  fs.writeFileSync(path.join(dir, name), text);
}
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const file = (name) => path.join(dir, name);
const allowGroupRow = [{ allowPairs: [[file('Group.tsx'), file('Row.tsx')]] }];
const cycle = (...names) => ({
  message: new RegExp(
    `^Import cycle: ${names.map((n) => `\\S*${n.replace('.', '\\.')}`).join(' → ')}\\.$`,
  ),
});

ruleTester.run('tact/no-cycle', noCycle, {
  valid: [
    {
      name: 'a chain with no way back',
      filename: file('a.ts'),
      code: "import { b } from './b.ts';",
    },
    {
      name: 'a leaf',
      filename: file('c.ts'),
      code: "import { z } from 'zod';\nexport const c = z;",
    },
    {
      name: 'the one allowed pair, from either side',
      filename: file('Group.tsx'),
      code: "import { Row } from './Row.tsx';",
      options: allowGroupRow,
    },
    {
      name: 'the one allowed pair, from the other side',
      filename: file('Row.tsx'),
      code: "import { Group } from './Group.tsx';",
      options: allowGroupRow,
    },
  ],
  invalid: [
    {
      name: 'two modules importing each other',
      filename: file('b.ts'),
      code: "import { a } from './a.ts';\nexport const b = a;",
      errors: [cycle('b.ts', 'a.ts', 'b.ts')],
    },
    {
      name: 'three modules around',
      filename: file('c.ts'),
      code: "import { a } from './a.ts';\nexport const c = a;",
      errors: [cycle('c.ts', 'a.ts', 'b.ts', 'c.ts')],
    },
    {
      name: 'a type-only import closes a cycle too',
      filename: file('b.ts'),
      code: "import type { a } from './a.ts';\nexport type B = typeof a;",
      errors: [cycle('b.ts', 'a.ts', 'b.ts')],
    },
    {
      name: 'a dynamic import closes a cycle too',
      filename: file('c.ts'),
      code: "export const load = () => import('./a.ts');",
      errors: [cycle('c.ts', 'a.ts', 'b.ts', 'c.ts')],
    },
    {
      name: 'through a folder index re-export',
      filename: file('c.ts'),
      code: "export * from './kit';",
      errors: [cycle('c.ts', 'index.ts', 'a.ts', 'b.ts', 'c.ts')],
    },
    {
      name: 'the recursive pair without the allowance',
      filename: file('Group.tsx'),
      code: "import { Row } from './Row.tsx';",
      errors: [cycle('Group.tsx', 'Row.tsx', 'Group.tsx')],
    },
    {
      name: 'the allowance is for that pair only: a third file in the loop is a cycle',
      filename: file('Menu.tsx'),
      code: "import { Group } from './Group.tsx';\nexport const Menu = Group;",
      options: allowGroupRow,
      errors: [cycle('Menu.tsx', 'Group.tsx', 'Row.tsx', 'Menu.tsx')],
    },
    {
      name: 'an allowed pair may still not come back the long way round',
      filename: file('Tree.tsx'),
      code: "import { Branch } from './Branch.tsx';\nexport const Tree = Branch;",
      options: [{ allowPairs: [[file('Tree.tsx'), file('Branch.tsx')]] }],
      errors: [cycle('Tree.tsx', 'Branch.tsx', 'Leaf.tsx', 'Tree.tsx')],
    },
  ],
});
