// Loading a Dataset into the DuckDB store: rows are converted column by column into data chunks of
// DuckDB's vector size and appended through one appender per table, in the order they arrive
// (customer order), so each row group holds a narrow range of customers and its zonemap prunes
// `customer_id = ?` lookups.
import {
  DuckDBDataChunk,
  type DuckDBAppender,
  type DuckDBConnection,
  type DuckDBType,
  type DuckDBValue,
} from '@duckdb/node-api';
import type { Dataset, customerTables, referenceTables } from '../../src/domain/profile/schema.ts';
import {
  createSchema,
  dropSchema,
  SCHEMA_VERSION,
  tableNames,
  tables,
  type ColumnSpec,
  type TableName,
} from './duckdb-schema.ts';
import { buildSegmentTables } from './duckdb-derived.ts';
import { buildHistoryTable } from './duckdb-histories.ts';
import { buildSearchTables } from './duckdb-search.ts';
import { CHUNK_ROWS, instantValue, toDuckDb } from './duckdb-values.ts';

export type ReferenceRows = Pick<Dataset, (typeof referenceTables)[number]>;
export type CustomerRows = Pick<Dataset, (typeof customerTables)[number]>;

/** The generator's sink (mocks/seed): batches of reference rows, then of ~1,000 customers. */
export interface DatasetSink {
  reference(rows: ReferenceRows): void;
  customers(rows: CustomerRows): void;
  finish(): Promise<void>;
}

export interface DuckDbSink extends DatasetSink {
  /** Rows appended so far, all tables. */
  readonly rows: number;
}

/** What the `meta` table records about a load. */
export interface LoadInfo {
  asOf: string;
  seed: number | null;
}

/**
 * Buffers one table's rows as columns of DuckDB values and appends them a full data chunk at a
 * time. The chunk is created and filled in one go when it is appended (as the library's own
 * DuckDBDataChunkWriter does): writing into a chunk's vectors while rows trickle in crashed the
 * process (a segfault in the appender's string copy once it had flushed 204,800 rows).
 */
class TableWriter {
  private readonly columns: readonly ColumnSpec[];
  private readonly types: DuckDBType[];
  private buffers: DuckDBValue[][];
  private pending = 0;
  appended = 0;

  constructor(
    private readonly appender: DuckDBAppender,
    table: TableName,
  ) {
    this.columns = tables[table];
    this.types = this.columns.map((_, i) => appender.columnType(i));
    this.buffers = this.columns.map(() => []);
  }

  add(rows: readonly object[]): void {
    const columns = this.columns;
    for (const row of rows) {
      for (let c = 0; c < columns.length; c += 1) {
        const column = columns[c];
        const buffer = this.buffers[c];
        if (column === undefined || buffer === undefined) continue;
        const value: unknown = Reflect.get(row, column.name);
        buffer.push(toDuckDb(column.kind, value));
      }
      this.pending += 1;
      if (this.pending === CHUNK_ROWS) this.flushChunk();
    }
  }

  /**
   * One chunk per table, reset and refilled at each flush. A new chunk per flush left its native
   * memory to the JS garbage collector, which does not see it: a 1 M-customer load peaked at 11 GB.
   */
  private chunk: DuckDBDataChunk | null = null;

  private flushChunk(): void {
    if (this.pending === 0) return;
    const chunk = (this.chunk ??= DuckDBDataChunk.create(this.types));
    chunk.reset();
    chunk.setColumns(this.buffers);
    this.appender.appendDataChunk(chunk);
    this.appended += this.pending;
    this.pending = 0;
    this.buffers = this.columns.map(() => []);
  }

  close(): void {
    this.flushChunk();
    this.appender.closeSync();
  }
}

/** Replaces `meta` with one row describing the data now in the tables. */
export async function writeMeta(
  connection: DuckDBConnection,
  info: LoadInfo,
  customers: number,
): Promise<void> {
  await connection.run('DELETE FROM meta');
  await connection.run('INSERT INTO meta VALUES ($1, $2, $3, $4, current_timestamp::TIMESTAMP)', [
    instantValue(info.asOf),
    info.seed === null ? null : BigInt(info.seed),
    customers,
    SCHEMA_VERSION,
  ]);
}

/**
 * A sink that streams a dataset into the store behind `connection`. The tables are dropped and
 * recreated first: a sink always loads a whole dataset. The sink's methods are synchronous (the
 * generator's are); each converts its batch into data chunks and appends them as they fill.
 * `finish()` flushes the last chunks, closes the appenders and writes `meta`.
 */
export async function createDuckDbSink(
  connection: DuckDBConnection,
  info: LoadInfo,
  onFinish?: () => Promise<void>,
): Promise<DuckDbSink> {
  await dropSchema(connection);
  await createSchema(connection);
  const writers = new Map<TableName, TableWriter>();
  for (const table of tableNames) {
    writers.set(table, new TableWriter(await connection.createAppender(table), table));
  }
  let customers = 0;
  let finished = false;
  const write = (table: TableName, rows: readonly object[]): void => {
    if (finished) throw new Error('DuckDB sink: rows after finish()');
    writers.get(table)?.add(rows);
  };
  return {
    get rows() {
      let n = 0;
      for (const writer of writers.values()) n += writer.appended;
      return n;
    },
    reference(rows) {
      write('stores', rows.stores);
      write('products', rows.products);
      write('store_stock', rows.store_stock);
      write('offers', rows.offers);
      write('campaigns', rows.campaigns);
      write('segments', rows.segments);
    },
    customers(rows) {
      customers += rows.customers.length;
      write('customers', rows.customers);
      write('identities', rows.identities);
      write('consents', rows.consents);
      write('preferences', rows.preferences);
      write('orders', rows.orders);
      write('order_lines', rows.order_lines);
      write('events', rows.events);
      write('messages', rows.messages);
      write('holdouts', rows.holdouts);
      write('offer_responses', rows.offer_responses);
    },
    async finish() {
      if (finished) return;
      finished = true;
      for (const writer of writers.values()) writer.close();
      await buildSearchTables(connection);
      await buildSegmentTables(connection);
      await buildHistoryTable(connection);
      await writeMeta(connection, info, customers);
      await connection.run('CHECKPOINT');
      if (onFinish) await onFinish();
    },
  };
}

/** Loads a whole in-memory dataset (fixtures, tests, small demos) through the same sink. */
export async function loadDatasetInto(
  connection: DuckDBConnection,
  dataset: Dataset,
  info: LoadInfo,
  onFinish?: () => Promise<void>,
): Promise<void> {
  const sink = await createDuckDbSink(connection, info, onFinish);
  sink.reference(dataset);
  sink.customers(dataset);
  await sink.finish();
}
