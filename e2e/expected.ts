// Figures the specs compute themselves from the generated demo rows (never through the code under
// test), shared by the specs that check them on screen.
import { DEMO_AS_OF } from '../mocks/seed/index.ts';
import { demoData } from './fixtures.ts';

const DAY_MS = 86_400_000;
/**
 * Customers in Lyon (any case) with a completed store order at or after as_of − 90 days, and how
 * many of them ordered (completed, any time) through each channel.
 */
export function lyonStoreBuyersInLast90Days(): { count: number; byChannel: Map<string, number> } {
  const { dataset } = demoData();
  const asOf = Date.parse(DEMO_AS_OF);
  const since = asOf - 90 * DAY_MS;
  const buyers = new Set(
    dataset.orders
      .filter((o) => o.status === 'completed' && o.channel === 'store')
      .filter((o) => {
        const at = Date.parse(o.placed_at);
        return at >= since && at <= asOf;
      })
      .map((o) => o.customer_id),
  );
  const members = new Set(
    dataset.customers
      .filter((c) => c.city?.toLowerCase() === 'lyon' && buyers.has(c.customer_id))
      .map((c) => c.customer_id),
  );
  const channels = new Map<string, Set<string>>();
  for (const o of dataset.orders) {
    if (o.status !== 'completed' || !members.has(o.customer_id)) continue;
    const who = channels.get(o.channel) ?? new Set<string>();
    who.add(o.customer_id);
    channels.set(o.channel, who);
  }
  return {
    count: members.size,
    byChannel: new Map([...channels].map(([channel, who]) => [channel, who.size])),
  };
}

/** The segment of `lyonStoreBuyersInLast90Days`, as the builder writes it. */
export const LYON_STORE_BUYERS = {
  version: 1,
  root: {
    id: 'root',
    kind: 'group',
    negate: false,
    combinator: 'and',
    children: [
      {
        id: 'city',
        kind: 'attribute',
        negate: false,
        field: 'customer.city',
        test: { operator: 'equals', value: 'Lyon' },
      },
      {
        id: 'bought',
        kind: 'behaviour',
        negate: false,
        action: { type: 'order' },
        count: { operator: 'at_least', value: 1 },
        window: { type: 'last_days', days: 90 },
        filters: [{ field: 'order.channel', test: { operator: 'equals', value: 'store' } }],
      },
    ],
  },
};

/** The builder opened on `definition`: its link holds the definition's JSON in base64url. */
export const builderLink = (definition: unknown) =>
  `/segments/new?d=${Buffer.from(JSON.stringify(definition)).toString('base64url')}`;
