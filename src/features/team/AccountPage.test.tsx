import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterAll, afterEach, beforeAll, expect, test } from 'vitest';
import { mockApi } from '../../../mocks/node.ts';
import { renderAt } from '../../test/render.tsx';
import { CURRENT_PASSWORD, fakeAccounts } from './accounts.fixtures.ts';
import { AccountRoute } from './AccountPage.tsx';

beforeAll(() => mockApi.listen({ onUnhandledRequest: 'error' }));
afterEach(() => mockApi.resetHandlers());
afterAll(() => mockApi.close());

function show() {
  const accounts = fakeAccounts();
  mockApi.use(...accounts.handlers);
  const user = userEvent.setup();
  renderAt('/settings/account', [{ path: '/settings/account', element: <AccountRoute /> }]);
  return {
    user,
    accounts,
    current: screen.getByLabelText('Current password'),
    next: screen.getByLabelText('New password'),
    again: screen.getByLabelText('New password, again'),
    submit: screen.getByRole('button', { name: 'Change the password' }),
  };
}

test('a short or mistyped new password is caught here, before anything is sent', async () => {
  const { user, accounts, current, next, again, submit } = show();
  await user.type(current, CURRENT_PASSWORD);
  await user.type(next, 'too short');
  await user.type(again, 'too short');
  await user.click(submit);
  expect(next).toHaveAccessibleDescription(expect.stringContaining('At least 12 characters.'));
  expect(again).not.toHaveAttribute('aria-invalid');

  await user.clear(next);
  await user.type(next, 'quarante-deux lapins');
  await user.clear(again);
  await user.type(again, 'quarante-deux lapin{Enter}');
  expect(again).toHaveAccessibleDescription('The two new passwords differ.');
  expect(next).not.toHaveAttribute('aria-invalid');
  expect(accounts.received).toEqual([]);
});

test('a wrong current password is said under it, and nothing changes', async () => {
  const { user, accounts, current, next, again, submit } = show();
  await user.type(current, 'not my password');
  await user.type(next, 'quarante-deux lapins');
  await user.type(again, 'quarante-deux lapins');
  await user.click(submit);
  await waitFor(() =>
    expect(current).toHaveAccessibleDescription(
      'The current password is wrong; nothing was changed.',
    ),
  );
  expect(accounts.password()).toBe(CURRENT_PASSWORD);
});

test('changes the password: the current and the new one are sent, and the form is emptied', async () => {
  const { user, accounts, current, next, again } = show();
  await user.type(current, CURRENT_PASSWORD);
  await user.type(next, 'quarante-deux lapins');
  await user.type(again, 'quarante-deux lapins{Enter}');
  expect(await screen.findByText('Your password is changed')).toBeInTheDocument();
  expect(accounts.received).toEqual([
    {
      method: 'PUT',
      path: '/api/auth/password',
      body: { current: CURRENT_PASSWORD, next: 'quarante-deux lapins' },
    },
  ]);
  expect(accounts.password()).toBe('quarante-deux lapins');
  for (const field of [current, next, again]) expect(field).toHaveValue('');
});
