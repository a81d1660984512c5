// Before the server's specs: the e2e users exist (created with the bootstrap token, or their
// password set again on a data file kept from an earlier run), and the editor signs in through the
// form; the specs start from that signed-in state.
import { expect, test as setup } from '@playwright/test';
import { E2E_BOOTSTRAP_TOKEN, E2E_USERS, EDITOR_STATE } from './accounts.ts';

setup('the e2e users exist and the editor signs in through the form', async ({ page, request }) => {
  const auth = { authorization: `Bearer ${E2E_BOOTSTRAP_TOKEN}` };
  const listed = await request.get('/api/users', { headers: auth });
  expect(listed.status(), await listed.text()).toBe(200);
  const { users } = (await listed.json()) as { users: { user_id: string; login: string }[] };
  for (const user of Object.values(E2E_USERS)) {
    const existing = users.find((u) => u.login === user.login);
    const reply = existing
      ? await request.patch(`/api/users/${existing.user_id}`, {
          headers: auth,
          data: { name: user.name, role: user.role, password: user.password, disabled: false },
        })
      : await request.post('/api/users', { headers: auth, data: user });
    expect(reply.status(), await reply.text()).toBeLessThan(300);
  }

  await page.goto('/segments');
  await expect(page).toHaveURL(/\/sign-in\?next=%2Fsegments$/);
  await page.getByRole('textbox', { name: 'Identifiant' }).fill(E2E_USERS.editor.login);
  await page.getByLabel('Mot de passe').fill(E2E_USERS.editor.password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await expect(page).toHaveURL(/\/segments$/);
  await expect(page.getByRole('button', { name: /^Compte : Camille Roux/ })).toBeVisible();
  await page.context().storageState({ path: EDITOR_STATE });
});
