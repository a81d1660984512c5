// One dataset behind the API on both stores, for the differential tests: the same rows in the
// memory store and in an in-memory DuckDB. The stores only select members and supply histories;
// what the API answers from them must be identical.
import type { Hono } from 'hono';
import type { Dataset } from '../../src/domain/profile/schema.ts';
import { createApi } from '../app.ts';
import { checkWorkers } from '../checks/check-workers.ts';
import { loadDataset, openDuckDbStore } from './duckdb.ts';
import { MemoryStore } from './memory.ts';
import { TEST_ACCESS } from '../auth/test-access.ts';

export interface BothStoresApis {
  memory: Hono;
  duckdb: Hono;
  close: () => Promise<void>;
}

/**
 * Both stores over `dataset` as of `asOf`; `close` releases DuckDB. Allow a minute to load. With
 * `checkWorkers`, DuckDB's API checks recipients in worker threads as the Node server does, while
 * the memory store's checks them in this thread.
 */
export async function bothStoresApis(
  dataset: Dataset,
  asOf: string,
  options: { checkWorkers?: boolean } = {},
): Promise<BothStoresApis> {
  const duck = await openDuckDbStore({ path: ':memory:' });
  await loadDataset(duck, dataset, { asOf });
  const checks = options.checkWorkers === true ? checkWorkers({ size: 2 }) : null;
  return {
    memory: createApi(new MemoryStore(dataset, asOf), { access: TEST_ACCESS, logErrors: false }),
    duckdb: createApi(duck, {
      access: TEST_ACCESS,
      logErrors: false,
      ...(checks === null ? {} : { checks }),
    }),
    close: async () => {
      await Promise.all([duck.close(), checks?.close()]);
    },
  };
}
