// Child process of the bench: the offline evaluation of the recommendation strategies on the demo
// data (5,000 customers, seed 42, as the browser demo). The statistics are counted from orders
// placed before a cut-off 90 days before the data's end; each customer who bought something in
// those 90 days and something before them gets each strategy's top 5 as of the cut-off, and a hit
// is a recommended product they bought in the 90 days. Prints one JSON line of figures.
import { BROWSER_DEMO_CUSTOMERS, DEMO_SEED } from '../mocks/demo.ts';
import { DEMO_AS_OF, generateDataset } from '../mocks/seed/index.ts';
import { MemoryStore } from '../server/stores/memory.ts';
import type { CustomerHistory } from '../src/domain/profile/history.ts';
import type { Product } from '../src/domain/profile/schema.ts';
import { unavailability } from '../src/domain/recommend/availability.ts';
import { coPurchaseStatsOfStream } from '../src/domain/recommend/co-purchase.ts';
import { recommendationContext } from '../src/domain/recommend/context.ts';
import { keptPurchases } from '../src/domain/recommend/ownership.ts';
import { mostPopular, recommend } from '../src/domain/recommend/recommend.ts';
import {
  recommendationStrategy,
  type RecommendOptions,
  type RecommendationStrategy,
} from '../src/domain/recommend/strategy.ts';

const customers = Number(process.argv[2] ?? BROWSER_DEMO_CUSTOMERS);
const HORIZON_DAYS = 90;
const DAY_MS = 86_400_000;
const cutOff = new Date(Date.parse(DEMO_AS_OF) - HORIZON_DAYS * DAY_MS).toISOString();
/** The 'offer' strategy needs a campaign's offer: films, the demo campaign's audience's category. */
const OFFER = { kind: 'category', category: 'films' } as const;

const { dataset } = generateDataset({ seed: DEMO_SEED, customers, asOf: DEMO_AS_OF });
const store = new MemoryStore(dataset, DEMO_AS_OF);
const ids = dataset.customers.map((c) => c.customer_id);
const orders = { scope: { tables: ['orders'] as const, since: null } };

const counting = performance.now();
const stats = await coPurchaseStatsOfStream(store.histories(ids, orders), { asOf: cutOff });
const countMs = performance.now() - counting;
const context = recommendationContext(dataset.products, stats);

/** What each evaluated customer bought after the cut-off. */
const evaluated: { history: CustomerHistory; bought: Set<string> }[] = [];
let buyersAfter = 0;
for await (const chunk of store.histories(ids, orders)) {
  for (const history of chunk) {
    const all = keptPurchases(history, DEMO_AS_OF);
    const bought = new Set(all.filter((p) => p.at > cutOff).map((p) => p.sku));
    if (bought.size === 0) continue;
    buyersAfter += 1;
    if (all.some((p) => p.at <= cutOff)) evaluated.push({ history, bought });
  }
}

const options: RecommendOptions = { count: 5, asOf: cutOff, channel: 'email', offer: OFFER };
const sellable = dataset.products.filter((p) => unavailability(p, 'email', cutOff) === null);

interface Row {
  name: string;
  hitRate3: number;
  hitRate5: number;
  /** Customers given at least one product. */
  customersCovered: number;
  /** Distinct products recommended, over those the channel could sell at the cut-off. */
  catalogueCovered: number;
  ms: number;
}

function measure(name: string, top: (history: CustomerHistory) => readonly Product[]): Row {
  const started = performance.now();
  let hit3 = 0;
  let hit5 = 0;
  let covered = 0;
  const shown = new Set<string>();
  for (const { history, bought } of evaluated) {
    const products = top(history);
    if (products.length > 0) covered += 1;
    products.forEach((p) => shown.add(p.sku));
    if (products.slice(0, 3).some((p) => bought.has(p.sku))) hit3 += 1;
    if (products.slice(0, 5).some((p) => bought.has(p.sku))) hit5 += 1;
  }
  const n = Math.max(1, evaluated.length);
  return {
    name,
    hitRate3: hit3 / n,
    hitRate5: hit5 / n,
    customersCovered: covered / n,
    catalogueCovered: shown.size / Math.max(1, sellable.length),
    ms: performance.now() - started,
  };
}

const rows: Row[] = [measure('most_popular', (h) => mostPopular(h, context, options))];
for (const strategy of recommendationStrategy.options) {
  const s: RecommendationStrategy = strategy;
  rows.push(measure(s, (h) => recommend(h, context, s, options).map((r) => r.product)));
}

console.log(
  JSON.stringify({
    customers,
    cutOff,
    horizonDays: HORIZON_DAYS,
    evaluated: evaluated.length,
    buyersAfter,
    sellable: sellable.length,
    offer: OFFER,
    statistics: {
      ms: countMs,
      customers: stats.customers,
      windowDays: stats.windowDays,
      products: stats.buyers.size,
      links: [...stats.neighbours.values()].reduce((n, list) => n + list.length, 0),
    },
    rows,
  }),
);
