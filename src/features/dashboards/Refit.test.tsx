// Refitting the models is an admin's, and the model card says so before the server does: for an
// editor, "Refit now" is disabled with the role it needs and asks nothing, sends nothing.
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { afterAll, afterEach, beforeAll, expect, test } from 'vitest';
import { mockApi } from '../../../mocks/node.ts';
import { renderAt } from '../../test/render.tsx';
import { RoleProvider, type Role } from '../../ui/permissions.tsx';
import { Refit } from './Refit.tsx';

beforeAll(() => mockApi.listen({ onUnhandledRequest: 'error' }));
afterEach(() => mockApi.resetHandlers());
afterAll(() => mockApi.close());

const ADMINS_ONLY = 'Admins only: you are an editor.';

/** The refits asked for, none of them started for real. */
function serve(): unknown[] {
  const posts: unknown[] = [];
  mockApi.use(
    http.post(/\/api\/models\/clv\/refit$/, async ({ request }) => {
      posts.push(await request.json());
      return HttpResponse.json({ state: 'idle' }, { status: 202 });
    }),
    http.get(/\/api\/models\/clv\/refit$/, () => HttpResponse.json({ state: 'idle' })),
  );
  return posts;
}

function openAs(role: Role) {
  renderAt('/d', [
    {
      path: '/d',
      element: (
        <RoleProvider role={role}>
          <Refit rescored={[]} />
        </RoleProvider>
      ),
    },
  ]);
  return screen.findByRole('button', { name: 'Refit now' });
}

test('for an editor, "Refit now" is disabled saying who may, and a click asks nothing', async () => {
  const posts = serve();
  const user = userEvent.setup();
  const refit = await openAs('editor');
  expect(refit).toBeDisabled();
  expect(refit).toHaveAccessibleDescription(ADMINS_ONLY);
  expect(refit).toHaveAttribute('title', ADMINS_ONLY);
  await user.click(refit);
  expect(screen.queryByRole('dialog')).toBeNull();
  expect(posts).toEqual([]);
});

test('for an admin, "Refit now" asks first, then refits', async () => {
  const posts = serve();
  const user = userEvent.setup();
  const refit = await openAs('admin');
  expect(refit).toBeEnabled();
  expect(refit).not.toHaveAccessibleDescription(ADMINS_ONLY);
  await user.click(refit);
  const dialog = await screen.findByRole('dialog', {
    name: 'Refit the models and rescore every customer?',
  });
  await user.click(within(dialog).getByRole('button', { name: 'Refit and rescore' }));
  await waitFor(() => expect(posts).toEqual([{}]));
});
