// The logical model's tables in ClickHouse (issue 14, docs/scale.md): the same columns as the
// DuckDB store's (duckdb-schema.ts `tables`, the model's), each a MergeTree ordered by customer for
// the customer tables (a customer's rows in one granule run: what a history reads) and by key for
// the reference tables, plus `_row`, the row's place in its file (the load order, which breaks
// ties wherever the domain sorts rows). Instants are DateTime64(3, 'UTC'); money in cents Int32, as
// in the model. Nothing here assumes one node: on a cluster each table is the shard's local table
// behind a Distributed table of the same name (docs/scale.md).
import { IMPORT_TABLES, type ImportTable } from '../../src/api/contract.ts';
import { quote, tables, type ColumnSpec } from './duckdb-schema.ts';

/** The tables a ClickHouse store holds: the import layout's, segments aside (documents live elsewhere). */
export const CLICKHOUSE_TABLES = IMPORT_TABLES;
export type ClickHouseTable = ImportTable;

const BASE_TYPES: Readonly<Record<ColumnSpec['kind'], string>> = {
  text: 'String',
  instant: "DateTime64(3, 'UTC')",
  date: 'Date32',
  int: 'Int32',
  cents: 'Int32',
  double: 'Float64',
  bool: 'Bool',
  json: 'String',
};

export function clickhouseType(column: ColumnSpec): string {
  const base = BASE_TYPES[column.kind];
  return column.nullable ? `Nullable(${base})` : base;
}

/** How each table's rows are ordered on disk. */
const ORDER_BY: Readonly<Record<ClickHouseTable, readonly string[]>> = {
  customers: ['customer_id'],
  identities: ['customer_id', '_row'],
  consents: ['customer_id', '_row'],
  preferences: ['customer_id', '_row'],
  stores: ['store_id'],
  products: ['sku'],
  store_stock: ['sku', 'store_id'],
  orders: ['customer_id', '_row'],
  order_lines: ['order_id', 'line_no'],
  events: ['customer_id', '_row'],
  messages: ['customer_id', '_row'],
  holdouts: ['customer_id', 'campaign_id'],
  offers: ['offer_id'],
  offer_responses: ['customer_id', '_row'],
  campaigns: ['campaign_id'],
};

export const columnsOfTable = (table: ClickHouseTable): readonly ColumnSpec[] => tables[table];

export function clickhouseDdl(table: ClickHouseTable): string {
  const columns = [
    ...columnsOfTable(table).map((c) => `${quote(c.name)} ${clickhouseType(c)}`),
    '`_row` UInt64',
  ];
  return `CREATE TABLE IF NOT EXISTS ${quote(table)} (${columns.join(', ')})
    ENGINE = MergeTree ORDER BY (${ORDER_BY[table].map(quote).join(', ')})`;
}
