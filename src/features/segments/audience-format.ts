// How the count panel writes shares and breakdown values.
import { formatPercent, humanize } from '../../ui/format.ts';

/** 123 of 1,000 → "12.3%"; nothing of nothing → "–". */
export function share(part: number, whole: number): string {
  return whole > 0 ? formatPercent(part / whole) : '–';
}

export function memberName(first: string | null, last: string | null, id: string): string {
  const name = [first, last].filter((p) => p !== null && p.trim() !== '').join(' ');
  return name === '' ? `Unnamed customer ${id}` : name;
}

/** A breakdown value as read: codes of choice fields as words, a missing value said so. */
export function breakdownLabel(value: string | null, isChoice: boolean): string {
  if (value === null || value === '') return 'Not set';
  return isChoice ? humanize(value) : value;
}
