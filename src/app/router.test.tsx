import { cleanup, render, screen, within } from '@testing-library/react';
import { QueryClient } from '@tanstack/react-query';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { afterAll, afterEach, beforeAll, expect, test } from 'vitest';
import { mockApi } from '../../mocks/node.ts';
import { Providers } from './providers.tsx';
import { routes } from './router.tsx';

function renderApp(url: string) {
  const router = createMemoryRouter(routes, { initialEntries: [url] });
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <Providers queryClient={queryClient}>
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

test('/dashboards shows the model card, and why there is none on data too small to fit', async () => {
  renderApp('/dashboards');
  expect(
    await screen.findByRole('heading', { name: 'Model card: lifetime value and propensity' }),
  ).toBeVisible();
  expect(await screen.findByRole('alert')).toHaveTextContent('too little data to score');
});

test.each([['/campaigns', 'Campaigns', /guardrail audit/]])(
  '%s says plainly that the section is not built yet',
  async (url, section, purpose) => {
    renderApp(url);
    const card = (await screen.findByRole('heading', { level: 2, name: section })).closest(
      'section',
    );
    expect(card).not.toBeNull();
    const body = within(card as HTMLElement);
    expect(body.getByText('Not built yet')).toBeVisible();
    expect(body.getByText(purpose)).toHaveTextContent('This section is not built yet.');
    expect(screen.getByRole('heading', { level: 1, name: section })).toBeVisible();
  },
);

test('the sidebar links every section and marks the current one', async () => {
  renderApp('/campaigns');
  const nav = screen.getByRole('navigation', { name: 'Sections' });
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
  expect(await screen.findByText('Not built yet')).toBeVisible();
});

test('the start page redirects to Customers', async () => {
  const router = renderApp('/');
  await screen.findByRole('heading', { level: 1, name: 'Customers' });
  expect(router.state.location.pathname).toBe('/customers');
});
