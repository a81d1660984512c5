// The customer's events: browsing, visits, calls and the rest until they go quiet (the heavy
// history never does), and the store visit before the planted offer.
import type { EventDraft } from '../activity.ts';
import { customerEvents } from '../activity.ts';
import type { MessageDraft } from '../contacts.ts';
import type { OrderDraft } from '../purchases.ts';
import { HEAVY_HISTORY_MIN_EVENTS } from '../stories.ts';
import { DAY, MINUTE } from '../time.ts';
import type { CustomerDraw } from './draw.ts';
import type { FirstSeen } from './identities.ts';

export function eventsOf(
  draw: CustomerDraw,
  orders: readonly OrderDraft[],
  messages: readonly MessageDraft[],
  { webSinceMs, appSinceMs }: FirstSeen,
): EventDraft[] {
  const { world, rng, plan, scenes, person, end } = draw;
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
  return events;
}
