import { NO_CROSS_PROFILE } from '../profile/cross-profile.ts';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  customerRow,
  historyOf,
  identityRow,
  lineRow,
  orderRow,
  preferenceRow,
} from '../profile/history.fixture.ts';
import { assembleHistory, historyReference, wholeHistory } from '../profile/history.ts';
import type { Order, OrderLine, Product } from '../profile/schema.ts';
import { productRow } from '../profile/history.fixture.ts';
import { evaluateDefinition } from '../segment/evaluate.ts';
import { customerFacts } from '../segment/facts.ts';
import type { SegmentDefinition } from '../segment/definition.ts';
import {
  MAX_TEMPLATE_RECOMMENDATIONS,
  PREVIEW_UNSUBSCRIBE_URL,
  favouriteCategory,
  personalisation,
  personalisationContext,
  type PersonalisationInputs,
} from './context.ts';
import { templateField, templateFields } from './fields.ts';

const everything: PersonalisationInputs = {
  offer: {
    title: 'Le coffret',
    price_cents: 9999,
    regular_price_cents: 10032,
    discount_percent: 10,
    discount_cents: 33,
    valid_from: '2026-12-01',
    valid_to: '2026-12-24T22:59:59.000Z',
    url: 'https://shop.example/offre',
  },
  recommendations: [
    {
      title: 'Manette',
      price_cents: 6999,
      reason: 'Va avec la PS5',
      url: 'https://shop.example/p/1',
      image_url: 'https://shop.example/i/1.jpg',
      category: 'gaming_accessories',
    },
  ],
  campaign: { name: 'Rentrée', channel: 'email' },
  scores: {
    churn_band: 'low',
    rfm_cell: 'champions',
    purchase_probability: 0.4,
    predicted_clv_cents: 18450,
    next_order_date: '2026-12-14',
  },
  unsubscribeUrl: 'https://shop.example/unsubscribe/abc',
};

const fullHistory = () =>
  historyOf({
    preferences: [
      preferenceRow({ topic: 'interest', value: 'films' }),
      preferenceRow({ topic: 'preferred_channel', value: 'email' }),
      preferenceRow({ topic: 'contact_frequency', value: 'monthly' }),
    ],
    orders: [{ order: orderRow(), lines: [lineRow()] }],
    identities: [identityRow()],
  });

/** Every path a context value has, lists' items as `[]`. */
function leafPaths(value: unknown, path = ''): string[] {
  if (Array.isArray(value)) {
    const items = value.flatMap((item: unknown) => leafPaths(item, `${path}[]`));
    return [path, ...items.filter((p) => p !== `${path}[]` || typeof value[0] === 'object')];
  }
  if (value !== null && typeof value === 'object') {
    const own = Object.entries(value).flatMap(([key, v]) =>
      leafPaths(v, path === '' ? key : `${path}.${key}`),
    );
    return path === '' ? own : [path, ...own];
  }
  return [path];
}

describe('the context and the field list are one list', () => {
  const { context } = personalisation(fullHistory(), everything);
  const paths = new Set(leafPaths(context).filter((p) => !p.endsWith('[]')));

  test('every value a template can read is a listed field', () => {
    expect([...paths].filter((p) => templateField(p) === undefined)).toEqual([]);
  });

  test('every listed field is in a full context', () => {
    expect(templateFields.map((f) => f.path).filter((p) => !paths.has(p))).toEqual([]);
  });

  test('the context fits its schema', () => {
    expect(personalisationContext.safeParse(context).success).toBe(true);
  });

  test('each field is described in French and English, enums with their values', () => {
    for (const f of templateFields) {
      expect(f.description.fr.length, f.path).toBeGreaterThan(3);
      expect(f.description.en.length, f.path).toBeGreaterThan(3);
      expect(f.type === 'enum', f.path).toBe((f.values?.length ?? 0) > 0);
    }
  });
});

describe('what never reaches a template', () => {
  test('ids, e-mail, phone, postcode, birth date and SKUs are not in it', () => {
    const history = historyOf({
      customer: customerRow({ phone: '+33600000000', birth_date: '1980-01-01' }),
      orders: [
        {
          order: orderRow({ order_id: 'ORDER-SECRET', store_id: 'S1' }),
          lines: [lineRow({ sku: 'P1' })],
        },
      ],
      identities: [identityRow({ kind: 'loyalty_card', value: 'CARD-SECRET' })],
    });
    const text = JSON.stringify(personalisation(history, everything).context);
    for (const secret of [
      'C1',
      'olivier@example.fr',
      '+33600000000',
      '69003',
      '1980-01-01',
      'ORDER-SECRET',
      'CARD-SECRET',
      '"P1"',
      'S1',
    ]) {
      expect(text, secret).not.toContain(secret);
    }
  });

  test('the hints are kept apart from the context', () => {
    const result = personalisation(
      historyOf({ customer: customerRow({ email: 'jmartin@example.fr' }) }),
    );
    expect(JSON.stringify(result.context)).not.toContain('jmartin');
    expect(result.hints.email_local_parts).toEqual(['jmartin']);
  });

  test('a history trimmed to a window is refused: a last order read from part would mislead', () => {
    const trimmed = historyOf({}, { ...wholeHistory, since: '2026-01-01T00:00:00.000Z' });
    expect(() => personalisation(trimmed)).toThrow(/starts at/);
  });
});

describe('the customer', () => {
  test.each([
    ['female', 'fr', 'Madame'],
    ['male', 'fr', 'Monsieur'],
    ['female', 'en', 'Ms'],
    ['male', 'en', 'Mr'],
    ['unspecified', 'fr', null],
  ] as const)('a %s customer in %s is %j', (gender, language, civility) => {
    const { context } = personalisation(historyOf({ customer: customerRow({ gender }) }), {
      language,
    });
    expect(context.customer.civility).toBe(civility);
  });

  test.each([
    ['none', null],
    ['silver', 'Argent'],
    ['gold', 'Or'],
    ['platinum', 'Platine'],
  ] as const)('tier %s reads %j', (tier, name) => {
    const { context } = personalisation(
      historyOf({ customer: customerRow({ loyalty_tier: tier }) }),
    );
    expect(context.customer.loyalty_tier).toBe(tier);
    expect(context.customer.loyalty_tier_name).toBe(name);
  });

  test('names are given as recorded: normal case is the template’s choice', () => {
    const { context } = personalisation(
      historyOf({ customer: customerRow({ first_name: 'OLIVIER', last_name: null }) }),
    );
    expect(context.customer.first_name).toBe('OLIVIER');
    expect(context.customer.last_name).toBeNull();
  });

  test('preferences: interests newest first in words, and the latest channel and frequency', () => {
    const at = (day: number) => `2026-01-0${day}T00:00:00.000Z`;
    const { context } = personalisation(
      historyOf({
        preferences: [
          preferenceRow({ topic: 'interest', value: 'books', stated_at: at(1) }),
          preferenceRow({ topic: 'interest', value: 'video_games', stated_at: at(3) }),
          preferenceRow({ topic: 'interest', value: 'books', stated_at: at(2) }),
          preferenceRow({ topic: 'interest', value: 'jardinage', stated_at: at(1) }),
          preferenceRow({ topic: 'contact_frequency', value: 'weekly', stated_at: at(1) }),
          preferenceRow({ topic: 'contact_frequency', value: 'monthly', stated_at: at(4) }),
          preferenceRow({ topic: 'preferred_channel', value: 'sms', stated_at: at(2) }),
          preferenceRow({ topic: 'preferred_channel', value: 'email', stated_at: at(2) }),
        ],
      }),
    );
    expect(context.customer.preferences).toEqual({
      interests: ['Jeux vidéo', 'Livres', 'jardinage'],
      preferred_channel: 'email',
      contact_frequency: 'monthly',
    });
  });

  test('no preferences: an empty list and nothing stated', () => {
    expect(personalisation(historyOf()).context.customer.preferences).toEqual({
      interests: [],
      preferred_channel: null,
      contact_frequency: null,
    });
  });
});

describe('the last order', () => {
  test('the latest completed order, its lines in words, unit prices after discount', () => {
    const { context } = personalisation(
      historyOf({
        orders: [
          {
            order: orderRow({
              order_id: 'A',
              placed_at: '2026-03-01T10:00:00.000Z',
              total_cents: 500,
            }),
            lines: [],
          },
          {
            order: orderRow({
              order_id: 'B',
              placed_at: '2026-03-05T10:00:00.000Z',
              total_cents: 19064,
              channel: 'store',
            }),
            lines: [
              lineRow({
                order_id: 'B',
                line_no: 1,
                sku: 'P1',
                qty: 2,
                unit_price_cents: 10032,
                discount_cents: 1000,
              }),
              lineRow({ order_id: 'B', line_no: 2, sku: 'UNKNOWN', qty: 1, unit_price_cents: 0 }),
            ],
          },
          {
            order: orderRow({
              order_id: 'C',
              placed_at: '2026-03-09T10:00:00.000Z',
              status: 'returned',
            }),
            lines: [],
          },
          {
            order: orderRow({
              order_id: 'D',
              placed_at: '2026-03-10T10:00:00.000Z',
              status: 'cancelled',
            }),
            lines: [],
          },
        ],
      }),
    );
    expect(context.customer.last_order).toEqual({
      date: '2026-03-05T10:00:00.000Z',
      total: 19064,
      channel: 'store',
      items: [
        { title: 'Coffret Blu-ray', quantity: 2, price: 9532, category: 'Films' },
        { title: null, quantity: 1, price: 0, category: null },
      ],
    });
  });

  test('two orders at the same instant: the one recorded last', () => {
    const at = '2026-03-05T10:00:00.000Z';
    const { context } = personalisation(
      historyOf({
        orders: [
          { order: orderRow({ order_id: 'A', placed_at: at, total_cents: 1 }), lines: [] },
          { order: orderRow({ order_id: 'B', placed_at: at, total_cents: 2 }), lines: [] },
        ],
      }),
    );
    expect(context.customer.last_order?.total).toBe(2);
  });

  test('no completed order: none', () => {
    const { context } = personalisation(
      historyOf({ orders: [{ order: orderRow({ status: 'returned' }), lines: [lineRow()] }] }),
    );
    expect(context.customer.last_order).toBeNull();
    expect(context.customer.favourite_category).toBeNull();
  });
});

describe('the campaign’s inputs', () => {
  test('offer, recommendations, campaign and scores under their template names', () => {
    const { context } = personalisation(historyOf(), everything);
    expect(context.offer).toEqual({
      title: 'Le coffret',
      price: 9999,
      regular_price: 10032,
      discount_percent: 10,
      discount_amount: 33,
      valid_from: '2026-12-01',
      valid_to: '2026-12-24T22:59:59.000Z',
      url: 'https://shop.example/offre',
    });
    expect(context.recommendations).toEqual([
      {
        title: 'Manette',
        price: 6999,
        reason: 'Va avec la PS5',
        url: 'https://shop.example/p/1',
        image_url: 'https://shop.example/i/1.jpg',
        category: 'Accessoires gaming',
      },
    ]);
    expect(context.campaign).toEqual({ name: 'Rentrée', channel: 'email' });
    expect(context.customer.scores).toEqual({
      churn_band: 'low',
      rfm_cell: 'champions',
      purchase_probability: 0.4,
      predicted_clv: 18450,
      next_order_date: '2026-12-14',
    });
    expect(context.unsubscribe_url).toBe('https://shop.example/unsubscribe/abc');
  });

  test('nothing given: empty groups, no recommendation, the preview’s unsubscribe link', () => {
    const { context } = personalisation(historyOf());
    expect(context.offer).toBeNull();
    expect(context.campaign).toBeNull();
    expect(context.customer.scores).toBeNull();
    expect(context.recommendations).toEqual([]);
    expect(context.unsubscribe_url).toBe(PREVIEW_UNSUBSCRIBE_URL);
  });

  test('a minimal offer and recommendation: the rest empty', () => {
    const { context } = personalisation(historyOf(), {
      offer: { title: 'Offre' },
      recommendations: [{ title: 'Livre' }],
      scores: {},
    });
    expect(context.offer).toMatchObject({ title: 'Offre', price: null, valid_to: null, url: null });
    expect(context.recommendations).toEqual([
      { title: 'Livre', price: null, reason: null, url: null, image_url: null, category: null },
    ]);
    expect(context.customer.scores).toMatchObject({ churn_band: null, predicted_clv: null });
  });

  test(`at most ${MAX_TEMPLATE_RECOMMENDATIONS} recommendations`, () => {
    const many = Array.from({ length: 50 }, (_, i) => ({ title: `P${i}` }));
    expect(
      personalisation(historyOf(), { recommendations: many }).context.recommendations,
    ).toHaveLength(MAX_TEMPLATE_RECOMMENDATIONS);
  });
});

describe('address-like local parts', () => {
  test.each([
    ['olivier@example.fr', 'Olivier', 'Martin', []],
    ['o.martin75@example.fr', 'Olivier', 'Martin', ['o.martin75']],
    ['omartin@example.fr', 'Olivier', 'Martin', ['omartin']],
    ['olivierm@example.fr', 'Olivier', 'Martin', ['olivierm']],
    ['martin@example.fr', 'Olivier', 'Martin', []],
    ['contact+promo@example.fr', 'Olivier', 'Martin', ['contact+promo']],
    [null, 'Olivier', 'Martin', []],
  ] as const)('%j for %s %s → %j', (email, first, last, parts) => {
    const history = historyOf({
      customer: customerRow({ email, first_name: first, last_name: last }),
    });
    expect(personalisation(history).hints.email_local_parts).toEqual(parts);
  });

  test('every e-mail identity counts, each once', () => {
    const history = historyOf({
      customer: customerRow({ email: 'o.m@example.fr' }),
      identities: [
        identityRow({ value: 'O.M@other.example' }),
        identityRow({ value: 'olive_22@x.example' }),
        identityRow({ kind: 'phone', value: 'x.y@z' }),
      ],
    });
    expect(personalisation(history).hints.email_local_parts).toEqual(['o.m', 'olive_22']);
  });
});

describe('favourite category: the segment evaluator’s meaning', () => {
  const products: Product[] = [
    productRow({ sku: 'B', category: 'books' }),
    productRow({ sku: 'F', category: 'films' }),
    productRow({ sku: 'M', category: 'music' }),
  ];
  const reference = historyReference({ products, stores: [], offers: [], campaigns: [] });
  const definitionFor = (category: string | null): SegmentDefinition => ({
    version: 1,
    root: {
      id: 'root',
      kind: 'group',
      negate: false,
      combinator: 'and',
      children: [
        {
          id: 'g',
          kind: 'aggregate',
          negate: false,
          measure: 'favourite_category',
          window: { type: 'ever' },
          test:
            category === null ? { operator: 'is_empty' } : { operator: 'equals', value: category },
        },
      ],
    },
  });

  const orderArb = fc.record({
    status: fc.constantFrom<Order['status']>('completed', 'completed', 'returned', 'cancelled'),
    lines: fc.array(
      fc.record({ sku: fc.constantFrom('B', 'F', 'M', 'X'), qty: fc.integer({ min: 1, max: 3 }) }),
      {
        maxLength: 4,
      },
    ),
  });

  test('agrees with favourite_category equals / is empty on any orders', () => {
    fc.assert(
      fc.property(fc.array(orderArb, { maxLength: 6 }), (orders) => {
        const rows = orders.map((o, i) => ({
          order: orderRow({ order_id: `O${i}`, status: o.status }),
          lines: o.lines.map((l, n): OrderLine =>
            lineRow({ order_id: `O${i}`, line_no: n + 1, sku: l.sku, qty: l.qty }),
          ),
        }));
        const history = assembleHistory(
          {
            customer: customerRow(),
            identities: [],
            consents: [],
            preferences: [],
            orders: rows,
            events: [],
            messages: [],
            offerResponses: [],
          },
          reference,
        );
        const mine = favouriteCategory(history.orders);
        const facts = customerFacts(history, new Map(), NO_CROSS_PROFILE);
        const context = { asOf: '2026-12-01T00:00:00.000Z', segments: new Map() };
        expect(evaluateDefinition(definitionFor(mine), facts, context)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
