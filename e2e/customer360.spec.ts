// The Customer 360 in French, as a French marketer's browser opens it: every label by its French
// name, figures as the French UI writes them.
import { expect, openCustomerBySearch, seriousViolations, test } from './fixtures.ts';

test('finds the showcase customer by loyalty card and reads their cross-channel history in order', async ({
  page,
  planted,
}) => {
  const showcase = planted('omnichannel_showcase');
  await page.goto('/customers');
  await openCustomerBySearch(page, showcase.loyalty_card, new RegExp(showcase.last_name));
  await expect(page).toHaveURL(new RegExp(`/customers/${showcase.customer_id}$`));

  const profile = page.getByRole('complementary', { name: 'Profil' });
  await expect(
    profile.getByRole('heading', { name: `${showcase.first_name} ${showcase.last_name}` }),
  ).toBeVisible();
  await expect(profile.getByText(showcase.loyalty_card)).toBeVisible();

  const history = page.getByRole('region', { name: 'Historique' });
  const kinds = history.getByRole('group', { name: 'Filtrer par type' });
  for (const kind of ['Commande', 'Réponse à offre', 'Consentement'])
    await kinds.getByRole('button', { name: kind }).click();
  await expect(page).toHaveURL(
    /kind=order%2Coffer_response%2Cconsent|kind=order,offer_response,consent/,
  );

  const rows = history
    .getByRole('list', { name: 'Entrées de l’historique' })
    .locator(':scope > li');
  await expect(rows.first()).toBeVisible();
  const shown = await rows.evaluateAll((items) =>
    items.map((li) => ({
      at: li.querySelector('time')?.getAttribute('datetime') ?? '',
      text: li.textContent ?? '',
    })),
  );
  const position = (at: string, text: RegExp) =>
    shown.findIndex((row) => row.at === at && text.test(row.text));

  const expected = [
    ...Object.entries(showcase.orders).map(([channel, o]) => ({
      at: o.placed_at,
      text: new RegExp(`${o.order_id}`),
      what: `${channel} order ${o.order_id}`,
    })),
    { at: showcase.offer_response.at, text: /Offre acceptée/, what: 'accepted offer' },
    {
      at: showcase.email_withdrawn_at,
      text: /E-mail\u00a0: consentement retiré/,
      what: 'email consent withdrawal',
    },
  ].sort((a, b) => (a.at < b.at ? 1 : -1));

  const positions = expected.map((e) => ({ what: e.what, index: position(e.at, e.text) }));
  for (const p of positions)
    expect(p.index, `${p.what} is in the timeline`).toBeGreaterThanOrEqual(0);
  const indices = positions.map((p) => p.index);
  expect(indices, 'newest first').toEqual([...indices].sort((a, b) => a - b));
  const channels = new Set(Object.keys(showcase.orders));
  expect(channels.size).toBeGreaterThanOrEqual(3);

  expect(await seriousViolations(page)).toEqual([]);
});

test('shows a first name made of HTML as literal text and runs nothing', async ({
  page,
  planted,
  dialogs,
}) => {
  const xss = planted('xss_first_name');
  await page.goto(`/customers/${xss.customer_id}`);
  const profile = page.getByRole('complementary', { name: 'Profil' });
  await expect(
    profile.getByRole('heading', { name: new RegExp(xss.first_name.replace(/[()]/g, '\\$&')) }),
  ).toBeVisible();
  await expect(page.locator('img[src="x"]')).toHaveCount(0);
  expect(dialogs).toEqual([]);
});

test('scrolls a history of thousands of events, loading older pages on the way', async ({
  page,
  planted,
}) => {
  const heavy = planted('heavy_history');
  await page.goto(`/customers/${heavy.customer_id}`);
  const history = page.getByRole('region', { name: 'Historique' });
  // « 5 754 entrées »: thousands grouped by a narrow no-break space, a no-break space before the
  // word; the text itself is read for the exact spaces.
  const total = history.getByText(/^\d[\d\s]*\sentrées$/);
  await expect(total).toBeVisible();
  expect(await total.textContent()).toMatch(/^\d{1,3}(\u202f\d{3})+\u00a0entrées$/);
  const list = history.getByRole('list', { name: 'Entrées de l’historique' });
  const rendered = await list.locator(':scope > li').count();
  expect(rendered, 'only what is near the viewport is in the DOM').toBeLessThan(80);
  const scroller = list.locator('xpath=..');
  for (let i = 0; i < 6; i += 1) {
    await scroller.evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
    await page.waitForTimeout(150);
  }
  const lastPos = await list.locator(':scope > li').last().getAttribute('aria-posinset');
  expect(Number(lastPos)).toBeGreaterThan(400);
});

test('a customer with no history says so', async ({ page, planted }) => {
  const empty = planted('no_history');
  await page.goto(`/customers/${empty.customer_id}`);
  await expect(page.getByText('Aucun historique pour l’instant')).toBeVisible();
});

test('an unknown page is a 404 inside the app, with the navigation', async ({ page }) => {
  await page.goto('/no/such/page');
  await expect(page.getByRole('navigation')).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Page introuvable' })).toBeVisible();
});
