import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse, type HttpHandler } from 'msw';
import { afterAll, afterEach, beforeAll, expect, test } from 'vitest';
import { mockApi } from '../../../mocks/node.ts';
import { renderAt } from '../../test/render.tsx';
import { RoleProvider } from '../../ui/permissions.tsx';
import { fakeAccounts } from './accounts.fixtures.ts';
import { TeamRoute } from './TeamPage.tsx';

beforeAll(() => mockApi.listen({ onUnhandledRequest: 'error' }));
afterEach(() => mockApi.resetHandlers());
afterAll(() => mockApi.close());

/** The page over fake accounts; `first` answers before them. */
function show(accounts = fakeAccounts(), ...first: HttpHandler[]) {
  mockApi.use(...first, ...accounts.handlers);
  const user = userEvent.setup();
  renderAt('/settings/team', [{ path: '/settings/team', element: <TeamRoute /> }]);
  return { user, accounts };
}

const usersTable = () => screen.findByRole('table', { name: 'Users' });
const tokensTable = () => screen.findByRole('table', { name: 'API tokens' });
/** The rows of a table, without its header. */
const bodyRows = (table: HTMLElement) => within(table).getAllByRole('row').slice(1);
const rowOf = async (table: Promise<HTMLElement>, text: string) => {
  const found = bodyRows(await table).find((row) => row.textContent?.includes(text));
  if (found === undefined) throw new Error(`No row with ${text}`);
  return found;
};

test('lists the users by login with role, status and dates, and the tokens, revoked ones last', async () => {
  show();
  const users = await usersTable();
  expect(bodyRows(users).map((row) => within(row).getAllByRole('cell')[0]?.textContent)).toEqual([
    'admin',
    'bruno.durand',
    'chloe.petit',
  ]);
  expect(screen.getByText('3 users, 2 active')).toBeInTheDocument();
  const chloe = await rowOf(usersTable(), 'chloe.petit');
  expect(within(chloe).getByRole('combobox', { name: 'Role of chloe.petit' })).toHaveTextContent(
    'Viewer',
  );
  expect(chloe).toHaveTextContent('Disabled');
  expect(chloe).toHaveTextContent('12 Jan 2026, 09:30');
  expect(chloe).toHaveTextContent('3 Feb 2026, 17:00');
  expect(within(chloe).getByRole('button', { name: 'Enable chloe.petit' })).toBeInTheDocument();
  expect(await rowOf(usersTable(), 'admin')).toHaveTextContent('Active');

  const tokens = await tokensTable();
  const [crm, old] = bodyRows(tokens);
  expect(crm).toHaveTextContent(/CRM sync.*Editor.*admin.*1 Feb 2026, 10:00.*Never.*—/);
  expect(within(crm!).getByRole('button', { name: 'Revoke the token CRM sync' })).toBeVisible();
  // Revoked: greyed, with the day it ended, and nothing left to do with it.
  expect(old).toHaveClass('text-fg-subtle');
  expect(old).toHaveTextContent('20 Feb 2026, 15:45');
  expect(within(old!).queryByRole('button')).toBeNull();
  expect(screen.getByText('1 active, 1 revoked')).toBeInTheDocument();
});

test('adds a user: the body is the contract’s, with a generated password shown in clear', async () => {
  const { user, accounts } = show();
  await usersTable();
  await user.click(screen.getByRole('button', { name: 'Add a user' }));
  const dialog = await screen.findByRole('dialog', { name: 'Add a user' });
  const login = within(dialog).getByRole('textbox', { name: 'Login' });
  await waitFor(() => expect(login).toHaveFocus());
  await user.type(login, ' Jeanne.Martin ');
  await user.type(within(dialog).getByRole('textbox', { name: 'Name' }), 'Jeanne Martin');
  await user.click(within(dialog).getByRole('combobox', { name: 'Role' }));
  await user.click(await screen.findByRole('option', { name: 'Administrator' }));
  await user.click(within(dialog).getByRole('button', { name: 'Generate a random password' }));
  const password = within(dialog).getByRole('textbox', { name: 'Initial password' });
  const generated = (password as HTMLInputElement).value;
  expect(generated).toMatch(/^[A-HJ-NP-Za-km-z2-9]{5}(-[A-HJ-NP-Za-km-z2-9]{5}){3}$/);
  await user.click(within(dialog).getByRole('button', { name: 'Copy the password' }));
  expect(await navigator.clipboard.readText()).toBe(generated);

  // Enter in any field submits.
  await user.type(login, '{Enter}');
  await screen.findByText('jeanne.martin can now sign in');
  expect(accounts.received).toEqual([
    {
      method: 'POST',
      path: '/api/users',
      body: { login: 'jeanne.martin', name: 'Jeanne Martin', role: 'admin', password: generated },
    },
  ]);
  expect(screen.queryByRole('dialog')).toBeNull();
  const added = await rowOf(usersTable(), 'jeanne.martin');
  expect(within(added).getByRole('combobox', { name: 'Role of jeanne.martin' })).toHaveTextContent(
    'Administrator',
  );
});

test('says under each field what is wrong, found here or by the server, and keeps the dialog', async () => {
  const { user, accounts } = show();
  await usersTable();
  await user.click(screen.getByRole('button', { name: 'Add a user' }));
  const dialog = await screen.findByRole('dialog', { name: 'Add a user' });
  const login = within(dialog).getByRole('textbox', { name: 'Login' });
  const name = within(dialog).getByRole('textbox', { name: 'Name' });
  const password = within(dialog).getByRole('textbox', { name: 'Initial password' });

  // Found before sending: nothing is sent, and the first field in error has the focus.
  await user.type(login, 'jeanne martin');
  await user.type(password, 'short');
  await user.click(within(dialog).getByRole('button', { name: 'Add the user' }));
  expect(login).toHaveAccessibleDescription(
    expect.stringContaining('Letters, digits and . _ @ + - only'),
  );
  expect(name).toHaveAccessibleDescription(expect.stringContaining('Required.'));
  expect(password).toHaveAccessibleDescription(expect.stringContaining('At least 12 characters.'));
  await waitFor(() => expect(login).toHaveFocus());
  expect(accounts.received).toEqual([]);

  // Refused by the server: a login taken is said under the login.
  await user.clear(login);
  await user.type(login, 'Bruno.Durand');
  await user.type(name, 'Bruno D.');
  await user.clear(password);
  await user.type(password, 'a long enough password');
  await user.keyboard('{Enter}');
  await waitFor(() =>
    expect(login).toHaveAccessibleDescription(
      expect.stringContaining('A user with the login bruno.durand exists already.'),
    ),
  );
  expect(name).not.toHaveAccessibleDescription(expect.stringContaining('Required'));

  // An issue the server finds in a field is said under that field too.
  mockApi.use(
    http.post('*/api/users', () =>
      HttpResponse.json(
        {
          error: {
            code: 'bad_request',
            reason: 'invalid_body',
            message: 'Invalid body: name — Too big.',
            params: { count: 1, field: 'name' },
            issues: [
              {
                path: ['body', 'name'],
                message: 'A name is at most 120 characters.',
                code: 'too_big',
                params: { origin: 'string', maximum: 120, inclusive: true },
              },
            ],
          },
        },
        { status: 400 },
      ),
    ),
  );
  await user.clear(login);
  await user.type(login, 'bruno.d{Enter}');
  await waitFor(() =>
    expect(name).toHaveAccessibleDescription(expect.stringContaining('At most 120 characters.')),
  );
  expect(login).not.toHaveAccessibleDescription(expect.stringContaining('exists already'));
  expect(screen.getByRole('dialog', { name: 'Add a user' })).toBeInTheDocument();

  // Escape closes it, and nothing was added.
  await user.keyboard('{Escape}');
  await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
  expect(accounts.users.map((u) => u.login)).not.toContain('bruno.d');
});

test('the last active admin can be neither demoted nor disabled: the refusal is worded', async () => {
  const { user, accounts } = show();
  const admin = await rowOf(usersTable(), 'admin');
  const role = within(admin).getByRole('combobox', { name: 'Role of admin' });
  await user.click(role);
  await user.click(await screen.findByRole('option', { name: 'Editor' }));
  expect(await screen.findByText('The role of admin was not changed')).toBeInTheDocument();
  expect(
    screen.getByText(
      'This is the only active admin: make someone else an admin first. Nothing was changed.',
    ),
  ).toBeInTheDocument();
  expect(accounts.received).toEqual([
    { method: 'PATCH', path: '/api/users/usr_admin', body: { role: 'editor' } },
  ]);
  expect(role).toHaveTextContent('Administrator');

  await user.click(within(admin).getByRole('button', { name: 'Disable admin' }));
  const dialog = await screen.findByRole('dialog', { name: 'Disable admin?' });
  await user.click(within(dialog).getByRole('button', { name: 'Disable' }));
  expect(await within(dialog).findByRole('alert')).toHaveTextContent(
    'This is the only active admin: make someone else an admin first. Nothing was changed.',
  );
  expect(accounts.users.find((u) => u.login === 'admin')?.disabled).toBe(false);
});

test('changes a role at once, and says the user signs in again', async () => {
  const { user, accounts } = show();
  const bruno = await rowOf(usersTable(), 'bruno.durand');
  await user.click(within(bruno).getByRole('combobox', { name: 'Role of bruno.durand' }));
  await user.click(await screen.findByRole('option', { name: 'Viewer' }));
  expect(await screen.findByText('bruno.durand is now a viewer')).toBeInTheDocument();
  expect(screen.getByText('Their open sessions have ended: they sign in again.')).toBeVisible();
  expect(accounts.received).toEqual([
    { method: 'PATCH', path: '/api/users/usr_bruno', body: { role: 'viewer' } },
  ]);
  expect(within(bruno).getByRole('combobox', { name: 'Role of bruno.durand' })).toHaveTextContent(
    'Viewer',
  );
});

test('disabling asks first (Escape keeps the user); enabling does not', async () => {
  const { user, accounts } = show();
  const bruno = await rowOf(usersTable(), 'bruno.durand');
  await user.click(within(bruno).getByRole('button', { name: 'Disable bruno.durand' }));
  let dialog = await screen.findByRole('dialog', { name: 'Disable bruno.durand?' });
  expect(dialog).toHaveTextContent('Bruno Durand can no longer sign in');
  await waitFor(() =>
    expect(within(dialog).getByRole('button', { name: 'Keep active' })).toHaveFocus(),
  );
  await user.keyboard('{Escape}');
  await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
  expect(accounts.received).toEqual([]);

  await user.click(within(bruno).getByRole('button', { name: 'Disable bruno.durand' }));
  dialog = await screen.findByRole('dialog', { name: 'Disable bruno.durand?' });
  await user.click(within(dialog).getByRole('button', { name: 'Disable' }));
  expect(await screen.findByText('bruno.durand is disabled')).toBeInTheDocument();
  await waitFor(() => expect(bruno).toHaveTextContent('Disabled'));

  await user.click(within(bruno).getByRole('button', { name: 'Enable bruno.durand' }));
  expect(await screen.findByText('bruno.durand can sign in again')).toBeInTheDocument();
  await waitFor(() => expect(bruno).toHaveTextContent('Active'));
  expect(accounts.received.map((r) => r.body)).toEqual([{ disabled: true }, { disabled: false }]);
});

test('sets a new password for a user, at least 12 characters', async () => {
  const { user, accounts } = show();
  const bruno = await rowOf(usersTable(), 'bruno.durand');
  await user.click(
    within(bruno).getByRole('button', { name: 'Set a new password for bruno.durand' }),
  );
  const dialog = await screen.findByRole('dialog', { name: 'New password for bruno.durand' });
  const field = within(dialog).getByRole('textbox', { name: 'New password' });
  await waitFor(() => expect(field).toHaveFocus());
  await user.type(field, 'too short{Enter}');
  expect(field).toHaveAccessibleDescription(expect.stringContaining('At least 12 characters.'));
  expect(accounts.received).toEqual([]);
  await user.clear(field);
  await user.type(field, 'quarante-deux lapins{Enter}');
  expect(await screen.findByText('New password set for bruno.durand')).toBeInTheDocument();
  expect(accounts.received).toEqual([
    { method: 'PATCH', path: '/api/users/usr_bruno', body: { password: 'quarante-deux lapins' } },
  ]);
});

test('a new token is shown once: closed, it is nowhere, and the list read again has no token', async () => {
  const { user, accounts } = show();
  await tokensTable();
  await user.click(screen.getByRole('button', { name: 'Create a token' }));
  const form = await screen.findByRole('dialog', { name: 'Create an API token' });
  const name = within(form).getByRole('textbox', { name: 'Name' });
  await waitFor(() => expect(name).toHaveFocus());
  await user.click(within(form).getByRole('combobox', { name: 'Role' }));
  await user.click(await screen.findByRole('option', { name: 'Editor' }));
  await user.type(name, 'Nightly export{Enter}');

  const shown = await screen.findByRole('dialog', { name: 'Token Nightly export created' });
  const field = within(shown).getByRole('textbox', { name: 'Token' });
  const token = (field as HTMLInputElement).value;
  expect(token).toMatch(/^tact_/);
  expect(field).toHaveAttribute('readonly');
  await waitFor(() => expect(field).toHaveFocus());
  expect(shown).toHaveTextContent('Copy it now: it will not be shown again.');
  await user.click(within(shown).getByRole('button', { name: 'Copy the token' }));
  expect(await navigator.clipboard.readText()).toBe(token);
  expect(accounts.received).toEqual([
    { method: 'POST', path: '/api/tokens', body: { name: 'Nightly export', role: 'editor' } },
  ]);

  await user.click(within(shown).getByRole('button', { name: 'Done' }));
  await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
  const created = await rowOf(tokensTable(), 'Nightly export');
  expect(created).toHaveTextContent(/Nightly export.*Editor.*test\.admin/);
  expect(document.body).not.toHaveTextContent(token);
  for (const input of document.querySelectorAll('input')) expect(input.value).not.toBe(token);
  // The list as the server gives it again holds summaries only.
  const listed = await fetch(new URL('/api/tokens', location.href)).then((r) => r.text());
  expect(listed).toContain('Nightly export');
  expect(listed).not.toContain(token);

  // Opening the dialog again starts afresh.
  await user.click(screen.getByRole('button', { name: 'Create a token' }));
  const again = await screen.findByRole('dialog', { name: 'Create an API token' });
  expect(within(again).getByRole('textbox', { name: 'Name' })).toHaveValue('');
  expect(document.body).not.toHaveTextContent(token);
});

test('revoking a token asks first, then shows it greyed with the day it was revoked', async () => {
  const { user, accounts } = show();
  const crm = await rowOf(tokensTable(), 'CRM sync');
  await user.click(within(crm).getByRole('button', { name: 'Revoke the token CRM sync' }));
  const dialog = await screen.findByRole('dialog', { name: 'Revoke the token CRM sync?' });
  expect(dialog).toHaveTextContent('This cannot be undone');
  await user.click(within(dialog).getByRole('button', { name: 'Revoke' }));
  expect(await screen.findByText('Token CRM sync revoked')).toBeInTheDocument();
  expect(accounts.received).toEqual([
    { method: 'DELETE', path: '/api/tokens/tok_crm', body: undefined },
  ]);
  await waitFor(async () => {
    const revoked = await rowOf(tokensTable(), 'CRM sync');
    expect(revoked).toHaveClass('text-fg-subtle');
    expect(revoked).toHaveTextContent('2 Mar 2026, 10:01');
    expect(within(revoked).queryByRole('button')).toBeNull();
  });
  expect(screen.getByText('0 active, 2 revoked')).toBeInTheDocument();
});

test('a list that fails says why and offers Retry; an empty one says what to do', async () => {
  const { user } = show(
    fakeAccounts({ tokens: [] }),
    http.get(
      '*/api/users',
      () =>
        HttpResponse.json(
          { error: { code: 'internal', reason: 'internal', message: 'Boom.', params: {} } },
          { status: 500 },
        ),
      { once: true },
    ),
  );
  expect(await screen.findByText('The server failed')).toBeInTheDocument();
  expect(await screen.findByText('No API token')).toBeInTheDocument();
  await user.click(screen.getByRole('button', { name: 'Retry' }));
  expect(await usersTable()).toBeInTheDocument();
});

test('a user who is not an admin is told who to ask', async () => {
  // Without a role provider everything is allowed (as in the tests above): here, an editor.
  const asked: string[] = [];
  mockApi.events.on('request:start', ({ request }) => void asked.push(request.url));
  renderAt('/settings/team', [
    {
      path: '/settings/team',
      element: (
        <RoleProvider role="editor">
          <TeamRoute />
        </RoleProvider>
      ),
    },
  ]);
  expect(
    screen.getByText('Only an administrator manages users and API tokens'),
  ).toBeInTheDocument();
  expect(screen.queryByRole('table')).toBeNull();
  expect(asked).toEqual([]);
  mockApi.events.removeAllListeners();
});
