/**
 * Reads a transactions file for the lifetime-value models: a CSV (`customer_id,date,amount` by
 * default, RFC 4180 quoting) or the raw CDNOW text format. A malformed file fails with the line
 * number and what is wrong; the oddities of real files (zero amounts, returns, duplicate lines,
 * several orders on one day, blank lines) are handled by fixed rules and counted in a report.
 * Lines are read one at a time (`createTransactionsReader`), so a caller can stream a large file;
 * the rules are in docs/decisions/009-rfm-and-validation.md. Output rows are the summary's
 * `TransactionRow`s (amounts never negative: returns are already subtracted), or its
 * `IndexedTransactions` columns, and days are numbered as the summary numbers them.
 */
import { dateOfDay, dayNumber, type IndexedTransactions, type TransactionRow } from './summary.ts';

/** Header names of the three columns, when a file calls them otherwise. */
export interface TransactionColumnNames {
  readonly customer?: string;
  readonly date?: string;
  readonly amount?: string;
}

export interface TransactionsOptions {
  /**
   * `csv` (default): a header line, then comma-separated records. `cdnow`: no header (a first
   * line without a digit is skipped as one), whitespace-separated `master_id sample_id yyyymmdd
   * number_of_cds dollar_value` (the sample_id is the customer), or the master file's
   * `customer_id yyyymmdd number_of_cds dollar_value`.
   */
  readonly format?: 'csv' | 'cdnow';
  readonly columns?: TransactionColumnNames;
  /**
   * Exact duplicate records: `keep` (default; two identical orders on one day are
   * indistinguishable from a doubled line, and the published CDNOW figures keep them) or `drop`
   * (all but the first). Counted either way.
   */
  readonly duplicates?: 'keep' | 'drop';
}

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

export interface TransactionsFile {
  /** In the file's order. */
  readonly transactions: TransactionRow[];
  readonly report: TransactionsReport;
}

/**
 * The same purchases as columns (`summariseIndexed` reads them as they are). `customerIds` holds
 * every customer id read, in order of first appearance, some of whom may have only returns.
 */
export interface TransactionColumns extends IndexedTransactions {
  readonly report: TransactionsReport;
}

export class TransactionsFileError extends Error {
  readonly line: number;
  readonly problem: string;
  constructor(line: number, problem: string) {
    super(`Line ${line}: ${problem}`);
    this.name = 'TransactionsFileError';
    this.line = line;
    this.problem = problem;
  }
}

export interface TransactionsReader {
  /** One physical line, without its line break (a trailing `\r` is dropped). */
  readLine(line: string): void;
  finish(): TransactionsFile;
  finishColumns(): TransactionColumns;
}

const DEFAULT_COLUMNS = { customer: 'customer_id', date: 'date', amount: 'amount' } as const;
/** A quoted field still open after this many lines is a missing closing quote, not a note. */
const MAX_LINES_IN_A_RECORD = 1000;

// ---------------------------------------------------------------------------------------------
// Dates and amounts

function digitsAt(s: string, start: number, count: number): number {
  let value = 0;
  for (let i = start; i < start + count; i += 1) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    value = value * 10 + c;
  }
  return value;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Day number of `YYYY-MM-DD` or `YYYYMMDD`, or a sentence saying what is wrong. */
export function parseDay(text: string): number | string {
  const dashed = text.length === 10 && text[4] === '-' && text[7] === '-';
  if (!dashed && text.length !== 8) return `date "${text}" is not YYYY-MM-DD or YYYYMMDD`;
  const year = digitsAt(text, 0, 4);
  const month = digitsAt(text, dashed ? 5 : 4, 2);
  const day = digitsAt(text, dashed ? 8 : 6, 2);
  if (year < 0 || month < 0 || day < 0) return `date "${text}" is not YYYY-MM-DD or YYYYMMDD`;
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    return `date "${text}" is not a calendar date`;
  }
  return dayNumber(dashed ? text : `${text.slice(0, 4)}-${text.slice(4, 6)}-${text.slice(6)}`);
}

/**
 * An amount with an optional sign and a dot decimal (`12`, `-3.5`, `.99`), as a number and its
 * count of decimals; or a sentence saying what is wrong. No exponent, no thousands separator.
 */
export function parseAmount(text: string): { value: number; decimals: number } | string {
  const decimals = amountDecimals(text);
  if (decimals >= 0) return { value: Number(text), decimals };
  return decimals === EMPTY ? 'amount is empty' : notAnAmount(text);
}

const EMPTY = -2;

function notAnAmount(text: string): string {
  return `amount "${text}" is not a number with a dot decimal (such as 12.50)`;
}

/** Decimals of a well-formed amount; -1 when malformed, EMPTY when empty. Allocates nothing. */
function amountDecimals(text: string): number {
  if (text === '') return EMPTY;
  let i = text[0] === '-' || text[0] === '+' ? 1 : 0;
  let digits = 0;
  let decimals = -1;
  for (; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      digits += 1;
      if (decimals >= 0) decimals += 1;
    } else if (c === 46 && decimals < 0) {
      decimals = 0;
    } else {
      return -1;
    }
  }
  return digits === 0 ? -1 : Math.max(decimals, 0);
}

// ---------------------------------------------------------------------------------------------
// Records

function trimBlanks(s: string): string {
  let start = 0;
  let end = s.length;
  while (start < end && (s.charCodeAt(start) === 32 || s.charCodeAt(start) === 9)) start += 1;
  while (end > start && (s.charCodeAt(end - 1) === 32 || s.charCodeAt(end - 1) === 9)) end -= 1;
  return start === 0 && end === s.length ? s : s.slice(start, end);
}

/** Spaces and tabs only, or (`commas`) also commas: the empty rows spreadsheets export. */
function isBlank(s: string, commas = false): boolean {
  for (let i = 0; i < s.length; i += 1) {
    const c = s.charCodeAt(i);
    if (c !== 32 && c !== 9 && !(commas && c === 44)) return false;
  }
  return true;
}

/**
 * Whether a CSV record is still inside a quoted field at the end of `line`, given that it was
 * (`inQuotes`) at its start. Linear: each line is scanned once, however long the record.
 */
function insideQuotesAfter(line: string, inQuotes: boolean): boolean {
  let i = 0;
  let atFieldStart = !inQuotes;
  let quoted = inQuotes;
  while (i < line.length) {
    if (quoted) {
      const close = line.indexOf('"', i);
      if (close < 0) return true;
      if (line.charCodeAt(close + 1) === 34) {
        i = close + 2;
      } else {
        quoted = false;
        atFieldStart = false;
        i = close + 1;
      }
    } else if (atFieldStart && line.charCodeAt(i) === 34) {
      quoted = true;
      i += 1;
    } else {
      const comma = line.indexOf(',', i);
      if (comma < 0) return false;
      atFieldStart = true;
      i = comma + 1;
    }
  }
  return quoted;
}

/**
 * The fields of one complete CSV record. A field is quoted when it starts with a quote (then `""`
 * is a quote and the field may hold commas and line breaks); a quote inside an unquoted field is
 * kept as it is. Text between a closing quote and the next comma is an error.
 */
function splitCsvRecord(record: string): string[] | string {
  if (record.indexOf('"') < 0) return record.split(',');
  const fields: string[] = [];
  let i = 0;
  for (;;) {
    if (record.charCodeAt(i) === 34) {
      let value = '';
      let from = i + 1;
      for (;;) {
        const close = record.indexOf('"', from);
        if (close < 0) return `field ${fields.length + 1} opens a quote that never closes`;
        value += record.slice(from, close);
        if (record.charCodeAt(close + 1) === 34) {
          value += '"';
          from = close + 2;
        } else {
          i = close + 1;
          break;
        }
      }
      fields.push(value);
      if (i === record.length) return fields;
      if (record.charCodeAt(i) !== 44) {
        return `field ${fields.length} has text after its closing quote`;
      }
      i += 1;
    } else {
      const comma = record.indexOf(',', i);
      if (comma < 0) {
        fields.push(record.slice(i));
        return fields;
      }
      fields.push(record.slice(i, comma));
      i = comma + 1;
    }
  }
}

/** Whitespace-separated fields (spaces and tabs), as the CDNOW files are written. */
function splitWhitespace(line: string): string[] {
  const fields: string[] = [];
  let i = 0;
  const n = line.length;
  while (i < n) {
    while (i < n && (line.charCodeAt(i) === 32 || line.charCodeAt(i) === 9)) i += 1;
    if (i >= n) break;
    const start = i;
    while (i < n && line.charCodeAt(i) !== 32 && line.charCodeAt(i) !== 9) i += 1;
    fields.push(line.slice(start, i));
  }
  return fields;
}

/**
 * Two independent 32-bit hashes of a record's fields, written to `out`, so exact duplicates can
 * be found later (a false match needs both hashes and the amount to agree on one customer-day).
 */
function hashFields(fields: readonly string[], out: Int32Array): void {
  let a = 0x811c9dc5;
  let b = 0x9747b28c;
  for (const field of fields) {
    for (let i = 0; i < field.length; i += 1) {
      const c = field.charCodeAt(i);
      a = Math.imul(a ^ c, 0x01000193);
      b = Math.imul(b ^ c, 0x5bd1e995);
      b ^= b >>> 15;
    }
    // A separator no UTF-16 unit can equal, so ["ab", "c"] and ["a", "bc"] differ.
    a = Math.imul(a ^ 0x10000, 0x01000193);
    b = Math.imul(b ^ 0x10000, 0x5bd1e995);
    b ^= b >>> 15;
  }
  out[0] = a;
  out[1] = b;
}

// ---------------------------------------------------------------------------------------------
// The reader

class GrowingColumns {
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

interface Layout {
  readonly fieldCount: number;
  readonly customer: number;
  readonly date: number;
  readonly amount: number;
  /** CDNOW: the number-of-CDs field, checked to be a whole number. */
  readonly units: number | null;
}

function findColumn(header: readonly string[], name: string): number {
  const exact = header.indexOf(name);
  if (exact >= 0) return exact;
  const lower = name.toLowerCase();
  return header.findIndex((h) => h.toLowerCase() === lower);
}

function csvLayout(header: readonly string[], names: TransactionColumnNames): Layout | string {
  const trimmed = header.map(trimBlanks);
  const wanted = { ...DEFAULT_COLUMNS, ...names };
  const roles = ['customer', 'date', 'amount'] as const;
  const found = roles.map((role) => findColumn(trimmed, wanted[role]));
  const missing = roles.filter((_, k) => found[k] === -1);
  if (missing.length > 0) {
    const list = missing.map((role) => `"${wanted[role]}" (${role})`).join(', ');
    return `the header has no column ${list}; its columns are ${trimmed.map((h) => `"${h}"`).join(', ')}. The first line must be a header; map other names with the column options`;
  }
  const [customer = 0, date = 0, amount = 0] = found;
  if (new Set(found).size < 3)
    return 'the customer, date and amount columns must be three different columns';
  return { fieldCount: header.length, customer, date, amount, units: null };
}

/** A reader for one file: feed it every line in order, then call `finish`. */
export function createTransactionsReader(options: TransactionsOptions = {}): TransactionsReader {
  const format = options.format ?? 'csv';
  const names = options.columns ?? {};
  const dropDuplicates = options.duplicates === 'drop';
  const rows = new GrowingColumns();
  const customerIndex = new Map<string, number>();
  const customerIds: string[] = [];
  // Files are often sorted by customer: the previous line's customer skips the map lookup.
  let lastCustomerId = '';
  let lastCustomer = -1;
  const hash = new Int32Array(2);
  let lineNumber = 0;
  let blankLines = 0;
  let layout: Layout | null = null;
  let maxDecimals = 0;
  // A CSV record spanning lines (a quoted line break): its text so far and first line.
  let pending: string | null = null;
  let pendingStart = 0;
  let finished = false;

  function fail(line: number, problem: string): never {
    throw new TransactionsFileError(line, problem);
  }

  function record(fields: readonly string[], line: number): void {
    if (layout === null) throw new Error('Internal: a record before the layout.');
    if (fields.length !== layout.fieldCount) {
      const expected = format === 'csv' ? 'the header has' : 'CDNOW lines here have';
      fail(line, `${fields.length} fields where ${expected} ${layout.fieldCount}`);
    }
    const customerId = trimBlanks(fields[layout.customer] ?? '');
    if (customerId === '') fail(line, 'the customer id is empty');
    const day = parseDay(trimBlanks(fields[layout.date] ?? ''));
    if (typeof day === 'string') fail(line, day);
    const amountText = trimBlanks(fields[layout.amount] ?? '');
    const decimals = amountDecimals(amountText);
    if (decimals < 0) fail(line, decimals === EMPTY ? 'amount is empty' : notAnAmount(amountText));
    if (layout.units !== null) {
      const units = fields[layout.units] ?? '';
      if (digitsAt(units, 0, units.length) < 0 || units === '') {
        fail(line, `number of CDs "${units}" is not a whole number`);
      }
    }
    if (decimals > maxDecimals) maxDecimals = Math.min(decimals, 9);
    let customer = lastCustomer;
    if (customerId !== lastCustomerId || customer < 0) {
      customer = customerIndex.get(customerId) ?? -1;
      if (customer < 0) {
        customer = customerIds.length;
        customerIndex.set(customerId, customer);
        customerIds.push(customerId);
      }
      lastCustomerId = customerId;
      lastCustomer = customer;
    }
    const amount = Number(amountText);
    hashFields(fields, hash);
    rows.push(customer, day, amount === 0 ? 0 : amount, hash);
  }

  function csvLine(line: string, at: number): void {
    if (pending === null && line.indexOf('"') < 0) {
      if (isBlank(line, true)) {
        blankLines += 1;
        return;
      }
      const fields = line.split(',');
      if (layout === null) {
        const found = csvLayout(fields, names);
        if (typeof found === 'string') fail(at, found);
        layout = found;
      } else record(fields, at);
      return;
    }
    const start = pending === null ? at : pendingStart;
    const text = pending === null ? line : `${pending}\n${line}`;
    if (insideQuotesAfter(line, pending !== null)) {
      if (at - start + 1 >= MAX_LINES_IN_A_RECORD) {
        fail(
          start,
          `a quoted field opened here is still open ${MAX_LINES_IN_A_RECORD} lines later (a missing closing quote?)`,
        );
      }
      pending = text;
      pendingStart = start;
      return;
    }
    pending = null;
    const fields = splitCsvRecord(text);
    if (typeof fields === 'string') fail(start, fields);
    if (layout === null) {
      const found = csvLayout(fields, names);
      if (typeof found === 'string') fail(start, found);
      layout = found;
    } else record(fields, start);
  }

  function cdnowLine(line: string, at: number): void {
    if (isBlank(line)) {
      blankLines += 1;
      return;
    }
    const fields = splitWhitespace(line);
    if (layout === null) {
      if (!/\d/.test(line)) return; // a header line (the master file has one): no digit at all
      if (fields.length === 5)
        layout = { fieldCount: 5, customer: 1, date: 2, amount: 4, units: 3 };
      else if (fields.length === 4)
        layout = { fieldCount: 4, customer: 0, date: 1, amount: 3, units: 2 };
      else {
        fail(
          at,
          `${fields.length} fields where CDNOW lines have 5 (master_id sample_id yyyymmdd number_of_cds dollar_value) or 4 (customer_id yyyymmdd number_of_cds dollar_value)`,
        );
      }
    }
    record(fields, at);
  }

  function readLine(raw: string): void {
    if (finished) throw new Error('This reader has finished: create another one.');
    lineNumber += 1;
    let line = raw.charCodeAt(raw.length - 1) === 13 ? raw.slice(0, -1) : raw;
    if (lineNumber === 1 && line.charCodeAt(0) === 0xfeff) line = line.slice(1);
    if (format === 'cdnow') cdnowLine(line, lineNumber);
    else csvLine(line, lineNumber);
  }

  function finishColumns(): TransactionColumns {
    if (finished) throw new Error('This reader has finished already.');
    finished = true;
    if (pending !== null) {
      fail(pendingStart, 'a quoted field opened here never closes');
    }
    if (layout === null && lineNumber === blankLines) {
      const header = Object.values({ ...DEFAULT_COLUMNS, ...names }).join(',');
      fail(
        1,
        format === 'csv'
          ? `the file is empty: expected a header line such as ${header}`
          : 'the file is empty',
      );
    }
    return settle(rows, customerIds, {
      lines: lineNumber,
      blankLines,
      dropDuplicates,
      maxDecimals,
    });
  }

  function finish(): TransactionsFile {
    const columns = finishColumns();
    const dates = new Map<number, string>();
    const transactions: TransactionRow[] = new Array<TransactionRow>(columns.customer.length);
    for (let i = 0; i < columns.customer.length; i += 1) {
      const day = columns.day[i] ?? 0;
      let date = dates.get(day);
      if (date === undefined) {
        date = dateOfDay(day);
        dates.set(day, date);
      }
      transactions[i] = {
        customerId: columns.customerIds[columns.customer[i] ?? 0] ?? '',
        date,
        amount: columns.amount[i] ?? 0,
      };
    }
    return { transactions, report: columns.report };
  }

  return { readLine, finish, finishColumns };
}

/** Reads a whole file held in memory (`\n` or `\r\n` line breaks). */
export function parseTransactions(
  text: string,
  options: TransactionsOptions = {},
): TransactionsFile {
  const reader = createTransactionsReader(options);
  let start = 0;
  while (start < text.length) {
    const end = text.indexOf('\n', start);
    if (end < 0) {
      reader.readLine(text.slice(start));
      break;
    }
    reader.readLine(text.slice(start, end));
    start = end + 1;
  }
  return reader.finish();
}

// ---------------------------------------------------------------------------------------------
// Settling the oddities: duplicates, returns, several orders on one day

/**
 * Positions of the records grouped by customer (counting sort, in the file's order), then by day
 * within a customer (sorted only where the file was not already in date order).
 */
function byCustomerAndDay(rows: GrowingColumns, customers: number): Uint32Array {
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

function sameRecord(rows: GrowingColumns, i: number, j: number): boolean {
  return (
    rows.hashA[i] === rows.hashA[j] &&
    rows.hashB[i] === rows.hashB[j] &&
    rows.amount[i] === rows.amount[j]
  );
}

function settle(
  rows: GrowingColumns,
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
