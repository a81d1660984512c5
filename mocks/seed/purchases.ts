// A customer's orders: repeat purchases drawn from their own BG/NBD process, each a basket of real
// products near their own spend level, on a channel from their own channel mix.
import type { Order, OrderChannel, OrderLine, Product } from '../../src/domain/profile/schema.ts';
import { CATEGORY_ORDER, pickProduct } from './catalogue.ts';
import { ORDER_CHANNELS } from './person.ts';
import type { Person } from './person.ts';
import { cumulative, itemAt } from './random.ts';
import type { Rng } from './random.ts';
import { DAY, MINUTE, WEEK, atChannelHour } from './time.ts';
import type { World } from './world.ts';
import { STORES } from './france.ts';

/** An order before ids and ISO strings: instants stay numbers until the rows are written. */
export interface OrderDraft {
  ms: number;
  channel: OrderChannel;
  storeId: string | null;
  status: Order['status'];
  promoCode: string | null;
  payment: Order['payment_method'];
  lines: { product: Product; qty: number; discount: number }[];
  /** Filled once the customer's orders are sorted. */
  id: string;
}

const LINE_COUNT = cumulative([45, 30, 15, 10]);
const MAX_ORDERS = 400;

function promoCode(rng: Rng, ms: number): string {
  const month = new Date(ms).getUTCMonth();
  if (month === 10) return 'BLACKFRIDAY';
  if (month === 11) return rng.pick(['NOEL10', 'NOEL15']);
  if (month === 0 || month === 6) return 'SOLDES';
  if (month === 8) return 'RENTREE';
  return rng.pick(['BIENVENUE10', 'FIDELITE5', 'APPLI5']);
}

function payment(rng: Rng, channel: OrderChannel, totalCents: number): Order['payment_method'] {
  const big = totalCents > 30_000;
  const r = rng.next();
  switch (channel) {
    case 'store':
      return r < 0.7
        ? 'card'
        : r < 0.85
          ? 'cash'
          : r < 0.95
            ? 'gift_card'
            : big
              ? 'instalments'
              : 'card';
    case 'web':
      return r < 0.68
        ? 'card'
        : r < 0.9
          ? 'paypal'
          : r < 0.95
            ? 'gift_card'
            : big
              ? 'instalments'
              : 'card';
    case 'app':
      return r < 0.75 ? 'card' : r < 0.95 ? 'paypal' : 'gift_card';
    default:
      return big && r < 0.15 ? 'instalments' : 'card';
  }
}

/** A basket near a target order value, from the customer's favourite categories. */
export function basket(world: World, rng: Rng, person: Person, ms: number): Product[] {
  const count = 1 + rng.weighted(LINE_COUNT);
  const target = rng.gamma(3, person.spendMeanCents / 3);
  const chosen: Product[] = [];
  for (let k = 0; k < count; k += 1) {
    const category = itemAt(CATEGORY_ORDER, rng.weighted(person.taste));
    let shelf = world.catalogue.shelves.get(category);
    if (category === 'video_games' && person.console && rng.chance(0.8)) {
      shelf = world.catalogue.gamesByConsole.get(person.console) ?? shelf;
    }
    const product = shelf ? pickProduct(rng, shelf, ms, target / count) : null;
    if (product && !chosen.includes(product)) chosen.push(product);
  }
  return chosen;
}

export function lineTotal(line: OrderDraft['lines'][number]): number {
  return line.qty * line.product.price_cents - line.discount;
}

export interface OrderOptions {
  status?: Order['status'];
  storeId?: string;
  /** Percent off the given products (an accepted offer). */
  percentOff?: number;
  centsOff?: number;
  noPromo?: boolean;
}

export function makeOrder(
  rng: Rng,
  ms: number,
  channel: OrderChannel,
  products: readonly Product[],
  person: Person,
  asOfMs: number,
  options: OrderOptions = {},
): OrderDraft {
  const promo = !options.noPromo && rng.chance(0.12) ? promoCode(rng, ms) : null;
  const lines = products.map((product, k) => {
    const qty =
      product.category === 'books' || product.category === 'music'
        ? rng.chance(0.9)
          ? 1
          : rng.between(2, 3)
        : rng.chance(0.97)
          ? 1
          : 2;
    const gross = qty * product.price_cents;
    let discount = 0;
    if (options.percentOff !== undefined) discount = Math.round((gross * options.percentOff) / 100);
    else if (options.centsOff !== undefined && k === 0)
      discount = Math.min(options.centsOff, gross);
    else if (promo) discount = Math.round(gross * 0.1);
    else if (rng.chance(0.04)) discount = Math.round(gross * rng.pick([0.05, 0.1, 0.2]));
    return { product, qty, discount };
  });
  const total = lines.reduce((sum, line) => sum + lineTotal(line), 0);
  const s = rng.next();
  const status =
    options.status ??
    (s < 0.05 && ms < asOfMs - 3 * DAY ? 'returned' : s > 0.96 ? 'cancelled' : 'completed');
  const storeId =
    channel === 'store'
      ? (options.storeId ??
        (rng.chance(0.85) ? person.homeStore.store_id : rng.pick(STORES).store_id))
      : null;
  return {
    ms,
    channel,
    storeId,
    status,
    promoCode: promo,
    payment: payment(rng, channel, total),
    lines,
    id: '',
  };
}

/** The customer's own repeat-buying process, from signup to as-of. */
export function naturalOrders(world: World, rng: Rng, person: Person, buys: boolean): OrderDraft[] {
  if (!buys) return [];
  const orders: OrderDraft[] = [];
  const end = world.asOfMs - MINUTE;
  let t = person.createdMs + rng.exponential(1 / (2 * DAY));
  while (t < end && orders.length < MAX_ORDERS) {
    const channel = itemAt(ORDER_CHANNELS, rng.weighted(person.channelMix));
    const ms = Math.min(end, Math.max(person.createdMs + MINUTE, atChannelHour(rng, t, channel)));
    const products = basket(world, rng, person, ms);
    if (products.length > 0)
      orders.push(makeOrder(rng, ms, channel, products, person, world.asOfMs));
    if (rng.chance(person.dropout)) break;
    t += rng.exponential(person.lambdaPerWeek) * WEEK;
  }
  return orders;
}

export function toOrderRows(
  customerId: string,
  draft: OrderDraft,
  iso: (ms: number) => string,
): { order: Order; lines: OrderLine[] } {
  let total = 0;
  const lines = draft.lines.map((line, k) => {
    total += lineTotal(line);
    return {
      order_id: draft.id,
      line_no: k + 1,
      sku: line.product.sku,
      qty: line.qty,
      unit_price_cents: line.product.price_cents,
      discount_cents: line.discount,
    };
  });
  return {
    order: {
      order_id: draft.id,
      customer_id: customerId,
      channel: draft.channel,
      store_id: draft.storeId,
      placed_at: iso(draft.ms),
      status: draft.status,
      promo_code: draft.promoCode,
      payment_method: draft.payment,
      currency: 'EUR',
      total_cents: total,
    },
    lines,
  };
}
