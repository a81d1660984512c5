// How the count panel writes shares and member names.
import { formatPercent } from '../../ui/format.ts';

/** 123 of 1,000 → "12.3%"; nothing of nothing → "–". */
export function share(part: number, whole: number): string {
  return whole > 0 ? formatPercent(part / whole) : '–';
}

/** First and last name as set; null when neither is (the caller says the customer is unnamed). */
export function memberName(first: string | null, last: string | null): string | null {
  const name = [first, last].filter((p) => p !== null && p.trim() !== '').join(' ');
  return name === '' ? null : name;
}
