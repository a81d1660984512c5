import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import { QueryClient } from '@tanstack/react-query';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { afterAll, afterEach, beforeAll, expect, test } from 'vitest';
import { mockApi } from '../../mocks/node.ts';
import { Providers } from './providers.tsx';
import userEvent from '@testing-library/user-event';
import type { i18n } from 'i18next';
import { createTestI18n, testI18n } from '../test/i18n.ts';
import { initialLanguage } from '../ui/i18n/I18nProvider.tsx';
import { routes } from './router.tsx';
import { createQueryClient } from './queryClient.ts';
import { http, HttpResponse } from 'msw';

function renderApp(
  url: string,
  i18n: i18n = testI18n,
  queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } }),
) {
  const router = createMemoryRouter(routes, { initialEntries: [url] });
  render(
    <Providers i18n={i18n} queryClient={queryClient}>
      <RouterProvider router={router} />
    </Providers>,
  );
  return router;
}

beforeAll(() => mockApi.listen({ onUnhandledRequest: 'error' }));
afterEach(() => mockApi.resetHandlers());
afterAll(() => mockApi.close());

test('the top bar says which data the console shows and up to when', async () => {
  renderApp('/campaigns');
  expect(
    await screen.findByText('Demo data in the browser · 3 customers · as of 16 Nov 2026'),
  ).toBeVisible();
});

test('/segments lists the saved segments, /segments/new opens the builder', async () => {
  renderApp('/segments');
  expect(await screen.findByRole('heading', { name: 'Saved segments' })).toBeVisible();
  cleanup();
  renderApp('/segments/new');
  expect(await screen.findByRole('textbox', { name: 'Segment name' })).toHaveValue('');
});

test('an unknown address shows the not-found page inside the layout', async () => {
  renderApp('/no/such/page');
  expect(await screen.findByText('Nothing lives at', { exact: false })).toHaveTextContent(
    '/no/such/page',
  );
  expect(screen.getByRole('heading', { level: 1, name: 'Not found' })).toBeVisible();
  expect(screen.getByRole('link', { name: 'Go to Customers' })).toHaveAttribute(
    'href',
    '/customers',
  );
  expect(screen.getByRole('navigation', { name: 'Sections' })).toBeVisible();
});

test('/dashboards opens on the buyers; its Model tab shows why there is no model on data too small to fit', async () => {
  renderApp('/dashboards');
  expect(
    await screen.findByRole('heading', { name: 'First-time and repeat buyers' }),
  ).toBeVisible();
  expect(screen.getByRole('tab', { name: 'Buyers', selected: true })).toBeVisible();
  cleanup();
  renderApp('/dashboards?view=model');
  expect(
    await screen.findByRole('heading', { name: 'Model card: lifetime value and propensity' }),
  ).toBeVisible();
  expect(await screen.findByRole('alert')).toHaveTextContent(
    'No model is fitted on this data yet, so there are no scores to show.',
  );
});

test('/campaigns lists the campaigns, /campaigns/new opens the editor', async () => {
  renderApp('/campaigns');
  expect(await screen.findByRole('heading', { level: 2, name: 'Campaigns' })).toBeVisible();
  expect(screen.getByRole('heading', { level: 1, name: 'Campaigns' })).toBeVisible();
  expect(screen.getAllByRole('link', { name: 'New campaign' })[0]).toHaveAttribute(
    'href',
    '/campaigns/new',
  );
  cleanup();
  renderApp('/campaigns/new');
  expect(await screen.findByRole('textbox', { name: 'Campaign name' })).toHaveValue(
    'Untitled campaign',
  );
});

test('the sidebar links every section and marks the current one', async () => {
  renderApp('/campaigns');
  // The layout shows once the session is known.
  const nav = await screen.findByRole('navigation', { name: 'Sections' });
  const links = within(nav).getAllByRole('link');
  expect(links.map((l) => [l.textContent, l.getAttribute('href')])).toEqual([
    ['Segments', '/segments'],
    ['Campaigns', '/campaigns'],
    ['Customers', '/customers'],
    ['Dashboards', '/dashboards'],
  ]);
  expect(within(nav).getByRole('link', { name: 'Campaigns' })).toHaveAttribute(
    'aria-current',
    'page',
  );
  expect(within(nav).getByRole('link', { name: 'Segments' })).not.toHaveAttribute('aria-current');
  expect(await screen.findByRole('heading', { level: 2, name: 'Campaigns' })).toBeVisible();
});

test('the start page redirects to Customers', async () => {
  const router = renderApp('/');
  await screen.findByRole('heading', { level: 1, name: 'Customers' });
  expect(router.state.location.pathname).toBe('/customers');
});

test('the language switch puts the whole console in French, numbers and dates too, and keeps it', async () => {
  const user = userEvent.setup();
  localStorage.removeItem('tact.language');
  renderApp('/campaigns', await createTestI18n());
  await screen.findByText('Demo data in the browser · 3 customers · as of 16 Nov 2026');

  const english = screen.getByRole('group', { name: 'Language' });
  expect(within(english).getByRole('button', { name: 'English' })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  await user.click(within(english).getByRole('button', { name: 'Français' }));

  // The switch shows the new language once the whole tree speaks it.
  await waitFor(() =>
    expect(
      within(screen.getByRole('group', { name: 'Langue' })).getByRole('button', {
        name: 'Français',
      }),
    ).toHaveAttribute('aria-pressed', 'true'),
  );
  const nav = screen.getByRole('navigation', { name: 'Rubriques' });
  expect(within(nav).getByRole('link', { name: 'Clients' })).toBeVisible();
  expect(screen.getByRole('heading', { level: 1, name: 'Campagnes' })).toBeVisible();
  // ICU plural and the French date: « 3 clients », « 16 nov. 2026 ».
  expect(
    await screen.findByText(
      'Données de démonstration dans le navigateur · 3 clients · au 16 nov. 2026',
    ),
  ).toBeVisible();
  expect(document.documentElement.lang).toBe('fr');
  expect(document.title).toBe('Campagnes · Tact');
  // Kept for the next visit, whatever the browser says.
  expect(localStorage.getItem('tact.language')).toBe('fr');
  expect(initialLanguage()).toBe('fr');
  localStorage.removeItem('tact.language');
});

test('signed out, a page sends to the sign-in page and comes back to it once signed in', async () => {
  let signedIn = false;
  mockApi.use(
    http.get(/\/api\/auth\/session$/, () =>
      HttpResponse.json({
        user: signedIn
          ? { user_id: 'usr_1', login: 'eve', name: 'Ève Martin', role: 'editor' }
          : null,
        demo: false,
      }),
    ),
    http.post(/\/api\/auth\/sign-in$/, async ({ request }) => {
      const body = (await request.json()) as { password: string };
      if (body.password !== 'the right one')
        return HttpResponse.json(
          {
            error: {
              code: 'unauthenticated',
              reason: 'invalid_credentials',
              message: 'Wrong login or password.',
              params: {},
            },
          },
          { status: 401 },
        );
      signedIn = true;
      return HttpResponse.json({
        user: { user_id: 'usr_1', login: 'eve', name: 'Ève Martin', role: 'editor' },
        demo: false,
      });
    }),
  );
  const router = renderApp('/campaigns?status=draft');
  expect(await screen.findByRole('heading', { name: 'Sign in' })).toBeVisible();
  expect(router.state.location.search).toBe(
    `?next=${encodeURIComponent('/campaigns?status=draft')}`,
  );
  const user = userEvent.setup();
  await user.type(screen.getByRole('textbox', { name: 'Login' }), 'eve');
  await user.type(screen.getByLabelText('Password'), 'wrong{Enter}');
  expect(await screen.findByRole('alert')).toHaveTextContent('Wrong login or password.');
  expect(screen.getByLabelText('Password')).toHaveValue('');
  await user.type(screen.getByLabelText('Password'), 'the right one{Enter}');
  expect(await screen.findByRole('button', { name: 'Account: Ève Martin, Editor' })).toBeVisible();
  expect(router.state.location.pathname).toBe('/campaigns');
  expect(router.state.location.search).toBe('?status=draft');
});

test('a 401 on any request ends the session and asks to sign in again', async () => {
  mockApi.use(
    http.get(/\/api\/campaigns$/, () =>
      HttpResponse.json(
        {
          error: {
            code: 'unauthenticated',
            reason: 'session_expired',
            message: 'Your session has ended: sign in again.',
            params: {},
          },
        },
        { status: 401 },
      ),
    ),
  );
  // The app's own client: its caches end the session on such an answer.
  renderApp('/campaigns', testI18n, createQueryClient());
  expect(await screen.findByRole('heading', { name: 'Sign in' })).toBeVisible();
});

test('the demo says who everyone is signed in as', async () => {
  mockApi.use(
    http.get(/\/api\/auth\/session$/, () =>
      HttpResponse.json({
        user: { user_id: 'fixed:demo', login: 'demo', name: 'Demo editor', role: 'editor' },
        demo: true,
      }),
    ),
  );
  renderApp('/campaigns');
  expect(await screen.findByText('Signed in automatically as Demo editor (Editor)')).toBeVisible();
  expect(screen.queryByRole('button', { name: /^Account/ })).toBeNull();
});
