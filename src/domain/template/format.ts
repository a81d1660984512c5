// Money and dates as a message writes them: French by default (« 1 234,56 € », « 1er février
// 2026 »), instants in Paris time, calendar dates as they are. Words are ours (not the runtime's),
// so a message reads the same whether the server or the browser renders it.
import type { DomainLanguage } from '../language.ts';

const TIME_ZONE = 'Europe/Paris';
const LOCALE: Readonly<Record<DomainLanguage, string>> = { fr: 'fr-FR', en: 'en-GB' };
/** Beyond this, an amount is not money a message would state (and Intl would write exponents). */
const MAX_CENTS = 1e15;

const moneyFormats = new Map<DomainLanguage, Intl.NumberFormat>();

/**
 * Integer cents in euros: 123456 → « 1 234,56 € » (en: « €1,234.56 »); a fraction of a cent is
 * rounded. null for what is not an amount.
 */
export function formatMoney(value: unknown, lang: DomainLanguage): string | null {
  const cents =
    typeof value === 'number'
      ? value
      : typeof value === 'string' && value.trim() !== ''
        ? Number(value)
        : NaN;
  if (!Number.isFinite(cents) || Math.abs(cents) > MAX_CENTS) return null;
  let format = moneyFormats.get(lang);
  if (!format) {
    format = new Intl.NumberFormat(LOCALE[lang], { style: 'currency', currency: 'EUR' });
    moneyFormats.set(lang, format);
  }
  return format.format(Math.round(cents) / 100);
}

const MONTHS: Readonly<Record<DomainLanguage, readonly string[]>> = {
  fr: [
    'janvier',
    'février',
    'mars',
    'avril',
    'mai',
    'juin',
    'juillet',
    'août',
    'septembre',
    'octobre',
    'novembre',
    'décembre',
  ],
  en: [
    'January',
    'February',
    'March',
    'April',
    'May',
    'June',
    'July',
    'August',
    'September',
    'October',
    'November',
    'December',
  ],
};
const SHORT_MONTHS: Readonly<Record<DomainLanguage, readonly string[]>> = {
  fr: [
    'janv.',
    'févr.',
    'mars',
    'avr.',
    'mai',
    'juin',
    'juil.',
    'août',
    'sept.',
    'oct.',
    'nov.',
    'déc.',
  ],
  en: ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'],
};
/** Sunday first, as Date.getUTCDay counts. */
const WEEKDAYS: Readonly<Record<DomainLanguage, readonly string[]>> = {
  fr: ['dimanche', 'lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi'],
  en: ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'],
};
const SHORT_WEEKDAYS: Readonly<Record<DomainLanguage, readonly string[]>> = {
  fr: ['dim.', 'lun.', 'mar.', 'mer.', 'jeu.', 'ven.', 'sam.'],
  en: ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'],
};

/** A day and time on a wall clock. */
interface WallClock {
  year: number;
  /** 1–12 */
  month: number;
  day: number;
  /** 0 = Sunday */
  weekday: number;
  hour: number;
  minute: number;
}

let parisParts: Intl.DateTimeFormat | undefined;

function parisClock(ms: number): WallClock {
  parisParts ??= new Intl.DateTimeFormat('en-GB', {
    timeZone: TIME_ZONE,
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    hourCycle: 'h23',
  });
  const parts = new Map(parisParts.formatToParts(ms).map((p) => [p.type, Number(p.value)]));
  const year = parts.get('year') ?? 1970;
  const month = parts.get('month') ?? 1;
  const day = parts.get('day') ?? 1;
  return {
    year,
    month,
    day,
    weekday: new Date(Date.UTC(year, month - 1, day)).getUTCDay(),
    hour: parts.get('hour') ?? 0,
    minute: parts.get('minute') ?? 0,
  };
}

const CALENDAR_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * The wall clock a value stands for: an ISO calendar date as it is (no time zone moves it), an
 * instant (ISO, or epoch seconds as Liquid counts them) in Paris time, « now » / « today » at `now`.
 */
export function wallClockOf(value: unknown, now: number): WallClock | null {
  if (typeof value === 'number') {
    return Number.isFinite(value) && Math.abs(value) < 1e13 ? parisClock(value * 1000) : null;
  }
  if (typeof value !== 'string') return null;
  const text = value.trim();
  if (text === 'now' || text === 'today') return parisClock(now);
  const calendar = CALENDAR_DATE.exec(text);
  if (calendar) {
    const [year, month, day] = [Number(calendar[1]), Number(calendar[2]), Number(calendar[3])];
    const ms = Date.UTC(year, month - 1, day);
    const check = new Date(ms);
    if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return null;
    return { year, month, day, weekday: check.getUTCDay(), hour: 0, minute: 0 };
  }
  if (!/^\d{4}-\d{2}-\d{2}T/.test(text)) return null;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? null : parisClock(ms);
}

export const DATE_FORMATS = ['long', 'short', 'day_month', 'weekday', 'time', 'datetime'] as const;
export type DateFormat = (typeof DATE_FORMATS)[number];

const two = (n: number) => String(n).padStart(2, '0');

/** The day of the month: French writes the first « 1er ». */
const dayWord = (c: WallClock, lang: DomainLanguage) =>
  lang === 'fr' && c.day === 1 ? '1er' : String(c.day);

function named(c: WallClock, format: DateFormat, lang: DomainLanguage): string {
  const month = MONTHS[lang][c.month - 1] ?? '';
  const time = `${two(c.hour)}:${two(c.minute)}`;
  switch (format) {
    case 'long':
      return `${dayWord(c, lang)} ${month} ${c.year}`;
    case 'short':
      return `${two(c.day)}/${two(c.month)}/${c.year}`;
    case 'day_month':
      return `${dayWord(c, lang)} ${month}`;
    case 'weekday':
      return `${WEEKDAYS[lang][c.weekday] ?? ''} ${dayWord(c, lang)} ${month} ${c.year}`;
    case 'time':
      return time;
    case 'datetime':
      return `${dayWord(c, lang)} ${month} ${c.year} ${lang === 'fr' ? 'à' : 'at'} ${time}`;
  }
}

/** strftime's common directives; any other is kept as written. */
function strftime(c: WallClock, format: string, lang: DomainLanguage): string {
  return format.replace(/%([a-zA-Z%])/g, (whole, directive: string) => {
    switch (directive) {
      case 'd':
        return two(c.day);
      case 'e':
        return String(c.day);
      case 'm':
        return two(c.month);
      case 'Y':
        return String(c.year);
      case 'y':
        return two(c.year % 100);
      case 'B':
        return MONTHS[lang][c.month - 1] ?? '';
      case 'b':
        return SHORT_MONTHS[lang][c.month - 1] ?? '';
      case 'A':
        return WEEKDAYS[lang][c.weekday] ?? '';
      case 'a':
        return SHORT_WEEKDAYS[lang][c.weekday] ?? '';
      case 'H':
        return two(c.hour);
      case 'M':
        return two(c.minute);
      case '%':
        return '%';
      default:
        return whole;
    }
  });
}

const isDateFormat = (f: string): f is DateFormat => DATE_FORMATS.some((d) => d === f);

/** Longest format a template may give `date`: no format needs more, and each costs its length. */
export const MAX_DATE_FORMAT = 100;

/**
 * A date as a message writes it: a named format (`long` by default: « 1er février 2026 »), or a
 * strftime pattern (`%d/%m/%Y`). null for what is not a date, or an unknown format.
 */
export function formatDate(
  value: unknown,
  format: string | undefined,
  lang: DomainLanguage,
  now: number,
): string | null {
  const clock = wallClockOf(value, now);
  if (clock === null) return null;
  const wanted = format ?? 'long';
  if (isDateFormat(wanted)) return named(clock, wanted, lang);
  if (wanted.includes('%') && wanted.length <= MAX_DATE_FORMAT)
    return strftime(clock, wanted, lang);
  return null;
}
