/**
 * How one line of a transactions file becomes fields and values: dates and amounts checked and
 * parsed, CSV records split (RFC 4180 quoting, records spanning lines), CDNOW lines split on
 * whitespace, and each record fingerprinted so exact duplicates can be found when settling.
 * Everything here works on one line or record and allocates as little as it can.
 */
import { dayNumber } from './summary.ts';

// ---------------------------------------------------------------------------------------------
// Dates and amounts

export function digitsAt(s: string, start: number, count: number): number {
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
  return decimals === EMPTY_AMOUNT ? 'amount is empty' : notAnAmount(text);
}

/** What `amountDecimals` returns for an empty amount. */
export const EMPTY_AMOUNT = -2;

export function notAnAmount(text: string): string {
  return `amount "${text}" is not a number with a dot decimal (such as 12.50)`;
}

/** Decimals of a well-formed amount; -1 when malformed, EMPTY_AMOUNT when empty. Allocates nothing. */
export function amountDecimals(text: string): number {
  if (text === '') return EMPTY_AMOUNT;
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

export function trimBlanks(s: string): string {
  let start = 0;
  let end = s.length;
  while (start < end && (s.charCodeAt(start) === 32 || s.charCodeAt(start) === 9)) start += 1;
  while (end > start && (s.charCodeAt(end - 1) === 32 || s.charCodeAt(end - 1) === 9)) end -= 1;
  return start === 0 && end === s.length ? s : s.slice(start, end);
}

/** Spaces and tabs only, or (`commas`) also commas: the empty rows spreadsheets export. */
export function isBlank(s: string, commas = false): boolean {
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
export function insideQuotesAfter(line: string, inQuotes: boolean): boolean {
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
export function splitCsvRecord(record: string): string[] | string {
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
export function splitWhitespace(line: string): string[] {
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
export function hashFields(fields: readonly string[], out: Int32Array): void {
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
