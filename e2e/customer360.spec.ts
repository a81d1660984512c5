// The Customer 360 in French, as a French marketer's browser opens it: every label by its French
// name, figures as the French UI writes them.
import { demoData, expect, openCustomerBySearch, seriousViolations, test } from './fixtures.ts';

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

  // The filtered list replaces the whole one once it arrives: read it when it holds them all.
  const read = () =>
    rows.evaluateAll((items) =>
      items.map((li) => ({
        at: li.querySelector('time')?.getAttribute('datetime') ?? '',
        text: li.textContent ?? '',
      })),
    );
  let shown: { at: string; text: string }[] = [];
  const position = (at: string, text: RegExp) =>
    shown.findIndex((row) => row.at === at && text.test(row.text));
  await expect(rows.first()).toBeVisible();
  await expect
    .poll(async () => {
      shown = await read();
      return expected.filter((e) => position(e.at, e.text) < 0).map((e) => e.what);
    })
    .toEqual([]);
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

test('finds a customer typed without accents or capitals and with a typo in the last name', async ({
  page,
}) => {
  const { customers } = demoData().dataset;
  // Folded as a French keyboard user types: no accents, lower case.
  const bare = (text: string) => text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
  const words = new Set(
    customers.flatMap((c) => bare(`${c.first_name ?? ''} ${c.last_name ?? ''}`).split(/[\s'-]+/)),
  );
  const typed = (last: string) =>
    `${last.slice(0, 2)}${last[3] ?? ''}${last[2] ?? ''}${last.slice(4)}`;
  const chosen = customers.find((c) => {
    const first = c.first_name ?? '';
    const last = bare(c.last_name ?? '');
    if (bare(first) === first || last.length < 6 || !/^[a-z]+$/.test(last)) return false;
    const typo = typed(last);
    // The typo must spell no name word (or begin one), and few namesakes may share the name.
    const namesakes = customers.filter(
      (o) => o.first_name === first && o.last_name === c.last_name,
    );
    return ![...words].some((w) => w.startsWith(typo)) && namesakes.length < 10;
  });
  expect(chosen, 'the demo data holds an accented first name').toBeDefined();
  if (!chosen) return;
  await page.goto('/customers');
  const search = page.getByRole('combobox', { name: 'Rechercher des clients' });
  await search.fill(`${bare(chosen.first_name ?? '')} ${typed(bare(chosen.last_name ?? ''))}`);
  const hit = page.getByRole('option').filter({ hasText: chosen.customer_id });
  await expect(hit).toBeVisible();
  await expect(hit).toContainText(`${chosen.first_name} ${chosen.last_name}`);

  await search.fill('é'.repeat(300));
  await expect(
    page.getByText('Une recherche compte au plus 200 caractères (celle-ci en a 300)', {
      exact: false,
    }),
  ).toBeVisible();
  await expect(page.getByText(/Invalid query/)).toHaveCount(0);
});
