// Signing in through the form against the real server (decision 035): a page asks for sign-in and
// comes back after it, a wrong password is said plainly, signing out ends the session, and a viewer
// reads but cannot save. The mock's demo has no accounts (everyone is its editor).
import { E2E_USERS, signIn } from './accounts.ts';
import { demoData, downloadedText, expect, seriousViolations, test } from './fixtures.ts';

test.use({ storageState: { cookies: [], origins: [] } });

test.beforeEach(({}, testInfo) => {
  test.skip(testInfo.project.name !== 'server', 'the mock’s demo signs everyone in as its editor');
});

test('a page asks for sign-in, a wrong password is refused, then it opens; sign-out ends it', async ({
  page,
}) => {
  await page.goto('/customers');
  await expect(page).toHaveURL(/\/sign-in\?next=%2Fcustomers$/);
  await expect(page.getByRole('heading', { name: 'Connexion' })).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);

  await page.getByRole('textbox', { name: 'Identifiant' }).fill(E2E_USERS.editor.login);
  await page.getByLabel('Mot de passe').fill('not the password at all');
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await expect(page.getByRole('alert')).toHaveText('Identifiant ou mot de passe incorrect.');
  // The login is kept, the password cleared for typing again.
  await expect(page.getByRole('textbox', { name: 'Identifiant' })).toHaveValue(
    E2E_USERS.editor.login,
  );
  await expect(page.getByLabel('Mot de passe')).toHaveValue('');
  await expect(page.getByLabel('Mot de passe')).toBeFocused();

  await page.getByLabel('Mot de passe').fill(E2E_USERS.editor.password);
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/customers$/);
  const account = page.getByRole('button', { name: 'Compte : Camille Roux, Éditeur' });
  await expect(account).toBeVisible();

  await account.click();
  await page.getByRole('button', { name: 'Se déconnecter' }).click();
  await expect(page).toHaveURL(/\/sign-in/);
  // The session ended on the server: the API refuses the old cookie too.
  const status = await page.evaluate(async () => (await fetch('/api/catalogue')).status);
  expect(status).toBe(401);
  await page.goto('/segments');
  await expect(page).toHaveURL(/\/sign-in\?next=%2Fsegments$/);
});

test('a viewer reads a segment but cannot save it: the screen says so, the server refuses', async ({
  page,
}) => {
  await signIn(page, E2E_USERS.viewer, '/segments/seg_cinephiles');
  await expect(page.getByRole('button', { name: 'Compte : Victor Hugo, Lecteur' })).toBeVisible();
  await expect(page.getByText('Lecture seule', { exact: true })).toBeVisible();
  const save = page.getByRole('button', { name: 'Enregistrer', exact: true });
  await expect(save).toBeDisabled();
  await expect(save).toHaveAccessibleDescription('Réservé aux éditeurs : vous êtes lecteur.');
  // Sent anyway, as a script in the page would: refused by the server, saying which role it needs.
  const reply = await page.evaluate(async () => {
    const current = (await (await fetch('/api/segments/seg_cinephiles')).json()) as {
      name: string;
      version: number;
      definition: unknown;
    };
    const csrf = /(?:^|;\s*)tact_csrf=([^;]*)/.exec(document.cookie)?.[1] ?? '';
    const response = await fetch('/api/segments/seg_cinephiles', {
      method: 'PUT',
      headers: {
        'content-type': 'application/json',
        'if-match': `"${current.version}"`,
        'x-csrf-token': csrf,
      },
      body: JSON.stringify({ name: `${current.name} (lecteur)`, definition: current.definition }),
    });
    return { status: response.status, body: await response.text(), name: current.name };
  });
  expect(reply.status).toBe(403);
  expect(reply.body).toContain('role_required');
  const after = await page.evaluate(async () => {
    const response = await fetch('/api/segments/seg_cinephiles');
    return ((await response.json()) as { name: string }).name;
  });
  expect(after).toBe(reply.name);
});

test('a viewer sees personal data masked: the 360 and a segment’s CSV', async ({
  page,
  planted,
}) => {
  const showcase = planted('omnichannel_showcase');
  const { dataset } = demoData();
  const customer = dataset.customers.find((c) => c.customer_id === showcase.customer_id);
  if (customer?.email === null || customer === undefined)
    throw new Error('showcase without e-mail');

  await signIn(page, E2E_USERS.viewer, `/customers/${showcase.customer_id}`);
  const profile = page.getByRole('complementary', { name: 'Profil' });
  // Initials for the name, the e-mail and the loyalty card partly hidden; none in full anywhere.
  const initials = `${showcase.first_name.charAt(0)}. ${showcase.last_name.charAt(0)}.`;
  await expect(profile.getByRole('heading', { name: initials })).toBeVisible();
  await expect(profile.getByText(`•••${showcase.loyalty_card.slice(-4)}`).first()).toBeVisible();
  // (A first name can be a word of a product title in the timeline: looked for in the profile.)
  expect(await profile.innerText()).not.toContain(showcase.first_name);
  const shown = await page.locator('body').innerText();
  for (const secret of [showcase.loyalty_card, customer.email])
    expect(shown, secret).not.toContain(secret);
  expect(await seriousViolations(page)).toEqual([]);
  // A date of birth is withheld, and said to be (the showcase has none: another customer's 360).
  const born = dataset.customers.find((c) => c.birth_date !== null);
  if (born === undefined || born.birth_date === null)
    throw new Error('no date of birth in the data');
  await page.goto(`/customers/${born.customer_id}`);
  await expect(profile.getByText(born.customer_id, { exact: true })).toBeVisible();
  await expect(profile.getByText('masquée pour les lecteurs')).toBeVisible();
  const date = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'medium', timeZone: 'UTC' });
  expect(await profile.innerText()).not.toContain(date.format(new Date(born.birth_date)));

  // A saved segment's members as CSV: every row there, names and addresses masked.
  const segment = dataset.segments.find((s) => s.segment_id === 'seg_cinephiles');
  if (segment === undefined) throw new Error('no seg_cinephiles in the demo data');
  await page.goto('/segments/seg_cinephiles');
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Télécharger le CSV' }).click();
  const csv = await downloadedText(await downloading);
  const [header = '', ...rows] = csv.trim().split(/\r?\n/);
  expect(header).toBe('customer_id,first_name,last_name,email,city');
  expect(rows.length).toBeGreaterThan(10);
  const byId = new Map(dataset.customers.map((c) => [c.customer_id, c]));
  for (const row of rows) {
    const [id = '', first = '', last = '', email = ''] = row.split(',');
    const real = byId.get(id);
    expect(real, id).toBeDefined();
    // The test's own masking: the first letter and a full stop; the address's first characters.
    // (A cell a spreadsheet would run as a formula starts with an apostrophe.)
    const cell = (value: string) => (/^[=+\-@\s]/.test(value) ? `'${value}` : value);
    const initial = (name: string) => cell(`${[...name.trim()][0]?.toUpperCase() ?? ''}.`);
    if (real?.first_name?.trim()) expect(first).toBe(initial(real.first_name));
    if (real?.last_name?.trim()) expect(last).toBe(initial(real.last_name));
    if (real?.email) {
      expect(email).not.toBe(real.email);
      expect(email.startsWith(`${real.email.trim().charAt(0)}•••`)).toBe(true);
    }
  }
});

test('the admin reads in the audit log the editor’s save, with what it changed', async ({
  page,
  browser,
}) => {
  // The editor saves a segment, then renames it, from the builder.
  await signIn(page, E2E_USERS.editor, '/segments/new');
  const name = `Audit e2e ${Date.now().toString(36)}`;
  await page.getByRole('button', { name: 'Ajouter une première condition' }).click();
  const search = page.getByRole('combobox', { name: 'Rechercher un champ ou un événement' });
  await search.fill('acheté');
  await page
    .getByRole('option', { name: /^Passé une commande/ })
    .first()
    .click();
  await page.getByRole('textbox', { name: 'Nom du segment' }).fill(name);
  await page.getByRole('button', { name: 'Enregistrer le segment' }).click();
  await expect(page).toHaveURL(/\/segments\/seg_[a-z0-9]+$/);
  const id = new URL(page.url()).pathname.split('/').pop() ?? '';
  await expect(page.getByText('Version 1', { exact: true })).toBeVisible();
  await page.getByRole('textbox', { name: 'Nom du segment' }).fill(`${name} (renommé)`);
  await page.getByRole('button', { name: 'Enregistrer', exact: true }).click();
  await expect(page.getByText('Version 2', { exact: true })).toBeVisible();

  // The admin finds both saves by the segment's id, with who made them.
  const admin = await (
    await browser.newContext({ storageState: { cookies: [], origins: [] } })
  ).newPage();
  await signIn(admin, E2E_USERS.admin, `/settings/audit-log?target=${id}`);
  const rows = admin.getByRole('table', { name: 'Entrées du journal d’audit' }).getByRole('row');
  await expect(rows.filter({ hasText: 'Segment enregistré' })).toHaveCount(1);
  await expect(rows.filter({ hasText: 'Segment créé' })).toHaveCount(1);
  await expect(rows.filter({ hasText: 'Segment enregistré' })).toContainText('Camille Roux');
  expect(await seriousViolations(admin)).toEqual([]);

  // The save's entry shows the name before and after.
  await rows.filter({ hasText: 'Segment enregistré' }).click();
  const dialog = admin.getByRole('dialog');
  await expect(dialog).toBeVisible();
  const changes = dialog.getByRole('table', { name: 'Changements' });
  const renamed = changes.getByRole('row').filter({ hasText: /^name/ });
  await expect(renamed).toContainText(name);
  await expect(renamed).toContainText(`${name} (renommé)`);
  expect(await seriousViolations(admin)).toEqual([]);
});
