// The deterministic demo-data generator of a French omnichannel retailer of culture and
// electronics. Same (seed, customers, asOf) → the same rows, streamed in batches or in memory.
import type {
  Campaign,
  Dataset,
  Offer,
  Product,
  Segment,
  Store,
  StoreStock,
} from '../../src/domain/profile/schema.ts';
import { customerTables, emptyDataset } from '../../src/domain/profile/schema.ts';
import { STORES } from './france.ts';
import type { CustomerRows } from './customer.ts';
import { emptyCustomerRows, generateCustomer } from './customer.ts';
import { emptyFaultLists } from './faults.ts';
import type { Manifest, PlantedStory } from './manifest.ts';
import { instantMs, iso } from './time.ts';
import { buildWorld } from './world.ts';

export type { CustomerRows } from './customer.ts';
export { Manifest, plantedStory } from './manifest.ts';
export type { PlantedExperiment, PlantedStory, StoryName } from './manifest.ts';
export { FAULT_KINDS, FAULT_RATES, JUNK_FIRST_NAMES, isWellFormedEmail } from './faults.ts';
export type { FaultKind } from './faults.ts';
export { HEAVY_HISTORY_MIN_EVENTS, STORY_RATES, XSS_FIRST_NAME } from './stories.ts';
export { PROMOTED_PRICE_CENTS, PROMOTED_SKU, PROMOTED_TITLE } from './catalogue.ts';
export {
  BOX_SET_PREVIEW_OFFER_ID,
  DEMO_CAMPAIGN_ID,
  DEMO_CAMPAIGN_TEMPLATE,
  EXPIRED_OFFER_CAMPAIGN_ID,
  PRESSURE_CAMPAIGN_IDS,
  PROMOTED_OFFER_ID,
  PROMOTED_OFFER_PRICE_CENTS,
} from './marketing.ts';
export { PURCHASE_MODEL } from './person.ts';

/** The instant the demo data runs up to. */
export const DEMO_AS_OF = '2026-11-16T00:00:00.000Z';
/**
 * Customers per `DatasetSink.customers` call. Small batches keep the rows young: a batch dies in
 * the young generation instead of being copied and promoted, which halves the time to stream a
 * million customers into a sink that does not keep them.
 */
export const BATCH_SIZE = 100;

export interface SeedOptions {
  seed: number;
  customers: number;
  /** Defaults to DEMO_AS_OF. */
  asOf?: string;
}

/** The reference tables, from (seed, asOf) alone. A type alias, like CustomerRows. */
export type ReferenceRows = {
  stores: Store[];
  products: Product[];
  store_stock: StoreStock[];
  offers: Offer[];
  campaigns: Campaign[];
  segments: Segment[];
};

export interface DatasetSink {
  /** Called once, first. */
  reference(rows: ReferenceRows): void;
  /** Called with consecutive batches of customers, in index order; the sink owns the arrays. */
  customers(rows: CustomerRows): void;
}

const CUSTOMER_TABLES = customerTables;

/** Generates the dataset batch by batch into `sink`, holding one batch at a time. */
export function streamDataset(options: SeedOptions, sink: DatasetSink): Manifest {
  const { seed, customers: total } = options;
  if (!Number.isSafeInteger(seed)) throw new RangeError(`seed must be an integer, got ${seed}`);
  if (!Number.isSafeInteger(total) || total < 0)
    throw new RangeError(`customers must be a non-negative integer, got ${total}`);
  const asOfMs = instantMs(options.asOf ?? DEMO_AS_OF);
  const world = buildWorld(seed, asOfMs);

  const reference: ReferenceRows = {
    stores: STORES.map((s) => ({ ...s })),
    products: world.catalogue.products,
    store_stock: world.catalogue.storeStock,
    offers: world.marketing.offers,
    campaigns: world.marketing.campaigns,
    segments: world.marketing.segments,
  };
  const counts: Record<string, number> = {
    stores: reference.stores.length,
    products: reference.products.length,
    store_stock: reference.store_stock.length,
    offers: reference.offers.length,
    campaigns: reference.campaigns.length,
    segments: reference.segments.length,
  };
  for (const table of CUSTOMER_TABLES) counts[table] = 0;
  sink.reference(reference);

  const stories: PlantedStory[] = [];
  const faults = emptyFaultLists();
  const trials = new Map<string, { targeted: number; held: number; effect: number }>();
  for (let start = 0; start < total; start += BATCH_SIZE) {
    const batch = emptyCustomerRows();
    const stop = Math.min(total, start + BATCH_SIZE);
    for (let index = start; index < stop; index += 1) {
      const outcome = generateCustomer(world, index, total, batch);
      for (const story of outcome.stories) stories.push(story);
      const id = batch.customers[batch.customers.length - 1]?.customer_id ?? '';
      for (const kind of outcome.faults) faults[kind].push(id);
      for (const target of outcome.experiments) {
        const t = trials.get(target.campaignId) ?? { targeted: 0, held: 0, effect: 0 };
        t.targeted += 1;
        if (!target.treated) t.held += 1;
        t.effect += target.effect;
        trials.set(target.campaignId, t);
      }
    }
    for (const table of CUSTOMER_TABLES) counts[table] = (counts[table] ?? 0) + batch[table].length;
    sink.customers(batch);
  }
  const experiments = world.marketing.sends.flatMap((send) => {
    if (send.experiment === null) return [];
    const t = trials.get(send.campaign.campaign_id) ?? { targeted: 0, held: 0, effect: 0 };
    return [
      {
        campaign_id: send.campaign.campaign_id,
        sent_at: iso(send.sendMs),
        holdout_share: send.experiment.holdoutShare,
        effect: send.experiment.effect,
        targeted: t.targeted,
        held_out: t.held,
        true_uplift: t.targeted > 0 ? t.effect / t.targeted : 0,
      },
    ];
  });
  return { seed, customers: total, as_of: iso(asOfMs), counts, stories, faults, experiments };
}

/** The whole dataset in memory, built on `streamDataset`. */
export function generateDataset(options: SeedOptions): { dataset: Dataset; manifest: Manifest } {
  const dataset = emptyDataset();
  const manifest = streamDataset(options, {
    reference(rows) {
      Object.assign(dataset, rows);
    },
    customers(rows) {
      append(dataset.customers, rows.customers);
      append(dataset.identities, rows.identities);
      append(dataset.consents, rows.consents);
      append(dataset.preferences, rows.preferences);
      append(dataset.orders, rows.orders);
      append(dataset.order_lines, rows.order_lines);
      append(dataset.events, rows.events);
      append(dataset.messages, rows.messages);
      append(dataset.holdouts, rows.holdouts);
      append(dataset.offer_responses, rows.offer_responses);
    },
  });
  return { dataset, manifest };
}

function append<T>(target: T[], rows: readonly T[]): void {
  for (const row of rows) target.push(row);
}
