// The demo API of the mocked world: generated data in the memory store behind the real Hono app.
import type { Hono } from 'hono';
import { createApi } from '../server/app.ts';
import { DEMO_ACCESS } from '../server/auth/access.ts';
import { JournaledStore, type JournalStorage } from './journaled-store.ts';
import { BROWSER_DEMO_CUSTOMERS } from './demo-size.ts';
import { DEMO_AS_OF, generateDataset } from './seed/index.ts';

/** The demo's seed; the e2e suite and the server's e2e instance use the same. */
export const DEMO_SEED = 42;
export { BROWSER_DEMO_CUSTOMERS, E2E_DEMO_CUSTOMERS, TEST_DEMO_CUSTOMERS } from './demo-size.ts';

/**
 * The browser demo: generated data in the memory store, with saved segments kept in `storage`
 * across reloads and tabs; call `sync` before each request.
 */
export async function createPersistentDemoApi(
  storage: JournalStorage,
  customers: number = BROWSER_DEMO_CUSTOMERS,
): Promise<{ api: Hono; sync: () => Promise<unknown> }> {
  const seed = DEMO_SEED;
  const { dataset } = generateDataset({ seed, customers, asOf: DEMO_AS_OF });
  const store = new JournaledStore(
    dataset,
    DEMO_AS_OF,
    storage,
    `tact.demo.segments.v1.${seed}.${customers}`,
  );
  await store.sync();
  return { api: createApi(store, { access: DEMO_ACCESS }), sync: () => store.sync() };
}
