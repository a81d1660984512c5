// How numbers, money and instants read everywhere: one locale, Paris time stated, tabular figures.
const TIME_ZONE = 'Europe/Paris';
const LOCALE = 'en-GB';

const moneyFormats = new Map<string, Intl.NumberFormat>();
/** Integer cents in their currency: 10032, EUR → €100.32. */
export function formatMoney(cents: number, currency: string): string {
  let format = moneyFormats.get(currency);
  if (!format) {
    format = new Intl.NumberFormat(LOCALE, { style: 'currency', currency });
    moneyFormats.set(currency, format);
  }
  return format.format(cents / 100);
}

const integer = new Intl.NumberFormat(LOCALE);
export function formatCount(n: number): string {
  return integer.format(n);
}

const percent = new Intl.NumberFormat(LOCALE, {
  style: 'percent',
  minimumFractionDigits: 1,
  maximumFractionDigits: 1,
});
/** A fraction as a percentage to one decimal: 0.1234 → "12.3%". */
export function formatPercent(fraction: number): string {
  return percent.format(fraction);
}

const dateTime = new Intl.DateTimeFormat(LOCALE, {
  timeZone: TIME_ZONE,
  day: '2-digit',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
});
const dateOnly = new Intl.DateTimeFormat(LOCALE, {
  timeZone: TIME_ZONE,
  day: '2-digit',
  month: 'short',
  year: 'numeric',
});
const calendarDate = new Intl.DateTimeFormat(LOCALE, {
  timeZone: 'UTC',
  day: '2-digit',
  month: 'short',
  year: 'numeric',
});

/** An instant in Paris time: "01 Oct 2026, 17:00". */
export function formatDateTime(iso: string): string {
  return dateTime.format(new Date(iso));
}
/** The Paris calendar day of an instant: "01 Oct 2026". */
export function formatDay(iso: string): string {
  return dateOnly.format(new Date(iso));
}
/** A calendar date (no time, no zone): "1980-04-02" → "02 Apr 1980". */
export function formatCalendarDate(isoDate: string): string {
  return calendarDate.format(new Date(`${isoDate}T00:00:00Z`));
}

export const TIME_ZONE_LABEL = 'Paris time';

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
