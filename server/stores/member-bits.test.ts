// Member sets as DuckDB lays out a BIT (padding byte, bits most significant first), combined in
// memory: each operation is held to the same operation on plain arrays of booleans, at sizes that
// are and are not multiples of 8, and DuckDB's own bitstring_agg gives the layout read.
import { DuckDBBitValue, DuckDBInstance } from '@duckdb/node-api';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import type { Condition, SegmentNode } from '../../src/domain/segment/definition.ts';
import {
  bothOf,
  eitherOf,
  firstMembers,
  memberBitsOf,
  memberCount,
  membersOfNode,
  noMembers,
  othersThan,
  type MemberBits,
} from './member-bits.ts';

const setOf = (bools: readonly boolean[]): MemberBits =>
  memberBitsOf(DuckDBBitValue.fromBools(bools).data, bools.length);
const boolsOf = (set: MemberBits): boolean[] => new DuckDBBitValue(set.data).toBools();
const pair = fc
  .integer({ min: 1, max: 70 })
  .chain((n) =>
    fc.tuple(
      fc.array(fc.boolean(), { minLength: n, maxLength: n }),
      fc.array(fc.boolean(), { minLength: n, maxLength: n }),
    ),
  );

describe('operations, as on arrays of booleans', () => {
  test('and, or, not, count and first members', () => {
    fc.assert(
      fc.property(pair, fc.integer({ min: 0, max: 80 }), ([a, b], limit) => {
        const [x, y] = [setOf(a), setOf(b)];
        expect(boolsOf(bothOf(x, y))).toEqual(a.map((v, i) => v && b[i]));
        expect(boolsOf(eitherOf(x, y))).toEqual(a.map((v, i) => v || b[i]));
        expect(boolsOf(othersThan(x))).toEqual(a.map((v) => !v));
        // Padding bits stay clear: everyone else of everyone else is the set again, counted right.
        expect(memberCount(othersThan(x))).toBe(a.filter((v) => !v).length);
        expect(othersThan(othersThan(x)).data).toEqual(x.data);
        expect(memberCount(x)).toBe(a.filter(Boolean).length);
        const members = a.flatMap((v, i) => (v ? [i] : []));
        expect(firstMembers(x, limit)).toEqual(members.slice(0, limit));
      }),
      { numRuns: 500 },
    );
  });

  test('nobody is empty at every size; a set of another size is refused', () => {
    for (const n of [1, 7, 8, 9, 16, 17]) {
      expect(boolsOf(noMembers(n))).toEqual(Array.from({ length: n }, () => false));
      expect(memberCount(othersThan(noMembers(n)))).toBe(n);
    }
    expect(() => memberBitsOf(DuckDBBitValue.fromBools([true, false]).data, 9)).toThrow(
      /wrong size/,
    );
    expect(() => bothOf(noMembers(8), noMembers(9))).toThrow(/different sizes/);
  });
});

test('DuckDB’s bitstring_agg is read with bit i for customer_no i', async () => {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  for (const size of [1, 8, 13, 100]) {
    const numbers = [0, 3, size - 1].filter((n) => n < size);
    const reader = await connection.runAndReadAll(
      `SELECT bitstring_agg(n, 0, ${String(size - 1)}) AS b FROM (SELECT unnest([${numbers.join(',')}]) AS n)`,
    );
    const value = reader.getRowObjects()[0]?.b;
    expect(value).toBeInstanceOf(DuckDBBitValue);
    const set = memberBitsOf(value instanceof DuckDBBitValue ? value.data : null, size);
    expect(firstMembers(set, size)).toEqual([...new Set(numbers)]);
    expect(memberCount(othersThan(set))).toBe(size - new Set(numbers).size);
  }
  connection.closeSync();
});

describe('a definition’s node from its conditions’ sets', () => {
  const leaf = (id: string, negate = false): Condition => ({
    id,
    kind: 'attribute',
    negate,
    field: 'customer.city',
    test: { operator: 'equals', value: id },
  });
  // Each condition's members as booleans over 20 customers, drawn per condition id.
  const ids = ['a', 'b', 'c', 'd'];
  const nodeArb: fc.Arbitrary<SegmentNode> = fc.letrec<{ node: SegmentNode }>((tie) => ({
    node: fc.oneof(
      { depthSize: 'small' },
      fc.tuple(fc.constantFrom(...ids), fc.boolean()).map(([id, negate]) => leaf(id, negate)),
      fc
        .tuple(fc.array(tie('node'), { maxLength: 4 }), fc.constantFrom('and', 'or'), fc.boolean())
        .map(([children, combinator, negate]): SegmentNode => ({
          id: 'g',
          kind: 'group',
          negate,
          combinator: combinator === 'and' ? 'and' : 'or',
          children,
        })),
    ),
  })).node;
  const truth = (node: SegmentNode, member: (id: string) => boolean): boolean => {
    const value =
      node.kind === 'group'
        ? node.children.length === 0
          ? false
          : node.combinator === 'and'
            ? node.children.every((c) => truth(c, member))
            : node.children.some((c) => truth(c, member))
        : member(node.id);
    return node.negate ? !value : value;
  };

  test('AND, OR, an empty group nobody, NOT everyone else: as each customer is judged alone', () => {
    fc.assert(
      fc.property(
        nodeArb,
        fc.array(fc.array(fc.boolean(), { minLength: 20, maxLength: 20 }), {
          minLength: 4,
          maxLength: 4,
        }),
        (node, columns) => {
          const column = (id: string) => columns[ids.indexOf(id)] ?? [];
          const set = membersOfNode(node, 20, (c) => setOf(column(c.id)));
          const expected = Array.from({ length: 20 }, (_, i) =>
            truth(node, (id) => column(id)[i] === true),
          );
          expect(boolsOf(set)).toEqual(expected);
        },
      ),
      { numRuns: 500 },
    );
  });
});
