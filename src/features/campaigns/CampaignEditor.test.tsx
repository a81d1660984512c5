// What a role may not save, the campaign editor says before the server does: a viewer reads the
// campaign, its history and its rendered message, and Save (or Ctrl+S) is disabled, sending nothing.
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { mockApi } from '../../../mocks/node.ts';
import { savedCampaign, type SavedCampaign } from '../../api/contract.ts';
import { renderAt } from '../../test/render.tsx';
import { recordWrites, settle } from '../../test/writes.ts';
import { RoleProvider, type Role } from '../../ui/permissions.tsx';
import { CampaignEditor } from './CampaignEditor.tsx';

beforeAll(() => mockApi.listen({ onUnhandledRequest: 'error' }));
beforeEach(() => localStorage.clear());
afterEach(() => mockApi.resetHandlers());
afterAll(() => mockApi.close());

const EDITORS_ONLY = 'Editors only: you are a viewer.';

/** A campaign saved straight through the API (by the tests' signed-in admin). */
async function savedElsewhere(name: string): Promise<SavedCampaign> {
  const res = await fetch(new URL('/api/campaigns', globalThis.location.href), {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': crypto.randomUUID() },
    body: JSON.stringify({
      name,
      channel: 'sms',
      template: { text: 'Bonjour {{ customer.first_name }} STOP au 36111' },
    }),
  });
  expect(res.status).toBe(201);
  return savedCampaign.parse(await res.json());
}

/** Every write the page sends; a template render is a read sent as POST. */
const recordEditorWrites = () => recordWrites((path) => path === '/api/templates/render');

function openAs(role: Role, campaign: SavedCampaign) {
  return renderAt('/campaigns/x', [
    {
      path: '/campaigns/x',
      element: (
        <RoleProvider role={role}>
          <CampaignEditor saved={campaign} />
        </RoleProvider>
      ),
    },
  ]);
}

describe('the campaign editor', () => {
  test('for a viewer: read-only, Save disabled saying who may, Ctrl+S after an edit sends nothing', async () => {
    const campaign = await savedElsewhere('Soldes — lecture');
    const writes = recordEditorWrites();
    const user = userEvent.setup();
    openAs('viewer', campaign);
    const name = await screen.findByRole('textbox', { name: 'Campaign name' });
    expect(screen.getByText('Read-only')).toBeVisible();
    const save = screen.getByRole('button', { name: 'Save' });
    expect(save).toBeDisabled();
    expect(save).toHaveAccessibleDescription(EDITORS_ONLY);
    expect(save).toHaveAttribute('title', EDITORS_ONLY);
    // Reading stays open.
    expect(screen.getByRole('button', { name: 'History' })).toBeEnabled();

    await user.type(name, ' bis');
    await user.keyboard('{Control>}s{/Control}');
    await settle();
    expect(writes).toEqual([]);
    expect(screen.getByText('Unsaved changes')).toBeVisible();
  });

  test('for an editor: Save enabled, nothing read-only, and Ctrl+S saves', async () => {
    const campaign = await savedElsewhere('Soldes — éditeur');
    const writes = recordEditorWrites();
    const user = userEvent.setup();
    openAs('editor', campaign);
    const name = await screen.findByRole('textbox', { name: 'Campaign name' });
    expect(screen.queryByText('Read-only')).toBeNull();
    const save = screen.getByRole('button', { name: 'Save' });
    expect(save).toBeEnabled();
    expect(save).not.toHaveAccessibleDescription(EDITORS_ONLY);

    await user.type(name, ' bis');
    await user.keyboard('{Control>}s{/Control}');
    await waitFor(() => expect(writes).toEqual([`PUT /api/campaigns/${campaign.campaign_id}`]));
  });
});
