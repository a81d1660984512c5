// How a customer search matches: the same rules in every store.
// Rank 0: the customer id itself. Rank 1: any identity's value, exactly (phones also without
// spaces, dots, dashes or brackets, and a French number in its national or international form).
// Rank 2: the full name contains the query, or the email starts with it. One hit per customer
// (its best match), then by rank, then by customer id.
import { compareText } from '../compare.ts';

export type MatchRank = 0 | 1 | 2;

/** Lower-cased and trimmed: matching is case-insensitive. */
export function normaliseQuery(q: string): string {
  return q.trim().toLowerCase();
}

/** A phone number without its punctuation: `06 12-34.56` → `06123456`. */
export function compactPhone(value: string): string {
  return value.replace(/[\s.()-]/g, '');
}

/**
 * A compact phone query in every form it may be stored in: a French number typed nationally
 * (0612345678) or internationally (+33612345678, 0033612345678) gives all three. Always three
 * entries (repeating the query when it has no other form), so SQL can bind them as fixed parameters.
 */
export function phoneForms(compact: string): [string, string, string] {
  const french = /^(?:0|\+33|0033)([1-9]\d{8})$/.exec(compact);
  if (!french) return [compact, compact, compact];
  return [`0${french[1]}`, `+33${french[1]}`, `0033${french[1]}`];
}

export function fullName(first: string | null, last: string | null): string {
  return `${first ?? ''} ${last ?? ''}`.trim();
}

export interface RankedHit {
  customer_id: string;
  rank: MatchRank;
  kind: string;
  value: string;
}

/** Best match per customer, best first; ties within a customer by kind then value. */
export function bestHits(candidates: readonly RankedHit[], limit: number): RankedHit[] {
  const best = new Map<string, RankedHit>();
  for (const hit of candidates) {
    const current = best.get(hit.customer_id);
    if (
      current === undefined ||
      hit.rank < current.rank ||
      (hit.rank === current.rank &&
        (compareText(hit.kind, current.kind) || compareText(hit.value, current.value)) < 0)
    ) {
      best.set(hit.customer_id, hit);
    }
  }
  return [...best.values()]
    .sort((a, b) => a.rank - b.rank || compareText(a.customer_id, b.customer_id))
    .slice(0, limit);
}
