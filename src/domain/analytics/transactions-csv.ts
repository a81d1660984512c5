/**
 * Reads a transactions file for the lifetime-value models: a CSV (`customer_id,date,amount` by
 * default, RFC 4180 quoting) or the raw CDNOW text format. A malformed file fails with the line
 * number and what is wrong; the oddities of real files (zero amounts, returns, duplicate lines,
 * several orders on one day, blank lines) are handled by fixed rules and counted in a report.
 * Lines are read one at a time (`createTransactionsReader`), so a caller can stream a large file;
 * the rules are in docs/decisions/009-rfm-and-validation.md. Output rows are the summary's
 * `TransactionRow`s (amounts never negative: returns are already subtracted), or its
 * `IndexedTransactions` columns, and days are numbered as the summary numbers them. This module
 * reads lines into records; transactions-fields.ts splits and parses a line, and
 * transactions-settle.ts applies the rules.
 */
import { dateOfDay, type TransactionRow } from './summary.ts';
import {
  EMPTY_AMOUNT,
  amountDecimals,
  digitsAt,
  hashFields,
  insideQuotesAfter,
  isBlank,
  notAnAmount,
  parseDay,
  splitCsvRecord,
  splitWhitespace,
  trimBlanks,
} from './transactions-fields.ts';
import {
  RecordColumns,
  settle,
  type TransactionColumns,
  type TransactionsReport,
} from './transactions-settle.ts';

export { parseAmount, parseDay } from './transactions-fields.ts';
export type { TransactionColumns, TransactionsReport } from './transactions-settle.ts';

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

export interface TransactionsFile {
  /** In the file's order. */
  readonly transactions: TransactionRow[];
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
// The reader

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
  const rows = new RecordColumns();
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
    if (decimals < 0)
      fail(line, decimals === EMPTY_AMOUNT ? 'amount is empty' : notAnAmount(amountText));
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
