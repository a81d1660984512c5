// How a reason is worded for its reader: what both languages' wordings take.
import type { Customer, ProductCategory } from '../profile/schema.ts';
import { parisDay } from './ownership.ts';

export interface ReasonWording {
  /**
   * The day the reader is in (an instant, or an ISO date): a purchase of that year is dated
   * without its year (« le 12 mars »). Without it, every date has its year.
   */
  asOf?: string;
  /** The customer's gender, for French agreement (« qu’elle lit »); unspecified reads as « il ». */
  gender?: Customer['gender'];
  /** Words for product categories (the UI's catalogue); the domain's own otherwise. */
  categoryWords?: (category: ProductCategory) => string;
}

/** A calendar day's parts, and whether its year is the reader's. */
export function dayParts(
  isoDay: string,
  asOf: string | undefined,
): { day: number; month: number; year: number; sameYear: boolean } {
  const [year = 0, month = 1, day = 1] = isoDay.split('-').map(Number);
  // An instant's year is its year in Paris (31 December 23:30 UTC is already New Year's Day).
  const readerYear =
    asOf === undefined ? null : (asOf.length > 10 ? parisDay(asOf) : asOf).slice(0, 4);
  return { day, month, year, sameYear: readerYear === String(year) };
}
