// What the customer was sent and how they answered: campaign and pressure messages, then offer
// responses (to messages, at the till, and the planted ones), each sorted and numbered.
import type { ConsentDraft, MessageDraft, ResponseDraft, Trial } from '../contacts.ts';
import { campaignMessages, pressureMessages, responsesToMessages } from '../contacts.ts';
import { MINUTE } from '../time.ts';
import { pad, type CustomerDraw } from './draw.ts';
import type { FirstSeen } from './identities.ts';
import { storeOfferAt, type PlacedOrders } from './orders.ts';

/** Sorted and numbered before the events that point at them. */
export function messagesOf(
  draw: CustomerDraw,
  consents: readonly ConsentDraft[],
  { webSinceMs, appSinceMs }: FirstSeen,
  trial: Trial | null,
): MessageDraft[] {
  const { world, rng, plan, scenes, person, num } = draw;
  const messages: MessageDraft[] = plan.noHistory
    ? []
    : campaignMessages(
        world,
        rng,
        person,
        consents,
        { webSinceMs, appSinceMs },
        scenes.offerBeforeEmail?.send ?? null,
        trial,
      );
  if (plan.pressure) messages.push(...pressureMessages(world, rng, person));
  messages.sort((x, y) => x.ms - y.ms);
  messages.forEach((m, k) => {
    m.id = `M${num}-${pad(k + 1, 4)}`;
  });
  return messages;
}

export interface Responses {
  /** Every response, sorted by time and numbered. */
  drafts: ResponseDraft[];
  /** The showcase's offer accepted in store. */
  showcase: ResponseDraft | null;
  /** The offer accepted before its e-mail was sent. */
  planted: ResponseDraft | null;
  /** The box set's preview offer declined at the till. */
  declined: ResponseDraft | null;
}

export function responsesOf(
  draw: CustomerDraw,
  { drafts: orders, showcase, declinedScene }: PlacedOrders,
  messages: readonly MessageDraft[],
): Responses {
  const { world, rng, plan, scenes, person, num } = draw;
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
  let declinedResponse: ResponseDraft | null = null;
  if (declinedScene) {
    declinedResponse = {
      ms: declinedScene.ms - 2 * MINUTE,
      offerId: world.marketing.boxSetPreviewOffer.offer_id,
      channel: 'store',
      response: 'declined',
      id: '',
    };
    responses.push(declinedResponse);
  }
  responses.sort((x, y) => x.ms - y.ms);
  responses.forEach((r, k) => {
    r.id = `R${num}-${pad(k + 1, 3)}`;
  });
  return {
    drafts: responses,
    showcase: showcaseResponse,
    planted: plantedResponse,
    declined: declinedResponse,
  };
}
