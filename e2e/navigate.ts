// Moving to another screen of the app already open, as a link inside it would: the history API and
// the popstate event React Router follows, without reloading the page. The mocked API lives in the
// page (MSW over the demo, ~5 s to build), so a journey through many deep links keeps it — and what
// it computed — instead of building it again at each `page.goto`. The first visit loads the page.
import type { Page } from '@playwright/test';

export async function openInApp(page: Page, path: string): Promise<void> {
  if (!page.url().startsWith('http')) {
    await page.goto(path);
    return;
  }
  await page.evaluate((to) => {
    window.history.pushState(null, '', to);
    window.dispatchEvent(new PopStateEvent('popstate', { state: null }));
  }, path);
  await page.waitForURL((url) => `${url.pathname}${url.search}` === path);
}
