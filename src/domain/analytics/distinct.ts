/**
 * Distinct values of a column and each entry's position among them. The likelihoods and scores
 * depend on a customer's T and t_x only through a few functions of them (ln(α + T), 1/(α + T)), and
 * a customer base has far fewer distinct T and t_x than customers (one per calendar day at most),
 * so evaluating those per distinct value instead of per customer saves most of the logarithms.
 */

export interface DistinctColumn {
  /** The distinct values, ascending. */
  readonly values: Float64Array;
  /** For each entry of the column, the position of its value in `values`. */
  readonly index: Int32Array;
}

/**
 * Most columns (T, t_x from a summary: whole days over 7) have a few hundred distinct values: a
 * map from value to position does it in one pass. Past `MAP_LIMIT` distinct values (continuous
 * simulated times) it sorts a copy and binary-searches each entry instead.
 */
const MAP_LIMIT = 1 << 16;

export function distinctColumn(column: ArrayLike<number>): DistinctColumn {
  const n = column.length;
  const positions = new Map<number, number>();
  const firstSeen: number[] = [];
  const index = new Int32Array(n);
  let lastValue = Number.NaN;
  let lastIndex = 0;
  for (let i = 0; i < n; i++) {
    const v = column[i] ?? 0;
    if (v !== lastValue) {
      let p = positions.get(v);
      if (p === undefined) {
        if (firstSeen.length === MAP_LIMIT) return distinctBySorting(column);
        p = firstSeen.length;
        positions.set(v, p);
        firstSeen.push(v);
      }
      lastValue = v;
      lastIndex = p;
    }
    index[i] = lastIndex;
  }
  // Renumber in ascending order of value.
  const values = Float64Array.from(firstSeen).sort();
  const rank = new Int32Array(firstSeen.length);
  for (let j = 0; j < values.length; j++) rank[positions.get(values[j] ?? 0) ?? 0] = j;
  for (let i = 0; i < n; i++) index[i] = rank[index[i] ?? 0] ?? 0;
  return { values, index };
}

/** Sorts a copy (native typed-array sort), keeps the distinct values, then binary-searches each entry. */
function distinctBySorting(column: ArrayLike<number>): DistinctColumn {
  const n = column.length;
  const sorted = Float64Array.from(column).sort();
  let count = 0;
  for (let i = 0; i < n; i++) {
    const v = sorted[i] ?? 0;
    if (count === 0 || v !== sorted[count - 1]) sorted[count++] = v;
  }
  const values = sorted.slice(0, count);
  const index = new Int32Array(n);
  let lastValue = Number.NaN;
  let lastIndex = 0;
  for (let i = 0; i < n; i++) {
    const v = column[i] ?? 0;
    if (v !== lastValue) {
      let lo = 0;
      let hi = count - 1;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if ((values[mid] ?? 0) < v) lo = mid + 1;
        else hi = mid;
      }
      lastValue = v;
      lastIndex = lo;
    }
    index[i] = lastIndex;
  }
  return { values, index };
}
