// The SQL form of every operator (src/domain/segment/sql-comparison.ts), run by DuckDB on the values
// of operators.fixture.ts: each row must hold and fail on exactly the values the table says, as it
// does in JS (operators.test.ts). No store is loaded, so this runs in about a second and also
// serves the mutation tests (stryker.config.json).
import { DUCKDB, type SqlDialect } from '../../src/domain/segment/sql-dialect.ts';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Comparison } from '../../src/domain/segment/definition.ts';
import { instantOf, type Scalar } from '../../src/domain/segment/facts.ts';
import {
  SET_TRUTHS,
  TRUTH_AS_OF,
  VALUE_TRUTHS,
  type ValueTruth,
} from '../../src/domain/segment/operators.fixture.ts';
import {
  listedSet,
  propertySql,
  rowsSet,
  setSql,
  two,
  valueSql,
  type Bind,
  type SqlWriter,
  type SqlType,
} from '../../src/domain/segment/sql-comparison.ts';
import type { SqlParam } from '../../src/domain/segment/sql.ts';
import { runSegmentStatement } from './duckdb-segments.ts';

const asOfMs = Date.parse(TRUTH_AS_OF);
const shown = (values: readonly unknown[]) =>
  values.length === 0 ? 'nothing' : values.map((v) => JSON.stringify(v)).join(', ');
const named = (
  kind: string,
  test: Comparison,
  holds: readonly unknown[],
  fails: readonly unknown[],
) => `${kind} ${JSON.stringify(test)} holds for ${shown(holds)}; not for ${shown(fails)}`;

let instance: DuckDBInstance;
let connection: DuckDBConnection;

beforeAll(async () => {
  instance = await DuckDBInstance.create(':memory:');
  connection = await instance.connect();
});
afterAll(() => {
  connection.closeSync();
  instance.closeSync();
});

/** Parameters of one statement, bound in order. */
function binder(): { params: SqlParam[]; bind: Bind; dialect: SqlDialect } {
  const params: SqlParam[] = [];
  return {
    params,
    dialect: DUCKDB,
    bind: (type, value) => {
      params.push({ type, value });
      return `$${params.length}::${type}`;
    },
  };
}

/** How a value of the kind is written as the row's `x`. */
function valueOf(kind: ValueTruth['kind'], v: Scalar, bind: Bind): string {
  const types: Record<ValueTruth['kind'], SqlType> = {
    string: 'VARCHAR',
    enum: 'VARCHAR',
    number: 'DOUBLE',
    boolean: 'BOOLEAN',
    date: 'TIMESTAMP',
    dynamic: 'VARCHAR',
  };
  const type = types[kind];
  // A property value sits in a JSON object; missing is the absent key.
  if (kind === 'dynamic') {
    return `CAST(${bind('VARCHAR', JSON.stringify(v === null ? {} : { k: v }))} AS JSON)`;
  }
  if (v === null) return `NULL::${type}`;
  if (kind === 'date') return bind('TIMESTAMP', instantOf(v) ?? NaN);
  return bind(type, v);
}

/** Whether `expr(x)` (coalesced, as the compiler does) holds on each value, in order. */
async function holdsOn(
  values: readonly string[],
  expr: (x: string, lowerX: string) => string,
  params: SqlParam[],
): Promise<boolean[]> {
  const rows = values.map((v, i) => `(${i}, ${v})`).join(', ');
  const where = two(expr('v.x', 'lower(v.x)'));
  const result = await runSegmentStatement(connection, {
    sql: `SELECT v.i, ${where} AS holds FROM (VALUES ${rows}) v(i, x) ORDER BY v.i`,
    params,
  });
  return result.map((row) => row.holds === true);
}

describe('what each operator means in DuckDB (the table in operators.fixture.ts)', () => {
  test.each(
    VALUE_TRUTHS.map((row) => [named(row.kind, row.test, row.holds, row.fails), row] as const),
  )('%s', async (_, row) => {
    const values = [...row.holds, ...row.fails];
    const expected = values.map((_, i) => i < row.holds.length);
    const { kind } = row;
    const ways: ((x: string, lowerX: string, w: SqlWriter) => string)[] =
      kind === 'dynamic'
        ? [(x, _lower, w) => propertySql(row.test, x, 'k', w)]
        : [
            (x, _lower, w) => valueSql(row.test, kind, x, w, asOfMs),
            // Derived mode: a string field's lower-cased copy beside it.
            (x, lowerX, w) => valueSql(row.test, kind, x, w, asOfMs, lowerX),
          ];
    for (const way of ways) {
      const writer = binder();
      const { params, bind } = writer;
      const written = values.map((v) => valueOf(kind, v, bind));
      const holds = await holdsOn(written, (x, lowerX) => way(x, lowerX, writer), params);
      expect(values.filter((_, i) => holds[i] !== expected[i])).toEqual([]);
    }
  });

  test.each(SET_TRUTHS.map((row) => [named('set', row.test, row.holds, row.fails), row] as const))(
    '%s',
    async (_, row) => {
      const sets = [...row.holds, ...row.fails];
      const expected = sets.map((_, i) => i < row.holds.length);
      // Our own plain words, written as literals: a constant test binds none of them.
      const literal = (value: string) => `'${value}'`;
      // Derived mode: the distinct values as a list, NULL without orders.
      const listed = binder();
      const lists = sets.map((set) =>
        set.length === 0 ? 'NULL::VARCHAR[]' : `[${set.map(literal).join(', ')}]::VARCHAR[]`,
      );
      const fromLists = await holdsOn(
        lists,
        (x) => setSql(row.test, listedSet(x, listed)),
        listed.params,
      );
      expect(sets.filter((_, i) => fromLists[i] !== expected[i])).toEqual([]);
      // Base mode: the values as rows (an order each), read by correlated subqueries.
      const rowsOf = binder();
      const orders = sets.flatMap((set, i) => set.map((value) => `(${i}, ${literal(value)})`));
      const table = orders.length > 0 ? `VALUES ${orders.join(', ')}` : 'SELECT 0, NULL LIMIT 0';
      const from = `FROM (${table}) o(i, channel) WHERE o.i = v.i`;
      const fromRows = await holdsOn(
        sets.map((_, i) => String(i)),
        () => setSql(row.test, rowsSet('o.channel', from, rowsOf)),
        rowsOf.params,
      );
      expect(sets.filter((_, i) => fromRows[i] !== expected[i])).toEqual([]);
    },
  );
});

describe('event properties and scores in DuckDB', () => {
  test.each<[string, string, Comparison, boolean]>([
    ['a JSON null is missing', '{"k": null}', { operator: 'is_empty' }, true],
    ['a nested object is missing', '{"k": {"a": 1}}', { operator: 'is_empty' }, true],
    ['a list is missing', '{"k": [1]}', { operator: 'is_set' }, false],
    ['an integer is a number', '{"k": 3}', { operator: 'gt', value: 2.5 }, true],
    [
      'a big integer is a number',
      '{"k": 18446744073709551615}',
      { operator: 'gt', value: 1 },
      true,
    ],
    ['another key is not the key', '{"K": 3}', { operator: 'is_set' }, false],
  ])('%s', async (_, json, test, expected) => {
    const writer = binder();
    const { params, bind } = writer;
    const x = `CAST(${bind('VARCHAR', json)} AS JSON)`;
    const holds = await holdsOn([x], (v) => propertySql(test, v, 'k', writer), params);
    expect(holds).toEqual([expected]);
  });
});
