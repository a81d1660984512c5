import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { afterAll, afterEach, beforeAll, expect, test, vi } from 'vitest';
import { z } from 'zod';
import { mockApi } from '../../../mocks/node.ts';
import { renderAt } from '../../test/render.tsx';
import { SavedCampaignRoute } from './campaigns.tsx';
import { CampaignPreviewRoute } from './preview.tsx';
import { BOX_SET_ORDER, previewOf, recipientsPage, XSS_NAME } from './preview.fixtures.ts';

const routes = [
  { path: '/campaigns/:campaignId/preview/:customerId?', element: <CampaignPreviewRoute /> },
];

const api = (path: string, init?: RequestInit) =>
  fetch(new URL(path, globalThis.location.href), {
    ...init,
    headers: { 'content-type': 'application/json', ...init?.headers },
  });

let campaignId = '';

/** A Lyon segment (city, and total spend) and an e-mail campaign pinned to its version 1. */
beforeAll(async () => {
  mockApi.listen({ onUnhandledRequest: 'error' });
  const segment = await api('/api/segments', {
    method: 'POST',
    body: JSON.stringify({
      name: 'Lyonnais dépensiers',
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
            {
              id: 'spend',
              kind: 'aggregate',
              negate: false,
              measure: 'total_spend_cents',
              window: { type: 'ever' },
              test: { operator: 'gte', value: 10000 },
            },
          ],
        },
      },
    }),
  });
  expect(segment.status).toBe(201);
  const { segment_id } = z.object({ segment_id: z.string() }).parse(await segment.json());
  const campaign = await api('/api/campaigns', {
    method: 'POST',
    headers: { 'idempotency-key': crypto.randomUUID() },
    body: JSON.stringify({
      name: 'Coffret de Noël',
      channel: 'email',
      segment: { segment_id, version: 1 },
    }),
  });
  expect(campaign.status).toBe(201);
  campaignId = z.object({ campaign_id: z.string() }).parse(await campaign.json()).campaign_id;
});
afterEach(() => {
  mockApi.resetHandlers();
  vi.restoreAllMocks();
});
afterAll(() => mockApi.close());

/** The preview API over the fixtures (its routes are not in the mock yet); logs each URL asked. */
function servePreviews(asked: URL[] = []) {
  mockApi.use(
    http.get('*/api/campaigns/:id/recipients', ({ request, params }) => {
      const url = new URL(request.url);
      asked.push(url);
      return HttpResponse.json(recipientsPage(String(params.id), url.searchParams));
    }),
    http.get('*/api/campaigns/:id/preview/:customerId', ({ request, params }) => {
      asked.push(new URL(request.url));
      const preview = previewOf(String(params.id), String(params.customerId));
      return preview === null
        ? HttpResponse.json(
            {
              error: {
                code: 'not_found',
                reason: 'customer_not_found',
                message: 'No such customer.',
                params: { customer_id: String(params.customerId) },
              },
            },
            { status: 404 },
          )
        : HttpResponse.json(preview);
    }),
  );
  return asked;
}

const path = (customerId: string) => `/campaigns/${campaignId}/preview/${customerId}`;
const recipientList = () => screen.findByRole('list', { name: 'Recipients' });
/** The row of the recipient shown. */
const currentRow = () =>
  within(screen.getByRole('list', { name: 'Recipients' }))
    .getAllByRole('link')
    .find((a) => a.getAttribute('aria-current') === 'page');

test('opens the first recipient, and j, k and the arrows move through the list with the URL', async () => {
  const user = userEvent.setup();
  servePreviews();
  const { router } = renderAt(`/campaigns/${campaignId}/preview`, routes);
  await waitFor(() => expect(router.state.location.pathname).toBe(path('C0000001')));
  expect(await screen.findByRole('heading', { name: 'Coffret de Noël' })).toBeVisible();
  await waitFor(() => expect(currentRow()).toHaveTextContent('Olivier Marchand'));

  await user.keyboard('j');
  await waitFor(() => expect(router.state.location.pathname).toBe(path('C0000003')));
  // The next one is on the second page: it is loaded, then shown.
  await user.keyboard('j');
  await waitFor(() => expect(router.state.location.pathname).toBe(path('C0000002')));
  await user.keyboard('k');
  await waitFor(() => expect(router.state.location.pathname).toBe(path('C0000003')));

  // The arrows move while the focus is in the list, and the focus follows the current row.
  await waitFor(() => expect(currentRow()).toHaveTextContent('Sans-Histoire'));
  currentRow()?.focus();
  await user.keyboard('{ArrowUp}');
  await waitFor(() => expect(router.state.location.pathname).toBe(path('C0000001')));
  await waitFor(() => expect(currentRow()).toHaveFocus());
  await user.keyboard('{ArrowUp}');
  expect(await screen.findByText('This is the first recipient.')).toBeVisible();

  // Typing in the search box moves nothing.
  await user.type(screen.getByRole('searchbox', { name: 'Search recipients' }), 'jk');
  expect(router.state.location.pathname).toBe(path('C0000001'));
});

test('n jumps to the next flagged recipient, over an unflagged one', async () => {
  const user = userEvent.setup();
  servePreviews();
  const { router } = renderAt(path('C0000001'), routes);
  await screen.findByRole('heading', { name: 'Guardrails · 2 verdicts' });
  await user.keyboard('n');
  await waitFor(() => expect(router.state.location.pathname).toBe(path('C0000002')));
  await user.keyboard('n');
  expect(await screen.findByText('No flagged recipient after this one.')).toBeVisible();
});

test('the neighbours’ previews are fetched ahead, and the previous one stays on screen while the next loads', async () => {
  const user = userEvent.setup();
  const asked = servePreviews();
  renderAt(path('C0000001'), routes);
  await screen.findByRole('heading', { name: 'Guardrails · 2 verdicts' });
  await waitFor(() =>
    expect(asked.some((u) => u.pathname.endsWith('/preview/C0000003'))).toBe(true),
  );
  await user.keyboard('j');
  // Answered from the cache: the next recipient's banner is there at once.
  expect(await screen.findByText('Left the segment since the list loaded.')).toBeVisible();
});

test('flagged only, a guardrail and a search narrow the list and are kept in the URL', async () => {
  const user = userEvent.setup();
  const asked = servePreviews();
  const { router } = renderAt(path('C0000001'), routes);
  const list = await recipientList();
  // The list shows its end, so it loads the second page by itself.
  await waitFor(() => expect(within(list).getAllByRole('link')).toHaveLength(3));
  expect(asked.some((u) => u.searchParams.get('cursor') === 'C0000003')).toBe(true);

  await user.click(screen.getByRole('button', { name: 'Flagged only, 2 recipients' }));
  await waitFor(() => expect(router.state.location.search).toBe('?flagged=1'));
  await waitFor(() => expect(within(list).getAllByRole('link')).toHaveLength(2));
  expect(within(list).queryByText('Sans-Histoire')).toBeNull();
  const lists = asked.filter((u) => u.pathname.endsWith('/recipients'));
  expect(lists.at(-1)?.searchParams.get('flagged')).toBe('true');

  const byGuardrail = screen.getByRole('group', { name: 'Filter by guardrail' });
  await user.click(within(byGuardrail).getByRole('button', { name: 'Already owned, 1 recipient' }));
  await waitFor(() =>
    expect(router.state.location.search).toBe('?flagged=1&guardrail=already_owned'),
  );
  await waitFor(() => expect(within(list).getAllByRole('link')).toHaveLength(1));
  // The recipient stays in the path.
  expect(router.state.location.pathname).toBe(path('C0000001'));

  await user.click(within(byGuardrail).getByRole('button', { name: 'Already owned, 1 recipient' }));
  await user.type(screen.getByRole('searchbox', { name: 'Search recipients' }), 'durand');
  await waitFor(() => expect(router.state.location.search).toBe('?flagged=1&q=durand'));
  await waitFor(() => expect(within(list).getAllByRole('link')).toHaveLength(1));
  expect(within(list).getByRole('link')).toHaveTextContent(`${XSS_NAME} Durand`);
});

test('a hand-edited query string drops what it does not know', async () => {
  servePreviews();
  renderAt(`${path('C0000001')}?flagged=maybe&guardrail=nope&q=`, routes);
  const list = await recipientList();
  await waitFor(() => expect(within(list).getAllByRole('link')).toHaveLength(3));
  expect(screen.getByRole('button', { name: 'Flagged only, 2 recipients' })).toHaveAttribute(
    'aria-pressed',
    'false',
  );
});

test('clicking “already owned” brings the box-set order into view in the timeline, highlighted', async () => {
  const user = userEvent.setup();
  servePreviews();
  renderAt(path('C0000001'), routes);
  const entries = await screen.findByRole('list', { name: 'History entries' });
  const order = await within(entries).findByText(BOX_SET_ORDER);
  const entry = order.closest('li');
  // Every entry a verdict cites is marked with the guardrail's name.
  await waitFor(() => expect(entry).toHaveTextContent('Already owned'));
  expect(entry).not.toHaveAttribute('aria-current');

  // The top of the message lists the verdicts, blocking first.
  const summary = screen.getByRole('list', { name: 'Verdicts' });
  expect(
    within(summary)
      .getAllByRole('button')
      .map((b) => b.textContent),
  ).toEqual(['Already owned', 'Meaningless discount']);
  const verdicts = screen.getByRole('region', { name: 'Guardrails · 2 verdicts' });
  const items = within(verdicts).getAllByRole('listitem');
  // Blocking first, with its severity.
  expect(items[0]).toHaveTextContent('Blocks');
  await user.click(within(verdicts).getByRole('button', { name: 'Already owned' }));
  await waitFor(() =>
    expect(within(entries).getByText(BOX_SET_ORDER).closest('li')).toHaveAttribute(
      'aria-current',
      'true',
    ),
  );
  expect(
    within(verdicts).getByText('Product Le Seigneur des Anneaux — coffret Blu-ray (BR-LOTR-BOX)'),
  ).toBeVisible();
});

test('opened from the audit on one guardrail, the recipient’s proof of it is highlighted at once', async () => {
  servePreviews();
  renderAt(`${path('C0000001')}?guardrail=already_owned`, routes);
  const entries = await screen.findByRole('list', { name: 'History entries' });
  await waitFor(() =>
    expect(within(entries).getByText(BOX_SET_ORDER).closest('li')).toHaveAttribute(
      'aria-current',
      'true',
    ),
  );
});

test('opened on a guardrail the recipient has no proof of, nothing is highlighted', async () => {
  servePreviews();
  renderAt(`${path('C0000001')}?guardrail=meaningless_discount`, routes);
  const entries = await screen.findByRole('list', { name: 'History entries' });
  const order = await within(entries).findByText(BOX_SET_ORDER);
  await waitFor(() => expect(order.closest('li')).toHaveTextContent('Already owned'));
  expect(
    within(entries)
      .queryAllByRole('listitem')
      .filter((li) => li.ariaCurrent === 'true'),
  ).toEqual([]);
});

test('the e-mail is shown in a frame with an empty sandbox, at desktop or mobile width', async () => {
  const user = userEvent.setup();
  servePreviews();
  renderAt(path('C0000001'), routes);
  const frame = await screen.findByTitle('E-mail as Olivier Marchand would see it');
  expect(frame.tagName).toBe('IFRAME');
  expect(frame).toHaveAttribute('sandbox', '');
  expect(frame.getAttribute('srcdoc')).toContain('99,99 €');
  expect(screen.getByText('Olivier, c’est nouveau, il vous le faut !')).toBeVisible();
  const width = screen.getByRole('group', { name: 'E-mail width' });
  await user.click(within(width).getByRole('button', { name: 'Mobile' }));
  expect(within(width).getByRole('button', { name: 'Mobile' })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  expect(frame.parentElement).toHaveClass('w-[375px]');
});

test('a first name written as markup is shown as text and never runs', async () => {
  const alert = vi.spyOn(window, 'alert').mockImplementation(() => undefined);
  servePreviews();
  renderAt(path('C0000002'), routes);
  const list = await recipientList();
  await waitFor(() => expect(within(list).getByText(`${XSS_NAME} Durand`)).toBeVisible());
  expect(await screen.findByText(`First name: “${XSS_NAME}”`)).toBeVisible();
  expect(document.querySelector('img')).toBeNull();
  expect(alert).not.toHaveBeenCalled();
});

test('a listed recipient who left the segment says so; an SMS shows its length, encoding and parts', async () => {
  servePreviews();
  renderAt(path('C0000003'), routes);
  expect(await screen.findByText('Left the segment since the list loaded.')).toBeVisible();
  expect(screen.getByText('Bonjour, le coffret est arrivé. STOP au 36111')).toBeVisible();
  expect(screen.getByText('1 SMS · 45 characters · GSM-7')).toBeVisible();
  expect(screen.getByText('No guardrail fired for this recipient.')).toBeVisible();
});

test('the why-trace words each condition of the pinned segment, met or not, on its value', async () => {
  servePreviews();
  renderAt(path('C0000001'), routes);
  const trace = await screen.findByRole('region', { name: 'Why in the segment' });
  expect(await within(trace).findByText('Segment “Lyonnais dépensiers”, version 1')).toBeVisible();
  const steps = within(trace).getAllByRole('listitem');
  expect(steps).toHaveLength(3);
  expect(steps[1]).toHaveTextContent('Met:City is “Lyon”Value: Lyon');
  expect(steps[2]).toHaveTextContent('Value: €459.21');
});

test('a failed preview says so and offers Retry, which loads it', async () => {
  const user = userEvent.setup();
  servePreviews();
  let fail = true;
  mockApi.use(
    http.get('*/api/campaigns/:id/preview/:customerId', () => {
      if (!fail) return undefined;
      return HttpResponse.json(
        { error: { code: 'internal', reason: 'internal', message: 'down', params: {} } },
        { status: 500 },
      );
    }),
  );
  renderAt(path('C0000001'), routes);
  const retry = await screen.findByRole('button', { name: 'Retry' });
  fail = false;
  await user.click(retry);
  expect(await screen.findByRole('heading', { name: 'Guardrails · 2 verdicts' })).toBeVisible();
});

test('a campaign with no recipient says so, and so does the message column', async () => {
  mockApi.use(
    http.get('*/api/campaigns/:id/recipients', ({ params }) => {
      const empty = recipientsPage(String(params.id), new URLSearchParams('q=nobody'));
      return HttpResponse.json({ ...empty, total: 0, flagged: 0 });
    }),
  );
  renderAt(`/campaigns/${campaignId}/preview`, routes);
  expect(await screen.findByText('No recipient')).toBeVisible();
  expect(screen.getByText('No recipient chosen')).toBeVisible();
});

test('a list that fails to load says so and offers Retry', async () => {
  const user = userEvent.setup();
  servePreviews();
  let fail = true;
  mockApi.use(
    http.get('*/api/campaigns/:id/recipients', () =>
      fail
        ? HttpResponse.json(
            { error: { code: 'internal', reason: 'internal', message: 'down', params: {} } },
            { status: 500 },
          )
        : undefined,
    ),
  );
  const { router } = renderAt(`/campaigns/${campaignId}/preview`, routes);
  const retry = await screen.findByRole('button', { name: 'Retry' });
  fail = false;
  await user.click(retry);
  await waitFor(() => expect(router.state.location.pathname).toBe(path('C0000001')));
});

test('the campaign editor opens the preview of its recipients', async () => {
  const user = userEvent.setup();
  servePreviews();
  const { router } = renderAt(`/campaigns/${campaignId}`, [
    ...routes,
    { path: '/campaigns/:campaignId', element: <SavedCampaignRoute /> },
  ]);
  await user.click(await screen.findByRole('link', { name: 'Preview recipients' }));
  await waitFor(() => expect(router.state.location.pathname).toBe(path('C0000001')));
});
