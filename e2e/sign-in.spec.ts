// Signing in through the form against the real server (decision 035): a page asks for sign-in and
// comes back after it, a wrong password is said plainly, signing out ends the session, and a viewer
// reads but cannot save. The mock's demo has no accounts (everyone is its editor).
import { E2E_USERS, signIn } from './accounts.ts';
import { expect, seriousViolations, test } from './fixtures.ts';

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

test('a viewer reads the segments but the server refuses their save, saying why', async ({
  page,
}) => {
  await signIn(page, E2E_USERS.viewer, '/segments/seg_cinephiles');
  await expect(page.getByRole('button', { name: 'Compte : Victor Hugo, Lecteur' })).toBeVisible();
  const name = page.getByRole('textbox', { name: 'Nom du segment' });
  const saved = await name.inputValue();
  await name.fill(`${saved} (essai lecteur)`);
  await page.getByRole('button', { name: 'Enregistrer', exact: true }).click();
  await expect(page.getByText(/Il faut le rôle éditeur ; vous êtes lecteur/)).toBeVisible();
  // Nothing was saved: another look at the segment shows its name as it was.
  const reply = await page.evaluate(async () => {
    const response = await fetch('/api/segments/seg_cinephiles');
    return ((await response.json()) as { name: string }).name;
  });
  expect(reply).toBe(saved);
});
