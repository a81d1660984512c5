// What was planted in this customer, as the manifest reports it: one record per story, with the
// ids and instants a test needs to find it.
import type { EventDraft } from '../activity.ts';
import type { ConsentDraft, MessageDraft } from '../contacts.ts';
import type { PlantedStory } from '../manifest.ts';
import type { OrderDraft } from '../purchases.ts';
import { DAY, iso } from '../time.ts';
import type { Consents } from './consents.ts';
import { pad, type CustomerDraw } from './draw.ts';
import type { Responses } from './messages.ts';
import type { PlacedOrders } from './orders.ts';

export interface PlantedDrafts {
  consents: Consents;
  orders: PlacedOrders;
  messages: readonly MessageDraft[];
  responses: Responses;
  events: readonly EventDraft[];
}

export function plantedStories(draw: CustomerDraw, drafts: PlantedDrafts): PlantedStory[] {
  const { world, plan, scenes, person, household, num } = draw;
  const { asOfMs } = world;
  const id = person.id;
  const consents: readonly ConsentDraft[] = drafts.consents.drafts;
  const { emailWithdrawal } = drafts.consents;
  const { boxOrder, gameOrders, showcase, offerScene, declinedScene } = drafts.orders;
  const { messages, events } = drafts;
  const showcaseResponse = drafts.responses.showcase;
  const plantedResponse = drafts.responses.planted;
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
  const declined = drafts.responses.declined;
  if (declined && declinedScene) {
    stories.push({
      story: 'box_set_declined_in_store',
      customer_id: id,
      offer_id: declined.offerId,
      response_id: declined.id,
      declined_at: iso(declined.ms),
      order_id: declinedScene.id,
      store_id: declinedScene.storeId ?? '',
    });
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
  return stories;
}
