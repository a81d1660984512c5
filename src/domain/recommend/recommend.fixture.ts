// A small catalogue with every relation the recommender reads, and histories of purchases from it.
import { customerRow, lineRow, orderRow, productRow } from '../profile/history.fixture.ts';
import { assembleHistory, historyReference, type CustomerHistory } from '../profile/history.ts';
import type { Order, Product } from '../profile/schema.ts';
import type { CoPurchaseStats } from './co-purchase.ts';
import { recommendationContext } from './context.ts';

export const AS_OF = '2026-11-16T00:00:00.000Z';
const LONG_AGO = '2020-01-01T00:00:00.000Z';

const p = (sku: string, title: string, over: Partial<Product> = {}): Product =>
  productRow({ sku, title, launched_at: LONG_AGO, online_stock: 10, ...over });
const game = (sku: string, title: string, console: string, over: Partial<Product> = {}) =>
  p(sku, title, { category: 'video_games', subcategory: 'action', requires: console, ...over });
const book = (sku: string, title: string, over: Partial<Product> = {}) =>
  p(sku, title, { category: 'books', subcategory: 'manga', format: 'paperback', ...over });
const album = (sku: string, title: string, over: Partial<Product> = {}) =>
  p(sku, title, { category: 'music', subcategory: 'pop', format: 'cd', ...over });
const film = (sku: string, title: string, over: Partial<Product> = {}) =>
  p(sku, title, { category: 'films', subcategory: 'drame', ...over });

export const catalogue: Product[] = [
  p('CO-PS5', 'Sony PlayStation 5', { category: 'consoles', format: 'ps5' }),
  p('CO-SWITCH', 'Nintendo Switch', { category: 'consoles', format: 'switch' }),
  p('CO-WII', 'Nintendo Wii', {
    category: 'consoles',
    format: 'wii',
    discontinued: true,
    online_stock: 0,
  }),
  game('VG-RACE-PS5', 'Rallye (PS5)', 'CO-PS5', { work_id: 'W-RACE' }),
  game('VG-RACE-SW', 'Rallye (Switch)', 'CO-SWITCH', { work_id: 'W-RACE' }),
  game('VG-NINJA-PS5', 'Ninja (PS5)', 'CO-PS5'),
  game('VG-FARM-SW', 'Ferme (Switch)', 'CO-SWITCH'),
  game('VG-BOWL-WII', 'Bowling (Wii)', 'CO-WII'),
  game('VG-PARTY-WII', 'Party (Wii)', 'CO-WII'),
  p('GA-DUALSENSE', 'Manette DualSense', { category: 'gaming_accessories', requires: 'CO-PS5' }),
  p('GA-HEADSET', 'Casque gaming', { category: 'gaming_accessories' }),
  p('PH-X-128', 'Phone X 128 Go', { category: 'phones', work_id: 'W-PHONE-X' }),
  p('PH-X-256', 'Phone X 256 Go', { category: 'phones', work_id: 'W-PHONE-X' }),
  p('PH-X-CASE', 'Coque Phone X', { category: 'phones', requires: 'PH-X-128' }),
  film('FI-LOTR-DVD', 'Le Seigneur des Anneaux, DVD', { work_id: 'W-LOTR', format: 'dvd' }),
  film('FI-LOTR-BR', 'Le Seigneur des Anneaux, Blu-ray', { work_id: 'W-LOTR', format: 'blu_ray' }),
  film('FI-LOTR-4K', 'Le Seigneur des Anneaux, 4K', { work_id: 'W-LOTR', format: '4k' }),
  film('FI-DUNE', 'Dune, Blu-ray'),
  film('FI-OLD', 'Vieux film, DVD', { discontinued: true, online_stock: 0 }),
  film('FI-GONE', 'Film épuisé, DVD', { online_stock: 0 }),
  film('FI-SOON', 'Film à venir, Blu-ray', { launched_at: '2026-12-01T00:00:00.000Z' }),
  book('BK-SAKURA-1', 'Sakura Strikers — tome 1, Jules Aubert'),
  book('BK-SAKURA-2', 'Sakura Strikers — tome 2, Inès Berger'),
  book('BK-SAKURA-3', 'Sakura Strikers — tome 3, Inès Berger'),
  book('BK-SAKURA-5', 'Sakura Strikers — tome 5, Inès Berger'),
  book('BK-SAKURA-5-COLLECTOR', 'Sakura Strikers — tome 5, Inès Berger', { format: 'hardcover' }),
  book('BK-SAKURA-9', 'Sakura Strikers — tome 9, Jules Aubert'),
  book('BK-POLAR-1', 'Mortelle saison à Roubaix, Karim Schneider', { subcategory: 'polar' }),
  book('BK-POLAR-2', 'Les Disparus de Lille, Karim Schneider', { subcategory: 'polar' }),
  album('MU-NEON-1-CD', 'Néon Riviera — Rivages (CD)', { work_id: 'W-NEON-1' }),
  album('MU-NEON-1-LP', 'Néon Riviera — Rivages (vinyle)', {
    work_id: 'W-NEON-1',
    format: 'vinyl',
  }),
  album('MU-NEON-2-CD', 'Néon Riviera — Vertige (CD)'),
  album('MU-SATIE', 'Satie : Gymnopédies — Quatuor Ébène (CD)', { subcategory: 'classique' }),
];

export const reference = historyReference({
  products: catalogue,
  stores: [],
  offers: [],
  campaigns: [],
});

export interface Bought {
  sku: string;
  at?: string;
  status?: Order['status'];
  qty?: number;
  /** Lines of one order share it: `order: 'O1'`. */
  order?: string;
}

/** A history of `customerId` whose orders are the purchases listed (one order per purchase, unless they share `order`). */
export function historyOfPurchases(
  purchases: readonly Bought[],
  customerId = 'C1',
): CustomerHistory {
  const orders = new Map<string, { order: Order; lines: ReturnType<typeof lineRow>[] }>();
  purchases.forEach((b, i) => {
    const id = b.order ?? `${customerId}-O${i + 1}`;
    const entry = orders.get(id) ?? {
      order: orderRow({
        order_id: id,
        customer_id: customerId,
        placed_at: b.at ?? '2026-10-01T10:00:00.000Z',
        status: b.status ?? 'completed',
      }),
      lines: [],
    };
    entry.lines.push(
      lineRow({ order_id: id, line_no: entry.lines.length + 1, sku: b.sku, qty: b.qty ?? 1 }),
    );
    orders.set(id, entry);
  });
  return assembleHistory(
    {
      customer: customerRow({ customer_id: customerId }),
      identities: [],
      consents: [],
      preferences: [],
      orders: [...orders.values()],
      events: [],
      messages: [],
      offerResponses: [],
    },
    reference,
  );
}

/** Statistics given by hand: popularity (buyers alike) and co-purchases `[sku, customers, score]`. */
export function statsOf(
  popularity: Readonly<Record<string, number>> = {},
  neighbours: Readonly<Record<string, readonly [string, number, number][]>> = {},
): CoPurchaseStats {
  return {
    asOf: AS_OF,
    windowDays: 90,
    halfLifeDays: 30,
    minCustomers: 2,
    customers: 100,
    buyers: new Map(Object.entries(popularity).map(([sku, n]) => [sku, Math.ceil(n)])),
    popularity: new Map(Object.entries(popularity)),
    neighbours: new Map(
      Object.entries(neighbours).map(([sku, list]) => [
        sku,
        list.map(([other, customers, score]) => ({ sku: other, customers, score })),
      ]),
    ),
  };
}

export const contextOf = (stats: CoPurchaseStats = statsOf()) =>
  recommendationContext(catalogue, stats);
