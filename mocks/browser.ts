// Starts the MSW worker in the browser; every /api request goes to the Hono app over the memory
// store, filled with the generated demo data; saved segments survive a reload (localStorage).
import { setupWorker } from 'msw/browser';
import { createPersistentDemoApi } from './demo.ts';
import { apiHandlers } from './handlers.ts';

/** Starts the mock over a demo of `customers` customers. */
export async function startMockApi(customers: number): Promise<void> {
  const { api, sync } = await createPersistentDemoApi(window.localStorage, customers);
  const worker = setupWorker(...apiHandlers(api, sync));
  await worker.start({
    onUnhandledRequest: 'bypass',
    quiet: true,
    serviceWorker: { url: `${import.meta.env.BASE_URL}mockServiceWorker.js` },
  });
}
