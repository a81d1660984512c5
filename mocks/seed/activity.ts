// A customer's behavioural events, in proportion to their activity: browsing while they are
// active, the steps before each order, opens and clicks of the messages they really received,
// calls, chats, reviews of what they bought and posts on social networks.
import type { Channel, EventType, Product } from '../../src/domain/profile/schema.ts';
import { CATEGORY_ORDER, pickProduct } from './catalogue.ts';
import type { MessageDraft } from './contacts.ts';
import type { Person } from './person.ts';
import type { OrderDraft } from './purchases.ts';
import { cumulative, itemAt } from './random.ts';
import type { Rng } from './random.ts';
import { DAY, HOUR, MINUTE, WEEK } from './time.ts';
import {
  CALL_REASONS,
  PAGE_PATHS,
  callNote,
  chatMessage,
  reviewText,
  searchQuery,
  socialPost,
} from './texts.ts';
import type { World } from './world.ts';

export interface EventDraft {
  ms: number;
  type: EventType;
  channel: Channel;
  properties: Record<string, string | number | boolean>;
}

/** Browsing per week while active: a floor plus a share of the purchase rate. */
const BROWSE_BASE_PER_WEEK = 0.03;
const BROWSE_PER_PURCHASE = 0.3;
const BROWSE_KINDS = cumulative([35, 30, 15, 5, 15]);
const RATINGS = cumulative([5, 7, 15, 35, 38]);

export interface ActivityInput {
  orders: readonly OrderDraft[];
  messages: readonly MessageDraft[];
  /** Until when the customer browses. */
  activeUntilMs: number;
  webSinceMs: number;
  appSinceMs: number;
  /** Extra background events (the heavy-history customer). */
  extraBrowsing: number;
}

function productFor(world: World, rng: Rng, person: Person, ms: number): Product | null {
  const category = itemAt(CATEGORY_ORDER, rng.weighted(person.taste));
  const shelf = world.catalogue.shelves.get(category);
  return shelf ? pickProduct(rng, shelf, ms, person.spendMeanCents / 2) : null;
}

function browseEvent(
  world: World,
  rng: Rng,
  person: Person,
  ms: number,
  web: boolean,
  app: boolean,
): EventDraft {
  const onApp = app && (!web || rng.chance(person.appShareOnline));
  const channel: Channel = onApp ? 'app' : 'web';
  const kind = rng.weighted(BROWSE_KINDS);
  if (kind === 4 && onApp)
    return { ms, type: 'app_open', channel: 'app', properties: { os: osOf(person) } };
  if (kind === 1 || kind === 3) {
    const product = productFor(world, rng, person, ms);
    if (product) {
      return {
        ms,
        type: kind === 1 ? 'product_view' : 'cart_add',
        channel,
        properties: { sku: product.sku, category: product.category },
      };
    }
  }
  if (kind === 2)
    return {
      ms,
      type: 'search',
      channel,
      properties: { query: searchQuery(rng, productFor(world, rng, person, ms)) },
    };
  return { ms, type: 'page_view', channel, properties: { path: rng.pick(PAGE_PATHS) } };
}

function osOf(person: Person): string {
  return person.index % 3 === 0 ? 'ios' : 'android';
}

export function customerEvents(
  world: World,
  rng: Rng,
  person: Person,
  input: ActivityInput,
): EventDraft[] {
  const out: EventDraft[] = [];
  const end = world.asOfMs - MINUTE;
  const female = person.gender === 'female';

  // Anonymous browsing on a cookie or device seen before signup, stitched to the profile later.
  const appFrom = person.usesApp ? input.appSinceMs : Infinity;
  const anonymousFrom = Math.min(input.webSinceMs, appFrom);
  if (anonymousFrom < person.createdMs) {
    const n = rng.between(2, 6);
    for (let k = 0; k < n; k += 1) {
      const ms = Math.floor(anonymousFrom + rng.next() * (person.createdMs - anonymousFrom));
      const web = ms >= input.webSinceMs;
      const app = ms >= appFrom;
      if (web || app) out.push(browseEvent(world, rng, person, ms, web, app));
    }
  }

  // Background browsing while active.
  const weeks = Math.max(0, (input.activeUntilMs - person.createdMs) / WEEK);
  const rate = BROWSE_BASE_PER_WEEK + BROWSE_PER_PURCHASE * person.lambdaPerWeek;
  const browsing =
    (person.usesWeb || person.usesApp ? rng.poisson(Math.min(rate * weeks, 600)) : 0) +
    input.extraBrowsing;
  const span = input.activeUntilMs - person.createdMs;
  for (let k = 0; k < browsing; k += 1) {
    const ms = Math.floor(person.createdMs + rng.next() * span);
    const app = ms >= appFrom;
    out.push(browseEvent(world, rng, person, ms, person.usesWeb || !app, app));
  }

  // The steps before each order, and sometimes a review after.
  for (const order of input.orders) {
    const first = order.lines[0]?.product;
    if (order.channel === 'web' || order.channel === 'app') {
      const channel: Channel = order.channel;
      if (channel === 'app' && rng.chance(0.5))
        out.push({
          ms: order.ms - rng.between(15, 60) * MINUTE,
          type: 'app_open',
          channel,
          properties: { os: osOf(person) },
        });
      order.lines.forEach((line, k) => {
        if (rng.chance(0.5))
          out.push({
            ms: order.ms - rng.between(5, 40) * MINUTE,
            type: 'product_view',
            channel,
            properties: { sku: line.product.sku, category: line.product.category },
          });
        if (rng.chance(k === 0 ? 0.4 : 0.15))
          out.push({
            ms: order.ms - rng.between(1, 4) * MINUTE,
            type: 'cart_add',
            channel,
            properties: { sku: line.product.sku, category: line.product.category, qty: line.qty },
          });
      });
    } else if (order.channel === 'store') {
      if (rng.chance(0.6) && order.storeId)
        out.push({
          ms: order.ms - rng.between(5, 30) * MINUTE,
          type: 'store_visit',
          channel: 'store',
          properties: { store_id: order.storeId },
        });
    } else {
      out.push({
        ms: order.ms - rng.between(3, 15) * MINUTE,
        type: 'call_centre_contact',
        channel: 'call_centre',
        properties: {
          reason: 'commande_telephone',
          note: callNote(rng, 'commande_telephone', female),
        },
      });
    }
    if (first && order.status === 'completed' && rng.chance(0.05)) {
      const ms = order.ms + rng.between(3, 30) * DAY;
      const rating = rng.weighted(RATINGS) + 1;
      if (ms < end)
        out.push({
          ms,
          type: 'review',
          channel: person.usesApp && rng.chance(0.4) ? 'app' : 'web',
          properties: { sku: first.sku, rating, text: reviewText(rng, rating) },
        });
    }
  }

  // Opens and clicks of the messages actually received.
  for (const message of input.messages) {
    const ids = { campaign_id: message.campaignId, message_id: message.id };
    if (
      message.channel === 'email' &&
      (message.status === 'opened' || message.status === 'clicked')
    ) {
      const opened = Math.floor(message.ms + rng.exponential(1 / (6 * HOUR)));
      if (opened < end)
        out.push({ ms: opened, type: 'email_open', channel: 'email', properties: ids });
      const clicked = opened + rng.between(1, 10) * MINUTE;
      if (message.status === 'clicked' && clicked < end)
        out.push({ ms: clicked, type: 'email_click', channel: 'email', properties: ids });
    } else if (message.channel === 'push' && message.status === 'opened') {
      const opened = Math.floor(message.ms + rng.exponential(1 / HOUR));
      if (opened < end)
        out.push({ ms: opened, type: 'push_open', channel: 'push', properties: ids });
    }
  }

  // Calls, chats and posts.
  const years = Math.max(0, (input.activeUntilMs - person.createdMs) / (365 * DAY));
  const calls = rng.poisson(0.2 * years);
  for (let k = 0; k < calls; k += 1) {
    const reason = rng.pick(CALL_REASONS.filter((r) => r !== 'commande_telephone'));
    out.push({
      ms: Math.floor(person.createdMs + rng.next() * span),
      type: 'call_centre_contact',
      channel: 'call_centre',
      properties: { reason, note: callNote(rng, reason, female) },
    });
  }
  if (rng.chance(0.04)) {
    const [topic, text] = chatMessage(rng);
    out.push({
      ms: Math.floor(person.createdMs + rng.next() * span),
      type: 'chat',
      channel: person.usesApp && rng.chance(0.3) ? 'app' : 'web',
      properties: { topic, text },
    });
  }
  if (person.social) {
    const posts = rng.between(1, 4);
    for (let k = 0; k < posts; k += 1) {
      const ms = Math.floor(person.createdMs + rng.next() * (end - person.createdMs));
      const bought =
        input.orders[rng.int(Math.max(1, input.orders.length))]?.lines[0]?.product ?? null;
      const [text, mentionsBrand] = socialPost(rng, bought);
      out.push({
        ms,
        type: 'social_mention',
        channel: 'social',
        properties: { network: person.social.network, text, mentions_brand: mentionsBrand },
      });
    }
  }
  let kept = 0;
  for (const e of out) if (e.ms < end) out[kept++] = e;
  out.length = kept;
  return out;
}
