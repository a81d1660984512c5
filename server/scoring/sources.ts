// The transactions the customer-base models read, from either store, in one shape: completed
// orders summed per customer and UTC day (integer cents, then euros), customers in id order. The
// summary merges same-day purchases anyway; summing them here, in cents, makes the memory store and
// DuckDB hand the models the very same numbers.
import type { DuckDBConnection } from '@duckdb/node-api';
import type { IndexedTransactions } from '../../src/domain/analytics/summary.ts';
import type { Order } from '../../src/domain/profile/schema.ts';

const DAY_MS = 86_400_000;

/** From the memory store's orders. */
export function ordersTransactions(orders: readonly Order[]): IndexedTransactions {
  const byCustomerDay = new Map<string, Map<number, number>>();
  for (const o of orders) {
    if (o.status !== 'completed') continue;
    const day = Math.floor(Date.parse(o.placed_at) / DAY_MS);
    let days = byCustomerDay.get(o.customer_id);
    if (!days) byCustomerDay.set(o.customer_id, (days = new Map()));
    days.set(day, (days.get(day) ?? 0) + o.total_cents);
  }
  // Byte order of ASCII ids, as DuckDB's ORDER BY.
  const customerIds = [...byCustomerDay.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  let n = 0;
  for (const days of byCustomerDay.values()) n += days.size;
  const customer = new Int32Array(n);
  const day = new Int32Array(n);
  const amount = new Float64Array(n);
  let row = 0;
  customerIds.forEach((id, k) => {
    const days = [...(byCustomerDay.get(id) ?? new Map<number, number>())].sort(
      (a, b) => a[0] - b[0],
    );
    for (const [d, cents] of days) {
      customer[row] = k;
      day[row] = d;
      amount[row] = cents / 100;
      row += 1;
    }
  });
  return { customerIds, customer, day, amount };
}

/** From the DuckDB store: one aggregate, read a chunk at a time (10 M orders at 1 M customers). */
export async function duckdbTransactions(
  connection: DuckDBConnection,
): Promise<IndexedTransactions> {
  const ids = await connection.runAndReadAll(
    `SELECT DISTINCT customer_id FROM orders WHERE status = 'completed' ORDER BY customer_id`,
  );
  const customerIds = ids.getRows().map((r) => String(r[0]));
  const count = await connection.runAndReadAll(
    `SELECT count(*)::BIGINT FROM (SELECT DISTINCT customer_id, epoch_ms(placed_at) // ${DAY_MS}
       FROM orders WHERE status = 'completed')`,
  );
  const n = Number(count.getRows()[0]?.[0] ?? 0);
  const customer = new Int32Array(n);
  const day = new Int32Array(n);
  const amount = new Float64Array(n);
  const result = await connection.stream(
    `WITH d AS (
       SELECT customer_id, (epoch_ms(placed_at) // ${DAY_MS})::INTEGER AS day,
              sum(total_cents)::BIGINT AS cents
         FROM orders WHERE status = 'completed' GROUP BY ALL),
     k AS (SELECT customer_id, (row_number() OVER (ORDER BY customer_id) - 1)::INTEGER AS k
             FROM (SELECT DISTINCT customer_id FROM d))
     SELECT k.k, d.day, d.cents::DOUBLE FROM d JOIN k USING (customer_id) ORDER BY k.k, d.day`,
  );
  let row = 0;
  for (;;) {
    const chunk = await result.fetchChunk();
    if (chunk === null || chunk.rowCount === 0) break;
    const ks = chunk.getColumnVector(0);
    const days = chunk.getColumnVector(1);
    const cents = chunk.getColumnVector(2);
    for (let i = 0; i < chunk.rowCount; i += 1) {
      customer[row] = Number(ks.getItem(i));
      day[row] = Number(days.getItem(i));
      amount[row] = Number(cents.getItem(i)) / 100;
      row += 1;
    }
  }
  if (row !== n) throw new Error(`Expected ${n} customer-days of orders, read ${row}.`);
  return { customerIds, customer, day, amount };
}
