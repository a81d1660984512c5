// Before the server's specs: the e2e users exist (created with the bootstrap token, or their
// password set again on a data file kept from an earlier run), and the editor signs in through the
// form; the specs start from that signed-in state.
import { expect, test as setup } from '@playwright/test';
import { CLICKHOUSE_EDITOR_STATE, E2E_USERS, EDITOR_STATE, ensureE2eUsers } from './accounts.ts';

setup(
  'the e2e users exist and the editor signs in through the form',
  async ({ page, request }, testInfo) => {
    await ensureE2eUsers(request);

    await page.goto('/segments');
    await expect(page).toHaveURL(/\/sign-in\?next=%2Fsegments$/);
    await page.getByRole('textbox', { name: 'Identifiant' }).fill(E2E_USERS.editor.login);
    await page.getByLabel('Mot de passe').fill(E2E_USERS.editor.password);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await expect(page).toHaveURL(/\/segments$/);
    await expect(page.getByRole('button', { name: /^Compte : Camille Roux/ })).toBeVisible();
    await page.context().storageState({
      path: testInfo.project.name === 'clickhouse-sign-in' ? CLICKHOUSE_EDITOR_STATE : EDITOR_STATE,
    });
  },
);
