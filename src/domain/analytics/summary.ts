/**
 * The per-customer summary the customer-base models are fitted on, built from cleaned
 * transactions: for each customer, the repeat purchases x, the time of the last one t_x and the
 * customer's age T in the calibration period (Fader, Hardie & Lee 2005, §2), the mean spend of the
 * repeat purchases (the Gamma-Gamma input), and what they bought in the holdout period.
 *
 * Rules (docs/decisions/008-clv-models.md):
 * - Purchases on the same calendar day are one purchase; their amounts are summed.
 * - Time starts at the customer's first purchase; t_x and T are measured in the chosen unit
 *   ('day', or 'week' = 7 days, fractional), T up to the calibration end (inclusive day).
 *   So a customer who bought on 1997-01-01 has T = 272/7 = 38.86 weeks at 1997-09-30.
 * - Customers whose first purchase falls after the calibration end are left out (the models
 *   describe the customers known at the calibration end).
 * - x counts repeat purchase days, not including the first; monetary value is the mean spend of
 *   those x days (0 when x = 0), as the Gamma-Gamma model defines it.
 * - Holdout: the purchase days in (calibration end, holdout end] and their spend.
 */

export type TimeUnit = 'week' | 'day';

/** Days per unit: the one conversion between calendar days and the model's time unit. */
export const DAYS_PER_UNIT: Readonly<Record<TimeUnit, number>> = { day: 1, week: 7 };

/** One cleaned transaction (an order, or a line of one: same-day rows are merged anyway). */
export interface TransactionRow {
  readonly customerId: string;
  /** Calendar date, YYYY-MM-DD. */
  readonly date: string;
  readonly amount: number;
}

export interface SummaryOptions {
  /** Last day of the calibration period (inclusive), YYYY-MM-DD. */
  readonly calibrationEnd: string;
  /** Last day of the holdout period (inclusive), YYYY-MM-DD; none when absent. */
  readonly holdoutEnd?: string;
  readonly unit: TimeUnit;
}

/** One customer's summary; times in `unit`. */
export interface CustomerSummary {
  readonly customerId: string;
  readonly unit: TimeUnit;
  /** First purchase, YYYY-MM-DD. */
  readonly firstPurchase: string;
  /** Repeat purchase days in the calibration period (x). */
  readonly frequency: number;
  /** Time from the first purchase to the last one in the calibration period (t_x), in `unit`. */
  readonly recency: number;
  /** Time from the first purchase to the calibration end (T), in `unit`. */
  readonly age: number;
  /** Mean spend of the repeat purchase days (0 when frequency is 0). */
  readonly monetaryValue: number;
  /** Spend on the first purchase day. */
  readonly firstSpend: number;
  /** Purchase days in the holdout period (0 without a holdout). */
  readonly holdoutFrequency: number;
  /** Spend in the holdout period. */
  readonly holdoutSpend: number;
}

/** The same summary as columns, one entry per customer, for fitting and scoring millions. */
export interface SummaryColumns {
  readonly unit: TimeUnit;
  readonly calibrationEnd: string;
  readonly holdoutEnd: string | null;
  /** Holdout length in `unit` (0 without a holdout). */
  readonly holdoutLength: number;
  readonly customerIds: readonly string[];
  /** Days since 1970-01-01 of each first purchase. */
  readonly firstDay: Int32Array;
  readonly x: Float64Array;
  /** t_x in `unit`. */
  readonly tx: Float64Array;
  /** T in `unit`. */
  readonly T: Float64Array;
  /** Mean repeat-day spend (0 when x = 0). */
  readonly m: Float64Array;
  readonly firstSpend: Float64Array;
  readonly holdoutX: Float64Array;
  readonly holdoutSpend: Float64Array;
}

/** The digit at position i, NaN for any other character (so the range checks below fail). */
function digit(text: string, i: number): number {
  const v = text.charCodeAt(i) - 48;
  return v >= 0 && v <= 9 ? v : Number.NaN;
}

/** Days since 1970-01-01 of a YYYY-MM-DD date (proleptic Gregorian; H. Hinnant's days_from_civil). */
export function dayNumber(date: string): number {
  if (date.length !== 10 || date.charCodeAt(4) !== 45 || date.charCodeAt(7) !== 45) {
    throw new RangeError(`Not a YYYY-MM-DD date: "${date}".`);
  }
  let y = digit(date, 0) * 1000 + digit(date, 1) * 100 + digit(date, 2) * 10 + digit(date, 3);
  const m = digit(date, 5) * 10 + digit(date, 6);
  const d = digit(date, 8) * 10 + digit(date, 9);
  if (!(y >= 0 && m >= 1 && m <= 12 && d >= 1 && d <= 31)) {
    throw new RangeError(`Not a YYYY-MM-DD date: "${date}".`);
  }
  y -= m <= 2 ? 1 : 0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** The YYYY-MM-DD date of a day number (inverse of `dayNumber`). */
export function dateOfDay(day: number): string {
  const z = day + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/**
 * Transactions as columns: a customer index into `customerIds`, the day number (days since
 * 1970-01-01) and the amount per purchase. The CSV reader's `TransactionColumns` has this shape,
 * and it skips the one costly step of `summariseColumns` (a map lookup per row).
 */
export interface IndexedTransactions {
  readonly customerIds: readonly string[];
  readonly customer: Int32Array;
  readonly day: Int32Array;
  readonly amount: Float64Array;
}

/**
 * Rows as indexed transactions: customers numbered in the order of their first row, days as day
 * numbers. Rows may come in any order.
 */
export function indexTransactions(rows: readonly TransactionRow[]): IndexedTransactions {
  const index = new Map<string, number>();
  const ids: string[] = [];
  const n = rows.length;
  const customer = new Int32Array(n);
  const day = new Int32Array(n);
  const amount = new Float64Array(n);
  let kept = 0;
  let lastDate = '';
  let lastDay = 0;
  let lastId: string | null = null;
  let lastCustomer = 0;
  for (let i = 0; i < n; i++) {
    const row = rows[i];
    if (row === undefined) continue;
    // Files usually list a customer's rows (or a day's rows) together: reuse the last answers.
    if (row.date !== lastDate) {
      lastDate = row.date;
      lastDay = dayNumber(row.date);
    }
    let k = lastCustomer;
    if (row.customerId !== lastId) {
      const known = index.get(row.customerId);
      if (known === undefined) {
        k = ids.length;
        index.set(row.customerId, k);
        ids.push(row.customerId);
      } else k = known;
      lastId = row.customerId;
      lastCustomer = k;
    }
    customer[kept] = k;
    day[kept] = lastDay;
    amount[kept] = row.amount;
    kept++;
  }
  return {
    customerIds: ids,
    customer: customer.subarray(0, kept),
    day: day.subarray(0, kept),
    amount: amount.subarray(0, kept),
  };
}

/**
 * Builds the columnar summary. Rows may come in any order; customers come out in the order of
 * their first row.
 */
export function summariseColumns(
  rows: readonly TransactionRow[],
  options: SummaryOptions,
): SummaryColumns {
  return summariseIndexed(indexTransactions(rows), options);
}

/**
 * The summary of indexed transactions: a counting sort by customer, then each customer's days
 * sorted in place (insertion sort, linear for rows already in date order) and walked once.
 * Customers come out in index order; those without a purchase up to the calibration end are left out.
 */
export function summariseIndexed(
  transactions: IndexedTransactions,
  options: SummaryOptions,
): SummaryColumns {
  const { unit } = options;
  const perUnit = DAYS_PER_UNIT[unit];
  const calEnd = dayNumber(options.calibrationEnd);
  const holdEnd = options.holdoutEnd === undefined ? calEnd : dayNumber(options.holdoutEnd);
  if (holdEnd < calEnd) throw new RangeError('The holdout must end after the calibration end.');
  const ids = transactions.customerIds;
  const rowCustomer = transactions.customer;
  const rowDay = transactions.day;
  const rowAmount = transactions.amount;
  const kept = rowCustomer.length;

  // Counting sort of the kept rows by customer.
  const nc = ids.length;
  const start = new Int32Array(nc + 1);
  for (let i = 0; i < kept; i++) {
    if ((rowDay[i] ?? 0) > holdEnd) continue; // after the holdout: not used
    const k = (rowCustomer[i] ?? 0) + 1;
    start[k] = (start[k] ?? 0) + 1;
  }
  for (let k = 0; k < nc; k++) start[k + 1] = (start[k + 1] ?? 0) + (start[k] ?? 0);
  const fill = start.slice(0, nc);
  const days = new Int32Array(kept);
  const amounts = new Float64Array(kept);
  for (let i = 0; i < kept; i++) {
    if ((rowDay[i] ?? 0) > holdEnd) continue;
    const k = rowCustomer[i] ?? 0;
    const at = fill[k] ?? 0;
    fill[k] = at + 1;
    days[at] = rowDay[i] ?? 0;
    amounts[at] = rowAmount[i] ?? 0;
  }

  // Pass 2: per customer, days in order, same-day purchases merged.
  const outIds: string[] = [];
  const firstDay = new Int32Array(nc);
  const x = new Float64Array(nc);
  const tx = new Float64Array(nc);
  const T = new Float64Array(nc);
  const m = new Float64Array(nc);
  const firstSpend = new Float64Array(nc);
  const holdoutX = new Float64Array(nc);
  const holdoutSpend = new Float64Array(nc);
  let out = 0;
  for (let k = 0; k < nc; k++) {
    const lo = start[k] ?? 0;
    const hi = start[k + 1] ?? 0;
    if (lo === hi) continue; // every purchase after the holdout
    sortByDay(days, amounts, lo, hi);
    const first = days[lo] ?? 0;
    if (first > calEnd) continue; // first bought in the holdout: not in the calibration base
    let repeats = 0;
    let repeatSpend = 0;
    let last = first;
    let spendFirst = 0;
    let hx = 0;
    let hs = 0;
    let prev = Number.NaN;
    for (let i = lo; i < hi; i++) {
      const d = days[i] ?? 0;
      const a = amounts[i] ?? 0;
      const newDay = d !== prev;
      prev = d;
      if (d === first) spendFirst += a;
      else if (d <= calEnd) {
        if (newDay) repeats++;
        repeatSpend += a;
        last = d;
      } else {
        if (newDay) hx++;
        hs += a;
      }
    }
    outIds.push(ids[k] ?? '');
    firstDay[out] = first;
    x[out] = repeats;
    tx[out] = (last - first) / perUnit;
    T[out] = (calEnd - first) / perUnit;
    m[out] = repeats > 0 ? repeatSpend / repeats : 0;
    firstSpend[out] = spendFirst;
    holdoutX[out] = hx;
    holdoutSpend[out] = hs;
    out++;
  }
  return {
    unit,
    calibrationEnd: options.calibrationEnd,
    holdoutEnd: options.holdoutEnd ?? null,
    holdoutLength: (holdEnd - calEnd) / perUnit,
    customerIds: outIds,
    firstDay: firstDay.slice(0, out),
    x: x.slice(0, out),
    tx: tx.slice(0, out),
    T: T.slice(0, out),
    m: m.slice(0, out),
    firstSpend: firstSpend.slice(0, out),
    holdoutX: holdoutX.slice(0, out),
    holdoutSpend: holdoutSpend.slice(0, out),
  };
}

/** Insertion sort of days[lo, hi) carrying the amounts along: linear when already in order. */
function sortByDay(days: Int32Array, amounts: Float64Array, lo: number, hi: number): void {
  for (let i = lo + 1; i < hi; i++) {
    const d = days[i] ?? 0;
    if (d >= (days[i - 1] ?? 0)) continue;
    const a = amounts[i] ?? 0;
    let j = i - 1;
    while (j >= lo && (days[j] ?? 0) > d) {
      days[j + 1] = days[j] ?? 0;
      amounts[j + 1] = amounts[j] ?? 0;
      j--;
    }
    days[j + 1] = d;
    amounts[j + 1] = a;
  }
}

/** The summary as one object per customer (for display, tests and small data). */
export function summarise(
  rows: readonly TransactionRow[],
  options: SummaryOptions,
): CustomerSummary[] {
  const s = summariseColumns(rows, options);
  return s.customerIds.map((customerId, i) => ({
    customerId,
    unit: s.unit,
    firstPurchase: dateOfDay(s.firstDay[i] ?? 0),
    frequency: s.x[i] ?? 0,
    recency: s.tx[i] ?? 0,
    age: s.T[i] ?? 0,
    monetaryValue: s.m[i] ?? 0,
    firstSpend: s.firstSpend[i] ?? 0,
    holdoutFrequency: s.holdoutX[i] ?? 0,
    holdoutSpend: s.holdoutSpend[i] ?? 0,
  }));
}
