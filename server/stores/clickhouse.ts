// A profile store over ClickHouse (issue 14, docs/scale.md), first part: the import layout loaded
// into MergeTree tables, and customers' histories read back — the same CustomerHistory every
// per-customer function reads, assembled by the domain's `assembleHistory` from the rows ClickHouse
// returns, each row checked by the model's zod schema (ClickHouse is a boundary like any file).
// Queries go through a `ClickHouseRunner`: chDB in-process here and in tests, a ClickHouse server
// through @clickhouse/client in production; nothing assumes one node.
import { join, resolve } from 'node:path';
import type { z } from 'zod';
import {
  assembleHistory,
  historyReference,
  wholeHistory,
  type CustomerHistory,
  type HistoryReference,
  type HistoryScope,
} from '../../src/domain/profile/history.ts';
import {
  campaign,
  consent,
  customer,
  event,
  identity,
  message,
  offer,
  offerResponse,
  order,
  orderLine,
  preference,
  product,
  store,
  type Order,
  type OrderLine,
} from '../../src/domain/profile/schema.ts';
import {
  CLICKHOUSE_TABLES,
  clickhouseDdl,
  columnsOfTable,
  type ClickHouseTable,
} from './clickhouse-schema.ts';
import { quote, type ColumnSpec } from './duckdb-schema.ts';

/** Values bound by name to a statement's `{name:Type}` parameters. */
export type ClickHouseParams = Readonly<Record<string, string | number | boolean>>;

/** Runs statements and reads rows (JSONEachRow) on a ClickHouse, embedded or remote. */
export interface ClickHouseRunner {
  run(sql: string): Promise<void>;
  rows(sql: string, params?: ClickHouseParams): Promise<Record<string, unknown>[]>;
  /**
   * The rows of a CSV file with a header on this machine, every column text (`structure`), as an
   * INSERT … SELECT reads them, in the file's order: chDB reads the file where it is (`file()`); a
   * server is sent its bytes first, into a table of its own that `done` drops.
   */
  csvSource(path: string, structure: string): Promise<{ from: string; done(): Promise<void> }>;
}

/** How the loader reads a CSV file: the values as written (no trimming), in the file's order. */
export const CSV_READ_SETTINGS = {
  input_format_csv_trim_whitespaces: 0,
  input_format_parallel_parsing: 0,
  max_threads: 1,
} as const;

/** A string as a ClickHouse literal. */
export function chString(text: string): string {
  return `'${text.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`;
}

/** The value of a layout file's column (read as text) in the column's type. */
function fromText(column: ColumnSpec): string {
  const x = quote(column.name);
  const orNull = column.nullable;
  switch (column.kind) {
    case 'instant':
      return orNull
        ? `parseDateTime64BestEffortOrNull(${x}, 3, 'UTC')`
        : `parseDateTime64BestEffort(assumeNotNull(${x}), 3, 'UTC')`;
    case 'date':
      return orNull ? `toDate32OrNull(${x})` : `toDate32(assumeNotNull(${x}))`;
    case 'int':
    case 'cents':
      return orNull ? `toInt32OrNull(${x})` : `toInt32(assumeNotNull(${x}))`;
    case 'double':
      return orNull ? `toFloat64OrNull(${x})` : `toFloat64(assumeNotNull(${x}))`;
    case 'bool':
      return orNull ? `if(${x} IS NULL, NULL, ${x} = 'true')` : `assumeNotNull(${x}) = 'true'`;
    default:
      return orNull ? x : `ifNull(${x}, '')`;
  }
}

/**
 * Loads a directory in the import layout (docs/import.md; as `npm run export-demo` writes it) into
 * the store's tables, in each file's order. The files are the import's, checked by it first.
 */
export async function loadLayout(
  ch: ClickHouseRunner,
  dir: string,
  options: {
    /** Rows in each file's order (`_row`), parsed on one thread; false: any order, all threads. */
    ordered?: boolean;
  } = {},
): Promise<Record<ClickHouseTable, number>> {
  const ordered = options.ordered ?? true;
  const loaded: Partial<Record<ClickHouseTable, number>> = {};
  for (const table of CLICKHOUSE_TABLES) {
    await ch.run(clickhouseDdl(table));
    const columns = columnsOfTable(table);
    const structure = columns.map((c) => `${quote(c.name)} Nullable(String)`).join(', ');
    const path = resolve(join(dir, `${table}.csv`));
    // One thread, no parallel parsing: rowNumberInAllBlocks() is then the file's own order. Values
    // as written: a trailing space is the customer's data (a planted data-quality fault).
    const source = await ch.csvSource(path, structure);
    try {
      await ch.run(
        `INSERT INTO ${quote(table)} (${[...columns.map((c) => quote(c.name)), '"_row"'].join(', ')})
           SELECT ${columns.map(fromText).join(', ')}, rowNumberInAllBlocks() FROM ${source.from}
           SETTINGS ${ordered ? 'input_format_parallel_parsing = 0, max_threads = 1, ' : ''}input_format_csv_trim_whitespaces = 0`,
      );
    } finally {
      await source.done();
    }
    const [counted] = await ch.rows(`SELECT count() AS n FROM ${quote(table)}`);
    loaded[table] = Number(counted?.n ?? 0);
  }
  const complete = (
    l: Partial<Record<ClickHouseTable, number>>,
  ): l is Record<ClickHouseTable, number> => CLICKHOUSE_TABLES.every((t) => l[t] !== undefined);
  if (!complete(loaded)) throw new Error('A table was not loaded.');
  return loaded;
}

/** A column as the model writes it: instants in ISO UTC with milliseconds, dates as YYYY-MM-DD. */
function asModel(column: ColumnSpec): string {
  const x = quote(column.name);
  switch (column.kind) {
    case 'instant':
      return `concat(replaceOne(toString(${x}), ' ', 'T'), 'Z') AS ${x}`;
    case 'date':
      return `toString(${x}) AS ${x}`;
    default:
      return x;
  }
}

const selectModel = (table: ClickHouseTable) => columnsOfTable(table).map(asModel).join(', ');

/** A row read back: its JSON column parsed, checked by the model's schema. */
function parseRow<S extends z.ZodType>(
  schema: S,
  table: ClickHouseTable,
  row: Record<string, unknown>,
): z.infer<S> {
  const value: Record<string, unknown> = { ...row };
  for (const c of columnsOfTable(table))
    if (c.kind === 'json' && typeof value[c.name] === 'string')
      value[c.name] = JSON.parse(String(value[c.name]));
  const parsed = schema.safeParse(value);
  if (!parsed.success)
    throw new Error(
      `ClickHouse answered a ${table} row off the model: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
  return parsed.data;
}

/** Every row of `table` in load order, checked by the model's `schema`. */
export async function readTable<S extends z.ZodType>(
  ch: ClickHouseRunner,
  table: ClickHouseTable,
  schema: S,
): Promise<z.infer<S>[]> {
  return (await ch.rows(`SELECT ${selectModel(table)} FROM ${quote(table)} ORDER BY "_row"`)).map(
    (r) => parseRow(schema, table, r),
  );
}

/** The reference tables every history resolves against (products, stores, offers, campaigns). */
export async function readReference(ch: ClickHouseRunner): Promise<HistoryReference> {
  const read = <S extends z.ZodType>(table: ClickHouseTable, schema: S) =>
    readTable(ch, table, schema);
  return historyReference({
    products: await read('products', product),
    stores: await read('stores', store),
    offers: await read('offers', offer),
    campaigns: await read('campaigns', campaign),
  });
}

/** The histories of `customerIds` (those that exist), in the order asked. */
export async function readHistories(
  ch: ClickHouseRunner,
  customerIds: readonly string[],
  reference: HistoryReference,
  scope: HistoryScope = wholeHistory,
): Promise<CustomerHistory[]> {
  if (customerIds.length === 0) return [];
  const ids = `(${customerIds.map(chString).join(', ')})`;
  const byCustomer = async <S extends z.ZodType>(table: ClickHouseTable, schema: S) => {
    const grouped = new Map<string, z.infer<S>[]>();
    const rows = await ch.rows(
      `SELECT ${selectModel(table)} FROM ${quote(table)} WHERE customer_id IN ${ids} ORDER BY customer_id, "_row"`,
    );
    for (const r of rows) {
      const key = String(r.customer_id);
      const list = grouped.get(key) ?? [];
      list.push(parseRow(schema, table, r));
      grouped.set(key, list);
    }
    return grouped;
  };
  const customers = await byCustomer('customers', customer);
  const identities = await byCustomer('identities', identity);
  const consents = await byCustomer('consents', consent);
  const preferences = await byCustomer('preferences', preference);
  const orders = await byCustomer('orders', order);
  const events = await byCustomer('events', event);
  const messages = await byCustomer('messages', message);
  const responses = await byCustomer('offer_responses', offerResponse);
  const lines = new Map<string, OrderLine[]>();
  for (const r of await ch.rows(
    `SELECT ${selectModel('order_lines')} FROM order_lines
      WHERE order_id IN (SELECT order_id FROM orders WHERE customer_id IN ${ids})
      ORDER BY order_id, "_row"`,
  )) {
    const line = parseRow(orderLine, 'order_lines', r);
    const list = lines.get(line.order_id) ?? [];
    list.push(line);
    lines.set(line.order_id, list);
  }
  const histories: CustomerHistory[] = [];
  for (const id of customerIds) {
    const row = customers.get(id)?.[0];
    if (row === undefined) continue;
    histories.push(
      assembleHistory(
        {
          customer: row,
          identities: identities.get(id) ?? [],
          consents: consents.get(id) ?? [],
          preferences: preferences.get(id) ?? [],
          orders: (orders.get(id) ?? []).map((o: Order) => ({
            order: o,
            lines: lines.get(o.order_id) ?? [],
          })),
          events: events.get(id) ?? [],
          messages: messages.get(id) ?? [],
          offerResponses: responses.get(id) ?? [],
        },
        reference,
        scope,
      ),
    );
  }
  return histories;
}
