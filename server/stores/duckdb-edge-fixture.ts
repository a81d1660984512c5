// The hand-written fixture plus rows built to trip a SQL store up: ties in the timeline, half-even
// averages, dangling references, unicode and punctuation in names, phones and emails, mixed-type
// event properties. Used by the differential tests of the DuckDB store against the memory store.
import { fixtureDataset } from '../fixture.ts';
import type { Dataset } from '../../src/domain/profile/schema.ts';

export function edgeDataset(): Dataset {
  const d = fixtureDataset();
  const at = '2026-09-01T12:00:00.000Z';
  d.customers.push(
    {
      customer_id: 'C0000004',
      first_name: '  Ana\u00a0',
      last_name: "D'Ébène_100%",
      email: 'ana\u00a0x@example.fr',
      phone: '(06) 12.34-56 78',
      gender: 'female',
      birth_date: '1999-12-31',
      city: 'Saint-Étienne',
      postcode: '42000',
      country: 'FR',
      loyalty_tier: 'platinum',
      created_at: '2020-02-29T23:59:59.999Z',
      language: 'fr',
    },
    {
      customer_id: 'c-lower_5',
      first_name: 'Zoë 🦆',
      last_name: 'Back\\slash',
      email: 'ZOE@Example.FR',
      phone: '',
      gender: 'unspecified',
      birth_date: null,
      city: 'Lyon',
      postcode: null,
      country: 'BE',
      loyalty_tier: 'silver',
      created_at: '2025-01-01T00:00:00.000Z',
      language: 'en',
    },
  );
  const identity = (
    customer_id: string,
    kind: Dataset['identities'][number]['kind'],
    value: string,
  ) => ({
    customer_id,
    kind,
    value,
    source: 'crm',
    first_seen: '2024-01-01T00:00:00.000Z',
    last_seen: '2024-06-01T00:00:00.000Z',
    record_id: null,
    linked_by: null,
  });
  d.identities.push(
    identity('C0000004', 'phone', '(06) 12.34-56 78'),
    identity('C0000004', 'phone', '06 12 34 56 78'),
    identity('C0000004', 'email', 'ANA@Example.FR'),
    identity('c-lower_5', 'email', 'ana@example.fr'),
    identity('c-lower_5', 'web_cookie', '100%_sure'),
    identity('C0000009', 'loyalty_card', 'ORPHAN-CARD'),
    identity('C0000004', 'social', "@d'ébène"),
  );
  const consent = (
    consent_id: string,
    customer_id: string,
    channel: 'email' | 'sms' | 'push' | 'phone',
    status: 'granted' | 'withdrawn',
    when: string,
  ) => ({
    consent_id,
    customer_id,
    channel,
    purpose: 'marketing' as const,
    status,
    at: when,
    source: 'store' as const,
  });
  d.consents.push(
    consent('K0000010', 'C0000004', 'push', 'granted', at),
    consent('K0000011', 'C0000004', 'push', 'withdrawn', at),
    consent('K0000009', 'C0000004', 'phone', 'withdrawn', at),
    consent('K0000012', 'c-lower_5', 'sms', 'granted', '2025-02-01T00:00:00.000Z'),
  );
  d.preferences.push(
    { customer_id: 'C0000004', topic: 'interest', value: 'music', stated_at: at, source: 'web' },
    { customer_id: 'C0000004', topic: 'interest', value: 'books', stated_at: at, source: 'web' },
  );
  const order = (
    order_id: string,
    customer_id: string,
    total_cents: number,
    status: 'completed' | 'returned' | 'cancelled',
    placed_at: string,
    store_id: string | null = null,
  ) => ({
    order_id,
    customer_id,
    channel: store_id === null ? ('web' as const) : ('store' as const),
    store_id,
    placed_at,
    status,
    promo_code: null,
    payment_method: 'card' as const,
    currency: 'EUR' as const,
    total_cents,
  });
  d.orders.push(
    order('O0000010', 'C0000004', 101, 'completed', at, 'S99'),
    order('O0000011', 'C0000004', 100, 'completed', at),
    order('O0000012', 'C0000004', 999, 'cancelled', '2026-09-02T00:00:00.000Z'),
    order('O0000013', 'c-lower_5', 103, 'completed', '2026-12-01T00:00:00.000Z'),
    order('O0000014', 'c-lower_5', 100, 'completed', '2025-06-01T00:00:00.000Z', 'S01'),
  );
  const line = (order_id: string, line_no: number, sku: string) => ({
    order_id,
    line_no,
    sku,
    qty: 1,
    unit_price_cents: 100,
    discount_cents: 0,
  });
  d.order_lines.push(
    line('O0000010', 2, 'GAME-ZELDA'),
    line('O0000010', 1, 'NO-SUCH-SKU'),
    line('O0000011', 1, 'BR-LOTR-BOX'),
    line('O0000013', 1, 'CONSOLE-SWITCH'),
  );
  const event = (
    event_id: string,
    customer_id: string,
    type: Dataset['events'][number]['type'],
    when: string,
    properties: Dataset['events'][number]['properties'],
  ) => ({
    event_id,
    customer_id,
    type,
    channel: 'web' as const,
    at: when,
    properties,
  });
  d.events.push(
    event('E0000010', 'C0000004', 'review', at, {
      rating: 4.5,
      sku: 'GAME-ZELDA',
      verified: false,
    }),
    event('E0000011', 'C0000004', 'review', at, { rating: '5', z: 1, a: 2 }),
    event('E0000009', 'C0000004', 'search', at, { 'query.text': "l'ombre 100%", "it's": -1e-7 }),
    event('E0000012', 'c-lower_5', 'page_view', '2025-03-01T00:00:00.000Z', {}),
    event('E0000013', 'c-lower_5', 'review', '2025-03-01T00:00:00.000Z', {
      rating: 1e21,
      sku: 'Zoë',
    }),
  );
  d.messages.push(
    {
      message_id: 'M0000010',
      customer_id: 'C0000004',
      campaign_id: 'CMP-GONE',
      channel: 'sms',
      sent_at: at,
      status: 'delivered',
      offer_id: null,
    },
    {
      message_id: 'M0000011',
      customer_id: 'C0000004',
      campaign_id: 'CMP01',
      channel: 'push',
      sent_at: at,
      status: 'bounced',
      offer_id: 'OFF-GONE',
    },
  );
  d.offer_responses.push(
    {
      response_id: 'R0000010',
      customer_id: 'C0000004',
      offer_id: 'OFF-GONE',
      channel: 'web',
      response: 'declined',
      at,
    },
    {
      response_id: 'R0000011',
      customer_id: 'C0000004',
      offer_id: 'OFF01',
      channel: 'store',
      response: 'accepted',
      at,
    },
  );
  d.segments.push({
    segment_id: 'SEG01',
    name: 'Fans',
    definition: { all: [{ field: 'customer.city', op: 'eq', value: 'Lyon' }] },
    version: 2,
    author: 'camille',
    updated_at: '2026-10-01T00:00:00.000Z',
  });
  return d;
}
