import { describe, expect, test } from 'vitest';
import {
  customerRow,
  eventRow,
  historyOf,
  identityRow,
  lineRow,
  messageRow,
  orderRow,
  responseRow,
  consentRow,
  preferenceRow,
} from './history.fixture.ts';
import {
  historyRowCount,
  historyRowsOf,
  missingScope,
  requireScope,
  wholeHistory,
} from './history.ts';
import { emptyDataset } from './schema.ts';

describe('assembling a history', () => {
  test('resolves each line to its product and leaves an unknown sku without one', () => {
    const h = historyOf({
      orders: [
        {
          order: orderRow(),
          lines: [lineRow({ sku: 'P2' }), lineRow({ line_no: 2, sku: 'GONE' })],
        },
      ],
    });
    expect(h.orders[0]?.lines.map((l) => [l.line.sku, l.product?.title ?? null])).toEqual([
      ['P2', 'Console'],
      ['GONE', null],
    ]);
  });

  test('puts lines in line-number order whatever order they were recorded in', () => {
    const lines = [3, 1, 2].map((n) => lineRow({ line_no: n, sku: `P${n}` }));
    const h = historyOf({ orders: [{ order: orderRow(), lines }] });
    expect(h.orders[0]?.lines.map((l) => l.line.line_no)).toEqual([1, 2, 3]);
  });

  test('names the store of a store order, none for a web order or an unknown store', () => {
    const h = historyOf({
      orders: [
        { order: orderRow({ order_id: 'A', channel: 'store', store_id: 'S1' }), lines: [] },
        { order: orderRow({ order_id: 'B' }), lines: [] },
        { order: orderRow({ order_id: 'C', channel: 'store', store_id: 'S404' }), lines: [] },
      ],
    });
    expect(h.orders.map((o) => o.store?.name ?? null)).toEqual(['Lyon Part-Dieu', null, null]);
  });

  test("resolves a message's campaign and offer, and a response's offer", () => {
    const h = historyOf({
      messages: [
        messageRow({ offer_id: 'OF1' }),
        messageRow({ message_id: 'M2', campaign_id: 'CA404', offer_id: null }),
      ],
      offerResponses: [responseRow(), responseRow({ response_id: 'R2', offer_id: 'OF404' })],
    });
    expect(h.messages.map((m) => [m.campaign?.name ?? null, m.offer?.offer_id ?? null])).toEqual([
      ['Rentrée films', 'OF1'],
      [null, null],
    ]);
    expect(h.offerResponses.map((r) => r.offer?.title ?? null)).toEqual([
      '10 % sur les coffrets',
      null,
    ]);
  });

  test('keeps rows in the order they were recorded', () => {
    const events = ['E3', 'E1', 'E2'].map((id) => eventRow({ event_id: id }));
    expect(historyOf({ events }).events.map((e) => e.event_id)).toEqual(['E3', 'E1', 'E2']);
  });

  test('a scope without a table leaves it empty, and says so', () => {
    const h = historyOf(
      { events: [eventRow()], orders: [{ order: orderRow(), lines: [] }] },
      { tables: ['orders'], since: null },
    );
    expect(h.events).toEqual([]);
    expect(h.orders).toHaveLength(1);
    expect(missingScope(h, ['orders'])).toBeNull();
    expect(missingScope(h, ['orders', 'events', 'messages'])).toBe(
      'the history lacks events, messages',
    );
    expect(() => requireScope(h, ['events'])).toThrow('Customer C1: the history lacks events.');
  });

  test('a scope from an instant drops older dated rows, at the instant kept, states kept whole', () => {
    const since = '2026-06-01T00:00:00.000Z';
    const before = '2026-05-31T23:59:59.999Z';
    const h = historyOf(
      {
        identities: [identityRow({ first_seen: before, last_seen: before })],
        consents: [consentRow({ at: before })],
        preferences: [preferenceRow({ stated_at: before })],
        orders: [
          { order: orderRow({ order_id: 'old', placed_at: before }), lines: [] },
          { order: orderRow({ order_id: 'new', placed_at: since }), lines: [] },
        ],
        events: [
          eventRow({ event_id: 'old', at: before }),
          eventRow({ event_id: 'new', at: since }),
        ],
        messages: [
          messageRow({ message_id: 'old', sent_at: before }),
          messageRow({ message_id: 'new', sent_at: since }),
        ],
        offerResponses: [
          responseRow({ response_id: 'old', at: before }),
          responseRow({ response_id: 'new', at: since }),
        ],
      },
      { ...wholeHistory, since },
    );
    expect(h.orders.map((o) => o.order.order_id)).toEqual(['new']);
    expect(h.events.map((e) => e.event_id)).toEqual(['new']);
    expect(h.messages.map((m) => m.message.message_id)).toEqual(['new']);
    expect(h.offerResponses.map((r) => r.response.response_id)).toEqual(['new']);
    expect([h.identities.length, h.consents.length, h.preferences.length]).toEqual([1, 1, 1]);
    expect(missingScope(h, ['orders'])).toBe(`the history starts at ${since}`);
  });

  test('a whole history is missing nothing', () => {
    expect(missingScope(historyOf(), ['identities', 'orders', 'offer_responses'])).toBeNull();
  });
});

describe("each customer's rows of a dataset", () => {
  const empty = emptyDataset();

  test('groups every table by customer, lines by order, in the dataset order', () => {
    const rows = historyRowsOf({
      ...empty,
      customers: [customerRow(), customerRow({ customer_id: 'C2' })],
      identities: [
        identityRow({ customer_id: 'C2' }),
        identityRow({ value: 'b' }),
        identityRow({ value: 'a' }),
      ],
      orders: [orderRow({ order_id: 'O2', customer_id: 'C2' }), orderRow()],
      order_lines: [lineRow({ order_id: 'O2' }), lineRow({ line_no: 2 }), lineRow()],
      events: [eventRow({ customer_id: 'C2' })],
      messages: [messageRow()],
      offer_responses: [responseRow({ customer_id: 'C2' })],
      consents: [consentRow()],
      preferences: [preferenceRow({ customer_id: 'C2' })],
    });
    const c1 = rows.get('C1');
    const c2 = rows.get('C2');
    expect(c1?.identities.map((i) => i.value)).toEqual(['b', 'a']);
    expect(c1?.orders.map((o) => [o.order.order_id, o.lines.map((l) => l.line_no)])).toEqual([
      ['O1', [2, 1]],
    ]);
    expect(c2?.orders.map((o) => o.lines.length)).toEqual([1]);
    expect([c1?.events.length, c2?.events.length]).toEqual([0, 1]);
    expect([c1?.messages.length, c2?.messages.length]).toEqual([1, 0]);
    expect([c1?.offerResponses.length, c2?.offerResponses.length]).toEqual([0, 1]);
    expect([c1?.consents.length, c2?.consents.length]).toEqual([1, 0]);
    expect([c1?.preferences.length, c2?.preferences.length]).toEqual([0, 1]);
    expect(rows.has('C3')).toBe(false);
  });
});

test('a history’s rows: the customer, each table’s rows and every order’s lines', () => {
  expect(historyRowCount(historyOf({}))).toBe(1);
  const h = historyOf({
    identities: [identityRow()],
    consents: [consentRow(), consentRow({ consent_id: 'K2' })],
    preferences: [preferenceRow()],
    orders: [
      { order: orderRow(), lines: [lineRow(), lineRow({ line_no: 2 })] },
      { order: orderRow({ order_id: 'B' }), lines: [lineRow({ order_id: 'B' })] },
    ],
    events: [eventRow()],
    messages: [messageRow()],
    offerResponses: [responseRow()],
  });
  // 1 customer + 1 identity + 2 consents + 1 preference + 2 orders + 3 lines + 1 + 1 + 1.
  expect(historyRowCount(h)).toBe(13);
});
