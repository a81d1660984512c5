import { describe, expect, test } from 'vitest';
import {
  consentRow,
  eventRow,
  historyOf,
  identityRow,
  messageRow,
  orderRow,
  preferenceRow,
} from './history.fixture.ts';
import { wholeHistory } from './history.ts';
import { customerProfile } from './profile.ts';

describe('the Customer 360 profile of a history', () => {
  test('lists identities by kind then value, ties as recorded', () => {
    const profile = customerProfile(
      historyOf({
        identities: [
          identityRow({ kind: 'phone', value: '+33 6', source: 'a' }),
          identityRow({ kind: 'email', value: 'z@x.fr' }),
          identityRow({ kind: 'email', value: 'a@x.fr', source: 'first' }),
          identityRow({ kind: 'email', value: 'a@x.fr', source: 'second' }),
        ],
      }),
    );
    expect(profile.identities.map((i) => `${i.kind}:${i.value}:${i.source}`)).toEqual([
      'email:a@x.fr:first',
      'email:a@x.fr:second',
      'email:z@x.fr:web',
      'phone:+33 6:a',
    ]);
  });

  test('lists preferences newest first, then by topic and value', () => {
    const profile = customerProfile(
      historyOf({
        preferences: [
          preferenceRow({ value: 'books', stated_at: '2025-01-01T00:00:00.000Z' }),
          preferenceRow({ topic: 'preferred_channel', value: 'sms' }),
          preferenceRow({ value: 'music' }),
          preferenceRow({ value: 'films' }),
        ],
      }),
    );
    expect(profile.preferences.map((p) => `${p.topic}:${p.value}`)).toEqual([
      'interest:films',
      'interest:music',
      'preferred_channel:sms',
      'interest:books',
    ]);
  });

  test('gives the latest consent per channel and every channel', () => {
    const profile = customerProfile(
      historyOf({
        consents: [
          consentRow({ consent_id: 'K1', status: 'granted', at: '2025-01-01T00:00:00.000Z' }),
          consentRow({
            consent_id: 'K2',
            status: 'withdrawn',
            at: '2026-02-01T00:00:00.000Z',
            source: 'email',
          }),
        ],
      }),
    );
    expect(profile.consents.map((c) => `${c.channel}:${c.status}`)).toEqual([
      'email:withdrawn',
      'sms:unknown',
      'push:unknown',
      'phone:unknown',
    ]);
  });

  test('counts completed orders, spend, events and messages received', () => {
    const profile = customerProfile(
      historyOf({
        orders: [
          {
            order: orderRow({
              order_id: 'A',
              total_cents: 1000,
              channel: 'store',
              placed_at: '2026-03-01T00:00:00.000Z',
            }),
            lines: [],
          },
          { order: orderRow({ order_id: 'B', total_cents: 2001 }), lines: [] },
          { order: orderRow({ order_id: 'C', status: 'returned', total_cents: 9999 }), lines: [] },
          { order: orderRow({ order_id: 'D', status: 'cancelled', total_cents: 5 }), lines: [] },
        ],
        events: [eventRow(), eventRow({ event_id: 'E2' })],
        messages: [
          messageRow(),
          messageRow({ message_id: 'M2' }),
          messageRow({ message_id: 'M3' }),
        ],
      }),
    );
    expect(profile.figures).toEqual({
      orders: 2,
      returned_orders: 1,
      cancelled_orders: 1,
      spend_cents: 3001,
      average_order_cents: 1500,
      first_order_at: '2026-01-01T00:00:00.000Z',
      last_order_at: '2026-03-01T00:00:00.000Z',
      channels_used: ['store', 'web'],
      currency: 'EUR',
      events: 2,
      messages_received: 3,
    });
  });

  test('a customer with no history has zero figures and no dates', () => {
    const { figures } = customerProfile(historyOf());
    expect([figures.orders, figures.spend_cents, figures.average_order_cents]).toEqual([
      0,
      0,
      null,
    ]);
    expect([figures.first_order_at, figures.events, figures.messages_received]).toEqual([
      null,
      0,
      0,
    ]);
  });

  test('refuses a trimmed history rather than give figures of part of it', () => {
    expect(() => customerProfile(historyOf({}, { tables: ['orders'], since: null }))).toThrow(
      /lacks identities, consents, preferences, events, messages/,
    );
    expect(() =>
      customerProfile(historyOf({}, { ...wholeHistory, since: '2026-01-01T00:00:00.000Z' })),
    ).toThrow(/starts at 2026-01-01/);
  });
});
