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
      headline: 'Likely to order again soon.',
      drivers: [{ factor: 'frequency', direction: 'up', text: 'Bought 14 times in 2 years.' }],
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
    expect(within(panel).getByRole('list', { name: 'Why' })).toHaveTextContent(
      'Bought 14 times in 2 years.',
    );
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
        /the models could not be fitted on this data \(too little data to score: 2 customers/,
      ),
    ).toBeVisible();
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
