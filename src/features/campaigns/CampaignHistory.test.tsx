// Restoring a campaign's version is an editor's: a viewer reads the history, the restore is
// disabled saying who may, and sends nothing.
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterAll, afterEach, beforeAll, expect, test, vi } from 'vitest';
import { mockApi } from '../../../mocks/node.ts';
import { savedCampaign, type SavedCampaign } from '../../api/contract.ts';
import { renderAt } from '../../test/render.tsx';
import { RoleProvider, type Role } from '../../ui/permissions.tsx';
import { CampaignHistory } from './CampaignHistory.tsx';

beforeAll(() => mockApi.listen({ onUnhandledRequest: 'error' }));
afterEach(() => mockApi.resetHandlers());
afterAll(() => mockApi.close());

const send = (path: string, init: RequestInit) =>
  fetch(new URL(path, globalThis.location.href), {
    ...init,
    headers: { 'content-type': 'application/json', ...init.headers },
  });

/** A campaign saved straight through the API (by the tests' signed-in admin), in two versions. */
async function savedTwice(name: string): Promise<SavedCampaign> {
  const template = { text: 'Bonjour {{ customer.first_name }} STOP au 36111' };
  const created = await send('/api/campaigns', {
    method: 'POST',
    headers: { 'idempotency-key': crypto.randomUUID() },
    body: JSON.stringify({ name, channel: 'sms', template }),
  });
  const first = savedCampaign.parse(await created.json());
  const updated = await send(`/api/campaigns/${first.campaign_id}`, {
    method: 'PUT',
    headers: { 'if-match': `"${first.version}"` },
    body: JSON.stringify({ name: `${name} bis`, channel: 'sms', template }),
  });
  return savedCampaign.parse(await updated.json());
}

test.each([
  { role: 'viewer', refused: true },
  { role: 'editor', refused: false },
] as const)('for a $role, restoring a version is refused: $refused', async ({ role, refused }) => {
  const campaign = await savedTwice(`Soldes — historique ${role}`);
  const onRestored = vi.fn();
  const user = userEvent.setup();
  renderAt('/h', [
    {
      path: '/h',
      element: (
        <RoleProvider role={role as Role}>
          <CampaignHistory saved={campaign} onRestored={onRestored} onClose={vi.fn()} />
        </RoleProvider>
      ),
    },
  ]);
  const dialog = await screen.findByRole('dialog');
  await user.click(await within(dialog).findByRole('button', { name: /^Version 1/ }));
  const restore = within(dialog).getByRole('button', { name: 'Restore version 1' });
  if (refused) {
    expect(restore).toBeDisabled();
    expect(restore).toHaveAccessibleDescription('Editors only: you are a viewer.');
  } else {
    await user.click(restore);
    await vi.waitFor(() => expect(onRestored).toHaveBeenCalled());
  }
});
