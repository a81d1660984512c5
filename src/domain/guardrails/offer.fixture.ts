// A small catalogue, histories and guardrail inputs for the offer guardrails' tests: the demo's
// story (a Blu-ray box set bought in store with a loyalty card, offered at 99,99 € from 100,32 €)
// and the relations each guardrail reads (editions of a work, bases needed down a chain).
import { withChannel, type Offer as CampaignOffer } from '../campaign/campaign.ts';
import { readyEmail } from '../campaign/campaign.fixture.ts';
import {
  customerRow,
  identityRow,
  lineRow,
  offerRow,
  orderRow,
  productRow,
  responseRow,
  storeRow,
} from '../profile/history.fixture.ts';
import { assembleHistory, historyReference, type CustomerHistory } from '../profile/history.ts';
import type {
  Identity,
  MessageChannel,
  OfferResponse,
  Order,
  OrderLine,
  Product,
} from '../profile/schema.ts';
import type { GuardrailInput } from './input.ts';
import { offerTerms } from './offer.ts';
import { DEFAULT_POLICY, type GuardrailPolicy } from './policy.ts';

/** The send: 1 December 2026, 9:30 in Paris. */
export const AT = '2026-12-01T08:30:00.000Z';
const LONG_AGO = '2020-01-01T00:00:00.000Z';

const p = (sku: string, title: string, over: Partial<Product> = {}): Product =>
  productRow({ sku, title, launched_at: LONG_AGO, online_stock: 10, ...over });

export const BOX_SET = p('FI-LOTR-BOX', 'Le Seigneur des Anneaux — coffret Blu-ray', {
  work_id: 'W-LOTR',
  format: 'box_set',
  price_cents: 10_032,
});
export const DVD = p('FI-LOTR-DVD', 'Le Seigneur des Anneaux — DVD', {
  work_id: 'W-LOTR',
  format: 'dvd',
  price_cents: 1_999,
});
export const BLU_RAY = p('FI-LOTR-BR', 'Le Seigneur des Anneaux — Blu-ray', {
  work_id: 'W-LOTR',
  format: 'blu_ray',
  price_cents: 2_999,
});
/** A round 100,00 €, for the thresholds' edges. */
export const HUNDRED = p('FI-HUNDRED', 'Cent — Blu-ray', { price_cents: 10_000 });
export const DUNE = p('FI-DUNE', 'Dune — Blu-ray', { price_cents: 2_000 });
export const WII = p('CO-WII', 'Nintendo Wii', { category: 'consoles', format: 'wii' });
export const BOARD = p('GA-BOARD', 'Wii Balance Board', {
  category: 'gaming_accessories',
  requires: 'CO-WII',
});
export const WII_FIT = p('VG-WII-FIT', 'Wii Fit', {
  category: 'video_games',
  requires: 'GA-BOARD',
});
export const BOWLING = p('VG-BOWLING', 'Bowling (Wii)', {
  category: 'video_games',
  requires: 'CO-WII',
});
export const OLD = p('FI-OLD', 'Vieux film — DVD', { discontinued: true });
export const GONE = p('FI-GONE', 'Film épuisé — DVD', { online_stock: 0 });
export const SOON = p('FI-SOON', 'Film à venir — Blu-ray', {
  launched_at: '2026-12-04T23:00:00.000Z',
});

export const catalogue: Product[] = [
  BOX_SET,
  DVD,
  BLU_RAY,
  HUNDRED,
  DUNE,
  WII,
  BOARD,
  WII_FIT,
  BOWLING,
  OLD,
  GONE,
  SOON,
];

export const OFFER_BOX = offerRow({
  offer_id: 'OF-BOX',
  title: 'Coffret à −20 %',
  sku: BOX_SET.sku,
  category: null,
});
export const OFFER_DVD = offerRow({
  offer_id: 'OF-DVD',
  title: 'DVD à 9,99 €',
  sku: DVD.sku,
  category: null,
});
export const OFFER_DUNE = offerRow({
  offer_id: 'OF-DUNE',
  title: 'Dune à 15 €',
  sku: DUNE.sku,
  category: null,
});
export const OFFER_FILMS = offerRow({
  offer_id: 'OF-FILMS',
  title: '10 % sur les films',
  sku: null,
  category: 'films',
});
export const OFFER_GAMES = offerRow({
  offer_id: 'OF-GAMES',
  title: '10 % sur les jeux',
  sku: null,
  category: 'video_games',
});
/** A product offer on a sku the catalogue lacks. */
export const OFFER_HUNDRED = offerRow({
  offer_id: 'OF-HUNDRED',
  title: 'Cent à 90 €',
  sku: HUNDRED.sku,
  category: null,
});
/** On a product of no work, like Dune. */
export const OFFER_WII = offerRow({
  offer_id: 'OF-WII',
  title: 'La Wii à 99 €',
  sku: WII.sku,
  category: null,
});
export const OFFER_GHOST = offerRow({
  offer_id: 'OF-GHOST',
  title: 'Fantôme',
  sku: 'XX-GHOST',
  category: null,
});

export const reference = historyReference({
  products: catalogue,
  stores: [storeRow({ store_id: 'S-LYON', name: 'Lyon Part-Dieu' })],
  offers: [
    OFFER_BOX,
    OFFER_DVD,
    OFFER_DUNE,
    OFFER_FILMS,
    OFFER_GAMES,
    OFFER_HUNDRED,
    OFFER_WII,
    OFFER_GHOST,
  ],
  campaigns: [],
});

export interface Bought {
  sku: string;
  qty?: number;
  /** The unit's price before the line's discount; the product's list price by default. */
  unit?: number;
  /** Off the whole line. */
  discount?: number;
}

export interface OrderSpec {
  id: string;
  at: string;
  lines: readonly Bought[];
  status?: Order['status'];
  channel?: Order['channel'];
  /** A store id (an in-store order). */
  store?: string;
  /** Someone else's order, slipped into the history. */
  customer?: string;
}

export const CARD = identityRow({
  kind: 'loyalty_card',
  value: 'FID-0042',
  source: 'store',
  first_seen: '2024-05-04T10:00:00.000Z',
});

/** A history of C1 with the orders, identities and offer responses given. */
export function historyOf(
  rows: {
    orders?: readonly OrderSpec[];
    identities?: readonly Identity[];
    responses?: readonly Partial<OfferResponse>[];
  } = {},
): CustomerHistory {
  const orders = (rows.orders ?? []).map((o) => ({
    order: orderRow({
      order_id: o.id,
      customer_id: o.customer ?? 'C1',
      placed_at: o.at,
      status: o.status ?? 'completed',
      channel: o.channel ?? (o.store === undefined ? 'web' : 'store'),
      store_id: o.store ?? null,
    }),
    lines: o.lines.map((l, i): OrderLine =>
      lineRow({
        order_id: o.id,
        line_no: i + 1,
        sku: l.sku,
        qty: l.qty ?? 1,
        unit_price_cents: l.unit ?? reference.products.get(l.sku)?.price_cents ?? 1000,
        discount_cents: l.discount ?? 0,
      }),
    ),
  }));
  return assembleHistory(
    {
      customer: customerRow(),
      identities: rows.identities ?? [],
      consents: [],
      preferences: [],
      orders,
      events: [],
      messages: [],
      offerResponses: (rows.responses ?? []).map((r, i) =>
        responseRow({ response_id: `R${i + 1}`, ...r }),
      ),
    },
    reference,
  );
}

/** The demo's offer: the box set at 99,99 €, from 16 November to 30 December 2026. */
export const DEMO_OFFER: CampaignOffer = {
  target: { kind: 'product', sku: BOX_SET.sku },
  price: { kind: 'price', cents: 9_999 },
  valid_from: '2026-11-16',
  valid_to: '2026-12-30',
  title: '',
};

export interface InputSpec {
  history?: CustomerHistory;
  /** The campaign's offer (the demo's by default); null: none. */
  offer?: Partial<CampaignOffer> | null;
  channel?: MessageChannel;
  time_zone?: string;
  at?: string;
  recommendations?: readonly Product[];
  policy?: Partial<GuardrailPolicy>;
}

/** One recipient's guardrail input: the demo campaign on e-mail, sent at AT, with what is given. */
export function inputOf(spec: InputSpec = {}): GuardrailInput {
  const offer = spec.offer === null ? null : { ...DEMO_OFFER, ...spec.offer };
  const body = withChannel(
    readyEmail({ offer, time_zone: spec.time_zone ?? 'Europe/Paris' }),
    spec.channel ?? 'email',
  );
  return {
    history: spec.history ?? historyOf(),
    reference,
    campaign: { channel: body.channel, time_zone: body.time_zone, body },
    offer: offerTerms(body, reference.products, 'Offre de Noël'),
    at: spec.at ?? AT,
    recommendations: spec.recommendations ?? [],
    render: null,
    policy: { ...DEFAULT_POLICY, ...spec.policy },
  };
}
