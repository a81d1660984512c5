// One customer's whole history, from a PRNG seeded by (seed, customer index): profile, identities,
// consents, preferences, orders, messages, offer responses and events, plus the stories planted in
// it and its data-quality faults.
import type {
  Channel,
  Consent,
  Customer,
  CustomerEvent,
  Identity,
  Message,
  Offer,
  OfferResponse,
  Order,
  OrderLine,
  Preference,
  Product,
} from '../../src/domain/profile/schema.ts';
import { CATEGORY_ORDER, launchedBy, pickProduct } from './catalogue.ts';
import type { ConsentDraft, MessageDraft, ResponseDraft } from './contacts.ts';
import {
  campaignMessages,
  consentHistory,
  consentedAt,
  pressureMessages,
  responsesToMessages,
} from './contacts.ts';
import { customerEvents } from './activity.ts';
import type { EventDraft } from './activity.ts';
import type { FaultKind, Faults } from './faults.ts';
import { NO_FAULTS, drawFaults, faultKinds } from './faults.ts';
import type { PlantedStory } from './manifest.ts';
import type { Send } from './marketing.ts';
import { PURCHASE_MODEL, drawPerson, householdTraits } from './person.ts';
import type { Person } from './person.ts';
import { basket, makeOrder, naturalOrders, toOrderRows } from './purchases.ts';
import type { OrderDraft } from './purchases.ts';
import { Rng, hashInts, itemAt } from './random.ts';
import { HEAVY_HISTORY_MIN_EVENTS, planStories } from './stories.ts';
import type { StoryPlan } from './stories.ts';
import { DAY, HOUR, MINUTE, YEAR, atChannelHour, dayStart, instantMs, iso } from './time.ts';
import type { World } from './world.ts';

/**
 * Every row that belongs to customers; a batch holds many customers' rows in index order. A type
 * alias, not an interface, so a generic sink taking `Record<string, unknown[]>` accepts it.
 */
export type CustomerRows = {
  customers: Customer[];
  identities: Identity[];
  consents: Consent[];
  preferences: Preference[];
  orders: Order[];
  order_lines: OrderLine[];
  events: CustomerEvent[];
  messages: Message[];
  offer_responses: OfferResponse[];
};

export function emptyCustomerRows(): CustomerRows {
  return {
    customers: [],
    identities: [],
    consents: [],
    preferences: [],
    orders: [],
    order_lines: [],
    events: [],
    messages: [],
    offer_responses: [],
  };
}

export interface CustomerOutcome {
  stories: PlantedStory[];
  faults: FaultKind[];
}

/** Instants of the showcase customer's planted moments, in days before as-of plus a UTC hour. */
const SHOWCASE = {
  web: [300, 19.2],
  app: [210, 20.1],
  call_centre: [120, 9.7],
  offer: [75, 15.3],
  withdrawal: [45, 7.9],
  store: [21, 16.5],
} as const;

function daysBefore(asOfMs: number, [days, hour]: readonly [number, number]): number {
  return dayStart(asOfMs - days * DAY) + Math.round(hour * HOUR);
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

/** The story instants decided before the person is drawn, since they bound the signup date. */
interface Scenes {
  boxSet: { ms: number; channel: 'store' | 'web' | 'app' } | null;
  game: { console: Product; consoleMs: number; gameMs: number } | null;
  offerBeforeEmail: { send: Send; offer: Offer; responseMs: number } | null;
  createdBefore: number;
}

function setScenes(world: World, rng: Rng, plan: StoryPlan): Scenes {
  const { asOfMs } = world;
  let createdBefore = asOfMs - DAY;
  let boxSet: Scenes['boxSet'] = null;
  if (plan.showcase) {
    boxSet = { ms: daysBefore(asOfMs, SHOWCASE.store), channel: 'store' };
    createdBefore = asOfMs - 3.3 * YEAR;
  } else if (plan.boxSet) {
    const channel = plan.boxSet === 'store' ? 'store' : rng.chance(0.5) ? 'app' : 'web';
    boxSet = { ms: atChannelHour(rng, asOfMs - rng.between(14, 50) * DAY, channel), channel };
  }
  if (boxSet) createdBefore = Math.min(createdBefore, boxSet.ms - 7 * DAY);

  let game: Scenes['game'] = null;
  if (plan.gameConsole) {
    const gameMs = atChannelHour(rng, asOfMs - rng.between(3, 60) * DAY, 'web');
    const candidates = world.catalogue.consoles.filter((c) => {
      const shelf = world.catalogue.gamesByConsole.get(c.sku);
      return (
        shelf !== undefined &&
        launchedBy(shelf, gameMs) > 0 &&
        instantMs(c.launched_at) < gameMs - 60 * DAY
      );
    });
    if (candidates.length > 0) {
      const base = rng.pick(candidates);
      const earliest = instantMs(base.launched_at) + 7 * DAY;
      const consoleMs = atChannelHour(
        rng,
        Math.max(earliest, asOfMs - rng.between(90, 540) * DAY),
        'store',
      );
      if (consoleMs < gameMs - 7 * DAY) {
        game = { console: base, consoleMs, gameMs };
        createdBefore = Math.min(createdBefore, consoleMs - 3 * DAY);
      }
    }
  }

  let offerBeforeEmail: Scenes['offerBeforeEmail'] = null;
  if (plan.offerBeforeEmail) {
    const candidates = world.marketing.sends.filter(
      (s) => s.channel === 'email' && s.offer !== null && s.sendMs > world.windowStartMs + 60 * DAY,
    );
    const recent = candidates.filter((s) => s.sendMs > asOfMs - YEAR);
    const pool = recent.length > 0 && rng.chance(0.7) ? recent : candidates;
    if (pool.length > 0) {
      const send = rng.pick(pool);
      if (send.offer) {
        const responseMs = dayStart(send.sendMs - DAY) + Math.floor(rng.uniform(10, 17) * HOUR);
        offerBeforeEmail = { send, offer: send.offer, responseMs };
        createdBefore = Math.min(createdBefore, responseMs - 14 * DAY);
      }
    }
  }
  if (plan.pressure || plan.emailWithdrawn)
    createdBefore = Math.min(createdBefore, asOfMs - 40 * DAY);
  if (plan.heavy) createdBefore = asOfMs - 3 * YEAR;
  return { boxSet, game, offerBeforeEmail, createdBefore };
}

function sparedFaults(plan: StoryPlan, faults: Faults): Faults {
  let out = faults;
  if (plan.pressure) out = { ...out, email: null, missingPhone: false };
  if (plan.offerBeforeEmail || plan.emailWithdrawn) out = { ...out, email: null };
  return out;
}

function storeOfferAt(world: World, ms: number): Offer | null {
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

export function generateCustomer(
  world: World,
  index: number,
  total: number,
  out: CustomerRows,
): CustomerOutcome {
  const { asOfMs } = world;
  const end = asOfMs - MINUTE;
  const rng = new Rng(hashInts(world.seed, index, 0xc057));
  const plan = planStories(world.seed, index, total);
  const household = plan.household ? householdTraits(world, plan.household) : null;
  const special = plan.showcase || plan.xss || plan.noHistory || plan.heavy;
  const faults = special ? NO_FAULTS : sparedFaults(plan, drawFaults(rng));
  const scenes = setScenes(world, rng, plan);

  const person = drawPerson(world, rng, {
    index,
    faults,
    household,
    xss: plan.xss,
    showcase: plan.showcase,
    createdBefore: scenes.createdBefore,
    needsCard: scenes.boxSet?.channel === 'store' || plan.showcase,
    needsApp: household !== null || plan.pressure || scenes.boxSet?.channel === 'app',
  });
  if (scenes.game) person.console = scenes.game.console.sku;
  if (plan.heavy) person.usesWeb = true;
  const num = pad(index + 1, 7);

  // When the customer's web cookie and app device were first seen: sometimes before signup.
  const webSinceMs = rng.chance(0.35)
    ? person.createdMs - rng.between(1, 120) * DAY
    : person.createdMs;
  const a = rng.next();
  const appSinceMs = Math.min(
    end - DAY,
    a < 0.3
      ? person.createdMs - rng.between(1, 90) * DAY
      : a < 0.7
        ? person.createdMs
        : person.createdMs + rng.between(1, 300) * DAY,
  );

  // Consents, with the planted e-mail withdrawal last.
  let emailWithdrawal: { ms: number; source: Channel } | null = null;
  if (plan.emailWithdrawn) {
    const from = Math.max(
      person.createdMs + 20 * DAY,
      scenes.offerBeforeEmail ? scenes.offerBeforeEmail.send.sendMs + 2 * DAY : 0,
    );
    const ms = plan.showcase
      ? daysBefore(asOfMs, SHOWCASE.withdrawal)
      : Math.floor(from + rng.next() * Math.max(HOUR, end - DAY - from));
    const r = rng.next();
    emailWithdrawal = {
      ms,
      source: plan.showcase || r < 0.7 ? 'email' : r < 0.9 ? 'web' : 'call_centre',
    };
  }
  const consents: ConsentDraft[] = plan.noHistory
    ? []
    : consentHistory(world, rng, person, {
        emailWithdrawal,
        forceEmail: scenes.offerBeforeEmail !== null || plan.showcase,
        appSinceMs,
      });

  // Orders: the natural process, then the planted ones.
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
  let gameOrders: { console: OrderDraft; game: OrderDraft; gameSku: string } | null = null;
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
  let showcase: {
    web: OrderDraft;
    app: OrderDraft;
    call: OrderDraft;
    offer: Offer;
    offerMs: number;
  } | null = null;
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
  let offerScene: { order: OrderDraft | null } | null = null;
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
  orders.sort((x, y) => x.ms - y.ms);
  orders.forEach((o, k) => {
    o.id = `O${num}-${pad(k + 1, 3)}`;
  });

  // Messages, sorted and numbered before the events that point at them.
  const messages: MessageDraft[] = plan.noHistory
    ? []
    : campaignMessages(
        world,
        rng,
        person,
        consents,
        { webSinceMs, appSinceMs },
        scenes.offerBeforeEmail?.send ?? null,
      );
  if (plan.pressure) messages.push(...pressureMessages(world, rng, person));
  messages.sort((x, y) => x.ms - y.ms);
  messages.forEach((m, k) => {
    m.id = `M${num}-${pad(k + 1, 4)}`;
  });

  // Offer responses: to messages, at the till, and the planted ones.
  const responses: ResponseDraft[] = plan.noHistory
    ? []
    : responsesToMessages(
        world,
        rng,
        person,
        messages,
        (offer) => world.marketing.validity.get(offer.offer_id)?.to ?? 0,
      );
  for (const order of orders) {
    if (order.channel !== 'store' || !rng.chance(0.04)) continue;
    const offer = storeOfferAt(world, order.ms);
    if (offer)
      responses.push({
        ms: order.ms - 2 * MINUTE,
        offerId: offer.offer_id,
        channel: 'store',
        response: rng.chance(0.75) ? 'accepted' : 'declined',
        id: '',
      });
  }
  let showcaseResponse: ResponseDraft | null = null;
  if (showcase) {
    showcaseResponse = {
      ms: showcase.offerMs,
      offerId: showcase.offer.offer_id,
      channel: 'store',
      response: 'accepted',
      id: '',
    };
    responses.push(showcaseResponse);
  }
  let plantedResponse: ResponseDraft | null = null;
  if (scenes.offerBeforeEmail) {
    plantedResponse = {
      ms: scenes.offerBeforeEmail.responseMs,
      offerId: scenes.offerBeforeEmail.offer.offer_id,
      channel: 'store',
      response: 'accepted',
      id: '',
    };
    responses.push(plantedResponse);
  }
  responses.sort((x, y) => x.ms - y.ms);
  responses.forEach((r, k) => {
    r.id = `R${num}-${pad(k + 1, 3)}`;
  });

  // Events.
  const lastOrderMs =
    orders.length > 0 ? (orders[orders.length - 1]?.ms ?? person.createdMs) : person.createdMs;
  const activeUntilMs = plan.heavy
    ? end
    : Math.min(end, Math.max(lastOrderMs, person.createdMs) + rng.exponential(1 / (120 * DAY)));
  const events: EventDraft[] = plan.noHistory
    ? []
    : customerEvents(world, rng, person, {
        orders,
        messages,
        activeUntilMs,
        webSinceMs,
        appSinceMs,
        extraBrowsing: plan.heavy ? HEAVY_HISTORY_MIN_EVENTS + rng.int(800) : 0,
      });
  if (scenes.offerBeforeEmail) {
    events.push({
      ms: scenes.offerBeforeEmail.responseMs - 6 * MINUTE,
      type: 'store_visit',
      channel: 'store',
      properties: { store_id: person.homeStore.store_id },
    });
  }
  events.sort((x, y) => x.ms - y.ms);

  // Identities, from when and where each was really seen.
  const identities = identitiesOf(world, rng, person, {
    orders,
    events,
    webSinceMs,
    appSinceMs,
    household: household?.device ?? null,
    noHistory: plan.noHistory,
  });

  // Rows.
  const id = person.id;
  out.customers.push({
    customer_id: id,
    first_name: person.shownFirst,
    last_name: person.shownLast,
    email: person.email,
    phone: person.phone,
    gender: person.gender,
    birth_date: person.birthDate,
    city: person.city,
    postcode: person.postcode,
    country: 'FR',
    loyalty_tier: loyaltyTier(person, orders, asOfMs),
    created_at: iso(person.createdMs),
    language: person.language,
  });
  for (const identity of identities) out.identities.push(identity);
  consents.forEach((c, k) => {
    out.consents.push({
      consent_id: `K${num}-${pad(k + 1, 2)}`,
      customer_id: id,
      channel: c.channel,
      purpose: 'marketing',
      status: c.status,
      at: iso(c.ms),
      source: c.source,
    });
  });
  if (!plan.noHistory) {
    for (const p of preferencesOf(rng, person, consents, end, plan.pressure))
      out.preferences.push(p);
  }
  for (const draft of orders) {
    const { order, lines } = toOrderRows(id, draft, iso);
    out.orders.push(order);
    for (const line of lines) out.order_lines.push(line);
  }
  events.forEach((e, k) => {
    out.events.push({
      event_id: `E${num}-${pad(k + 1, 5)}`,
      customer_id: id,
      type: e.type,
      channel: e.channel,
      at: iso(e.ms),
      properties: e.properties,
    });
  });
  for (const m of messages) {
    out.messages.push({
      message_id: m.id,
      customer_id: id,
      campaign_id: m.campaignId,
      channel: m.channel,
      sent_at: iso(m.ms),
      status: m.status,
      offer_id: m.offer?.offer_id ?? null,
    });
  }
  for (const r of responses) {
    out.offer_responses.push({
      response_id: r.id,
      customer_id: id,
      offer_id: r.offerId,
      channel: r.channel,
      response: r.response,
      at: iso(r.ms),
    });
  }

  // What was planted here.
  const stories: PlantedStory[] = [];
  const card = person.loyaltyCard ?? '';
  if (showcase && boxOrder && showcaseResponse && emailWithdrawal) {
    const dated = (o: OrderDraft): { order_id: string; placed_at: string } => ({
      order_id: o.id,
      placed_at: iso(o.ms),
    });
    const withdrawalConsent = consents.findIndex(
      (c) => c.channel === 'email' && c.status === 'withdrawn',
    );
    const timeline = [
      { kind: 'order' as const, id: showcase.web.id, at: showcase.web.ms, label: 'commande web' },
      { kind: 'order' as const, id: showcase.app.id, at: showcase.app.ms, label: 'commande appli' },
      {
        kind: 'order' as const,
        id: showcase.call.id,
        at: showcase.call.ms,
        label: 'commande par téléphone',
      },
      {
        kind: 'offer_response' as const,
        id: showcaseResponse.id,
        at: showcaseResponse.ms,
        label: 'offre acceptée en magasin',
      },
      {
        kind: 'consent' as const,
        id: `K${num}-${pad(withdrawalConsent + 1, 2)}`,
        at: emailWithdrawal.ms,
        label: 'retrait du consentement e-mail',
      },
      {
        kind: 'order' as const,
        id: boxOrder.id,
        at: boxOrder.ms,
        label: 'coffret acheté en magasin avec la carte',
      },
    ].sort((x, y) => x.at - y.at);
    stories.push({
      story: 'omnichannel_showcase',
      customer_id: id,
      first_name: person.firstName,
      last_name: person.lastName,
      loyalty_card: card,
      orders: {
        web: dated(showcase.web),
        app: dated(showcase.app),
        store: dated(boxOrder),
        call_centre: dated(showcase.call),
      },
      offer_response: {
        response_id: showcaseResponse.id,
        offer_id: showcaseResponse.offerId,
        at: iso(showcaseResponse.ms),
      },
      email_withdrawn_at: iso(emailWithdrawal.ms),
      timeline: timeline.map((t) => ({ ...t, at: iso(t.at) })),
    });
  }
  if (plan.xss)
    stories.push({ story: 'xss_first_name', customer_id: id, first_name: person.shownFirst ?? '' });
  if (plan.noHistory) stories.push({ story: 'no_history', customer_id: id });
  if (plan.heavy)
    stories.push({ story: 'heavy_history', customer_id: id, event_count: events.length });
  if (boxOrder) {
    if (boxOrder.channel === 'store') {
      stories.push({
        story: 'promoted_box_set_in_store',
        customer_id: id,
        order_id: boxOrder.id,
        store_id: boxOrder.storeId ?? '',
        loyalty_card: card,
        placed_at: iso(boxOrder.ms),
      });
    } else {
      stories.push({
        story: 'promoted_box_set_online',
        customer_id: id,
        order_id: boxOrder.id,
        channel: boxOrder.channel === 'app' ? 'app' : 'web',
        placed_at: iso(boxOrder.ms),
      });
    }
  }
  if (gameOrders && scenes.game) {
    stories.push({
      story: 'game_buyer_owns_console',
      customer_id: id,
      game_sku: gameOrders.gameSku,
      console_sku: scenes.game.console.sku,
      console_order_id: gameOrders.console.id,
      game_order_id: gameOrders.game.id,
      console_bought_at: iso(gameOrders.console.ms),
      game_bought_at: iso(gameOrders.game.ms),
    });
  }
  if (plantedResponse && scenes.offerBeforeEmail && offerScene) {
    const sent = messages.find(
      (m) => m.campaignId === scenes.offerBeforeEmail?.send.campaign.campaign_id,
    );
    if (sent) {
      stories.push({
        story: 'offer_accepted_before_email',
        customer_id: id,
        offer_id: plantedResponse.offerId,
        response_id: plantedResponse.id,
        accepted_at: iso(plantedResponse.ms),
        message_id: sent.id,
        campaign_id: sent.campaignId,
        sent_at: iso(sent.ms),
      });
    }
  }
  if (plan.pressure) {
    const recent = messages.filter((m) => m.ms >= asOfMs - 30 * DAY);
    stories.push({
      story: 'contact_pressure',
      customer_id: id,
      messages_last_30_days: recent.length,
      channels: ['email', 'sms', 'push', 'web_banner'],
    });
  }
  if (emailWithdrawal) {
    stories.push({
      story: 'email_consent_withdrawn',
      customer_id: id,
      withdrawn_at: iso(emailWithdrawal.ms),
      source: emailWithdrawal.source,
    });
  }
  if (plan.household && household) {
    stories.push({
      story: 'shared_device',
      customer_id: id,
      other_customer_id: `C${pad(plan.household.partner + 1, 7)}`,
      device: household.device,
    });
  }
  return { stories, faults: faultKinds(faults) };
}

function loyaltyTier(
  person: Person,
  orders: readonly OrderDraft[],
  asOfMs: number,
): Customer['loyalty_tier'] {
  if (!person.loyaltyCard) return 'none';
  let spent = 0;
  for (const o of orders) {
    if (o.status !== 'completed' || o.ms < asOfMs - 365 * DAY) continue;
    for (const line of o.lines) spent += line.qty * line.product.price_cents - line.discount;
  }
  return spent >= 150_000 ? 'platinum' : spent >= 50_000 ? 'gold' : 'silver';
}

interface IdentityInput {
  orders: readonly OrderDraft[];
  events: readonly EventDraft[];
  webSinceMs: number;
  appSinceMs: number;
  household: string | null;
  noHistory: boolean;
}

function identitiesOf(world: World, rng: Rng, person: Person, input: IdentityInput): Identity[] {
  const id = person.id;
  const out: Identity[] = [];
  const push = (
    kind: Identity['kind'],
    value: string,
    source: string,
    first: number,
    last: number,
  ): void => {
    out.push({
      customer_id: id,
      kind,
      value,
      source,
      first_seen: iso(first),
      last_seen: iso(Math.max(first, last)),
    });
  };
  let lastAny = person.createdMs;
  let firstWeb = input.webSinceMs;
  let lastWeb = input.webSinceMs;
  let firstApp = input.appSinceMs;
  let lastApp = input.appSinceMs;
  let firstStore = Infinity;
  let lastStore = -Infinity;
  let lastCall = person.createdMs;
  let firstSocial = Infinity;
  let lastSocial = -Infinity;
  const see = (channel: string, ms: number): void => {
    lastAny = Math.max(lastAny, ms);
    if (channel === 'web') {
      firstWeb = Math.min(firstWeb, ms);
      lastWeb = Math.max(lastWeb, ms);
    } else if (channel === 'app') {
      firstApp = Math.min(firstApp, ms);
      lastApp = Math.max(lastApp, ms);
    } else if (channel === 'store') {
      firstStore = Math.min(firstStore, ms);
      lastStore = Math.max(lastStore, ms);
    } else if (channel === 'call_centre') lastCall = Math.max(lastCall, ms);
    else if (channel === 'social') {
      firstSocial = Math.min(firstSocial, ms);
      lastSocial = Math.max(lastSocial, ms);
    }
  };
  for (const o of input.orders) see(o.channel, o.ms);
  for (const e of input.events) see(e.channel, e.ms);

  const source = person.signupChannel;
  if (person.email !== null) push('email', person.email, source, person.createdMs, lastAny);
  if (person.phone !== null) push('phone', person.phone, source, person.createdMs, lastCall);
  if (person.loyaltyCard) {
    const seenInStore = Number.isFinite(firstStore);
    const first =
      person.signupChannel === 'store' || !seenInStore
        ? Math.min(person.createdMs, firstStore)
        : firstStore;
    push(
      'loyalty_card',
      person.loyaltyCard,
      'store',
      first,
      Number.isFinite(lastStore) ? lastStore : first,
    );
  }
  if (input.noHistory) return out;
  if (person.usesWeb) {
    const count = 1 + (rng.chance(0.4) ? 1 : 0) + (rng.chance(0.15) ? 1 : 0);
    let from = firstWeb;
    for (let k = 0; k < count; k += 1) {
      const isLast = k === count - 1;
      const until = isLast ? lastWeb : Math.floor(from + (lastWeb - from) * rng.uniform(0.2, 0.6));
      const value = `ck-${hashInts(world.seed, person.index, k, 0xc00c1e).toString(16).padStart(8, '0')}-${person.index.toString(36)}${k}`;
      push('web_cookie', value, 'web', from, until);
      from = Math.min(lastWeb, until + rng.between(1, 48) * HOUR);
    }
  }
  if (person.usesApp) {
    const value =
      input.household ??
      `dev-${hashInts(world.seed, person.index, 0xde71ce).toString(16).padStart(8, '0')}-${person.index.toString(36)}`;
    push('app_device', value, 'app', firstApp, lastApp);
  }
  if (person.social) {
    const first = Number.isFinite(firstSocial) ? firstSocial : person.createdMs;
    push(
      'social',
      person.social.handle,
      'social',
      first,
      Number.isFinite(lastSocial) ? lastSocial : first,
    );
  }
  return out;
}

const INTEREST_LABELS = CATEGORY_ORDER;

function preferencesOf(
  rng: Rng,
  person: Person,
  consents: readonly ConsentDraft[],
  end: number,
  pressure: boolean,
): Preference[] {
  if (!pressure && !rng.chance(0.25)) return [];
  const id = person.id;
  const stated = Math.floor(
    person.createdMs + rng.next() * Math.max(HOUR, end - person.createdMs - 30 * DAY),
  );
  const sources: Channel[] = person.usesApp
    ? ['web', 'app', 'store', 'call_centre']
    : ['web', 'store', 'call_centre'];
  const source = rng.pick(sources);
  const out: Preference[] = [];
  const ranked = person.tasteShares
    .map((share, k) => ({ share, k }))
    .sort((x, y) => y.share - x.share);
  const interests = rng.between(1, 3);
  for (let k = 0; k < interests; k += 1) {
    const category = itemAt(INTEREST_LABELS, itemAt(ranked, k).k);
    out.push({
      customer_id: id,
      topic: 'interest',
      value: category,
      stated_at: iso(stated),
      source,
    });
  }
  const reachable = (['email', 'sms', 'push'] as const).filter((c) =>
    consentedAt(consents, c, stated),
  );
  const preferred = rng.pick<string>([...reachable, 'store', 'web']);
  out.push({
    customer_id: id,
    topic: 'preferred_channel',
    value: preferred,
    stated_at: iso(stated),
    source,
  });
  const f = rng.next();
  const frequency = pressure ? 'monthly' : f < 0.2 ? 'weekly' : f < 0.75 ? 'monthly' : 'quarterly';
  out.push({
    customer_id: id,
    topic: 'contact_frequency',
    value: frequency,
    stated_at: iso(stated),
    source,
  });
  if (rng.chance(0.1) && stated < end - 60 * DAY) {
    const later = Math.floor(stated + rng.next() * (end - stated));
    out.push({
      customer_id: id,
      topic: 'contact_frequency',
      value: frequency === 'weekly' ? 'monthly' : 'quarterly',
      stated_at: iso(later),
      source: rng.pick(sources),
    });
  }
  return out;
}
