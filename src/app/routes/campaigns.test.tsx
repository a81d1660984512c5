import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { z } from 'zod';
import { mockApi } from '../../../mocks/node.ts';
import { campaignListResponse, savedCampaign, type SavedCampaign } from '../../api/contract.ts';
import { renderAt } from '../../test/render.tsx';
import { CampaignsRoute, NewCampaignRoute, SavedCampaignRoute } from './campaigns.tsx';

beforeAll(() => {
  mockApi.listen({ onUnhandledRequest: 'error' });
});
beforeEach(() => localStorage.clear());
afterEach(() => mockApi.resetHandlers());
afterAll(() => mockApi.close());

const routes = [
  { path: '/campaigns', element: <CampaignsRoute /> },
  { path: '/campaigns/new', element: <NewCampaignRoute /> },
  { path: '/campaigns/:campaignId', element: <SavedCampaignRoute /> },
];

const api = (path: string, init?: RequestInit) =>
  fetch(new URL(path, globalThis.location.href), {
    ...init,
    headers: { 'content-type': 'application/json', ...init?.headers },
  });

/**
 * A campaign saved elsewhere, straight through the API (as every request in these tests, by the
 * signed-in "Test admin").
 */
async function createdElsewhere(name: string, channel: 'email' | 'sms' = 'email') {
  const template =
    channel === 'email'
      ? { subject: '{{ customer.first_name | default: "Bonjour" }}', html: '<p>Bonjour</p>' }
      : { text: 'Bonjour {{ customer.first_name }} STOP au 36111' };
  const res = await api('/api/campaigns', {
    method: 'POST',
    headers: { 'idempotency-key': crypto.randomUUID() },
    body: JSON.stringify({ name, channel, template }),
  });
  expect(res.status).toBe(201);
  return savedCampaign.parse(await res.json());
}

/** A saved campaign as a save request sends it back: without what the server adds. */
function editable(saved: SavedCampaign) {
  const server = new Set(['campaign_id', 'version', 'author', 'created_at', 'updated_at']);
  return Object.fromEntries(Object.entries(saved).filter(([key]) => !server.has(key)));
}

async function campaigns() {
  return campaignListResponse.parse(await (await api('/api/campaigns')).json()).campaigns;
}

describe('the campaign list', () => {
  test('lists every campaign with its channel and status; the channel filter keeps only its own', async () => {
    const user = userEvent.setup();
    const mine = await createdElsewhere('Soldes d’hiver — e-mail');
    await createdElsewhere('Soldes d’hiver — SMS', 'sms');
    const all = await campaigns();
    renderAt('/campaigns', routes);
    const table = await screen.findByRole('table', { name: 'Campaigns' });
    // One header row, then one row per campaign.
    await waitFor(() => expect(within(table).getAllByRole('row')).toHaveLength(all.length + 1));
    expect(within(table).getByRole('link', { name: mine.name })).toHaveAttribute(
      'href',
      `/campaigns/${mine.campaign_id}`,
    );

    await user.click(screen.getByRole('combobox', { name: 'Channel' }));
    await user.click(await screen.findByRole('option', { name: 'SMS' }));
    const sms = all.filter((c) => c.channel === 'sms');
    expect(sms.length).toBeGreaterThan(0);
    await waitFor(() => expect(within(table).getAllByRole('row')).toHaveLength(sms.length + 1));
    for (const row of within(table).getAllByRole('row').slice(1)) {
      expect(row).toHaveTextContent('SMS');
    }
  });
});

test('a segment’s link opens the list narrowed to its campaigns, and the narrowing can be removed', async () => {
  const user = userEvent.setup();
  const segment = await api('/api/segments', {
    method: 'POST',
    body: JSON.stringify({
      name: 'Lyonnais',
      definition: {
        version: 1,
        root: {
          id: 'root',
          kind: 'group',
          negate: false,
          combinator: 'and',
          children: [
            {
              id: 'city',
              kind: 'attribute',
              negate: false,
              field: 'customer.city',
              test: { operator: 'equals', value: 'Lyon' },
            },
          ],
        },
      },
    }),
  });
  expect(segment.status).toBe(201);
  const { segment_id } = z.object({ segment_id: z.string() }).parse(await segment.json());
  const targeted = await api('/api/campaigns', {
    method: 'POST',
    headers: { 'idempotency-key': crypto.randomUUID() },
    body: JSON.stringify({
      name: 'Lyon — nouveautés',
      channel: 'email',
      segment: { segment_id, version: 1 },
    }),
  });
  expect(targeted.status).toBe(201);
  await createdElsewhere('Ailleurs');
  const all = await campaigns();

  renderAt(`/campaigns?segment=${segment_id}`, routes);
  const table = await screen.findByRole('table', { name: 'Campaigns' });
  await waitFor(() => expect(within(table).getAllByRole('row')).toHaveLength(2));
  expect(within(table).getByRole('link', { name: 'Lyon — nouveautés' })).toBeVisible();
  expect(screen.getByText('Segment: Lyonnais')).toBeVisible();

  await user.click(
    screen.getByRole('button', { name: 'Show every segment’s campaigns, not only “Lyonnais”’s' }),
  );
  await waitFor(() => expect(within(table).getAllByRole('row')).toHaveLength(all.length + 1));
});

describe('the campaign editor', () => {
  test('the rollout and the messages on other channels save with the campaign', async () => {
    const user = userEvent.setup();
    const before = await createdElsewhere('Coffret — vagues');
    const id = before.campaign_id;
    expect(before.rollout).toEqual({ strategy: 'loyal_first', min_propensity_percentile: 80 });
    renderAt(`/campaigns/${id}`, routes);
    const percentile = await screen.findByRole('spinbutton', {
      name: 'High propensity from the percentile',
    });
    await user.clear(percentile);
    await user.type(percentile, '90');
    expect(
      screen.getByText('The 10% of customers most likely to order within 30 days.'),
    ).toBeVisible();

    const alternates = screen.getByRole('region', { name: 'Alternate channels' });
    await user.click(
      within(alternates).getByRole('button', { name: 'Add an alternate SMS message' }),
    );
    const sms = within(alternates).getByRole('region', { name: 'SMS message' });
    expect(within(sms).getByRole('textbox', { name: 'Text' })).toHaveTextContent('STOP au 36111');

    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText(`Version ${before.version + 1}`)).toBeVisible();
    const saved = savedCampaign.parse(await (await api(`/api/campaigns/${id}`)).json());
    expect(saved.rollout.min_propensity_percentile).toBe(90);
    expect(saved.alternates.sms?.text).toContain('STOP au 36111');
    expect(saved.alternates.push).toBeNull();

    // Everyone at once: the percentile no longer applies and is not shown.
    await user.click(screen.getByRole('combobox', { name: 'Rollout' }));
    await user.click(await screen.findByRole('option', { name: 'Everyone at once' }));
    expect(
      screen.queryByRole('spinbutton', { name: 'High propensity from the percentile' }),
    ).toBeNull();
    // Removing the SMS message.
    await user.click(within(alternates).getByRole('button', { name: 'Remove the SMS message' }));
    expect(within(alternates).queryByRole('region', { name: 'SMS message' })).toBeNull();
  });

  test('a renamed campaign saves as the next version, and the list shows the new name', async () => {
    const user = userEvent.setup();
    const before = await createdElsewhere('Coffret de Noël');
    const id = before.campaign_id;
    renderAt(`/campaigns/${id}`, routes);
    const name = await screen.findByRole('textbox', { name: 'Campaign name' });
    expect(name).toHaveValue(before.name);
    await user.clear(name);
    await user.type(name, 'Coffret de Noël — relance');
    expect(screen.getByText('Unsaved changes')).toBeVisible();
    await user.keyboard('{Control>}s{/Control}');
    expect(await screen.findByText(`Version ${before.version + 1}`)).toBeVisible();
    const after = (await campaigns()).find((c) => c.campaign_id === id);
    expect(after).toMatchObject({
      name: 'Coffret de Noël — relance',
      version: before.version + 1,
      author: 'Test admin',
    });
    // The author is whoever is signed in.
    expect(screen.getByText(/^Saved by Test admin · /)).toBeVisible();
    // Saved: no draft is left behind.
    expect(localStorage.getItem(`tact.campaign-draft.${id}`)).toBeNull();
  });

  test('a save made elsewhere meanwhile is a conflict that names what differs; nothing typed is lost', async () => {
    const user = userEvent.setup();
    const before = await createdElsewhere('Relance panier');
    const id = before.campaign_id;
    renderAt(`/campaigns/${id}`, routes);
    const name = await screen.findByRole('textbox', { name: 'Campaign name' });
    await user.clear(name);
    await user.type(name, 'Mine');

    // The next version is saved elsewhere with another name (another tab; the author is the
    // signed-in caller).
    const body = editable(before);
    const theirs = await api(`/api/campaigns/${id}`, {
      method: 'PUT',
      headers: { 'if-match': `"${before.version}"` },
      body: JSON.stringify({ ...body, name: 'Theirs' }),
    });
    expect(theirs.status).toBe(200);

    await user.click(screen.getByRole('button', { name: 'Save' }));
    const conflict = await screen.findByRole('alertdialog', {
      name: 'Someone saved this campaign meanwhile',
    });
    expect(conflict).toHaveTextContent(`Test admin saved version ${before.version + 1}`);
    expect(conflict).toHaveTextContent('Your edits differ from it in: Name.');

    await user.click(within(conflict).getByRole('button', { name: 'Load their version' }));
    expect(screen.getByRole('textbox', { name: 'Campaign name' })).toHaveValue('Theirs');
    await user.click(screen.getByRole('button', { name: 'Bring my edits back' }));
    expect(screen.getByRole('textbox', { name: 'Campaign name' })).toHaveValue('Mine');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText(`Version ${before.version + 2}`)).toBeVisible();
  });

  test('the history lists each version with what it changed, and restores one as the newest', async () => {
    const user = userEvent.setup();
    const first = await createdElsewhere('Printemps');
    const body = { ...editable(first), template: first.template };
    const edited = await api(`/api/campaigns/${first.campaign_id}`, {
      method: 'PUT',
      headers: { 'if-match': '"1"' },
      body: JSON.stringify({
        ...body,
        name: 'Printemps — relance',
        template: { ...body.template, subject: 'Dernier jour' },
      }),
    });
    expect(edited.status).toBe(200);

    renderAt(`/campaigns/${first.campaign_id}`, routes);
    await user.click(await screen.findByRole('button', { name: 'History' }));
    const dialog = await screen.findByRole('dialog', { name: 'History of “Printemps — relance”' });
    const versions = within(dialog).getByRole('list', { name: 'Versions' });
    expect(within(versions).getAllByRole('listitem')).toHaveLength(2);
    expect(versions).toHaveTextContent('Created');
    const changes = within(dialog).getByRole('region', { name: 'Version 2' });
    expect(await within(changes).findByText('Name changed')).toBeVisible();
    expect(within(changes).getByText('Subject changed')).toBeVisible();

    await user.click(within(versions).getByRole('button', { name: /^Version 1/ }));
    await user.click(within(dialog).getByRole('button', { name: 'Restore version 1' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(screen.getByRole('textbox', { name: 'Campaign name' })).toHaveValue('Printemps');
    expect(screen.getByText('Version 3')).toBeVisible();
    const now = savedCampaign.parse(
      await (await api(`/api/campaigns/${first.campaign_id}`)).json(),
    );
    expect(now).toMatchObject({ name: 'Printemps', version: 3, author: 'Test admin' });
  });

  test('a new campaign keeps its edits in this browser until it is saved', async () => {
    const user = userEvent.setup();
    const first = renderAt('/campaigns/new', routes);
    const name = await screen.findByRole('textbox', { name: 'Campaign name' });
    await user.clear(name);
    await user.type(name, 'Rentrée 2027');
    first.unmount();

    renderAt('/campaigns/new', routes);
    expect(await screen.findByRole('textbox', { name: 'Campaign name' })).toHaveValue(
      'Rentrée 2027',
    );
    expect(screen.getByText('Unsaved edits from this browser were restored.')).toBeVisible();
    await user.click(screen.getByRole('button', { name: 'Discard them' }));
    expect(screen.getByRole('textbox', { name: 'Campaign name' })).toHaveValue('Untitled campaign');
  });
});
