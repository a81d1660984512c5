// The customer's orders: the natural purchase process, then the planted ones (the promoted box set,
// a console and its game, the showcase's orders on every channel, an order with an offer), sorted
// and numbered.
import type { Offer, Product } from '../../../src/domain/profile/schema.ts';
import { pickProduct } from '../catalogue.ts';
import type { Person } from '../person.ts';
import { PURCHASE_MODEL } from '../person.ts';
import { basket, makeOrder, naturalOrders } from '../purchases.ts';
import type { OrderDraft } from '../purchases.ts';
import type { Rng } from '../random.ts';
import { MINUTE, atChannelHour } from '../time.ts';
import type { World } from '../world.ts';
import { pad, type CustomerDraw } from './draw.ts';
import { SHOWCASE, daysBefore } from './scenes.ts';

export interface PlacedOrders {
  /** Every order, sorted by time and numbered. */
  drafts: OrderDraft[];
  boxOrder: OrderDraft | null;
  gameOrders: { console: OrderDraft; game: OrderDraft; gameSku: string } | null;
  showcase: {
    web: OrderDraft;
    app: OrderDraft;
    call: OrderDraft;
    offer: Offer;
    offerMs: number;
  } | null;
  offerScene: { order: OrderDraft | null } | null;
  /** The film bought at the till where they declined the box set's preview offer. */
  declinedScene: OrderDraft | null;
}

export function ordersOf(draw: CustomerDraw): PlacedOrders {
  const { world, rng, plan, scenes, person, num } = draw;
  const { asOfMs } = world;
  const buys = !plan.noHistory && (rng.chance(1 - PURCHASE_MODEL.never_buy) || plan.showcase);
  const orders = naturalOrders(world, rng, person, buys);
  let boxOrder: OrderDraft | null = null;
  if (scenes.boxSet) {
    const extra = rng.chance(0.4) ? world.catalogue.shelves.get('films') : undefined;
    const other = extra ? pickProduct(rng, extra, scenes.boxSet.ms, 2_000) : null;
    const products = [world.catalogue.promoted, ...(other ? [other] : [])];
    boxOrder = makeOrder(rng, scenes.boxSet.ms, scenes.boxSet.channel, products, person, asOfMs, {
      status: 'completed',
      storeId: person.homeStore.store_id,
      noPromo: true,
    });
    orders.push(boxOrder);
  }
  let gameOrders: PlacedOrders['gameOrders'] = null;
  if (scenes.game) {
    const shelf = world.catalogue.gamesByConsole.get(scenes.game.console.sku);
    const gameProduct = shelf ? pickProduct(rng, shelf, scenes.game.gameMs, 5_000) : null;
    if (gameProduct) {
      const consoleChannel = person.loyaltyCard ? 'store' : 'web';
      const consoleOrder = makeOrder(
        rng,
        atChannelHour(rng, scenes.game.consoleMs, consoleChannel),
        consoleChannel,
        [scenes.game.console],
        person,
        asOfMs,
        { status: 'completed' },
      );
      const gameChannel = person.usesApp && rng.chance(0.4) ? 'app' : 'web';
      const gameOrder = makeOrder(
        rng,
        atChannelHour(rng, scenes.game.gameMs, gameChannel),
        gameChannel,
        [gameProduct],
        person,
        asOfMs,
        { status: 'completed' },
      );
      orders.push(consoleOrder, gameOrder);
      gameOrders = { console: consoleOrder, game: gameOrder, gameSku: gameProduct.sku };
    }
  }
  let showcase: PlacedOrders['showcase'] = null;
  if (plan.showcase && boxOrder) {
    const planted = (channel: 'web' | 'app' | 'call_centre', ms: number): OrderDraft => {
      const products = basket(world, rng, person, ms);
      const fallback = world.catalogue.shelves.get('books')?.items[0];
      const draft = makeOrder(
        rng,
        ms,
        channel,
        products.length > 0 || !fallback ? products : [fallback],
        person,
        asOfMs,
        { status: 'completed', noPromo: true },
      );
      orders.push(draft);
      return draft;
    };
    const web = planted('web', daysBefore(asOfMs, SHOWCASE.web));
    const app = planted('app', daysBefore(asOfMs, SHOWCASE.app));
    const call = planted('call_centre', daysBefore(asOfMs, SHOWCASE.call_centre));
    const offerMs = daysBefore(asOfMs, SHOWCASE.offer);
    const offer = storeOfferAt(world, offerMs);
    if (offer) {
      const withOffer = orderWithOffer(world, rng, person, offer, offerMs + 4 * MINUTE);
      if (withOffer) orders.push(withOffer);
      showcase = { web, app, call, offer, offerMs };
    }
  }
  let offerScene: PlacedOrders['offerScene'] = null;
  if (scenes.offerBeforeEmail) {
    const order = orderWithOffer(
      world,
      rng,
      person,
      scenes.offerBeforeEmail.offer,
      scenes.offerBeforeEmail.responseMs + 3 * MINUTE,
    );
    if (order) orders.push(order);
    offerScene = { order };
  }
  let declinedScene: OrderDraft | null = null;
  if (scenes.boxSetDeclined) {
    const film = filmBesideTheBoxSet(world, rng, scenes.boxSetDeclined.ms);
    if (film) {
      declinedScene = makeOrder(rng, scenes.boxSetDeclined.ms, 'store', [film], person, asOfMs, {
        status: 'completed',
        storeId: person.homeStore.store_id,
        noPromo: true,
      });
      orders.push(declinedScene);
    }
  }
  orders.sort((x, y) => x.ms - y.ms);
  orders.forEach((o, k) => {
    o.id = `O${num}-${pad(k + 1, 3)}`;
  });
  return { drafts: orders, boxOrder, gameOrders, showcase, offerScene, declinedScene };
}

/** A film on sale at `ms` that is no edition of the promoted box set's work. */
function filmBesideTheBoxSet(world: World, rng: Rng, ms: number): Product | null {
  const shelf = world.catalogue.shelves.get('films');
  if (!shelf) return null;
  const work = world.catalogue.promoted.work_id;
  for (let attempt = 0; attempt < 8; attempt += 1) {
    const film = pickProduct(rng, shelf, ms, 2_000);
    if (film && (work === null || film.work_id !== work)) return film;
  }
  return null;
}

export function storeOfferAt(world: World, ms: number): Offer | null {
  for (const offer of world.marketing.storeOffers) {
    const window = world.marketing.validity.get(offer.offer_id);
    if (window && window.from <= ms && ms <= window.to) return offer;
  }
  return null;
}

/** A product the offer applies to, on sale at `ms`. */
function offerProduct(
  world: World,
  rng: Rng,
  person: Person,
  offer: Offer,
  ms: number,
): Product | null {
  if (offer.sku) return world.catalogue.bySku.get(offer.sku) ?? null;
  const shelf = offer.category ? world.catalogue.shelves.get(offer.category) : undefined;
  return shelf ? pickProduct(rng, shelf, ms, person.spendMeanCents) : null;
}

function orderWithOffer(
  world: World,
  rng: Rng,
  person: Person,
  offer: Offer,
  ms: number,
): OrderDraft | null {
  const product = offerProduct(world, rng, person, offer, ms);
  if (!product) return null;
  return makeOrder(rng, ms, 'store', [product], person, world.asOfMs, {
    status: 'completed',
    storeId: person.homeStore.store_id,
    noPromo: true,
    ...(offer.discount_percent !== null ? { percentOff: offer.discount_percent } : {}),
    ...(offer.discount_cents !== null ? { centsOff: offer.discount_cents } : {}),
  });
}
