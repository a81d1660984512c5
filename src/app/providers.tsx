// Everything the app needs above the router: the language, the query cache and the toast region.
import { useState, type ReactNode } from 'react';
import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import type { i18n } from 'i18next';
import { ToastProvider } from '../ui/Toast.tsx';
import { I18nProvider } from '../ui/i18n/I18nProvider.tsx';
import { createQueryClient } from './queryClient.ts';

export function Providers({
  children,
  i18n,
  queryClient,
}: {
  children: ReactNode;
  /** Ready, in the language to start in (main.tsx waits for its catalogues). */
  i18n: i18n;
  /** Tests pass their own client; the app makes one. */
  queryClient?: QueryClient;
}) {
  const [client] = useState(() => queryClient ?? createQueryClient());
  return (
    <QueryClientProvider client={client}>
      <I18nProvider i18n={i18n}>
        <ToastProvider>{children}</ToastProvider>
      </I18nProvider>
    </QueryClientProvider>
  );
}
