// The name and email side of a customer search (ranks 2 and 3 of search.ts), over every customer
// held in memory: both stores build one per load and ask it, so a name matches the same way in
// each and no store scans its names per keystroke. Words are folded once (`searchWords`); each
// distinct word keeps the positions of the customers whose name holds it, in customer id order.
// A search reads the postings of the query's rarest word, checks each customer in id order with
// `nameRank` and stops at the limit; typos are looked up among the distinct words only.
import { compareText } from '../compare.ts';
import type { Customer } from './schema.ts';
import {
  fullName,
  nameRank,
  searchWords,
  TYPO_MIN_LETTERS,
  withinOneEdit,
  type RankedHit,
} from './search.ts';

export type IndexedCustomer = Pick<
  Customer,
  'customer_id' | 'first_name' | 'last_name' | 'email' | 'city' | 'loyalty_tier'
>;

/**
 * The first index from `from` to `to` where `before` stops holding, for a `before` that holds on a
 * prefix of the range and never after it (a binary search).
 */
function firstNot(from: number, to: number, before: (i: number) => boolean): number {
  let lo = from;
  let hi = to;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (before(mid)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Positions in `sorted` (ascending JS string order) of the entries that start with `prefix`: a
 * block, as every entry below it is less than the prefix and every entry after it is neither.
 */
function prefixRange(sorted: readonly string[], prefix: string): [number, number] {
  const from = firstNot(0, sorted.length, (i) => (sorted[i] ?? '') < prefix);
  return [from, firstNot(from, sorted.length, (i) => (sorted[i] ?? '').startsWith(prefix))];
}

export class CustomerSearchIndex {
  /** Every customer, in customer id order (the order hits are ranked in). */
  private readonly customers: readonly IndexedCustomer[];
  /** The distinct name words, sorted, and for each the positions of the customers holding it. */
  private readonly words: readonly string[];
  private readonly postings: readonly Int32Array[];
  /** Customer i's name words are `words[wordIds[k]]` for k from wordStart[i] to wordStart[i + 1]. */
  private readonly wordStart: Int32Array;
  private readonly wordIds: Int32Array;
  /** Lower-cased emails, sorted, with the position of their customer. */
  private readonly emails: readonly string[];
  private readonly emailAt: Int32Array;
  private lowerIds: Map<string, string[]> | null = null;

  constructor(rows: Iterable<IndexedCustomer>) {
    const customers = [...rows];
    const sorted = customers.every(
      (c, i) => i === 0 || compareText(customers[i - 1]?.customer_id ?? '', c.customer_id) <= 0,
    );
    if (!sorted) customers.sort((a, b) => compareText(a.customer_id, b.customer_id));
    this.customers = customers;

    // A name's words are its first name's then its last name's (a space always breaks a word), and
    // names repeat: each distinct part is folded once, each distinct word numbered once.
    const folded = new Map<string, readonly number[]>();
    const numbered = new Map<string, number>();
    const holders: number[][] = [];
    const spelled: string[] = [];
    const idsOf = (part: string | null): readonly number[] => {
      if (part === null || part === '') return [];
      let ids = folded.get(part);
      if (ids === undefined) {
        ids = searchWords(part).map((word) => {
          let id = numbered.get(word);
          if (id === undefined) {
            id = spelled.length;
            numbered.set(word, id);
            spelled.push(word);
            holders.push([]);
          }
          return id;
        });
        folded.set(part, ids);
      }
      return ids;
    };
    const wordStart = new Int32Array(customers.length + 1);
    const wordIds: number[] = [];
    customers.forEach((c, i) => {
      wordStart[i] = wordIds.length;
      for (const id of [...idsOf(c.first_name), ...idsOf(c.last_name)]) {
        if (!wordIds.includes(id, wordStart[i])) holders[id]?.push(i);
        wordIds.push(id);
      }
    });
    wordStart[customers.length] = wordIds.length;
    this.wordStart = wordStart;
    this.wordIds = Int32Array.from(wordIds);
    // Sorted, the dictionary maps its old numbers to their new place.
    const order = spelled
      .map((_, id) => id)
      .sort((a, b) => compareText(spelled[a] ?? '', spelled[b] ?? ''));
    const place = new Int32Array(spelled.length);
    order.forEach((id, k) => (place[id] = k));
    this.wordIds = this.wordIds.map((id) => place[id] ?? 0);
    this.words = order.map((id) => spelled[id] ?? '');
    this.postings = order.map((id) => Int32Array.from(holders[id] ?? []));

    // Emails sorted as strings (natively, many times faster than by a comparator), then each
    // given back its customers' positions in id order.
    const holdersOf = new Map<string, number[]>();
    customers.forEach((c, i) => {
      if (c.email === null) return;
      const email = c.email.toLowerCase();
      const list = holdersOf.get(email);
      if (list === undefined) holdersOf.set(email, [i]);
      else list.push(i);
    });
    const emails = [...holdersOf.keys()].sort();
    const emailAt = new Int32Array(customers.length);
    const spelledEmails: string[] = [];
    for (const email of emails) {
      for (const i of holdersOf.get(email) ?? []) {
        emailAt[spelledEmails.length] = i;
        spelledEmails.push(email);
      }
    }
    this.emails = spelledEmails;
    this.emailAt = emailAt.slice(0, spelledEmails.length);
  }

  get size(): number {
    return this.customers.length;
  }

  private positionOf(customerId: string): number {
    const at = firstNot(
      0,
      this.customers.length,
      (i) => compareText(this.customers[i]?.customer_id ?? '', customerId) < 0,
    );
    return this.customers[at]?.customer_id === customerId ? at : -1;
  }

  customer(customerId: string): IndexedCustomer | undefined {
    return this.customers[this.positionOf(customerId)];
  }

  /** The customers whose id, lower-cased, is the (normalised) query: rank 0. */
  idHits(query: string): RankedHit[] {
    if (this.lowerIds === null) {
      this.lowerIds = new Map();
      for (const { customer_id: id } of this.customers) {
        const same = this.lowerIds.get(id.toLowerCase());
        if (same === undefined) this.lowerIds.set(id.toLowerCase(), [id]);
        else same.push(id);
      }
    }
    return (this.lowerIds.get(query) ?? []).map((id) => ({
      customer_id: id,
      rank: 0,
      kind: 'customer_id',
      value: id,
    }));
  }

  /** Customer i's name words, as `searchWords` gives them. */
  private nameWordsOf(i: number): string[] {
    const out: string[] = [];
    for (let k = this.wordStart[i] ?? 0; k < (this.wordStart[i + 1] ?? 0); k += 1)
      out.push(this.words[this.wordIds[k] ?? 0] ?? '');
    return out;
  }

  private hit(i: number, rank: 2 | 3, kind: 'name' | 'email'): RankedHit {
    const c = this.customers[i];
    const value =
      kind === 'email' ? (c?.email ?? '') : fullName(c?.first_name ?? null, c?.last_name ?? null);
    return { customer_id: c?.customer_id ?? '', rank, kind, value };
  }

  /**
   * The customers whose name or email matches `query` (already normalised: search.ts), best
   * first (rank, then customer id), at most `limit` of them, each with every match of the best
   * rank (bestHits picks among them as it does for identities).
   */
  search(query: string, limit: number): RankedHit[] {
    if (limit <= 0) return [];
    const found: RankedHit[] = [];
    const [emailFrom, emailTo] = prefixRange(this.emails, query);
    const emailed = positions(this.emailAt.subarray(emailFrom, emailTo), this.customers.length);
    const words = searchWords(query);
    const ranges = words.map((word) => prefixRange(this.words, word));
    const rarest = this.rarestRange(ranges);
    const named: Cursor[] = [];
    if (rarest !== null) {
      for (let w = rarest[0]; w < rarest[1]; w += 1)
        named.push(listCursor(this.postings[w] ?? new Int32Array()));
    }
    // Every rank-2 customer holds the rarest word's prefix or matched by email: in id order.
    let customers = 0;
    mergeAscending([emailed, ...named], (i, lists) => {
      const byName = (lists & ~1) !== 0 && this.prefixesAll(i, ranges);
      const byEmail = (lists & 1) !== 0;
      if (byName) found.push(this.hit(i, 2, 'name'));
      if (byEmail) found.push(this.hit(i, 2, 'email'));
      if (byName || byEmail) customers += 1;
      return customers < limit;
    });
    if (customers >= limit) return found;
    // Then typos, in id order; a customer whose email matched is already listed.
    mergeAscending(this.typoPostings(words).map(listCursor), (i) => {
      if (emailed.has(i) || nameRank(words, this.nameWordsOf(i)) !== 3) return true;
      found.push(this.hit(i, 3, 'name'));
      customers += 1;
      return customers < limit;
    });
    return found;
  }

  /**
   * Whether every query word begins a word of customer i's name (`nameRank` 2): words are
   * numbered in dictionary order, so the words a query word begins are a range of numbers.
   */
  private prefixesAll(i: number, ranges: readonly (readonly [number, number])[]): boolean {
    const start = this.wordStart[i] ?? 0;
    const end = this.wordStart[i + 1] ?? 0;
    return ranges.every(([from, to]) => {
      for (let k = start; k < end; k += 1) {
        const id = this.wordIds[k] ?? -1;
        if (id >= from && id < to) return true;
      }
      return false;
    });
  }

  /** The prefix range holding the fewest customers (null for no words). */
  private rarestRange(
    ranges: readonly (readonly [number, number])[],
  ): readonly [number, number] | null {
    let best: readonly [number, number] | null = null;
    let fewest = Infinity;
    for (const range of ranges) {
      let n = 0;
      for (let w = range[0]; w < range[1] && n < fewest; w += 1) n += this.postings[w]?.length ?? 0;
      if (n < fewest) {
        fewest = n;
        best = range;
      }
    }
    return best;
  }

  /**
   * Where a typo may be: for each query word long enough, the postings of the words within one
   * edit of it that it does not begin (the other query words are checked by `nameRank`).
   */
  private typoPostings(words: readonly string[]): Int32Array[] {
    const out: Int32Array[] = [];
    for (const q of words) {
      if (Array.from(q).length < TYPO_MIN_LETTERS) continue;
      this.words.forEach((word, w) => {
        // A word the query word begins is an exact match of it, not a typo.
        if (Math.abs(word.length - q.length) > 2 || word.startsWith(q)) return;
        if (withinOneEdit(q, word)) out.push(this.postings[w] ?? new Int32Array());
      });
    }
    return out;
  }
}

/** Ascending positions, read one at a time. */
interface Cursor {
  /** The current position, or undefined once past the end. */
  peek(): number | undefined;
  advance(): void;
  has(value: number): boolean;
}

function listCursor(list: Int32Array): Cursor {
  let at = 0;
  return {
    peek: () => list[at],
    advance: () => {
      at += 1;
    },
    has: (value) => list[firstNot(0, list.length, (i) => (list[i] ?? 0) < value)] === value,
  };
}

/** Above this many, unordered positions are marked in a bitmap rather than sorted. */
const SORTED_MAX = 4096;

/** Unordered positions below `size` as a cursor: sorted when few, a bitmap walked when many. */
function positions(unordered: Int32Array, size: number): Cursor {
  if (unordered.length <= SORTED_MAX) return listCursor(unordered.slice().sort());
  const marks = new Uint8Array(size);
  for (const i of unordered) marks[i] = 1;
  let at = marks.indexOf(1);
  return {
    peek: () => (at === -1 ? undefined : at),
    advance: () => {
      at = at === -1 ? -1 : marks.indexOf(1, at + 1);
    },
    has: (value) => marks[value] === 1,
  };
}

/**
 * Visits the distinct positions of ascending cursors in ascending order, each with a bit set per
 * cursor holding it (cursor k sets bit k, beyond 30 into bit 30), until `visit` answers false.
 */
function mergeAscending(
  cursors: readonly Cursor[],
  visit: (value: number, lists: number) => boolean,
): void {
  for (;;) {
    let least = Infinity;
    for (const cursor of cursors) {
      const value = cursor.peek();
      if (value !== undefined && value < least) least = value;
    }
    if (least === Infinity) return;
    let bits = 0;
    cursors.forEach((cursor, k) => {
      if (cursor.peek() !== least) return;
      bits |= 1 << Math.min(k, 30);
      cursor.advance();
    });
    if (!visit(least, bits)) return;
  }
}
