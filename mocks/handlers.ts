// MSW handlers that hand every /api request to the Hono app: the mock runs the real routes.
import type { Hono } from 'hono';
import { http } from 'msw';
import { createApi } from '../server/app.ts';
import type { Access } from '../server/auth/access.ts';
import { MemoryStore } from '../server/stores/memory.ts';
import type { Dataset } from '../src/domain/profile/schema.ts';

/** The real routes over `dataset`, everyone being `access`'s one identity. */
export function apiOverDataset(dataset: Dataset, asOf: string, access: Access): Hono {
  return createApi(new MemoryStore(dataset, asOf), { access });
}

/** `before` runs ahead of each request (the browser demo picks up other tabs' saves there). */
export function apiHandlers(api: Hono, before?: () => Promise<unknown>) {
  // Only paths that start with /api/: the dev server also serves modules like /src/api/client.ts.
  return [
    http.all(/^https?:\/\/[^/]+\/api\//, async ({ request }) => {
      await before?.();
      return api.fetch(request);
    }),
  ];
}
