// MSW handlers that hand every /api request to the Hono app: the mock runs the real routes.
import type { Hono } from 'hono';
import { http } from 'msw';
import { createApi } from '../server/app.ts';
import { MemoryStore } from '../server/stores/memory.ts';
import type { Dataset } from '../src/domain/profile/schema.ts';

export function apiOverDataset(dataset: Dataset, asOf: string): Hono {
  return createApi(new MemoryStore(dataset, asOf));
}

export function apiHandlers(api: Hono) {
  // Only paths that start with /api/: the dev server also serves modules like /src/api/client.ts.
  return [http.all(/^https?:\/\/[^/]+\/api\//, ({ request }) => api.fetch(request))];
}
