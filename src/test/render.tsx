// Renders a component as the app would: a fresh QueryClient (no retries, so errors show at once)
// and a memory router at the given URL, in English.
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import { createMemoryRouter, RouterProvider, type RouteObject } from 'react-router';
import { ToastProvider } from '../ui/Toast.tsx';
import { I18nProvider } from '../ui/i18n/I18nProvider.tsx';
import { testI18n } from './i18n.ts';

export function renderAt(url: string, routes: RouteObject[]) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const router = createMemoryRouter(routes, { initialEntries: [url] });
  return {
    router,
    ...render(
      <I18nProvider i18n={testI18n}>
        <QueryClientProvider client={client}>
          <ToastProvider>
            <RouterProvider router={router} />
          </ToastProvider>
        </QueryClientProvider>
      </I18nProvider>,
    ),
  };
}
