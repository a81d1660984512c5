/**
 * The fixed rules that turn a file's records into purchases (docs/decisions/009): exact
 * duplicates kept or dropped, returns netted against the same customer's purchases of the same
 * day (unmatched ones left out), zero amounts kept, several orders on one day counted; and the
 * report that counts each.
 */
import { dateOfDay, type IndexedTransactions } from './summary.ts';

export interface TransactionsReport {
  /** Physical lines read, header and blank lines included. */
  readonly lines: number;
  /** Lines of nothing but spaces and tabs (and, in a CSV, commas: a spreadsheet's empty row). */
  readonly blankLines: number;
  /** Data records read (not the header, not blank lines). */
  readonly records: number;
  /** Purchases returned. */
  readonly purchases: number;
  /** Customers with at least one purchase returned. */
  readonly customers: number;
  /** Purchases of amount 0: kept as purchases (they are orders: a gift, a voucher). */
  readonly zeroAmount: number;
  /** Records identical to an earlier one, field for field. */
  readonly duplicates: number;
  /** Of those, left out (option `duplicates: 'drop'`). */
  readonly duplicatesDropped: number;
  /** Records with a negative amount: never a purchase. */
  readonly returns: number;
  /** Returns subtracted from the same customer's purchases of the same day. */
  readonly returnsNetted: number;
  /** Returns on a day without a purchase by that customer: left out. */
  readonly returnsUnmatched: number;
  readonly returnedAmountNetted: number;
  /** Unmatched returns, plus what a return took beyond that day's spend. */
  readonly returnedAmountUnmatched: number;
  /** Purchases on a customer-day that already had one (the summary merges them into one). */
  readonly sameDayOrders: number;
  /** Customer-days with more than one purchase. */
  readonly sameDayCustomerDays: number;
  /** First and last purchase dates, YYYY-MM-DD. */
  readonly firstDate: string | null;
  readonly lastDate: string | null;
}

/**
 * The same purchases as columns (`summariseIndexed` reads them as they are). `customerIds` holds
 * every customer id read, in order of first appearance, some of whom may have only returns.
 */
export interface TransactionColumns extends IndexedTransactions {
  readonly report: TransactionsReport;
}

/** The records read so far, as columns that double when full; a record's fields are hashed. */
export class RecordColumns {
  length = 0;
  customer = new Int32Array(1024);
  day = new Int32Array(1024);
  amount = new Float64Array(1024);
  hashA = new Int32Array(1024);
  hashB = new Int32Array(1024);

  push(customer: number, day: number, amount: number, hash: Int32Array): void {
    if (this.length === this.customer.length) this.grow();
    const i = this.length;
    this.customer[i] = customer;
    this.day[i] = day;
    this.amount[i] = amount;
    this.hashA[i] = hash[0] ?? 0;
    this.hashB[i] = hash[1] ?? 0;
    this.length = i + 1;
  }

  private grow(): void {
    const size = this.customer.length * 2;
    const grown = <T extends Int32Array | Float64Array>(old: T, make: (n: number) => T): T => {
      const next = make(size);
      next.set(old);
      return next;
    };
    this.customer = grown(this.customer, (n) => new Int32Array(n));
    this.day = grown(this.day, (n) => new Int32Array(n));
    this.amount = grown(this.amount, (n) => new Float64Array(n));
    this.hashA = grown(this.hashA, (n) => new Int32Array(n));
    this.hashB = grown(this.hashB, (n) => new Int32Array(n));
  }
}

/**
 * Positions of the records grouped by customer (counting sort, in the file's order), then by day
 * within a customer (sorted only where the file was not already in date order).
 */
function byCustomerAndDay(rows: RecordColumns, customers: number): Uint32Array {
  const n = rows.length;
  const offsets = new Uint32Array(customers + 1);
  for (let i = 0; i < n; i += 1) {
    const c = rows.customer[i] ?? 0;
    offsets[c + 1] = (offsets[c + 1] ?? 0) + 1;
  }
  for (let c = 0; c < customers; c += 1) offsets[c + 1] = (offsets[c + 1] ?? 0) + (offsets[c] ?? 0);
  const next = offsets.slice(0, customers);
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i += 1) {
    const c = rows.customer[i] ?? 0;
    const at = next[c] ?? 0;
    order[at] = i;
    next[c] = at + 1;
  }
  const day = rows.day;
  for (let c = 0; c < customers; c += 1) {
    const from = offsets[c] ?? 0;
    const to = offsets[c + 1] ?? 0;
    let sorted = true;
    for (let k = from + 1; k < to && sorted; k += 1) {
      if ((day[order[k] ?? 0] ?? 0) < (day[order[k - 1] ?? 0] ?? 0)) sorted = false;
    }
    if (!sorted) {
      order.subarray(from, to).sort((a, b) => (day[a] ?? 0) - (day[b] ?? 0) || a - b);
    }
  }
  return order;
}

function sameRecord(rows: RecordColumns, i: number, j: number): boolean {
  return (
    rows.hashA[i] === rows.hashA[j] &&
    rows.hashB[i] === rows.hashB[j] &&
    rows.amount[i] === rows.amount[j]
  );
}

export function settle(
  rows: RecordColumns,
  customerIds: readonly string[],
  context: { lines: number; blankLines: number; dropDuplicates: boolean; maxDecimals: number },
): TransactionColumns {
  const n = rows.length;
  const order = byCustomerAndDay(rows, customerIds.length);
  const scale = 10 ** context.maxDecimals;
  const amount = rows.amount.slice(0, n);
  const left = new Uint8Array(n); // 1: not a purchase in the output
  let duplicates = 0;
  let zeroAmount = 0;
  let returns = 0;
  let returnsNetted = 0;
  let returnsUnmatched = 0;
  let returnedAmountNetted = 0;
  let returnedAmountUnmatched = 0;
  let sameDayOrders = 0;
  let sameDayCustomerDays = 0;
  let start = 0;
  while (start < n) {
    const first = order[start] ?? 0;
    let end = start + 1;
    while (
      end < n &&
      rows.customer[order[end] ?? 0] === rows.customer[first] &&
      rows.day[order[end] ?? 0] === rows.day[first]
    ) {
      end += 1;
    }
    // Duplicates: a record equal to an earlier one of the same customer and day.
    const seen = end - start > 16 ? new Set<string>() : null;
    for (let k = start; k < end; k += 1) {
      const i = order[k] ?? 0;
      let duplicate = false;
      if (seen) {
        const key = `${rows.hashA[i]}:${rows.hashB[i]}:${rows.amount[i]}`;
        duplicate = seen.has(key);
        seen.add(key);
      } else {
        for (let e = start; e < k && !duplicate; e += 1)
          duplicate = sameRecord(rows, i, order[e] ?? 0);
      }
      if (duplicate) {
        duplicates += 1;
        if (context.dropDuplicates) left[i] = 1;
      }
    }
    // Purchases and returns of the day.
    let purchases = 0;
    let returned = 0;
    let dayReturns = 0;
    for (let k = start; k < end; k += 1) {
      const i = order[k] ?? 0;
      if (left[i]) continue;
      const value = amount[i] ?? 0;
      if (value < 0) {
        dayReturns += 1;
        returned -= value;
        left[i] = 1;
      } else {
        purchases += 1;
        if (value === 0) zeroAmount += 1;
      }
    }
    if (purchases > 1) {
      sameDayOrders += purchases - 1;
      sameDayCustomerDays += 1;
    }
    if (dayReturns > 0) {
      returns += dayReturns;
      if (purchases === 0) {
        returnsUnmatched += dayReturns;
        returnedAmountUnmatched += returned;
      } else {
        returnsNetted += dayReturns;
        // Taken from the day's last purchases first, never below zero.
        let remaining = returned;
        for (let k = end - 1; k >= start && remaining > 0; k -= 1) {
          const i = order[k] ?? 0;
          if (left[i]) continue;
          const value = amount[i] ?? 0;
          const take = Math.min(value, remaining);
          amount[i] = Math.round((value - take) * scale) / scale;
          remaining = Math.round((remaining - take) * scale) / scale;
        }
        returnedAmountNetted += returned - remaining;
        returnedAmountUnmatched += remaining;
      }
    }
    start = end;
  }
  let kept = 0;
  for (let i = 0; i < n; i += 1) if (!left[i]) kept += 1;
  const customer = new Int32Array(kept);
  const day = new Int32Array(kept);
  const keptAmount = new Float64Array(kept);
  const buyers = new Uint8Array(customerIds.length);
  let customers = 0;
  let firstDay = Number.POSITIVE_INFINITY;
  let lastDay = Number.NEGATIVE_INFINITY;
  for (let i = 0, k = 0; i < n; i += 1) {
    if (left[i]) continue;
    const c = rows.customer[i] ?? 0;
    const d = rows.day[i] ?? 0;
    customer[k] = c;
    day[k] = d;
    keptAmount[k] = amount[i] ?? 0;
    if (!buyers[c]) {
      buyers[c] = 1;
      customers += 1;
    }
    if (d < firstDay) firstDay = d;
    if (d > lastDay) lastDay = d;
    k += 1;
  }
  const round = (x: number) => Math.round(x * scale) / scale;
  return {
    customerIds,
    customer,
    day,
    amount: keptAmount,
    report: {
      lines: context.lines,
      blankLines: context.blankLines,
      records: n,
      purchases: kept,
      customers,
      zeroAmount,
      duplicates,
      duplicatesDropped: context.dropDuplicates ? duplicates : 0,
      returns,
      returnsNetted,
      returnsUnmatched,
      returnedAmountNetted: round(returnedAmountNetted),
      returnedAmountUnmatched: round(returnedAmountUnmatched),
      sameDayOrders,
      sameDayCustomerDays,
      firstDate: kept > 0 ? dateOfDay(firstDay) : null,
      lastDate: kept > 0 ? dateOfDay(lastDay) : null,
    },
  };
}
