// How the dashboards write their figures: euros in French on screen, plain euros in a CSV, a part
// of a whole as a percentage (a dash when there is no whole).
import { formatMoney, formatPercent } from '../../ui/format.ts';

export const euros = (cents: number) => formatMoney(cents, 'EUR');
export const plainEuros = (cents: number) => (cents / 100).toFixed(2);
export const percentOf = (part: number, whole: number) =>
  whole > 0 ? formatPercent(part / whole) : '—';
/** A part of a whole as a plain share for a CSV (empty when there is no whole). */
export const plainRate = (part: number, whole: number) => (whole > 0 ? String(part / whole) : '');
