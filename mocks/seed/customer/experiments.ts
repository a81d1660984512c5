// The planted experiments' effects on one customer. Each past campaign with a holdout targeted the
// customer or not (contacts.ts); targeted, they were sent it (treated) or held out at random. What
// they would have done anyway is their own orders: whether a completed order falls in the
// attribution window after the send. A treated target then gains an order (a lift) or loses the
// orders of that window (a loss, the over-contacting campaign) with the planted probability.
//
// The true uplift the manifest states for a campaign is the mean, over its targets, of the
// difference each target's assignment makes to their chance of converting — exactly what the
// difference between the recipients' and the holdout's conversion rates estimates:
//   lift p: p for a target without an order in the window, 0 for one with;
//   loss p: −p for a target with an order in the window, 0 for one without.
import type { Holdout } from '../../../src/domain/profile/schema.ts';
import { ATTRIBUTION_WINDOW_DAYS } from '../../../src/domain/analytics/campaigns.ts';
import type { Assignment } from '../contacts.ts';
import { ORDER_CHANNELS } from '../person.ts';
import { basket, makeOrder, type OrderDraft } from '../purchases.ts';
import { itemAt, type Rng } from '../random.ts';
import { DAY, HOUR, iso } from '../time.ts';
import { pad, type CustomerDraw } from './draw.ts';

const WINDOW_MS = ATTRIBUTION_WINDOW_DAYS * DAY;

/** One target of one experiment: their group and the difference it made to their chance. */
export interface ExperimentTarget {
  campaignId: string;
  treated: boolean;
  /** This target's chance of converting if sent minus if held out. */
  effect: number;
}

/**
 * Applies the experiments' effects to the customer's orders (in place, renumbered after), and
 * answers each target's part of the truth and the holdout rows.
 */
export function applyExperiments(
  draw: CustomerDraw,
  rng: Rng,
  orders: OrderDraft[],
  assignments: readonly Assignment[],
): { targets: ExperimentTarget[]; holdouts: Holdout[] } {
  const targets: ExperimentTarget[] = [];
  const holdouts: Holdout[] = [];
  if (assignments.length === 0) return { targets, holdouts };
  const { person } = draw;
  for (const { send, treated } of assignments) {
    const experiment = send.experiment;
    if (experiment === null) continue;
    const from = send.sendMs;
    const inWindow = (o: OrderDraft) => o.ms > from && o.ms <= from + WINDOW_MS;
    const wouldBuy = orders.some((o) => o.status === 'completed' && inWindow(o));
    const { effect } = experiment;
    let difference = 0;
    if (effect.kind === 'lift' && !wouldBuy) {
      difference = effect.probability;
      if (treated && rng.chance(effect.probability)) {
        orders.push(campaignOrder(draw, rng, from));
      }
    } else if (effect.kind === 'loss' && wouldBuy) {
      difference = -effect.probability;
      if (treated && rng.chance(effect.probability)) {
        for (let k = orders.length - 1; k >= 0; k -= 1) {
          const o = orders[k];
          if (o !== undefined && inWindow(o)) orders.splice(k, 1);
        }
      }
    }
    targets.push({ campaignId: send.campaign.campaign_id, treated, effect: difference });
    if (!treated)
      holdouts.push({
        customer_id: person.id,
        campaign_id: send.campaign.campaign_id,
        held_at: iso(from),
      });
  }
  orders.sort((x, y) => x.ms - y.ms);
  orders.forEach((o, k) => {
    o.id = `O${draw.num}-${pad(k + 1, 3)}`;
  });
  return { targets, holdouts };
}

/** A completed order within the window after `from`, of products the customer likes. */
function campaignOrder(draw: CustomerDraw, rng: Rng, from: number): OrderDraft {
  const { world, person } = draw;
  const ms = from + HOUR + Math.floor(rng.next() * (WINDOW_MS - 2 * HOUR));
  const channel = itemAt(ORDER_CHANNELS, rng.weighted(person.channelMix));
  let products = basket(world, rng, person, ms);
  for (let attempt = 0; products.length === 0 && attempt < 5; attempt += 1)
    products = basket(world, rng, person, ms);
  const fallback = world.catalogue.products.find((p) => Date.parse(p.launched_at) <= ms);
  return makeOrder(
    rng,
    ms,
    channel,
    products.length > 0 || fallback === undefined ? products : [fallback],
    person,
    world.asOfMs,
    { status: 'completed' },
  );
}
