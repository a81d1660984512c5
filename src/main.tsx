// Entry point: starts the mock API when asked to, then renders the app.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router/dom';
import { z } from 'zod';
import { Providers } from './app/providers.tsx';
import { createAppRouter } from './app/router.tsx';
import { createI18n } from './ui/i18n/i18n.ts';
import { applyLanguage, initialLanguage } from './ui/i18n/I18nProvider.tsx';
// The global stylesheet is not a code layer; the boundaries rule only knows code layers.
import './index.css';

document.title = 'Tact';
// No favicon: an empty data URL stops the browser asking the server for /favicon.ico.
if (document.querySelector('link[rel="icon"]') === null) {
  const icon = document.createElement('link');
  icon.rel = 'icon';
  icon.href = 'data:,';
  document.head.append(icon);
}

// The first language's catalogues before anything is said: no flash of untranslated keys.
const language = initialLanguage();
applyLanguage(language);
const i18n = await createI18n(language);

if (import.meta.env.DEV || import.meta.env.VITE_MSW === 'true') {
  try {
    // The demo's size: 5,000 customers unless the build says otherwise (the e2e build does).
    const customers = z.coerce
      .number()
      .int()
      .min(100)
      .max(50_000)
      .catch(5_000)
      .parse(import.meta.env.VITE_DEMO_CUSTOMERS ?? 5_000);
    const status = document.querySelector('#root [role="status"]');
    if (status) status.textContent = i18n.t('app.generatingDemo', { customers });
    const { startMockApi } = await import('../mocks/browser.ts');
    await startMockApi(customers);
  } catch (error: unknown) {
    // Still show the app: every API call will then fail visibly, which beats a blank page.
    console.error('The mock API did not start.', error);
  }
}

// Created after the mock API is up, because the router runs the first page's loaders at once.
const router = createAppRouter();
const container = document.getElementById('root');
if (container === null) throw new Error('index.html has no #root element.');

createRoot(container).render(
  <StrictMode>
    <Providers i18n={i18n}>
      <RouterProvider router={router} />
    </Providers>
  </StrictMode>,
);
