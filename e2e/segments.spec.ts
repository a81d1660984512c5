// The segment builder end to end: a marketer builds "customers in Lyon who placed at least one
// order in store in the last 90 days" by clicking and typing only, and the count shown is the one
// this spec computes by hand from the same generated demo data. In French, as a French marketer's
// browser opens it: every control by its French name, the count as the French UI writes it.
import { lyonStoreBuyersInLast90Days } from './expected.ts';
import { expect, seriousViolations, test } from './fixtures.ts';
import { E2E_USERS, signIn } from './accounts.ts';

/** Counts as the French UI writes them: « 1 234 » with a narrow no-break space. */
const frenchCount = new Intl.NumberFormat('fr-FR');

test('builds Lyon store buyers of the last 90 days by clicking and typing, and counts them exactly', async ({
  page,
}) => {
  const { count: expected, byChannel: byChannelCounts } = lyonStoreBuyersInLast90Days();
  expect(expected, 'the demo data has such customers').toBeGreaterThan(0);

  await page.goto('/segments/new');
  await page.getByRole('button', { name: 'Ajouter une première condition' }).click();
  await page.getByRole('combobox', { name: 'Rechercher un champ ou un événement' }).fill('Ville');
  await page.getByRole('option', { name: /^Ville/ }).click();
  await page.getByRole('combobox', { name: 'Ville : valeur' }).fill('Lyon');

  await page.getByRole('button', { name: 'Ajouter une condition à toutes les conditions' }).click();
  await page.getByRole('combobox', { name: 'Rechercher un champ ou un événement' }).fill('passé');
  await page.keyboard.press('Enter');
  const order = page.getByRole('listitem', { name: 'Passé une commande' });
  await expect(
    order.getByRole('combobox', { name: 'Passé une commande : combien de fois' }),
  ).toHaveText(/au moins/);
  await order.getByRole('textbox', { name: 'Passé une commande : nombre de fois' }).fill('1');
  await order.getByRole('textbox', { name: 'Passé une commande : nombre de jours' }).fill('90');
  await order.getByRole('button', { name: 'Ajouter un filtre à Passé une commande' }).click();
  await order
    .getByRole('combobox', { name: 'Canal de commande (Passé une commande) : valeur' })
    .click();
  await page.getByRole('option', { name: 'Magasin' }).click();

  // French typography: no-break spaces inside « » (toHaveText folds spaces, so the text is read too).
  const plainWords = page.getByRole('region', { name: 'En clair' });
  const description =
    'Clients dont la ville est «\u00a0Lyon\u00a0» et ayant passé au moins 1 commande en magasin au cours des 90 derniers jours';
  await expect(plainWords).toHaveText(description);
  expect(await plainWords.textContent()).toBe(description);
  const audience = page.getByRole('complementary', { name: 'Audience' });
  // The announcement of the count; while a count runs, a second status (« Comptage en cours ») is
  // on screen.
  const announced = audience.getByRole('status').filter({ hasText: /correspond/ });
  await expect(announced).toHaveText(
    `${frenchCount.format(expected)} ${expected === 1 ? 'client correspond' : 'clients correspondent'}.`,
  );

  // Broken down by the channels they ordered through: every one of them in store, some on the web
  // too. The choice list passes the accessibility check while open.
  await audience.getByRole('combobox', { name: 'Répartir l’audience par' }).click();
  await expect(page.getByRole('option', { name: 'Canaux de commande utilisés' })).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
  await page.getByRole('option', { name: 'Canaux de commande utilisés' }).click();
  const byChannel = audience.getByRole('list', {
    name: 'Membres par Canaux de commande utilisés',
  });
  const words = { store: 'Magasin', web: 'Web', app: 'App', call_centre: 'Centre d’appels' };
  for (const [channel, label] of Object.entries(words)) {
    const n = byChannelCounts.get(channel) ?? 0;
    const row = byChannel
      .getByRole('listitem')
      .filter({ has: page.getByText(label, { exact: true }) });
    if (n === 0) await expect(row).toHaveCount(0);
    else await expect(row).toHaveText(new RegExp(`^${label}\\s*${frenchCount.format(n)} ·`));
  }
  expect(byChannelCounts.get('store')).toBe(expected);
  await expect(audience).toContainText('les parts dépassent 100 %');

  // The link reproduces the builder, count included.
  await page.reload();
  await expect(page.getByRole('combobox', { name: 'Ville : valeur' })).toHaveValue('Lyon');
  await expect(announced).toHaveText(
    new RegExp(`^${frenchCount.format(expected)} clients? correspond`),
  );

  expect(await seriousViolations(page)).toEqual([]);
});

test('pop-ups pass the accessibility check while open: field picker, account, the refit dialog', async ({
  page,
  browser,
}, testInfo) => {
  await page.goto('/segments/new');
  await page.getByRole('button', { name: 'Ajouter une première condition' }).click();
  const search = page.getByRole('combobox', { name: 'Rechercher un champ ou un événement' });
  // The marketer's word finds the order, said as such.
  await search.fill('acheté');
  await expect(
    page.getByRole('option', { name: /^Passé une commande pour « acheté »/ }),
  ).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
  await page
    .getByRole('option', { name: /^Passé une commande/ })
    .first()
    .click();

  // Who saves is who is signed in: the account menu on the server; the mock's demo says who it is.
  if (testInfo.project.name === 'server') {
    await page.getByRole('button', { name: /^Compte : Camille Roux, Éditeur$/ }).click();
    await expect(page.getByRole('dialog', { name: 'Compte' })).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
    await page.keyboard.press('Escape');
  } else {
    await expect(
      page.getByText('Connecté automatiquement comme Demo editor (Éditeur)'),
    ).toBeVisible();
  }

  // Refitting is an admin's: the editor sees the button disabled, saying so.
  await page.goto('/dashboards?view=model');
  const refit = page.getByRole('button', { name: 'Réentraîner' });
  await expect(refit).toBeDisabled();
  await expect(refit).toHaveAccessibleDescription(
    'Réservé aux administrateurs : vous êtes éditeur.',
  );
  if (testInfo.project.name !== 'server') return;
  // The admin opens its confirmation (against the real server, signed in through the form).
  const asAdmin = await (
    await browser.newContext({ storageState: { cookies: [], origins: [] } })
  ).newPage();
  await signIn(asAdmin, E2E_USERS.admin, '/dashboards?view=model');
  await asAdmin.getByRole('button', { name: 'Réentraîner' }).click();
  const dialog = asAdmin.getByRole('dialog', {
    name: 'Réentraîner les modèles et recalculer les scores de tous les clients ?',
  });
  await expect(dialog).toBeVisible();
  expect(await seriousViolations(asAdmin)).toEqual([]);
  await dialog.getByRole('button', { name: 'Garder les scores actuels' }).click();
  await expect(dialog).toBeHidden();
});
