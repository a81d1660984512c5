import { screen, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { mockApi } from '../../../mocks/node.ts';
import type { CustomerScoresResponse } from '../../api/contract.ts';
import { renderAt } from '../../test/render.tsx';
import { ScoresPanel, standing } from './ScoresPanel.tsx';

beforeAll(() => mockApi.listen({ onUnhandledRequest: 'error' }));
afterEach(() => mockApi.resetHandlers());
afterAll(() => mockApi.close());

const scored = (over: Partial<NonNullable<CustomerScoresResponse['scores']>>) =>
  ({
    customer_id: 'C0000001',
    model_version: 'clv-2026-11-16-week-abcd1234',
    as_of: '2026-11-16',
    status: 'scored',
    scores: {
      propensity: [
        { horizon_days: 30, probability: 0.42, percentile: 93.5, expected_orders: 0.6 },
        { horizon_days: 90, probability: 0.81, percentile: 95, expected_orders: 1.7 },
      ],
      churn: { horizon_days: 90, risk: 0.19, band: 'low' },
      next_order: { median_days: 24.4, expected_date: '2026-12-10' },
      spend_per_order: 61.2,
      clv: { months: 12, monthly_discount_rate: 0.01, value: 812.4, percentile: 97.2 },
      currency: 'EUR',
      rfm: {
        recency: 5,
        frequency: 5,
        monetary: 4,
        code: '554',
        cell: 'champions',
        label: 'Champions',
      },
      ...over,
    },
    explanation: {
      days_since_last_order: 12,
      days_since_first_order: 730,
      repeat_orders: 13,
      typical_gap_days: 41,
      average_spend: 48.2,
      currency: 'EUR',
      share_with_fewer_orders: 95.3,
      share_spending_less: 81,
      propensity: { horizon_days: 30, probability: 0.42, percentile: 93.5 },
      churn_band: 'low',
      predicted_clv: { value: 812.4, percentile: 97.2 },
      expected_next_order: { date: '2026-12-10', in_days: 24.4 },
    },
  }) satisfies CustomerScoresResponse;

function serve(body: CustomerScoresResponse) {
  mockApi.use(http.get(/\/api\/customers\/[^/]+\/scores$/, () => HttpResponse.json(body)));
}
const routes = [{ path: '/c', element: <ScoresPanel customerId="C0000001" /> }];

describe('the scores panel', () => {
  test('shows each score with its figure, where the customer stands, and why', async () => {
    serve(scored({}));
    renderAt('/c', routes);
    const panel = await screen.findByRole('region', { name: 'Scores' });
    expect(await within(panel).findByText('42.0%')).toBeVisible();
    expect(within(panel).getByText('top 7%')).toBeVisible();
    expect(within(panel).getByText('Low · 19.0%')).toBeVisible();
    expect(within(panel).getByText('€812.40')).toBeVisible();
    expect(within(panel).getByText('10 Dec 2026')).toBeVisible();
    expect(within(panel).getByText('Champions')).toBeVisible();
    // The explanation is worded by the app from the figures, in the user's language.
    expect(
      within(panel).getByText(
        '42.0% likely to order in the next 30 days (93rd percentile); churn risk low; predicted value €812.40 (97th percentile); next order around 10 Dec 2026 if still active.',
      ),
    ).toBeVisible();
    const why = within(panel).getByRole('list', { name: 'Why' });
    expect(
      within(why)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual([
      'Last ordered 12 days ago, within their usual 41 days between orders: still on their rhythm.',
      'Bought on 14 different days in 2 years: one of the 5% most frequent buyers.',
      'Spends €48.20 per purchase day on average, returns deducted, more than 81% of customers: that raises their predicted value.',
    ]);
    expect(within(why).getAllByLabelText('raises the score')).toHaveLength(3);
  });

  test('a lapsed customer reads as one', async () => {
    serve(
      scored({
        propensity: [
          { horizon_days: 30, probability: 0.012, percentile: 8, expected_orders: 0.01 },
          { horizon_days: 90, probability: 0.035, percentile: 9, expected_orders: 0.04 },
        ],
        churn: { horizon_days: 90, risk: 0.965, band: 'high' },
        next_order: null,
      }),
    );
    renderAt('/c', routes);
    const panel = await screen.findByRole('region', { name: 'Scores' });
    expect(await within(panel).findByText('High · 96.5%')).toBeVisible();
    expect(within(panel).getByText('Not expected')).toBeVisible();
    expect(within(panel).getByText('bottom 8%')).toBeVisible();
  });

  test('says why there is no score when the models cannot be fitted (the tiny fixture)', async () => {
    renderAt('/c', routes);
    expect(
      await screen.findByText(
        'No scores yet: the models need at least 100 customers with an order and 20 repeat buyers, and this data has 2 and 1.',
      ),
    ).toBeVisible();
  });

  test("the RFM segment is named from its cell in the user's language, not the API's label", async () => {
    serve(
      scored({
        rfm: {
          recency: 1,
          frequency: 4,
          monetary: 4,
          code: '144',
          cell: 'cant_lose_them',
          label: "Can't lose them",
        },
      }),
    );
    renderAt('/c', routes);
    const panel = await screen.findByRole('region', { name: 'Scores' });
    expect(await within(panel).findByText('Can’t lose them')).toBeVisible();
    // Never cut: the segment's name wraps (the longest French one did not fit on one line).
    expect(within(panel).getByText('Can’t lose them')).not.toHaveClass('truncate');
  });

  test("a fit that failed for another reason says so without the server's English", async () => {
    serve({
      customer_id: 'C0000001',
      model_version: 'none',
      as_of: null,
      status: 'no_model',
      no_model: { reason: 'fit_failed', params: {}, message: 'x, tx and T differ in length.' },
      scores: null,
      explanation: null,
    });
    renderAt('/c', routes);
    expect(
      await screen.findByText('No scores: the models could not be fitted on this data.'),
    ).toBeVisible();
    expect(screen.queryByText(/differ in length/)).toBeNull();
  });

  test('a failed request is an error with a retry, not a blank', async () => {
    mockApi.use(
      http.get(/\/api\/customers\/[^/]+\/scores$/, () =>
        HttpResponse.json({ error: { code: 'internal', message: 'x' } }, { status: 500 }),
      ),
    );
    renderAt('/c', routes);
    expect(await screen.findByRole('alert')).toHaveTextContent('The server failed');
  });

  test.each([
    [99.6, 'top 1%'],
    [93.5, 'top 7%'],
    [50, 'top 50%'],
    [8, 'bottom 8%'],
    [0, 'bottom 1%'],
  ])('percentile %d reads %s', (p, text) => expect(standing(p)).toBe(text));
});
