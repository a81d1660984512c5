// The five reference segment questions the bench counts on every engine: each definition, and the
// same question in hand-written DuckDB SQL.
import { DEMO_AS_OF } from '../mocks/seed/index.ts';
import type { SegmentDefinition } from '../src/domain/segment/definition.ts';

const DAY = 86_400_000;
const since = (days: number) => new Date(Date.parse(DEMO_AS_OF) - days * DAY).toISOString();
const group = (
  children: SegmentDefinition['root']['children'],
  combinator: 'and' | 'or' = 'and',
  negate = false,
) => ({
  id: `g${Math.random().toString(36).slice(2, 8)}`,
  kind: 'group' as const,
  negate,
  combinator,
  children,
});
const city = (value: string) => ({
  id: `c${value}`,
  kind: 'attribute' as const,
  negate: false,
  field: 'customer.city',
  test: { operator: 'equals' as const, value },
});

/** The five reference questions: the definition and the same question in hand-written SQL. */
export const references: { name: string; definition: SegmentDefinition; sql: string }[] = [
  {
    name: 'attribute only',
    definition: { version: 1, root: group([city('Lyon')]) },
    sql: `SELECT count(*) FROM customers WHERE lower(city) = 'lyon'`,
  },
  {
    name: 'behaviour, window + line filter',
    definition: {
      version: 1,
      root: group([
        {
          id: 'b',
          kind: 'behaviour',
          negate: false,
          action: { type: 'order' },
          count: { operator: 'at_least', value: 1 },
          window: { type: 'last_days', days: 90 },
          filters: [{ field: 'line.format', test: { operator: 'equals', value: 'blu_ray' } }],
        },
      ]),
    },
    sql: `SELECT count(DISTINCT o.customer_id) FROM orders o JOIN order_lines l ON l.order_id = o.order_id
          JOIN products p ON p.sku = l.sku
          WHERE o.status = 'completed' AND o.placed_at >= TIMESTAMP '${since(90).replace('T', ' ').replace('Z', '')}'
            AND o.placed_at <= TIMESTAMP '${DEMO_AS_OF.replace('T', ' ').replace('Z', '')}' AND p.format = 'blu_ray'`,
  },
  {
    name: 'aggregate (spend > €500)',
    definition: {
      version: 1,
      root: group([
        {
          id: 'a',
          kind: 'aggregate',
          negate: false,
          measure: 'total_spend_cents',
          window: { type: 'ever' },
          test: { operator: 'gt', value: 50_000 },
        },
      ]),
    },
    sql: `SELECT count(*) FROM (SELECT customer_id FROM orders WHERE status = 'completed'
          GROUP BY customer_id HAVING sum(total_cents) > 50000)`,
  },
  {
    name: 'nested with NOT',
    definition: {
      version: 1,
      root: group([
        group([city('Paris'), city('Lyon')], 'or'),
        group(
          [
            {
              id: 'e',
              kind: 'behaviour',
              negate: false,
              action: { type: 'event', event_type: 'email_open' },
              count: { operator: 'at_least', value: 1 },
              window: { type: 'last_days', days: 60 },
              filters: [],
            },
          ],
          'and',
          true,
        ),
      ]),
    },
    sql: `SELECT count(*) FROM customers c WHERE lower(c.city) IN ('paris', 'lyon')
          AND NOT EXISTS (SELECT 1 FROM events e WHERE e.customer_id = c.customer_id AND e.type = 'email_open'
            AND e.at >= TIMESTAMP '${since(60).replace('T', ' ').replace('Z', '')}'
            AND e.at <= TIMESTAMP '${DEMO_AS_OF.replace('T', ' ').replace('Z', '')}')`,
  },
  {
    name: 'segment of segment',
    definition: {
      version: 1,
      root: group([
        { id: 's', kind: 'segment', negate: false, segment_id: 'seg_fideles_or' },
        city('Paris'),
      ]),
    },
    sql: `SELECT count(*) FROM customers WHERE loyalty_tier IN ('gold', 'platinum') AND lower(city) = 'paris'`,
  },
];
