import { z } from 'zod';
import { expect, test } from 'vitest';
import { codedZodIssue, safeParseCoded, zodIssueParams } from './zod-issue.ts';
import { MAX_DEPTH } from './segment/definition.ts';
import { parseDefinition } from './segment/parse-definition.ts';

const issuesOf = (schema: z.ZodType, input: unknown) => {
  const parsed = safeParseCoded(schema, input);
  return parsed.ok ? [] : parsed.issues.map(({ code, params }) => ({ code, params }));
};

test.each<[string, z.ZodType, unknown, { code: string; params: Record<string, unknown> }]>([
  [
    'a wrong type names the type received, never the value',
    z.object({ name: z.string() }),
    { name: 42 },
    { code: 'invalid_type', params: { expected: 'string', received: 'number' } },
  ],
  [
    'a text too long',
    z.string().max(120),
    'x'.repeat(121),
    { code: 'too_big', params: { origin: 'string', maximum: 120, inclusive: true } },
  ],
  [
    'a number too small',
    z.number().min(1),
    0,
    { code: 'too_small', params: { origin: 'number', minimum: 1, inclusive: true } },
  ],
  [
    'a pattern not matched',
    z.string().regex(/^a+$/),
    'b',
    { code: 'invalid_format', params: { format: 'regex', pattern: '/^a+$/', origin: 'string' } },
  ],
  [
    'a date that is not one',
    z.iso.date(),
    'soon',
    {
      code: 'invalid_format',
      params: { format: 'date', pattern: expect.any(String), origin: 'string' },
    },
  ],
  [
    'a prefix',
    z.string().startsWith('seg_'),
    'x',
    { code: 'invalid_format', params: { format: 'starts_with', prefix: 'seg_', origin: 'string' } },
  ],
  [
    'a choice outside the list',
    z.enum(['a', 'b']),
    'c',
    { code: 'invalid_value', params: { values: ['a', 'b'] } },
  ],
  [
    'keys nobody asked for',
    z.strictObject({}),
    { x: 1, y: 2 },
    { code: 'unrecognized_keys', params: { keys: ['x', 'y'] } },
  ],
  [
    'a kind no option has',
    z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('a') }),
      z.object({ kind: z.literal('b') }),
    ]),
    { kind: 'c' },
    { code: 'invalid_union', params: { discriminator: 'kind', options: ['a', 'b'] } },
  ],
  ['a multiple', z.number().multipleOf(5), 3, { code: 'not_multiple_of', params: { divisor: 5 } }],
  ['a refinement', z.number().refine((n) => n > 2), 1, { code: 'custom', params: {} }],
])('%s', (_, schema, input, expected) => {
  expect(issuesOf(schema, input)[0]).toEqual(expected);
});

test('an issue parsed without its input says nothing of what was received', () => {
  const parsed = z.object({ name: z.string() }).safeParse({ name: 1 });
  const [issue] = parsed.error?.issues ?? [];
  expect(issue && zodIssueParams(issue)).toEqual({ expected: 'string' });
});

test('a coded issue keeps the path and the English message', () => {
  const parsed = z.object({ list: z.array(z.number()) }).safeParse({ list: [1, 'x'] });
  const [issue] = parsed.error?.issues ?? [];
  expect(issue && codedZodIssue(issue)).toEqual({
    path: ['list', 1],
    code: 'invalid_type',
    message: 'Invalid input: expected number, received string',
    params: { expected: 'number' },
  });
});

test('a definition nested beyond reason is refused as too deep, before zod sees it', () => {
  let node: unknown = { id: 'leaf', kind: 'group', combinator: 'and', children: [] };
  for (let i = 0; i < 100; i += 1) {
    node = { id: `g${i}`, kind: 'group', combinator: 'and', children: [node] };
  }
  expect(parseDefinition({ version: 1, root: node })).toEqual({
    ok: false,
    issues: [
      {
        path: ['root'],
        code: 'too_deep',
        message: `Groups nest at most ${MAX_DEPTH} deep.`,
        params: { max: MAX_DEPTH },
      },
    ],
  });
});

test('a definition of the wrong shape gets zod codes and figures', () => {
  const parsed = parseDefinition({
    version: 1,
    root: { id: 'r', kind: 'group', combinator: 'xor', children: [] },
  });
  expect(parsed.ok).toBe(false);
  if (parsed.ok) return;
  expect(parsed.issues).toEqual([
    expect.objectContaining({
      path: ['root', 'combinator'],
      code: 'invalid_value',
      params: { values: ['and', 'or'] },
    }),
  ]);
});
