// The DuckDB profile store: the same answers as the memory store, from SQL over an embedded DuckDB
// file (or ':memory:'). Reads run on a small pool of connections, each holding its own prepared
// statements; loads run on the store's own connection. See docs/decisions/003-duckdb-store.md.
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import type {
  CatalogueResponse,
  ProfileResponse,
  SearchHit,
  TimelineResponse,
} from '../../src/api/contract.ts';
import type { Dataset } from '../../src/domain/profile/schema.ts';
import type { ProfileStore, TimelineRequest } from '../store.ts';
import { readCatalogue } from './duckdb-catalogue.ts';
import {
  createDuckDbSink as createSinkOn,
  loadDatasetInto,
  type DuckDbSink,
  type LoadInfo,
} from './duckdb-loader.ts';
import { readProfile } from './duckdb-queries.ts';
import { createSchema } from './duckdb-schema.ts';
import { searchCustomers } from './duckdb-search.ts';
import { readTimeline } from './duckdb-timeline.ts';
import { queryRows, toNumber, toNumberOrNull, toText } from './duckdb-values.ts';

export type { DatasetSink, DuckDbSink, LoadInfo } from './duckdb-loader.ts';
export { createSchema, SCHEMA_VERSION } from './duckdb-schema.ts';

/** What the `meta` table says about the data in a file. */
export interface DuckDbMeta {
  as_of: string;
  seed: number | null;
  customers: number;
  schema_version: number;
}

export interface DuckDbStoreOptions {
  /** A file (created if missing, reused if present) or ':memory:'. */
  path: string;
  /** "Today" for relative figures; by default the `as_of` the data was loaded with. */
  asOf?: string;
  /** Read connections (default 4). */
  connections?: number;
}

/** Hands out connections one request at a time; opens them lazily up to `max`. */
class ConnectionPool {
  private idle: DuckDBConnection[] = [];
  private open: DuckDBConnection[] = [];
  private waiting: ((connection: DuckDBConnection) => void)[] = [];
  private opening = 0;

  constructor(
    private readonly instance: DuckDBInstance,
    private readonly max: number,
  ) {}

  async use<T>(work: (connection: DuckDBConnection) => Promise<T>): Promise<T> {
    const connection = await this.acquire();
    try {
      return await work(connection);
    } finally {
      this.release(connection);
    }
  }

  private async acquire(): Promise<DuckDBConnection> {
    const idle = this.idle.pop();
    if (idle) return idle;
    if (this.open.length + this.opening < this.max) {
      this.opening += 1;
      try {
        const connection = await this.instance.connect();
        this.open.push(connection);
        return connection;
      } finally {
        this.opening -= 1;
      }
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private release(connection: DuckDBConnection): void {
    if (!this.open.includes(connection)) return; // closed by reset() meanwhile
    const next = this.waiting.shift();
    if (next) next(connection);
    else this.idle.push(connection);
  }

  /** Closes every idle connection; busy ones are closed when released. */
  reset(): void {
    for (const connection of this.idle) connection.closeSync();
    this.open = this.open.filter((c) => !this.idle.includes(c));
    this.idle = [];
  }

  close(): void {
    for (const connection of this.open) connection.closeSync();
    this.open = [];
    this.idle = [];
  }
}

export class DuckDbStore implements ProfileStore {
  readonly kind = 'duckdb';
  /** The connection loads run on (sinks, `loadDataset`). */
  readonly connection: DuckDBConnection;
  private readonly instance: DuckDBInstance;
  private pool: ConnectionPool;
  private readonly poolSize: number;
  private readonly asOfOption: string | undefined;
  private meta: DuckDbMeta | null = null;
  private cachedCatalogue: Promise<CatalogueResponse> | null = null;
  private closed = false;

  private constructor(
    instance: DuckDBInstance,
    connection: DuckDBConnection,
    options: DuckDbStoreOptions,
  ) {
    this.instance = instance;
    this.connection = connection;
    this.asOfOption = options.asOf;
    this.poolSize = Math.max(1, options.connections ?? 4);
    this.pool = new ConnectionPool(instance, this.poolSize);
  }

  static async open(options: DuckDbStoreOptions): Promise<DuckDbStore> {
    const instance = await DuckDBInstance.create(options.path);
    const connection = await instance.connect();
    await createSchema(connection);
    const store = new DuckDbStore(instance, connection, options);
    await store.reload();
    return store;
  }

  /** The instant the data runs up to: the option, else the loaded data's, else now. */
  get asOf(): string {
    return this.asOfOption ?? this.meta?.as_of ?? new Date().toISOString();
  }

  /** Re-reads `meta` and drops caches and prepared statements: call after (re)loading data. */
  async reload(): Promise<void> {
    this.meta = await fetchMeta(this.connection);
    this.cachedCatalogue = null;
    this.pool.reset();
  }

  get loadedMeta(): DuckDbMeta | null {
    return this.meta;
  }

  private read<T>(work: (connection: DuckDBConnection) => Promise<T>): Promise<T> {
    if (this.closed) return Promise.reject(new Error('The DuckDB store is closed.'));
    return this.pool.use(work);
  }

  async customerCount(): Promise<number> {
    return this.read(async (c) => {
      const [row] = await queryRows(c, 'SELECT count(*)::INTEGER AS n FROM customers');
      return toNumber(row?.n ?? null);
    });
  }

  catalogue(): Promise<CatalogueResponse> {
    if (this.cachedCatalogue === null) {
      const asOf = this.asOf;
      const pending = this.read((c) => readCatalogue(c, asOf));
      // A failed computation is not cached: the next request tries again.
      pending.catch(() => {
        if (this.cachedCatalogue === pending) this.cachedCatalogue = null;
      });
      this.cachedCatalogue = pending;
    }
    return this.cachedCatalogue;
  }

  search(query: string, limit: number): Promise<SearchHit[]> {
    return this.read((c) => searchCustomers(c, query, limit));
  }

  profile(customerId: string): Promise<ProfileResponse | null> {
    return this.read((c) => readProfile(c, customerId));
  }

  timeline(customerId: string, request: TimelineRequest): Promise<TimelineResponse | null> {
    return this.read((c) => readTimeline(c, customerId, request));
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.pool.close();
    this.connection.closeSync();
    this.instance.closeSync();
  }
}

async function fetchMeta(connection: DuckDBConnection): Promise<DuckDbMeta | null> {
  const [row] = await queryRows(
    connection,
    `SELECT strftime(as_of, '%Y-%m-%dT%H:%M:%S.%gZ') AS as_of, seed, customers, schema_version
     FROM meta ORDER BY loaded_at DESC LIMIT 1`,
  );
  if (row === undefined) return null;
  return {
    as_of: toText(row.as_of ?? null),
    seed: toNumberOrNull(row.seed ?? null),
    customers: toNumber(row.customers ?? null),
    schema_version: toNumber(row.schema_version ?? null),
  };
}

/** Opens (or creates) a store; an existing file is reused as it is, never reseeded here. */
export function openDuckDbStore(options: DuckDbStoreOptions): Promise<DuckDbStore> {
  return DuckDbStore.open(options);
}

/** Whether the file holds a complete load, and of what; null when nothing was loaded yet. */
export async function readMeta(store: DuckDbStore): Promise<DuckDbMeta | null> {
  await store.reload();
  return store.loadedMeta;
}

/**
 * A sink for the generator's `streamDataset(options, sink)`: replaces whatever the store holds;
 * `finish()` writes `meta` and, given a store, makes the store serve the new data.
 */
export function createDuckDbSink(
  target: DuckDbStore | DuckDBConnection,
  info: LoadInfo,
): Promise<DuckDbSink> {
  if (target instanceof DuckDbStore) {
    return createSinkOn(target.connection, info, () => target.reload());
  }
  return createSinkOn(target, info);
}

/** Loads a whole in-memory dataset (replacing the store's data). */
export async function loadDataset(
  store: DuckDbStore,
  dataset: Dataset,
  info: Partial<LoadInfo> = {},
): Promise<void> {
  await loadDatasetInto(
    store.connection,
    dataset,
    { asOf: info.asOf ?? store.asOf, seed: info.seed ?? null },
    () => store.reload(),
  );
}
