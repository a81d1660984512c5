import type { ReactNode } from 'react';
import { render, screen } from '@testing-library/react';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { expect, test, vi } from 'vitest';
import { ApiClientError } from '../api/client.ts';
import { RouteErrorBoundary } from './RouteErrorBoundary.tsx';

function renderFailing(fail: { loader?: () => never; element?: ReactNode }) {
  const router = createMemoryRouter(
    [
      {
        path: '/x',
        element: <p>Loaded</p>,
        HydrateFallback: () => null,
        errorElement: <RouteErrorBoundary />,
        ...fail,
      },
    ],
    { initialEntries: ['/x'] },
  );
  render(<RouterProvider router={router} />);
}

test('a 404 thrown by a loader shows the not-found page', async () => {
  renderFailing({
    loader: () => {
      throw new Response('', { status: 404 });
    },
  });
  expect(await screen.findByText('Not found')).toBeVisible();
  expect(screen.getByRole('link', { name: 'Go to Customers' })).toBeVisible();
});

test('an API error is worded from its reason, with a reload button', async () => {
  renderFailing({
    loader: () => {
      throw new ApiClientError({
        kind: 'http',
        status: 502,
        title: 'The server failed',
        detail: 'Bad gateway.',
      });
    },
  });
  const alert = await screen.findByRole('alert');
  expect(alert).toHaveTextContent('The server failed');
  expect(alert).toHaveTextContent('The profile API answered 502.');
  expect(alert).not.toHaveTextContent('Bad gateway');
  expect(screen.getByRole('button', { name: 'Reload page' })).toBeVisible();
});

test('a rendering crash says what failed', async () => {
  vi.spyOn(console, 'error').mockImplementation(() => undefined);
  function Broken(): ReactNode {
    throw new Error('Cannot read the segment definition.');
  }
  renderFailing({ element: <Broken /> });
  const alert = await screen.findByRole('alert');
  expect(alert).toHaveTextContent('This page failed while it was being shown');
  expect(alert).toHaveTextContent('Cannot read the segment definition.');
  vi.restoreAllMocks();
});
