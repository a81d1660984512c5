import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { generateDataset } from '../../mocks/seed/index.ts';
import { customerScoresResponse, modelCardResponse } from '../../src/api/contract.ts';
import { loadDataset, openDuckDbStore, type DuckDbStore } from '../stores/duckdb.ts';
import { buildScoreBook } from './score-book.ts';
import { duckdbTransactions, ordersTransactions } from './sources.ts';

const AS_OF = '2026-11-16T00:00:00.000Z';
const { dataset } = generateDataset({ seed: 5, customers: 1500, asOf: AS_OF });
let duck: DuckDbStore;

beforeAll(async () => {
  duck = await openDuckDbStore({ path: ':memory:' });
  await loadDataset(duck, dataset, { asOf: AS_OF });
});
afterAll(() => duck.close());

describe('scores from either store', () => {
  test('both stores hand the models the same transactions', async () => {
    const fromMemory = ordersTransactions(dataset.orders);
    const fromDuck = await duckdbTransactions(duck.connection);
    expect(fromDuck.customerIds).toEqual(fromMemory.customerIds);
    expect(fromDuck.customer).toEqual(fromMemory.customer);
    expect(fromDuck.day).toEqual(fromMemory.day);
    expect(fromDuck.amount).toEqual(fromMemory.amount);
    expect(fromMemory.customerIds.length).toBeGreaterThan(1000);
  });

  test('the book answers in the contract for scored and unscored customers', () => {
    const book = buildScoreBook(ordersTransactions(dataset.orders), AS_OF);
    expect(book.asOf).toBe('2026-11-16');
    const card = modelCardResponse.parse(book.card());
    expect(card.holdout?.reliability.rows).toHaveLength(8);
    expect(card.holdout?.auc).toBeGreaterThan(0.6);
    const buyer = book.base.summary.customerIds[0] ?? '';
    const scored = customerScoresResponse.parse(book.customer(buyer));
    expect(scored.status).toBe('scored');
    // The explanation's figures agree with the scores they explain; the app words them.
    expect(scored.explanation).toMatchObject({
      currency: 'EUR',
      propensity: {
        horizon_days: scored.scores?.propensity[0]?.horizon_days,
        probability: scored.scores?.propensity[0]?.probability,
      },
      churn_band: scored.scores?.churn.band,
    });
    const none = dataset.customers.find((c) => !book.base.index.has(c.customer_id));
    expect(none, 'some generated customer never completed an order').toBeDefined();
    expect(book.customer(none?.customer_id ?? '')).toMatchObject({
      status: 'no_orders',
      scores: null,
    });
  });
});
