// The story scenes decided before the person is drawn (a box set bought, a console and its game,
// an offer accepted before its e-mail), since they bound the signup date; and the fixed instants
// of the showcase customer's planted moments.
import type { Offer, Product } from '../../../src/domain/profile/schema.ts';
import { launchedBy } from '../catalogue.ts';
import type { Send } from '../marketing.ts';
import type { Rng } from '../random.ts';
import type { StoryPlan } from '../stories.ts';
import { DAY, HOUR, YEAR, atChannelHour, dayStart, instantMs } from '../time.ts';
import type { World } from '../world.ts';

/** Instants of the showcase customer's planted moments, in days before as-of plus a UTC hour. */
export const SHOWCASE = {
  web: [300, 19.2],
  app: [210, 20.1],
  call_centre: [120, 9.7],
  offer: [75, 15.3],
  withdrawal: [45, 7.9],
  store: [21, 16.5],
} as const;

export function daysBefore(asOfMs: number, [days, hour]: readonly [number, number]): number {
  return dayStart(asOfMs - days * DAY) + Math.round(hour * HOUR);
}

/** The story instants decided before the person is drawn, since they bound the signup date. */
export interface Scenes {
  boxSet: { ms: number; channel: 'store' | 'web' | 'app' } | null;
  game: { console: Product; consoleMs: number; gameMs: number } | null;
  offerBeforeEmail: { send: Send; offer: Offer; responseMs: number } | null;
  /** The till visit where they bought a film and declined the box set's preview offer. */
  boxSetDeclined: { ms: number } | null;
  createdBefore: number;
}

export function setScenes(world: World, rng: Rng, plan: StoryPlan): Scenes {
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
      (s) =>
        s.channel === 'email' &&
        s.offer !== null &&
        s.experiment === null &&
        s.sendMs > world.windowStartMs + 60 * DAY,
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
  let boxSetDeclined: Scenes['boxSetDeclined'] = null;
  if (plan.boxSetDeclined) {
    const ms = atChannelHour(rng, asOfMs - rng.between(8, 30) * DAY, 'store');
    boxSetDeclined = { ms };
    createdBefore = Math.min(createdBefore, ms - 30 * DAY);
  }
  if (plan.pressure || plan.emailWithdrawn)
    createdBefore = Math.min(createdBefore, asOfMs - 40 * DAY);
  if (plan.heavy) createdBefore = asOfMs - 3 * YEAR;
  return { boxSet, game, offerBeforeEmail, boxSetDeclined, createdBefore };
}
