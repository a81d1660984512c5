// What the generator planted, beside the data: counts per table, the stories and the faults, so
// tests and demos can find "the customer who bought the coffret in store" without searching.
import { z } from 'zod';
import { isoInstant, messageChannel, channel } from '../../src/domain/profile/schema.ts';
import { FAULT_KINDS } from './faults.ts';

const customerId = z.string();
const instant = isoInstant;

const datedOrder = z.object({ order_id: z.string(), placed_at: instant });

export const plantedStory = z.discriminatedUnion('story', [
  z.object({
    story: z.literal('promoted_box_set_in_store'),
    customer_id: customerId,
    order_id: z.string(),
    store_id: z.string(),
    loyalty_card: z.string(),
    placed_at: instant,
  }),
  z.object({
    story: z.literal('promoted_box_set_online'),
    customer_id: customerId,
    order_id: z.string(),
    channel: z.enum(['web', 'app']),
    placed_at: instant,
  }),
  z.object({
    story: z.literal('game_buyer_owns_console'),
    customer_id: customerId,
    game_sku: z.string(),
    console_sku: z.string(),
    console_order_id: z.string(),
    game_order_id: z.string(),
    console_bought_at: instant,
    game_bought_at: instant,
  }),
  z.object({
    story: z.literal('offer_accepted_before_email'),
    customer_id: customerId,
    offer_id: z.string(),
    response_id: z.string(),
    accepted_at: instant,
    message_id: z.string(),
    campaign_id: z.string(),
    sent_at: instant,
  }),
  z.object({
    story: z.literal('box_set_declined_in_store'),
    customer_id: customerId,
    offer_id: z.string(),
    response_id: z.string(),
    declined_at: instant,
    /** The film they bought at that visit, which makes them one of the demo campaign's film buyers. */
    order_id: z.string(),
    store_id: z.string(),
  }),
  z.object({
    story: z.literal('contact_pressure'),
    customer_id: customerId,
    messages_last_30_days: z.number().int(),
    channels: z.array(messageChannel),
  }),
  z.object({
    story: z.literal('email_consent_withdrawn'),
    customer_id: customerId,
    withdrawn_at: instant,
    source: channel,
  }),
  z.object({
    story: z.literal('omnichannel_showcase'),
    customer_id: customerId,
    first_name: z.string(),
    last_name: z.string(),
    loyalty_card: z.string(),
    orders: z.object({
      web: datedOrder,
      app: datedOrder,
      store: datedOrder,
      call_centre: datedOrder,
    }),
    offer_response: z.object({ response_id: z.string(), offer_id: z.string(), at: instant }),
    email_withdrawn_at: instant,
    /** The planted moments, oldest first: what an end-to-end test expects to read in the timeline. */
    timeline: z.array(
      z.object({
        kind: z.enum(['order', 'offer_response', 'consent']),
        id: z.string(),
        at: instant,
        label: z.string(),
      }),
    ),
  }),
  z.object({ story: z.literal('xss_first_name'), customer_id: customerId, first_name: z.string() }),
  z.object({ story: z.literal('no_history'), customer_id: customerId }),
  z.object({
    story: z.literal('heavy_history'),
    customer_id: customerId,
    event_count: z.number().int(),
  }),
  z.object({
    story: z.literal('shared_device'),
    customer_id: customerId,
    other_customer_id: customerId,
    device: z.string(),
  }),
]);
export type PlantedStory = z.infer<typeof plantedStory>;
export type StoryName = PlantedStory['story'];

/**
 * A past campaign that kept a holdout, with its planted effect and the true uplift it makes: the
 * mean over its targets of (chance of ordering within the attribution window if sent − if held
 * out). Conversions were drawn from those chances (customer/experiments.ts).
 */
export const plantedExperiment = z.object({
  campaign_id: z.string(),
  sent_at: instant,
  holdout_share: z.number(),
  effect: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('lift'), probability: z.number() }),
    z.object({ kind: z.literal('none') }),
    z.object({ kind: z.literal('loss'), probability: z.number() }),
  ]),
  /** Customers it targeted: recipients and holdout. */
  targeted: z.number().int().nonnegative(),
  held_out: z.number().int().nonnegative(),
  /** In probability (0.031 is 3.1 points of conversion rate). */
  true_uplift: z.number(),
});
export type PlantedExperiment = z.infer<typeof plantedExperiment>;

export const manifest = z.object({
  seed: z.number().int(),
  customers: z.number().int().nonnegative(),
  as_of: instant,
  counts: z.record(z.string(), z.number().int().nonnegative()),
  stories: z.array(plantedStory),
  faults: z.record(z.enum(FAULT_KINDS), z.array(customerId)),
  experiments: z.array(plantedExperiment),
});
export type Manifest = z.infer<typeof manifest>;
export const Manifest = manifest;
