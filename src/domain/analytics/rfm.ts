/**
 * RFM: recency, frequency and monetary quintiles (1–5, 5 best) and the named cells marketers read
 * them by (champions, at risk, …). A readable grid beside the fitted models, computed from the
 * same per-customer figures; see docs/decisions/009-rfm-and-validation.md for the rules.
 */

/** One customer's figures. `frequency` counts their orders (0 = never bought). */
export interface RfmFigures {
  /** Days since the last order (fewer is better). */
  readonly recencyDays: number;
  /** Number of orders, all of them (the first included). */
  readonly frequency: number;
  /** The spend figure to rank by: average order value or total spend, the caller's choice. */
  readonly monetary: number;
}

/** The same figures as columns, one entry per customer (faster for millions of customers). */
export interface RfmColumns {
  readonly recencyDays: ArrayLike<number>;
  readonly frequency: ArrayLike<number>;
  readonly monetary: ArrayLike<number>;
}

export type RfmScoreValue = 1 | 2 | 3 | 4 | 5;

export const RFM_CELLS = [
  'champions',
  'loyal_customers',
  'potential_loyalists',
  'new_customers',
  'promising',
  'need_attention',
  'about_to_sleep',
  'at_risk',
  'cant_lose_them',
  'hibernating',
  'lost',
] as const;

export type RfmCell = (typeof RFM_CELLS)[number];

export const RFM_CELL_LABELS: Readonly<Record<RfmCell, string>> = {
  champions: 'Champions',
  loyal_customers: 'Loyal customers',
  potential_loyalists: 'Potential loyalists',
  new_customers: 'New customers',
  promising: 'Promising',
  need_attention: 'Need attention',
  about_to_sleep: 'About to sleep',
  at_risk: 'At risk',
  cant_lose_them: "Can't lose them",
  hibernating: 'Hibernating',
  lost: 'Lost',
};

export interface RfmScore {
  readonly recency: RfmScoreValue;
  readonly frequency: RfmScoreValue;
  readonly monetary: RfmScoreValue;
  /** The three scores as digits, R then F then M: "543". */
  readonly code: string;
  readonly cell: RfmCell;
}

export interface RfmResult {
  /** In input order; `null` for a customer without a purchase (frequency 0): they get no cell. */
  readonly scores: readonly (RfmScore | null)[];
  readonly cellCounts: Readonly<Record<RfmCell, number>>;
  /** Customers per R and F score, for the 5 × 5 grid: `grid[r - 1][f - 1]`. */
  readonly grid: readonly (readonly number[])[];
  readonly scored: number;
  readonly unscored: number;
}

/**
 * The named cell of an R and F score: the widely used 10-segment R/F map (champions 5/4–5, loyal
 * 3–4/4–5, potential loyalists 4–5/2–3, new 5/1, promising 4/1, need attention 3/3, about to sleep
 * 3/1–2, at risk 1–2/3–4, can't lose them 1–2/5, hibernating 1–2/1–2), with its lowest corner
 * R1 F1 split off as "lost". Monetary does not move the cell; it stays in the code.
 */
export function rfmCell(recency: RfmScoreValue, frequency: RfmScoreValue): RfmCell {
  if (recency <= 2) {
    if (frequency === 5) return 'cant_lose_them';
    if (frequency >= 3) return 'at_risk';
    return recency === 1 && frequency === 1 ? 'lost' : 'hibernating';
  }
  if (recency === 3) {
    if (frequency <= 2) return 'about_to_sleep';
    return frequency === 3 ? 'need_attention' : 'loyal_customers';
  }
  if (frequency === 1) return recency === 5 ? 'new_customers' : 'promising';
  if (frequency <= 3) return 'potential_loyalists';
  return recency === 5 ? 'champions' : 'loyal_customers';
}

/**
 * Quantile groups 1…`groups` of `values` at the positions `members` (all when omitted), higher
 * values in higher groups unless `lowerIsBetter`. A value's group is 1 + ⌊groups × w / n⌋, where
 * w counts the members strictly worse than it: tied values share the group of the tie's worst
 * position, whatever the input order, so the worst value is always in group 1 and a large tie
 * can leave a group empty. With distinct values each group holds n / groups members (±1).
 * Returns a group per position of `values`, 0 where the position is not a member. O(n log n).
 */
export function quantileGroups(
  values: ArrayLike<number>,
  groups: number,
  options: { lowerIsBetter?: boolean; members?: ArrayLike<number> } = {},
): Uint8Array {
  if (!Number.isInteger(groups) || groups < 1 || groups > 255) {
    throw new RangeError(`groups must be an integer from 1 to 255, not ${groups}.`);
  }
  const members = options.members;
  const n = members ? members.length : values.length;
  const sign = options.lowerIsBetter ? -1 : 1;
  const keys = new Float64Array(n);
  for (let k = 0; k < n; k += 1) {
    const at = members ? (members[k] ?? 0) : k;
    const value = values[at] ?? Number.NaN;
    if (!Number.isFinite(value)) {
      throw new RangeError(`Value at position ${at} is ${value}: expected a finite number.`);
    }
    keys[k] = sign * value;
  }
  // Sorted keys (a native numeric sort) and one binary search per member for w.
  const sorted = keys.slice().sort();
  const result = new Uint8Array(values.length);
  for (let k = 0; k < n; k += 1) {
    const worse = countBelow(sorted, keys[k] ?? 0);
    result[members ? (members[k] ?? 0) : k] = 1 + Math.floor((groups * worse) / n);
  }
  return result;
}

/**
 * Per position, the share (0–100) of `values` strictly below it. Ties (most customers bought
 * once) share one figure that never flatters: "more than N%" stays true. O(n log n).
 */
export function sharesBelow(values: ArrayLike<number>): Float64Array {
  const n = values.length;
  const sorted = Float64Array.from(values).sort();
  const shares = new Float64Array(n);
  for (let i = 0; i < n; i += 1) shares[i] = (100 * countBelow(sorted, values[i] ?? 0)) / n;
  return shares;
}

/** How many entries of an ascending array are strictly below `value`. */
function countBelow(sorted: Float64Array, value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] ?? 0) < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function emptyCellCounts(): Record<RfmCell, number> {
  return {
    champions: 0,
    loyal_customers: 0,
    potential_loyalists: 0,
    new_customers: 0,
    promising: 0,
    need_attention: 0,
    about_to_sleep: 0,
    at_risk: 0,
    cant_lose_them: 0,
    hibernating: 0,
    lost: 0,
  };
}

function isColumns(input: RfmColumns | readonly RfmFigures[]): input is RfmColumns {
  return !Array.isArray(input);
}

function toColumns(input: RfmColumns | readonly RfmFigures[]): RfmColumns {
  if (isColumns(input)) {
    const n = input.recencyDays.length;
    if (input.frequency.length !== n || input.monetary.length !== n) {
      throw new RangeError(
        `RFM columns differ in length: recency ${n}, frequency ${input.frequency.length}, monetary ${input.monetary.length}.`,
      );
    }
    return input;
  }
  return {
    recencyDays: Float64Array.from(input, (c) => c.recencyDays),
    frequency: Float64Array.from(input, (c) => c.frequency),
    monetary: Float64Array.from(input, (c) => c.monetary),
  };
}

function asScore(group: number | undefined): RfmScoreValue {
  switch (group) {
    case 1:
    case 2:
    case 3:
    case 4:
    case 5:
      return group;
    default:
      throw new Error(`Internal: quintile ${group} outside 1–5.`);
  }
}

/**
 * Scores every customer who bought (frequency ≥ 1) against the others who bought: recency ranks
 * fewer days higher, frequency and monetary rank more higher (ties: see `quantileGroups`).
 */
export function scoreRfm(input: RfmColumns | readonly RfmFigures[]): RfmResult {
  const columns = toColumns(input);
  const n = columns.recencyDays.length;
  const buyers: number[] = [];
  for (let i = 0; i < n; i += 1) {
    const frequency = columns.frequency[i] ?? 0;
    if (Number.isNaN(frequency) || frequency < 0) {
      throw new RangeError(`Customer at position ${i} has frequency ${frequency}.`);
    }
    if (frequency > 0) buyers.push(i);
  }
  const members = Uint32Array.from(buyers);
  const recency = quantileGroups(columns.recencyDays, 5, { lowerIsBetter: true, members });
  const frequency = quantileGroups(columns.frequency, 5, { members });
  const monetary = quantileGroups(columns.monetary, 5, { members });
  const cellCounts = emptyCellCounts();
  const grid = Array.from({ length: 5 }, () => [0, 0, 0, 0, 0]);
  const scores: (RfmScore | null)[] = new Array<RfmScore | null>(n).fill(null);
  for (const i of buyers) {
    const r = asScore(recency[i]);
    const f = asScore(frequency[i]);
    const m = asScore(monetary[i]);
    const cell = rfmCell(r, f);
    cellCounts[cell] += 1;
    const row = grid[r - 1];
    if (row) row[f - 1] = (row[f - 1] ?? 0) + 1;
    scores[i] = { recency: r, frequency: f, monetary: m, code: `${r}${f}${m}`, cell };
  }
  return { scores, cellCounts, grid, scored: buyers.length, unscored: n - buyers.length };
}
