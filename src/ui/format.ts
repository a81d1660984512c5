// How numbers, money and instants read everywhere: in the locale of the user's language (French
// by default: « 1 234,56 € », « 12,5 % », « 16 nov. 2026 »), Paris time stated, tabular figures.
// The language provider (i18n/I18nProvider.tsx) sets the locale before the app renders and
// re-renders the app when it changes.
import { DEFAULT_LANGUAGE, localeOf, type Language } from './i18n/languages.ts';

const TIME_ZONE = 'Europe/Paris';

interface Formats {
  money: Map<string, Intl.NumberFormat>;
  integer: Intl.NumberFormat;
  decimal: Map<number, Intl.NumberFormat>;
  percent: Intl.NumberFormat;
  dateTime: Intl.DateTimeFormat;
  dateOnly: Intl.DateTimeFormat;
  calendarDate: Intl.DateTimeFormat;
  collator: Intl.Collator;
}

function formatsFor(locale: string): Formats {
  const day = { day: 'numeric', month: 'short', year: 'numeric' } as const;
  return {
    money: new Map(),
    integer: new Intl.NumberFormat(locale),
    decimal: new Map(),
    percent: new Intl.NumberFormat(locale, {
      style: 'percent',
      minimumFractionDigits: 1,
      maximumFractionDigits: 1,
    }),
    dateTime: new Intl.DateTimeFormat(locale, {
      timeZone: TIME_ZONE,
      ...day,
      hour: '2-digit',
      minute: '2-digit',
    }),
    dateOnly: new Intl.DateTimeFormat(locale, { timeZone: TIME_ZONE, ...day }),
    calendarDate: new Intl.DateTimeFormat(locale, { timeZone: 'UTC', ...day }),
    collator: new Intl.Collator(locale, { sensitivity: 'base', numeric: true }),
  };
}

let language: Language = DEFAULT_LANGUAGE;
let formats = formatsFor(localeOf(language));

/** The language numbers and dates are written in from now on. */
export function setFormatLanguage(next: Language): void {
  if (next === language) return;
  language = next;
  formats = formatsFor(localeOf(next));
}

/** Integer cents in their currency: 10032, EUR → « 100,32 € » (en: €100.32). */
export function formatMoney(cents: number, currency: string): string {
  let format = formats.money.get(currency);
  if (!format) {
    format = new Intl.NumberFormat(localeOf(language), { style: 'currency', currency });
    formats.money.set(currency, format);
  }
  return format.format(cents / 100);
}

/** A whole number with the locale's grouping: « 1 234 » (en: 1,234). */
export function formatCount(n: number): string {
  return formats.integer.format(n);
}

/** A number to a fixed number of decimals: 60086.4, 1 → « 60 086,4 » (en: 60,086.4). */
export function formatDecimal(n: number, digits: number): string {
  let format = formats.decimal.get(digits);
  if (!format) {
    format = new Intl.NumberFormat(localeOf(language), {
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
    });
    formats.decimal.set(digits, format);
  }
  return format.format(n);
}

/**
 * A number as typed in a box, in the user's language: the decimal comma in French, no grouping
 * unless `grouped` (for messages): 1234.5 → « 1234,5 » (« 1 234,5 » grouped; en: 1234.5).
 */
export function formatDecimalInput(n: number, grouped = false): string {
  return new Intl.NumberFormat(localeOf(language), {
    maximumFractionDigits: 10,
    useGrouping: grouped,
  }).format(n);
}

const BYTE_UNITS = ['byte', 'kilobyte', 'megabyte', 'gigabyte'] as const;

/** A size in bytes, in the largest unit under 1 000 to one decimal: « 12,4 Mo » (en: 12.4 MB). */
export function formatBytes(bytes: number): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < BYTE_UNITS.length - 1) {
    value /= 1000;
    unit += 1;
  }
  return new Intl.NumberFormat(localeOf(language), {
    style: 'unit',
    unit: BYTE_UNITS[unit] ?? 'byte',
    // « 29 octets », « 29 bytes »: the short form of a byte is « 29 byte » in English.
    unitDisplay: unit === 0 ? 'long' : 'short',
    maximumFractionDigits: unit === 0 ? 0 : 1,
  }).format(value);
}

/** A fraction as a percentage to one decimal: 0.1234 → « 12,3 % » (en: 12.3%). */
export function formatPercent(fraction: number): string {
  return formats.percent.format(fraction);
}

/** A calendar month "2026-03" as read: « mars 2026 » (en: Mar 2026). */
export function formatMonth(month: string): string {
  const date = new Date(`${month}-01T00:00:00.000Z`);
  if (Number.isNaN(date.getTime())) return month;
  return new Intl.DateTimeFormat(localeOf(language), {
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(date);
}

/** An instant in Paris time: « 1 oct. 2026, 17:00 » (en: 1 Oct 2026, 17:00). */
export function formatDateTime(iso: string): string {
  return formats.dateTime.format(new Date(iso));
}
/** The Paris calendar day of an instant: « 1 oct. 2026 ». */
export function formatDay(iso: string): string {
  return formats.dateOnly.format(new Date(iso));
}
/** A calendar date (no time, no zone): "1980-04-02" → « 2 avr. 1980 ». */
export function formatCalendarDate(isoDate: string): string {
  return formats.calendarDate.format(new Date(`${isoDate}T00:00:00Z`));
}

/** Codes whose usual spelling is not plain capitalisation. */
const spelled: Record<string, string> = {
  sms: 'SMS',
  dvd: 'DVD',
  blu_ray: 'Blu-ray',
  '4k': '4K',
  '4k_uhd': '4K UHD',
  cd: 'CD',
  ps4: 'PS4',
  ps5: 'PS5',
  xbox: 'Xbox',
  pc: 'PC',
  hifi: 'Hi-fi',
  sku: 'SKU',
  id: 'ID',
};

/** snake_case codes as words: call_centre → Call centre, blu_ray → Blu-ray. */
export function humanize(code: string): string {
  const known = spelled[code.toLowerCase()];
  if (known !== undefined) return known;
  const words = code.replaceAll('_', ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** Orders names as the language does (accents, case and digits: « Été 2 » before « été 10 »). */
export function compareLabels(a: string, b: string): number {
  return formats.collator.compare(a, b);
}
