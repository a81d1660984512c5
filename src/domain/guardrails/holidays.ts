// French public holidays for any year, which quiet hours keep free of marketing: the eleven
// national days (Easter's by the anonymous Gregorian algorithm, the movable ones counted from it),
// and Good Friday and 26 December in Alsace-Moselle (Moselle, Bas-Rhin, Haut-Rhin: postcodes 57,
// 67, 68), where local law keeps them. Days are ISO calendar dates, read on the recipient's wall
// clock by the caller.
import { compareText } from '../compare.ts';

/** Holiday codes, as verdicts carry them; never renamed. */
export const publicHolidayCodes = [
  'new_year',
  'good_friday',
  'easter_monday',
  'labour_day',
  'victory_in_europe',
  'ascension',
  'whit_monday',
  'bastille_day',
  'assumption',
  'all_saints',
  'armistice',
  'christmas',
  'st_stephen',
] as const;
export type PublicHolidayCode = (typeof publicHolidayCodes)[number];

export interface PublicHoliday {
  /** `2026-04-06`. */
  date: string;
  holiday: PublicHolidayCode;
}

const DAY_MS = 86_400_000;

const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** Midnight UTC of Easter Sunday (anonymous Gregorian algorithm, a.k.a. Meeus/Jones/Butcher). */
function easterMs(year: number): number {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const n = h + l - 7 * m + 114;
  return Date.UTC(year, Math.floor(n / 31) - 1, (n % 31) + 1);
}

/** Easter Sunday of a Gregorian year: `2026-04-05`. */
export function easterSunday(year: number): string {
  return isoDay(easterMs(year));
}

/** Whether a French postcode is in Alsace-Moselle, where Good Friday and 26 December are off. */
export function isAlsaceMoselle(postcode: string | null): boolean {
  return postcode !== null && /^\s*(57|67|68)\d{3}\s*$/.test(postcode);
}

/** A year's public holidays, by date; Alsace-Moselle's two more when asked. */
export function frenchPublicHolidays(year: number, alsaceMoselle: boolean): PublicHoliday[] {
  const easter = easterMs(year);
  const fromEaster = (days: number) => isoDay(easter + days * DAY_MS);
  const fixed = (month: number, day: number) => isoDay(Date.UTC(year, month - 1, day));
  const days: PublicHoliday[] = [
    { date: fixed(1, 1), holiday: 'new_year' },
    { date: fromEaster(1), holiday: 'easter_monday' },
    { date: fixed(5, 1), holiday: 'labour_day' },
    { date: fixed(5, 8), holiday: 'victory_in_europe' },
    { date: fromEaster(39), holiday: 'ascension' },
    { date: fromEaster(50), holiday: 'whit_monday' },
    { date: fixed(7, 14), holiday: 'bastille_day' },
    { date: fixed(8, 15), holiday: 'assumption' },
    { date: fixed(11, 1), holiday: 'all_saints' },
    { date: fixed(11, 11), holiday: 'armistice' },
    { date: fixed(12, 25), holiday: 'christmas' },
  ];
  if (alsaceMoselle) {
    days.push({ date: fromEaster(-2), holiday: 'good_friday' });
    days.push({ date: fixed(12, 26), holiday: 'st_stephen' });
  }
  // Ascension can fall on 1 or 8 May (2008: 1 May): both are listed; the fixed day comes first.
  return days.sort((a, b) => compareText(a.date, b.date));
}

/** The holiday on a calendar day (`2026-12-25`), or null. */
export function publicHolidayOn(date: string, alsaceMoselle: boolean): PublicHolidayCode | null {
  const year = Number(date.slice(0, 4));
  return frenchPublicHolidays(year, alsaceMoselle).find((h) => h.date === date)?.holiday ?? null;
}
