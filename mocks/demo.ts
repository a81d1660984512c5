// The demo API of the mocked world: generated data in the memory store behind the real Hono app.
import type { Hono } from 'hono';
import { apiOverDataset } from './handlers.ts';
import { DEMO_AS_OF, generateDataset } from './seed/index.ts';

/** The demo's seed and size; the e2e suite and the server's e2e instance use the same. */
export const DEMO_SEED = 42;
export const BROWSER_DEMO_CUSTOMERS = 5_000;

export function createDemoApi(options: { seed?: number; customers?: number } = {}): Hono {
  const { dataset } = generateDataset({
    seed: options.seed ?? DEMO_SEED,
    customers: options.customers ?? BROWSER_DEMO_CUSTOMERS,
    asOf: DEMO_AS_OF,
  });
  return apiOverDataset(dataset, DEMO_AS_OF);
}
