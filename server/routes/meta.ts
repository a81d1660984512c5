import { Hono } from 'hono';
import type { CatalogueResponse, HealthResponse } from '../../src/api/contract.ts';
import type { ProfileStore } from '../store.ts';

export function metaRoutes(store: ProfileStore): Hono {
  return new Hono()
    .get('/health', async (c) => {
      const body: HealthResponse = {
        status: 'ok',
        store: store.kind,
        customers: await store.customerCount(),
        as_of: store.asOf,
      };
      return c.json(body);
    })
    .get('/catalogue', async (c) => {
      const body: CatalogueResponse = await store.catalogue();
      return c.json(body);
    });
}
