import { describe, expect, test } from 'vitest';
import {
  apiError,
  catalogueResponse,
  healthResponse,
  profileResponse,
  searchResponse,
  timelineResponse,
} from '../src/api/contract.ts';
import { createApi } from './app.ts';
import { FIXTURE_AS_OF, fixtureDataset } from './fixture.ts';
import { MemoryStore } from './stores/memory.ts';
import { TEST_ACCESS } from './auth/test-access.ts';

const api = createApi(new MemoryStore(fixtureDataset(), FIXTURE_AS_OF), {
  access: TEST_ACCESS,
  logErrors: false,
});
const get = async (path: string) => {
  const res = await api.request(path);
  return { status: res.status, body: (await res.json()) as unknown };
};

describe('profile API over the memory store', () => {
  test('health names the store and counts customers', async () => {
    const { status, body } = await get('/api/health');
    expect(status).toBe(200);
    expect(healthResponse.parse(body)).toEqual({
      status: 'ok',
      store: 'memory',
      customers: 3,
      as_of: FIXTURE_AS_OF,
    });
  });

  test('finds a customer by loyalty card, by phone typed in any form, by name and by id', async () => {
    const card = searchResponse.parse((await get('/api/customers?q=fid0012345678')).body);
    expect(card.hits.map((h) => [h.customer_id, h.matched.kind])).toEqual([
      ['C0000001', 'loyalty_card'],
    ]);
    const phone = searchResponse.parse((await get('/api/customers?q=%2B33612345678')).body);
    expect(phone.hits[0]?.matched).toEqual({ kind: 'phone', value: '+33 6 12 34 56 78' });
    const national = searchResponse.parse(
      (await get('/api/customers?q=06%2012%2034%2056%2078')).body,
    );
    expect(national.hits[0]?.matched).toEqual({ kind: 'phone', value: '+33 6 12 34 56 78' });
    const name = searchResponse.parse((await get('/api/customers?q=marchand')).body);
    expect(name.hits.map((h) => h.matched.kind)).toEqual(['name']);
    const id = searchResponse.parse((await get('/api/customers?q=c0000003')).body);
    expect(id.hits[0]?.matched).toEqual({ kind: 'customer_id', value: 'C0000003' });
  });

  test('a shared household device finds both profiles', async () => {
    const hits = searchResponse.parse((await get('/api/customers?q=dev-shared-1')).body).hits;
    expect(hits.map((h) => h.customer_id)).toEqual(['C0000001', 'C0000002']);
  });

  test.each([
    ['/api/customers', 'q'],
    ['/api/customers?q=a', 'q'],
    ['/api/customers?q=abc&limit=0', 'limit'],
    ['/api/customers?q=abc&limit=x', 'limit'],
    ['/api/customers/C0000001/timeline?limit=9999', 'limit'],
    ['/api/customers/C0000001/timeline?kind=order,nope', 'kind'],
    ['/api/customers/C0000001/timeline?channel=fax', 'channel'],
    ['/api/customers/C0000001/timeline?cursor=zz', 'cursor'],
    ['/api/customers/bad%20id', 'id'],
  ])('GET %s is a 400 naming %s', async (path, field) => {
    const { status, body } = await get(path);
    expect(status).toBe(400);
    const error = apiError.parse(body).error;
    expect(error.code).toBe('bad_request');
    expect(error.issues?.some((i) => i.path.includes(field))).toBe(true);
  });

  test('an unknown customer or endpoint is a 404', async () => {
    expect((await get('/api/customers/C9999999')).status).toBe(404);
    expect((await get('/api/customers/C9999999/timeline')).status).toBe(404);
    expect((await get('/api/nothing-here')).status).toBe(404);
  });

  test('the profile has latest consents, identities and figures over completed orders', async () => {
    const profile = profileResponse.parse((await get('/api/customers/C0000001')).body);
    expect(profile.consents.find((c) => c.channel === 'email')).toMatchObject({
      status: 'withdrawn',
      source: 'email',
    });
    expect(profile.identities).toHaveLength(4);
    expect(profile.figures).toMatchObject({
      orders: 2,
      returned_orders: 1,
      spend_cents: 46030,
      average_order_cents: 23015,
      channels_used: ['store', 'web'],
      events: 4,
      messages_received: 1,
    });
  });

  test('the timeline is newest first and pages without gaps or repeats', async () => {
    const full = timelineResponse.parse((await get('/api/customers/C0000001/timeline')).body);
    expect(full.total).toBe(12);
    const ats = full.entries.map((e) => e.at);
    expect([...ats].sort().reverse()).toEqual(ats);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = timelineResponse.parse(
        (await get(`/api/customers/C0000001/timeline?limit=5${cursor ? `&cursor=${cursor}` : ''}`))
          .body,
      );
      seen.push(...page.entries.map((e) => e.id));
      cursor = page.next_cursor;
    } while (cursor !== null);
    expect(seen).toEqual(full.entries.map((e) => e.id));
  });

  test('the timeline filters by kind and channel, and lines come in line order with titles', async () => {
    const orders = timelineResponse.parse(
      (await get('/api/customers/C0000001/timeline?kind=order&channel=web')).body,
    );
    expect(orders.entries).toHaveLength(1);
    const entry = orders.entries[0];
    expect(entry?.kind === 'order' && entry.lines.map((l) => l.title)).toEqual([
      'Nintendo Switch',
      'Zelda',
    ]);
  });

  test('a customer without history has an empty timeline', async () => {
    const empty = timelineResponse.parse((await get('/api/customers/C0000003/timeline')).body);
    expect(empty).toEqual({ entries: [], next_cursor: null, total: 0 });
  });

  test('the catalogue is derived from the data', async () => {
    const catalogue = catalogueResponse.parse((await get('/api/catalogue')).body);
    const city = catalogue.fields.find((f) => f.id === 'customer.city');
    expect(city?.suggestions).toEqual([
      { value: 'Lyon', count: 1 },
      { value: 'Paris', count: 1 },
    ]);
    expect(city?.stats).toMatchObject({ present: 2, missing: 1, distinct: 2 });
    const category = catalogue.fields.find((f) => f.id === 'line.category');
    expect(category?.suggestions[0]).toEqual({ value: 'video_games', count: 3 });
    const email = catalogue.fields.find((f) => f.id === 'reachability.consent_email');
    expect(email?.suggestions).toEqual([
      { value: 'granted', count: 1 },
      { value: 'unknown', count: 1 },
      { value: 'withdrawn', count: 1 },
    ]);
    const review = catalogue.event_types.find((t) => t.type === 'review');
    expect(review?.properties.map((p) => [p.name, p.type])).toEqual([
      ['rating', 'number'],
      ['sku', 'string'],
      ['verified', 'boolean'],
    ]);
  });
});
