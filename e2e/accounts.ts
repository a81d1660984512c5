// The people of the e2e runs against the real server (decision 035): the server starts with
// TACT_BOOTSTRAP_TOKEN, and the setup project creates these users through the API with it, then
// signs the editor in through the form. The mock's project needs none: its demo is an editor.
import { expect, type APIRequestContext, type Page } from '@playwright/test';

export const E2E_BOOTSTRAP_TOKEN = 'tact_e2e-bootstrap-token-not-for-production';

export const E2E_USERS = {
  editor: {
    login: 'camille',
    name: 'Camille Roux',
    role: 'editor',
    password: 'camille e2e password',
  },
  editor2: {
    login: 'sophie',
    name: 'Sophie Lambert',
    role: 'editor',
    password: 'sophie e2e password',
  },
  viewer: { login: 'victor', name: 'Victor Hugo', role: 'viewer', password: 'victor e2e password' },
  admin: { login: 'e2e.admin', name: 'Alice Admin', role: 'admin', password: 'alice e2e password' },
} as const;

/** Where the setup project leaves the editor's signed-in browser state for the server's specs. */
export const EDITOR_STATE = 'test-results/.auth/editor.json';
/** The same, for the specs against the server on ClickHouse. */
export const CLICKHOUSE_EDITOR_STATE = 'test-results/.auth/editor-clickhouse.json';

/** The demo's identity in the mock's project. */
export const DEMO_EDITOR_NAME = 'Demo editor';

/** Signs `user` in through the form, starting from `path` (which sends to the form first). */
export async function signIn(
  page: Page,
  user: { login: string; password: string },
  path: string,
): Promise<void> {
  const heading = page.getByRole('heading', { name: /^(Connexion|Sign in)$/ });
  await page.goto(path);
  await expect(heading).toBeVisible();
  await page.getByRole('textbox', { name: /^(Identifiant|Login)$/ }).fill(user.login);
  await page.getByLabel(/^(Mot de passe|Password)$/).fill(user.password);
  await page.getByRole('button', { name: /^(Se connecter|Sign in)$/ }).click();
  await expect(heading).toBeHidden();
}

/**
 * The e2e users exist on the server `request` talks to: created with the bootstrap token, or
 * their password set again on a data file kept from an earlier run.
 */
export async function ensureE2eUsers(request: APIRequestContext): Promise<void> {
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
}
