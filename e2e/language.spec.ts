// The console's language: switched from the header, kept across visits, and what the first page
// costs to load with the i18n runtime in it.
import { gzipSync } from 'node:zlib';
import { expect, seriousViolations, test } from './fixtures.ts';

/** The budget of the app's first JavaScript (entry and module preloads), gzip. */
const INITIAL_JS_BUDGET = 200 * 1024;

test.describe('from an English browser', () => {
  // The default browser is French; this journey starts from English to prove the switch.
  test.use({ locale: 'en-GB' });

  test('a marketer switches the console to French, and it stays French on the next visit', async ({
    page,
  }) => {
    await page.goto('/campaigns');
    await expect(page.getByRole('heading', { level: 1, name: 'Campaigns' })).toBeVisible();
    const switcher = page.getByRole('group', { name: 'Language' });
    await switcher.getByRole('button', { name: 'Français' }).click();

    await expect(page.getByRole('heading', { level: 1, name: 'Campagnes' })).toBeVisible();
    const nav = page.getByRole('navigation', { name: 'Rubriques' });
    await expect(nav.getByRole('link', { name: 'Tableaux de bord' })).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
    await expect(page).toHaveTitle('Campagnes · Tact');
    expect(await seriousViolations(page)).toEqual([]);

    await page.reload();
    await expect(page.getByRole('heading', { level: 1, name: 'Campagnes' })).toBeVisible();
    await page
      .getByRole('group', { name: 'Langue' })
      .getByRole('button', { name: 'English' })
      .click();
    await expect(page.getByRole('heading', { level: 1, name: 'Campaigns' })).toBeVisible();
  });
});

test('the first page loads at most 200 KB of JavaScript (gzip), no catalogue nor chart library among it', async ({
  request,
}, testInfo) => {
  test.skip(testInfo.project.name !== 'server', 'the production build is the one that counts');
  const html = await (await request.get('/')).text();
  const scripts = [
    ...html.matchAll(/<script type="module"[^>]*src="([^"]+)"/g),
    ...html.matchAll(/<link rel="modulepreload"[^>]*href="([^"]+)"/g),
  ].map((m) => m[1] ?? '');
  expect(scripts.length).toBeGreaterThan(0);
  let total = 0;
  for (const src of scripts) {
    expect(src, 'catalogues load on demand').not.toMatch(/common/);
    const body = await (await request.get(src)).body();
    // recharts stays on the dashboards' chunks (its class names are in its code).
    expect(body.toString('utf8'), `${src} holds recharts`).not.toContain('recharts-wrapper');
    total += gzipSync(body).length;
  }
  testInfo.annotations.push({ type: 'initial JS (gzip)', description: `${total} bytes` });
  expect(total).toBeLessThanOrEqual(INITIAL_JS_BUDGET);
});
