// How a customer search matches: the same rules in every store.
// Rank 0: the customer id itself. Rank 1: any identity's value, exactly (phones also without
// spaces, dots, dashes or brackets, and a French number in its national or international form).
// Rank 2: every word of the query begins a word of the name ("eric rob" finds Éric Robin: case and
// accents ignored, in any order), or the email starts with the query. Rank 3: the same, but one
// word of at least four letters is one typo away from a word of the name (a letter added, removed
// or changed, or two neighbours swapped: "marchant" finds Marchand). One hit per customer (its
// best match), then by rank, then by customer id.
import { compareText } from '../compare.ts';

export type MatchRank = 0 | 1 | 2 | 3;

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

/** Letters that Unicode does not decompose into a base letter and a mark, as French keyboards type them. */
const SPELLED: Readonly<Record<string, string>> = {
  œ: 'oe',
  æ: 'ae',
  ß: 'ss',
  ø: 'o',
  ł: 'l',
  đ: 'd',
  ð: 'd',
  þ: 'th',
  ı: 'i',
};

/** Lower case, without accents or other marks: "Éric LŒUILLET" → "eric loeuillet". */
export function foldText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[œæßøłđðþı]/g, (letter) => SPELLED[letter] ?? letter);
}

/** Spaces, hyphens, apostrophes and the punctuation that separates the words of a name. */
const WORD_BREAK = /[\s'’‘.,;-]+/u;

/** The folded words of a name or a query, in order: "Jean-Pierre L'Hôte" → jean, pierre, l, hote. */
export function searchWords(text: string): string[] {
  return foldText(text)
    .split(WORD_BREAK)
    .filter((word) => word !== '');
}

/** A query word shorter than this (in letters) must match exactly, never with a typo. */
export const TYPO_MIN_LETTERS = 4;

function sameFrom(a: readonly string[], i: number, b: readonly string[], j: number): boolean {
  if (a.length - i !== b.length - j) return false;
  for (let k = 0; i + k < a.length; k += 1) if (a[i + k] !== b[j + k]) return false;
  return true;
}

/** At most one typo apart: equal, or one letter added, removed or changed, or two neighbours swapped. */
export function withinOneEdit(a: string, b: string): boolean {
  const x = Array.from(a);
  const y = Array.from(b);
  if (Math.abs(x.length - y.length) > 1) return false;
  let i = 0;
  while (i < x.length && i < y.length && x[i] === y[i]) i += 1;
  if (x.length > y.length) return sameFrom(x, i + 1, y, i);
  if (x.length < y.length) return sameFrom(x, i, y, i + 1);
  if (i === x.length) return true;
  return (
    sameFrom(x, i + 1, y, i + 1) ||
    (x[i] === y[i + 1] && x[i + 1] === y[i] && sameFrom(x, i + 2, y, i + 2))
  );
}

/**
 * How a name matches the query's words (both from `searchWords`): 2 when every query word begins
 * a word of the name, 3 when all but one do and that one, of at least TYPO_MIN_LETTERS letters,
 * is within one edit of a word of the name; otherwise no match.
 */
export function nameRank(query: readonly string[], name: readonly string[]): 2 | 3 | null {
  if (query.length === 0) return null;
  const missing = query.filter((q) => !name.some((word) => word.startsWith(q)));
  if (missing.length === 0) return 2;
  const [typo] = missing;
  if (missing.length > 1 || typo === undefined) return null;
  if (Array.from(typo).length < TYPO_MIN_LETTERS) return null;
  return name.some((word) => withinOneEdit(typo, word)) ? 3 : null;
}
