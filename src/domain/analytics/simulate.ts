/**
 * Customers simulated from the BG/NBD and Gamma-Gamma models themselves, with a seeded generator:
 * the ground truth for the parameter-recovery tests and the data of the 1,000,000-customer bench.
 * The process is the models' story (Fader, Hardie & Lee 2005, §3): a first purchase at time 0,
 * then Poisson purchases at rate λ ~ Gamma(r, α) while alive, and after each repeat purchase a
 * drop-out with probability p ~ Beta(a, b); each repeat purchase spends Gamma(p, ν) with
 * ν ~ Gamma(q, γ) per customer.
 */
import type { BgNbdParams } from './bgnbd.ts';
import type { GammaGammaParams } from './gammagamma.ts';
import { dateOfDay, dayNumber, type TimeUnit, type TransactionRow } from './summary.ts';

/** A seeded uniform generator on [0, 1) with 53 random bits (two rounds of mulberry32). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  const next32 = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
  return () => ((next32() >>> 5) * 67108864 + (next32() >>> 6)) / 9007199254740992;
}

/** A standard normal draw (Box–Muller; one of the pair is thrown away for simplicity). */
function normal(random: () => number): number {
  const u = 1 - random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}

/** Gamma(shape, rate) draw: Marsaglia & Tsang (2000), with the U^(1/k) boost for shape < 1. */
export function gammaDraw(random: () => number, shape: number, rate: number): number {
  if (shape < 1) return gammaDraw(random, shape + 1, rate) * Math.pow(1 - random(), 1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let z: number;
    let v: number;
    do {
      z = normal(random);
      v = 1 + c * z;
    } while (v <= 0);
    v = v * v * v;
    const u = 1 - random();
    if (Math.log(u) < 0.5 * z * z + d - d * v + d * Math.log(v)) return (d * v) / rate;
  }
}

function betaDraw(random: () => number, a: number, b: number): number {
  const x = gammaDraw(random, a, 1);
  return x / (x + gammaDraw(random, b, 1));
}

export interface SimulationOptions {
  readonly customers: number;
  readonly seed: number;
  readonly unit: TimeUnit;
  /** Each customer's T is uniform on [minAge, maxAge], in `unit`. */
  readonly minAge: number;
  readonly maxAge: number;
  /** Length of a holdout period after T, in `unit` (default 0). */
  readonly holdout?: number;
}

export interface SimulatedCustomers {
  readonly unit: TimeUnit;
  readonly x: Float64Array;
  readonly tx: Float64Array;
  readonly T: Float64Array;
  /** Mean spend of the repeat purchases (0 when x = 0). */
  readonly m: Float64Array;
  readonly holdoutX: Float64Array;
  /** The simulated truth, for checks: alive at T. */
  readonly aliveAtT: Uint8Array;
}

/** (x, t_x, T, m̄) per customer straight from the models, in continuous time. */
export function simulateCustomers(
  bg: BgNbdParams,
  gg: GammaGammaParams,
  options: SimulationOptions,
): SimulatedCustomers {
  const random = seededRandom(options.seed);
  const n = options.customers;
  const holdout = options.holdout ?? 0;
  const x = new Float64Array(n);
  const tx = new Float64Array(n);
  const T = new Float64Array(n);
  const m = new Float64Array(n);
  const holdoutX = new Float64Array(n);
  const aliveAtT = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const age = options.minAge + (options.maxAge - options.minAge) * random();
    const lambda = gammaDraw(random, bg.r, bg.alpha);
    const dropout = betaDraw(random, bg.a, bg.b);
    const nu = gammaDraw(random, gg.q, gg.gamma);
    let t = 0;
    let count = 0;
    let last = 0;
    let spend = 0;
    let later = 0;
    let alive = true;
    for (;;) {
      t += -Math.log(1 - random()) / lambda;
      if (t > age + holdout) break;
      if (t <= age) {
        count++;
        last = t;
        spend += gammaDraw(random, gg.p, nu);
      } else later++;
      if (random() < dropout) {
        alive = false;
        break;
      }
    }
    x[i] = count;
    tx[i] = last;
    T[i] = age;
    m[i] = count > 0 ? spend / count : 0;
    holdoutX[i] = later;
    aliveAtT[i] = alive || t > age ? 1 : 0;
  }
  return { unit: options.unit, x, tx, T, m, holdoutX, aliveAtT };
}

export interface TransactionSimulationOptions {
  readonly customers: number;
  readonly seed: number;
  /** First purchases are uniform over [start, calibrationEnd]; purchases run to `end`. */
  readonly start: string;
  readonly calibrationEnd: string;
  readonly end: string;
}

/**
 * Transactions (one row per purchase, dated to the day, amounts in currency units) from the
 * models with daily rates: `bg.alpha` is in days. Two purchases can fall on one day; the summary
 * merges them, as it would in real data.
 */
export function simulateTransactions(
  bg: BgNbdParams,
  gg: GammaGammaParams,
  options: TransactionSimulationOptions,
): TransactionRow[] {
  const random = seededRandom(options.seed);
  const start = dayNumber(options.start);
  const calEnd = dayNumber(options.calibrationEnd);
  const end = dayNumber(options.end);
  const dates = new Map<number, string>();
  const dateOf = (day: number): string => {
    let d = dates.get(day);
    if (d === undefined) {
      d = dateOfDay(day);
      dates.set(day, d);
    }
    return d;
  };
  const rows: TransactionRow[] = [];
  for (let i = 0; i < options.customers; i++) {
    const customerId = `C${i}`;
    const first = start + (calEnd - start + 1) * random();
    const lambda = gammaDraw(random, bg.r, bg.alpha);
    const dropout = betaDraw(random, bg.a, bg.b);
    const nu = gammaDraw(random, gg.q, gg.gamma);
    const amount = () => Math.round(gammaDraw(random, gg.p, nu) * 100) / 100;
    rows.push({ customerId, date: dateOf(Math.floor(first)), amount: amount() });
    let t = first;
    for (;;) {
      t += -Math.log(1 - random()) / lambda;
      if (t >= end + 1) break;
      rows.push({ customerId, date: dateOf(Math.floor(t)), amount: amount() });
      if (random() < dropout) break;
    }
  }
  return rows;
}
