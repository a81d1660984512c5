import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { afterAll, afterEach, beforeAll, expect, test } from 'vitest';
import { mockApi } from '../../../mocks/node.ts';
import { forecastResponse } from '../../api/contract.ts';
import { attr, definition } from '../../domain/segment/segment.fixture.ts';
import { renderAt } from '../../test/render.tsx';
import { SegmentForecast } from './SegmentForecast.tsx';

beforeAll(() => mockApi.listen({ onUnhandledRequest: 'error' }));
afterEach(() => mockApi.resetHandlers());
afterAll(() => mockApi.close());

/** Customers in France: nearly all of the fixture. */
const inFrance = definition(attr('customer.country', { operator: 'equals', value: 'FR' }));

/** The API's own answer, asked here beside the component. */
async function asked(channel: string) {
  const res = await fetch(new URL('/api/segments/forecast', globalThis.location.href), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ definition: inFrance, channel }),
  });
  return forecastResponse.parse(await res.json());
}

const show = (countable = true) =>
  renderAt('/', [
    { path: '/', element: <SegmentForecast definition={inFrance} countable={countable} /> },
  ]);

const rowOf = (name: string) => screen.getByRole('row', { name: new RegExp(`^${name}`) });

test('shows what the policy would cap and skip, with each rule, for the channel chosen', async () => {
  const user = userEvent.setup();
  const email = await asked('email');
  expect(email.cap + email.skip).toBeGreaterThan(0);
  show();
  const region = await screen.findByRole('region', { name: 'Contact pressure' });
  await within(region).findByText(/Were the message to leave by e-mail/);
  expect(rowOf('Capped')).toHaveTextContent(String(email.cap));
  expect(rowOf('Skipped')).toHaveTextContent(String(email.skip));
  expect(rowOf('Delayed')).toHaveTextContent('0');
  // One row per action and one per rule, its members last.
  const rows = within(region)
    .getAllByRole('row')
    .map((r) => r.textContent);
  expect(rows).toHaveLength(3 + email.rules.length);
  for (const rule of email.rules) {
    expect(rows).toEqual(
      expect.arrayContaining([expect.stringMatching(new RegExp(`\\D${rule.members}$`))]),
    );
  }

  const sms = await asked('sms');
  await user.click(screen.getByRole('combobox', { name: 'Message channel' }));
  await user.click(screen.getByRole('option', { name: 'SMS' }));
  await within(region).findByText(/Were the message to leave by SMS/);
  await waitFor(() => expect(rowOf('Skipped')).toHaveTextContent(String(sms.skip)));
});

test('asks nothing for a definition that cannot be counted', () => {
  const asks: string[] = [];
  mockApi.events.on('request:start', ({ request }) => void asks.push(request.url));
  show(false);
  expect(screen.queryByRole('region', { name: 'Contact pressure' })).toBeNull();
  expect(asks).toEqual([]);
  mockApi.events.removeAllListeners();
});

test('a failed forecast says so and offers Retry, which loads it', async () => {
  const user = userEvent.setup();
  mockApi.use(
    http.post('*/api/segments/forecast', () =>
      HttpResponse.json(
        { error: { code: 'internal', reason: 'internal', message: 'Boom.', params: {} } },
        { status: 500 },
      ),
    ),
  );
  show();
  await screen.findByText(/Contact pressure unavailable/);
  mockApi.resetHandlers();
  await user.click(screen.getByRole('button', { name: /Retry/ }));
  await screen.findByText(/Were the message to leave by e-mail/);
});
