import { describe, expect, test } from 'vitest';
import { BOX_SET, CARD, DUNE, historyOf, inputOf, WII } from './offer.fixture.ts';
import { messageProducts, ownRows, sendInstant } from './offer-message.ts';

const listed = (input: Parameters<typeof messageProducts>[0]) =>
  messageProducts(input).map((p) => [p.sku, p.title, p.role, p.product?.sku ?? null]);

describe('messageProducts', () => {
  test('the offer’s product named by the catalogue, then the recommendations in order', () => {
    const input = inputOf({ offer: { title: 'Noël : le coffret' }, recommendations: [WII, DUNE] });
    expect(listed(input)).toEqual([
      [BOX_SET.sku, BOX_SET.title, 'offer', BOX_SET.sku],
      [WII.sku, WII.title, 'recommendation', WII.sku],
      [DUNE.sku, DUNE.title, 'recommendation', DUNE.sku],
    ]);
  });

  test('a sku the catalogue lacks is in the message by its sku, named by the offer', () => {
    const input = inputOf({
      offer: { target: { kind: 'product', sku: 'XX-GHOST' }, title: 'Fantôme' },
    });
    expect(listed(input)).toEqual([['XX-GHOST', 'Fantôme', 'offer', null]]);
  });

  test('a category offer, or none, puts no product in the message', () => {
    const category = inputOf({
      offer: { target: { kind: 'category', category: 'films' } },
      recommendations: [WII],
    });
    expect(listed(category)).toEqual([[WII.sku, WII.title, 'recommendation', WII.sku]]);
    expect(listed(inputOf({ offer: null }))).toEqual([]);
  });

  test('a product shown twice is listed once, as the offer; a recommendation repeated, once', () => {
    const input = inputOf({ recommendations: [DUNE, BOX_SET, DUNE] });
    expect(listed(input).map(([sku, , role]) => [sku, role])).toEqual([
      [BOX_SET.sku, 'offer'],
      [DUNE.sku, 'recommendation'],
    ]);
  });
});

describe('ownRows', () => {
  test('keeps the customer’s own orders, answers and identities, and nothing of anyone else’s', () => {
    const history = historyOf({
      orders: [
        { id: 'O1', at: '2026-01-01T10:00:00.000Z', lines: [{ sku: DUNE.sku }] },
        { id: 'O2', at: '2026-01-01T10:00:00.000Z', lines: [{ sku: DUNE.sku }], customer: 'C2' },
      ],
      identities: [CARD, { ...CARD, customer_id: 'C2', value: 'FID-C2' }],
      responses: [{}, { customer_id: 'C2' }],
    });
    const own = ownRows(history);
    expect(own.orders.map((o) => o.order.order_id)).toEqual(['O1']);
    expect(own.identities.map((i) => i.value)).toEqual([CARD.value]);
    expect(own.offerResponses.map((r) => r.response.response_id)).toEqual(['R1']);
    expect(own.customer).toBe(history.customer);
    expect(own.scope).toBe(history.scope);
  });
});

describe('sendInstant', () => {
  test('the send in the rows’ own form: UTC with milliseconds', () => {
    expect(sendInstant(inputOf({ at: '2026-12-01T09:30:00+01:00' }))).toBe(
      '2026-12-01T08:30:00.000Z',
    );
    expect(sendInstant(inputOf({ at: '2026-12-01T08:30:00.000Z' }))).toBe(
      '2026-12-01T08:30:00.000Z',
    );
  });
});
