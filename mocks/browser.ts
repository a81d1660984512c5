// Starts the MSW worker in the browser; every /api request goes to the Hono app over the memory
// store, filled with the generated demo data.
import { setupWorker } from 'msw/browser';
import { createDemoApi } from './demo.ts';
import { apiHandlers } from './handlers.ts';

export async function startMockApi(): Promise<void> {
  const api = createDemoApi();
  const worker = setupWorker(...apiHandlers(api));
  await worker.start({
    onUnhandledRequest: 'bypass',
    quiet: true,
    serviceWorker: { url: `${import.meta.env.BASE_URL}mockServiceWorker.js` },
  });
}
