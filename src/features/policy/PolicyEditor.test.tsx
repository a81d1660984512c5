// Only an admin changes the guardrail policy, and the page says so before the server does: for an
// editor, Save (and Ctrl+S) is disabled with the role it needs and sends nothing.
import { useQuery } from '@tanstack/react-query';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { mockApi } from '../../../mocks/node.ts';
import { renderAt } from '../../test/render.tsx';
import { recordWrites, settle } from '../../test/writes.ts';
import { RoleProvider, type Role } from '../../ui/permissions.tsx';
import { PolicyEditor } from './PolicyEditor.tsx';
import { policyQueries } from './queries.ts';

beforeAll(() => mockApi.listen({ onUnhandledRequest: 'error' }));
beforeEach(() => localStorage.clear());
afterEach(() => mockApi.resetHandlers());
afterAll(() => mockApi.close());

const ADMINS_ONLY = 'Admins only: you are an editor.';

function Policy() {
  const saved = useQuery(policyQueries.one('default'));
  return saved.data === undefined ? null : <PolicyEditor saved={saved.data} />;
}

async function openAs(role: Role) {
  renderAt('/policy', [
    {
      path: '/policy',
      element: (
        <RoleProvider role={role}>
          <Policy />
        </RoleProvider>
      ),
    },
  ]);
  return screen.findByRole('textbox', { name: 'Minimum discount' });
}

async function edited(user: ReturnType<typeof userEvent.setup>, input: HTMLElement) {
  await user.clear(input);
  await user.type(input, '12');
}

describe('the guardrail policy', () => {
  test('for an editor: Save is disabled saying who may, and Ctrl+S after an edit sends nothing', async () => {
    const writes = recordWrites();
    const user = userEvent.setup();
    const discount = await openAs('editor');
    const save = screen.getByRole('button', { name: 'Save' });
    expect(save).toBeDisabled();
    expect(save).toHaveAccessibleDescription(ADMINS_ONLY);
    expect(save).toHaveAttribute('title', ADMINS_ONLY);
    // Its history is a read: open to everyone.
    expect(screen.getByRole('button', { name: 'History' })).toBeEnabled();

    await edited(user, discount);
    await user.keyboard('{Control>}s{/Control}');
    await settle();
    expect(writes).toEqual([]);
  });

  test('for an admin: Save is enabled and Ctrl+S saves', async () => {
    const writes = recordWrites();
    const user = userEvent.setup();
    const discount = await openAs('admin');
    const save = screen.getByRole('button', { name: 'Save' });
    expect(save).toBeEnabled();
    expect(save).not.toHaveAccessibleDescription(ADMINS_ONLY);

    await edited(user, discount);
    await user.keyboard('{Control>}s{/Control}');
    await waitFor(() => expect(writes).toEqual(['PUT /api/policies/default']));
  });
});
