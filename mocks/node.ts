// MSW for component tests: the same Hono app over the memory store, here over the hand-written
// fixture so tests know every answer. A test that needs a fault overrides one handler.
import { setupServer } from 'msw/node';
import { FIXTURE_AS_OF, fixtureDataset } from '../server/fixture.ts';
import { TEST_ACCESS } from '../server/auth/test-access.ts';
import { apiHandlers, apiOverDataset } from './handlers.ts';

export const mockApi = setupServer(
  ...apiHandlers(apiOverDataset(fixtureDataset(), FIXTURE_AS_OF, TEST_ACCESS)),
);
