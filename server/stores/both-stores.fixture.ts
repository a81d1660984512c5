// One dataset behind the API on both stores, for the differential tests: the same rows in the
// memory store and in an in-memory DuckDB. The stores only select members and supply histories;
// what the API answers from them must be identical.
import type { Hono } from 'hono';
import type { Dataset } from '../../src/domain/profile/schema.ts';
import { createApi } from '../app.ts';
import { loadDataset, openDuckDbStore } from './duckdb.ts';
import { MemoryStore } from './memory.ts';

export interface BothStoresApis {
  memory: Hono;
  duckdb: Hono;
  close: () => Promise<void>;
}

/** Both stores over `dataset` as of `asOf`; `close` releases DuckDB. Allow a minute to load. */
export async function bothStoresApis(dataset: Dataset, asOf: string): Promise<BothStoresApis> {
  const duck = await openDuckDbStore({ path: ':memory:' });
  await loadDataset(duck, dataset, { asOf });
  return {
    memory: createApi(new MemoryStore(dataset, asOf), { logErrors: false }),
    duckdb: createApi(duck, { logErrors: false }),
    close: () => duck.close(),
  };
}
