// Co-purchase statistics: which products the same customers buy, and how much each sells, counted
// from customers' histories as a fold (add one history at a time, in any order, then read the
// statistics), so a store's history stream is read once and never held whole. Refreshed by
// counting again: the server does when the scores are refit.
//
// What counts: the lines of completed orders placed at or before `asOf` (returned and cancelled
// orders count for nothing). Two products are bought together by a customer when they bought both
// within `windowDays` of each other (the same basket included), and each pair counts once per
// customer. Editions of one work are never paired (one is excluded whenever the other is owned).
import type { CustomerHistory } from '../profile/history.ts';
import { compareText } from '../compare.ts';
import { keptPurchases } from './ownership.ts';

export interface CoPurchaseOptions {
  /** Orders placed after it are ignored; popularity decays back from it. */
  asOf: string;
  /** Two purchases at most this many days apart are bought together (default 90). */
  windowDays?: number;
  /**
   * A buyer's weight in `popularity` halves every this many days before asOf (default 30: a
   * chart of the last weeks' sales, as a shop's best-seller shelf is).
   */
  halfLifeDays?: number;
  /** The strongest co-purchases kept per product (default 40). */
  maxNeighbours?: number;
  /** A pair bought by fewer customers is noise and is dropped (default 2). */
  minCustomers?: number;
}

/** A product bought with another: by how many customers, and their cosine similarity. */
export interface CoPurchase {
  sku: string;
  /** Customers who bought both within the window. */
  customers: number;
  /** customers / √(buyers of one × buyers of the other), in (0, 1]. */
  score: number;
}

/** The statistics (every map keyed by sku), with the settings they were counted with. */
export interface CoPurchaseStats {
  asOf: string;
  windowDays: number;
  halfLifeDays: number;
  minCustomers: number;
  /** Customers with at least one purchase counted. */
  customers: number;
  /** Distinct customers who bought each product. */
  buyers: ReadonlyMap<string, number>;
  /** Its buyers, each weighted 0.5^(days since their latest purchase of it / halfLifeDays). */
  popularity: ReadonlyMap<string, number>;
  /** Each product's co-purchases, strongest first (score, then customers, then sku). */
  neighbours: ReadonlyMap<string, readonly CoPurchase[]>;
}

const DAY_MS = 86_400_000;

export interface CoPurchaseCounter {
  add(history: CustomerHistory): void;
  stats(): CoPurchaseStats;
}

export function coPurchaseCounter(options: CoPurchaseOptions): CoPurchaseCounter {
  const windowDays = options.windowDays ?? 90;
  const halfLifeDays = options.halfLifeDays ?? 30;
  const maxNeighbours = options.maxNeighbours ?? 40;
  const minCustomers = options.minCustomers ?? 2;
  const asOfMs = Date.parse(options.asOf);
  if (Number.isNaN(asOfMs)) throw new RangeError(`asOf is not an instant: ${options.asOf}`);
  const windowMs = windowDays * DAY_MS;

  // Products by a dense index, so a pair is two small integers.
  const index = new Map<string, number>();
  const skus: string[] = [];
  const works: (string | null)[] = [];
  const buyers: number[] = [];
  const popularity: number[] = [];
  /** pairs[a] counts, for each b > a, the customers who bought both. */
  const pairs: Map<number, number>[] = [];
  let customers = 0;

  const indexOf = (sku: string, work: string | null): number => {
    let i = index.get(sku);
    if (i === undefined) {
      i = skus.length;
      index.set(sku, i);
      skus.push(sku);
      works.push(work);
      buyers.push(0);
      popularity.push(0);
      pairs.push(new Map());
    }
    return i;
  };

  const add = (history: CustomerHistory) => {
    const bought = keptPurchases(history, options.asOf)
      .map((p) => ({ i: indexOf(p.sku, p.product?.work_id ?? null), ms: p.ms }))
      .sort((x, y) => x.ms - y.ms);
    if (bought.length === 0) return;
    customers += 1;
    const latest = new Map<number, number>();
    for (const { i, ms } of bought) latest.set(i, ms);
    for (const [i, ms] of latest) {
      buyers[i] = (buyers[i] ?? 0) + 1;
      popularity[i] = (popularity[i] ?? 0) + 0.5 ** ((asOfMs - ms) / DAY_MS / halfLifeDays);
    }
    const together = new Map<number, Set<number>>();
    for (let x = 0; x < bought.length; x += 1) {
      const first = bought[x];
      if (first === undefined) continue;
      for (let y = x + 1; y < bought.length; y += 1) {
        const second = bought[y];
        if (second === undefined || second.ms - first.ms > windowMs) break;
        if (first.i === second.i) continue;
        const a = Math.min(first.i, second.i);
        const b = Math.max(first.i, second.i);
        const work = works[a];
        if (work != null && work === works[b]) continue;
        const seen = together.get(a);
        if (seen) seen.add(b);
        else together.set(a, new Set([b]));
      }
    }
    for (const [a, bs] of together) {
      const counts = pairs[a];
      if (counts === undefined) continue;
      for (const b of bs) counts.set(b, (counts.get(b) ?? 0) + 1);
    }
  };

  const stats = (): CoPurchaseStats => {
    const lists: CoPurchase[][] = skus.map(() => []);
    pairs.forEach((counts, a) => {
      for (const [b, n] of counts) {
        if (n < minCustomers) continue;
        const score = n / Math.sqrt((buyers[a] ?? 1) * (buyers[b] ?? 1));
        lists[a]?.push({ sku: skus[b] ?? '', customers: n, score });
        lists[b]?.push({ sku: skus[a] ?? '', customers: n, score });
      }
    });
    const neighbours = new Map<string, readonly CoPurchase[]>();
    lists.forEach((list, i) => {
      if (list.length === 0) return;
      list.sort(
        (x, y) => y.score - x.score || y.customers - x.customers || compareText(x.sku, y.sku),
      );
      neighbours.set(skus[i] ?? '', list.slice(0, maxNeighbours));
    });
    return {
      asOf: options.asOf,
      windowDays,
      halfLifeDays,
      minCustomers,
      customers,
      buyers: new Map(skus.map((sku, i) => [sku, buyers[i] ?? 0])),
      popularity: new Map(skus.map((sku, i) => [sku, popularity[i] ?? 0])),
      neighbours,
    };
  };

  return { add, stats };
}

/** The statistics of `histories` (an array, or any iterable). */
export function coPurchaseStats(
  histories: Iterable<CustomerHistory>,
  options: CoPurchaseOptions,
): CoPurchaseStats {
  const counter = coPurchaseCounter(options);
  for (const history of histories) counter.add(history);
  return counter.stats();
}

/** The statistics of a stream of history chunks, as a store's `histories()` yields them. */
export async function coPurchaseStatsOfStream(
  chunks: AsyncIterable<readonly CustomerHistory[]>,
  options: CoPurchaseOptions,
): Promise<CoPurchaseStats> {
  const counter = coPurchaseCounter(options);
  for await (const chunk of chunks) for (const history of chunk) counter.add(history);
  return counter.stats();
}
