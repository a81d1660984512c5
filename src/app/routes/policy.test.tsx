import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { afterAll, afterEach, beforeAll, beforeEach, expect, test } from 'vitest';
import { mockApi } from '../../../mocks/node.ts';
import { policyVersionsResponse, savedPolicy, type SavedPolicy } from '../../api/contract.ts';
import { renderAt } from '../../test/render.tsx';
import { CampaignsRoute } from './campaigns.tsx';
import { GuardrailPolicyRoute } from './policy.tsx';

beforeAll(() => {
  mockApi.listen({ onUnhandledRequest: 'error' });
});
beforeEach(() => localStorage.clear());
afterEach(() => mockApi.resetHandlers());
afterAll(() => mockApi.close());

const routes = [
  { path: '/campaigns', element: <CampaignsRoute /> },
  { path: '/campaigns/policy', element: <GuardrailPolicyRoute /> },
];

const api = (path: string, init?: RequestInit) =>
  fetch(new URL(path, globalThis.location.href), {
    ...init,
    headers: { 'content-type': 'application/json', ...init?.headers },
  });

/** The policy as saved now (the tests share one store: each reads where it starts). */
async function policyNow(): Promise<SavedPolicy> {
  return savedPolicy.parse(await (await api('/api/policies/default')).json());
}

/**
 * A save made elsewhere, straight through the API (as every request in these tests, by the
 * signed-in "Test admin").
 */
async function savedElsewhere(changes: object): Promise<SavedPolicy> {
  const now = await policyNow();
  const { policy_id, version, author, created_at, updated_at, ...body } = now;
  void [policy_id, author, created_at, updated_at];
  const res = await api('/api/policies/default', {
    method: 'PUT',
    headers: { 'if-match': `"${version}"` },
    body: JSON.stringify({ ...body, ...changes }),
  });
  expect(res.status).toBe(200);
  return savedPolicy.parse(await res.json());
}

async function opened() {
  renderAt('/campaigns/policy', routes);
  return screen.findByRole('textbox', { name: 'Minimum discount' });
}

async function retype(user: ReturnType<typeof userEvent.setup>, input: HTMLElement, text: string) {
  await user.clear(input);
  await user.type(input, text);
}

test('the campaign list leads to the policy', async () => {
  const user = userEvent.setup();
  renderAt('/campaigns', routes);
  await user.click(await screen.findByRole('link', { name: 'Guardrail policy' }));
  expect(await screen.findByRole('heading', { name: 'Guardrail policy' })).toBeVisible();
});

test('shows every setting of the policy, figures in the user’s format', async () => {
  const now = await policyNow();
  expect(await opened()).toHaveValue(String(now.min_discount_percent));
  expect(screen.getByRole('textbox', { name: 'Minimum saving' })).toHaveValue(
    String(now.min_discount_cents / 100),
  );
  expect(screen.getByRole('textbox', { name: 'Answered offers' })).toHaveValue(
    String(now.answered_window_days),
  );
  const pressure = screen.getByRole('table', { name: 'Contact caps' });
  expect(
    within(pressure).getByRole('textbox', { name: 'Cap on all channels over 30 days' }),
  ).toHaveValue(String(now.caps.all_30_days));
  expect(screen.getByRole('textbox', { name: 'Days between messages, quarterly' })).toHaveValue(
    String(now.declared_frequency_days.quarterly),
  );
  const quiet = screen.getByRole('table', { name: 'Quiet hours' });
  expect(within(quiet).getByRole('checkbox', { name: 'Quiet hours SMS, kept' })).toBeChecked();
  expect(within(quiet).getByLabelText('Quiet hours SMS, from')).toHaveValue(
    now.quiet_hours.sms.start,
  );
  expect(
    within(quiet).getByRole('checkbox', { name: 'Quiet hours E-mail, kept' }),
  ).not.toBeChecked();
  // A channel without quiet hours has its times set aside, not editable.
  expect(within(quiet).getByLabelText('Quiet hours E-mail, until')).toBeDisabled();
  expect(screen.getByText(`Version ${now.version}`)).toBeVisible();
});

test('each wrong field says why, and a save with any sends nothing', async () => {
  const user = userEvent.setup();
  const before = await policyNow();
  const percent = await opened();
  await retype(user, percent, '150');
  expect(percent).toHaveAccessibleDescription('From 0 to 100.');
  await retype(user, screen.getByRole('textbox', { name: 'Answered offers' }), '7,5');
  expect(screen.getByRole('textbox', { name: 'Answered offers' })).toHaveAccessibleDescription(
    expect.stringContaining('Type a number, such as 12.5.'),
  );
  await retype(user, percent, '12.5');
  await retype(user, screen.getByRole('textbox', { name: 'Answered offers' }), '14');
  // Figures that read but break a rule together: shown at the field to fix.
  const weekCap = screen.getByRole('textbox', { name: 'Cap on one channel over 7 days' });
  await retype(user, weekCap, '9');
  expect(weekCap).toHaveAccessibleDescription(
    `Cap on one channel over 7 days: Above the 30-day cap (${before.caps.channel_30_days}): it would never apply.`,
  );
  fireEvent.change(screen.getByLabelText('Quiet hours SMS, until'), {
    target: { value: '07:00' },
  });
  expect(screen.getByText(/Ends before it starts: SMS could never carry marketing/)).toBeVisible();

  await user.click(screen.getByRole('button', { name: 'Save' }));
  expect(await screen.findByRole('alert')).toHaveTextContent(
    '2 fields need fixing before saving; nothing was sent.',
  );
  expect((await policyNow()).version).toBe(before.version);
});

test('a save records who and why as the next version; the history says what it changed', async () => {
  const user = userEvent.setup();
  const before = await policyNow();
  const percent = await opened();
  await retype(user, percent, '12.5');
  // Who saves is whoever is signed in: the page no longer asks for a name.
  expect(screen.queryByRole('textbox', { name: 'Saved by' })).toBeNull();
  await user.type(screen.getByRole('textbox', { name: 'Note for the history' }), 'Soldes d’hiver');
  expect(screen.getByText('Unsaved changes')).toBeVisible();
  await user.keyboard('{Control>}s{/Control}');
  expect(await screen.findByText(`Version ${before.version + 1}`)).toBeVisible();
  expect(screen.queryByText('Unsaved changes')).toBeNull();
  expect(screen.getByRole('textbox', { name: 'Note for the history' })).toHaveValue('');
  expect(screen.getByText(/^Saved by Test admin on /)).toBeVisible();
  expect(await policyNow()).toMatchObject({ min_discount_percent: 12.5, author: 'Test admin' });
  const history = policyVersionsResponse.parse(
    await (await api('/api/policies/default/versions')).json(),
  );
  expect(history.versions[0]).toMatchObject({ author: 'Test admin', note: 'Soldes d’hiver' });
  expect(localStorage.getItem('tact.policy-draft.default')).toBeNull();

  await user.click(screen.getByRole('button', { name: 'History' }));
  const dialog = await screen.findByRole('dialog');
  const changes = await within(dialog).findByRole('list', {
    name: `What version ${before.version + 1} changed`,
  });
  expect(changes).toHaveTextContent(`Minimum discount: ${before.min_discount_percent}% → 12.5%`);
  await user.click(
    within(dialog).getByRole('button', { name: new RegExp(`^Version ${before.version}(?!\\d)`) }),
  );
  await user.click(
    within(dialog).getByRole('button', { name: `Restore version ${before.version}` }),
  );
  await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
  expect(await screen.findByText(`Version ${before.version + 2}`)).toBeVisible();
  expect(screen.getByRole('textbox', { name: 'Minimum discount' })).toHaveValue(
    String(before.min_discount_percent),
  );
});

test('a save made elsewhere meanwhile is a conflict naming what differs; nothing typed is lost', async () => {
  const user = userEvent.setup();
  const before = await policyNow();
  const answered = await opened().then(() =>
    screen.getByRole('textbox', { name: 'Answered offers' }),
  );
  await retype(user, answered, '21');
  const theirs = await savedElsewhere({ answered_window_days: 45 });

  await user.click(screen.getByRole('button', { name: 'Save' }));
  const conflict = await screen.findByRole('alertdialog', {
    name: 'Someone saved the policy meanwhile',
  });
  expect(conflict).toHaveTextContent(`Test admin saved version ${theirs.version}`);
  expect(conflict).toHaveTextContent('Your edits differ from it in: Answered offers.');

  await user.click(within(conflict).getByRole('button', { name: 'Load their version' }));
  expect(answered).toHaveValue('45');
  await user.click(screen.getByRole('button', { name: 'Bring my edits back' }));
  expect(answered).toHaveValue('21');
  await user.click(screen.getByRole('button', { name: 'Save' }));
  expect(await screen.findByText(`Version ${before.version + 2}`)).toBeVisible();
  expect((await policyNow()).answered_window_days).toBe(21);
});

test('a refused save keeps the edits on screen and in this browser', async () => {
  const user = userEvent.setup();
  const before = await policyNow();
  const saving = await opened().then(() => screen.getByRole('textbox', { name: 'Minimum saving' }));
  await retype(user, saving, '7.50');
  mockApi.use(
    http.put('*/api/policies/default', () =>
      HttpResponse.json(
        { error: { code: 'internal', reason: 'internal', message: 'down', params: {} } },
        { status: 500 },
      ),
    ),
  );
  await user.click(screen.getByRole('button', { name: 'Save' }));
  expect(await screen.findByRole('alert')).toHaveTextContent(/^Not saved\./);
  expect(saving).toHaveValue('7.50');
  expect(localStorage.getItem('tact.policy-draft.default')).toContain('7.50');
  expect((await policyNow()).version).toBe(before.version);
});
