import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { afterAll, afterEach, beforeAll, expect, test } from 'vitest';
import { mockApi } from '../../../mocks/node.ts';
import type { RefitStatus } from '../../api/contract.ts';
import { Providers } from '../providers.tsx';
import { testI18n } from '../../test/i18n.ts';
import { createQueryClient } from '../queryClient.ts';
import { routes } from '../router.tsx';

beforeAll(() => mockApi.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  mockApi.resetHandlers();
  mockApi.events.removeAllListeners();
});
afterAll(() => mockApi.close());

const done: RefitStatus = {
  state: 'done',
  by: 'Marie Curie',
  started_at: '2026-11-23T09:00:00.000Z',
  finished_at: '2026-11-23T09:00:02.000Z',
  model_version: 'clv-2026-11-16-week-00c0ffee',
  customers: 3,
};

/** GETs of each path, counted as the app sends them. */
function countRequests() {
  const seen = new Map<string, number>();
  mockApi.events.on('request:start', ({ request }) => {
    if (request.method !== 'GET') return;
    const { pathname } = new URL(request.url);
    seen.set(pathname, (seen.get(pathname) ?? 0) + 1);
  });
  return (pathname: string) => seen.get(pathname) ?? 0;
}

test('after a refit the saved-segment list is read again (its sizes count scored customers)', async () => {
  mockApi.use(http.post(/\/api\/models\/clv\/refit$/, () => HttpResponse.json(done)));
  const requests = countRequests();
  const router = createMemoryRouter(routes, { initialEntries: ['/segments'] });
  // The app's own cache recipe: answers stay fresh for 30 s unless a write says otherwise.
  render(
    <Providers i18n={testI18n} queryClient={createQueryClient()}>
      <RouterProvider router={router} />
    </Providers>,
  );
  // The first visit also loads the route's code: slow on a cold run.
  await screen.findByRole('heading', { name: 'Saved segments' }, { timeout: 10_000 });
  await waitFor(() => expect(requests('/api/segments')).toBe(1));

  await router.navigate('/dashboards?view=model');
  const user = userEvent.setup();
  await user.click(await screen.findByRole('button', { name: 'Refit now' }));
  await user.click(await screen.findByRole('button', { name: 'Refit and rescore' }));
  expect(await screen.findByText('Models refitted')).toBeVisible();

  await router.navigate('/segments');
  await screen.findByRole('heading', { name: 'Saved segments' });
  await waitFor(() => expect(requests('/api/segments')).toBe(2));
});
