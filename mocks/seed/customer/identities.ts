// When and where the customer was seen: the first sight of their web cookie and app device (drawn
// early, since consents, messages and events follow it), and at the end, their identities.
import type { Identity } from '../../../src/domain/profile/schema.ts';
import type { EventDraft } from '../activity.ts';
import type { OrderDraft } from '../purchases.ts';
import { hashInts } from '../random.ts';
import { DAY, HOUR, iso } from '../time.ts';
import type { CustomerDraw } from './draw.ts';

export interface FirstSeen {
  webSinceMs: number;
  appSinceMs: number;
}

/** When the customer's web cookie and app device were first seen: sometimes before signup. */
export function firstSeen({ rng, person, end }: CustomerDraw): FirstSeen {
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
  return { webSinceMs, appSinceMs };
}

interface IdentityInput {
  orders: readonly OrderDraft[];
  events: readonly EventDraft[];
  seen: FirstSeen;
}

/** The customer's identities, from when and where each was really seen. */
export function identitiesOf(draw: CustomerDraw, input: IdentityInput): Identity[] {
  const { world, rng, person } = draw;
  const { webSinceMs, appSinceMs } = input.seen;
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
      record_id: null,
      linked_by: null,
    });
  };
  let lastAny = person.createdMs;
  let firstWeb = webSinceMs;
  let lastWeb = webSinceMs;
  let firstApp = appSinceMs;
  let lastApp = appSinceMs;
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
  if (draw.plan.noHistory) return out;
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
      draw.household?.device ??
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
