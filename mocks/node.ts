// MSW for component tests: the same Hono app over the memory store, here over the hand-written
// fixture so tests know every answer. A test that needs a fault overrides one handler.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setupServer } from 'msw/node';
import type { ImportReport, ImportStep } from '../src/api/contract.ts';
import { createApi } from '../server/app.ts';
import { ImportJobs } from '../server/import/jobs.ts';
import { MemoryStore } from '../server/stores/memory.ts';
import { FIXTURE_AS_OF, fixtureDataset } from '../server/fixture.ts';
import { TEST_ACCESS } from '../server/auth/test-access.ts';
import { apiHandlers, apiOverDataset } from './handlers.ts';

export const mockApi = setupServer(
  ...apiHandlers(apiOverDataset(fixtureDataset(), FIXTURE_AS_OF, TEST_ACCESS)),
);

/** The fixture's customers, as the API counts them. */
export const FIXTURE_CUSTOMERS = fixtureDataset().customers.length;
export { FIXTURE_AS_OF };

/** What an import's runner gets: its folder's files read as text, how to import them. */
export interface MockImportRun {
  files: Record<string, string>;
  check: boolean;
  replace: boolean;
  asOf: string;
  mapping: unknown;
  /** Tells a step, as the real import does before reading a file. */
  onStep: (step: ImportStep) => void;
}

/**
 * The API over the fixture with imports run by `runner` (the browser's demo has none), installed
 * on `mockApi` until its handlers are reset.
 */
export function mockImports(runner: (run: MockImportRun) => Promise<ImportReport>): void {
  const jobs = new ImportJobs(async (dir, { onStep, asOf, check, replace, mapping }) => {
    const files = Object.fromEntries(
      readdirSync(dir).map((name) => [name, readFileSync(join(dir, name), 'utf8')]),
    );
    return runner({ files, check, replace, asOf, mapping, onStep });
  });
  const api = createApi(new MemoryStore(fixtureDataset(), FIXTURE_AS_OF), {
    access: TEST_ACCESS,
    logErrors: false,
    imports: jobs,
  });
  mockApi.use(...apiHandlers(api));
}
