/**
 * The BG/NBD model of repeat purchasing (Fader, Hardie & Lee 2005, "Counting Your Customers the
 * Easy Way", Marketing Science 24(2); equations numbered as in the paper, "FHL"): while alive a
 * customer buys as a Poisson process with rate λ ~ Gamma(r, α); after each purchase they drop out
 * with probability p ~ Beta(a, b). Fitted by maximum likelihood on (x, t_x, T) per customer, with
 * times in an explicit unit, and the per-customer predictions the product shows.
 *
 * Speed: the log-likelihood (FHL eq. 6, in the stable form of Fader & Hardie's 2013 note
 * "Overcoming the BG/NBD model's #NUM! error problem", ln L = A₁ + A₂ + ln(e^A₃ + δ e^A₄))
 * splits into terms that depend only on x (the gamma and beta functions, summed once per distinct
 * x with its count), terms that depend only on T or t_x (one ln(α + ·) per distinct value), and one
 * log-sum-exp per group of repeat buyers sharing (x, t_x, T). One-time buyers (x = 0) cost nothing
 * per customer: their likelihood is (α / (α + T))^r, summed per distinct T.
 */
import { distinctColumn } from './distinct.ts';
import { hyp2f1, hyp2f1Scaled, hyp2f1Series } from './hyp2f1.ts';
import { minimiseWithRestarts, standardErrorsAt } from './optimise.ts';
import { betaln, digamma, gammaln } from './special.ts';
import type { TimeUnit } from './summary.ts';

export interface BgNbdParams {
  readonly r: number;
  /** Scale of the purchase rate, in the fit's time unit. */
  readonly alpha: number;
  readonly a: number;
  readonly b: number;
}

/** What the fit needs: one entry per customer, times in `unit`. */
export interface RepeatPurchaseColumns {
  readonly unit: TimeUnit;
  readonly x: ArrayLike<number>;
  readonly tx: ArrayLike<number>;
  readonly T: ArrayLike<number>;
}

export interface BgNbdFit {
  readonly model: 'bg/nbd';
  readonly unit: TimeUnit;
  readonly params: BgNbdParams;
  /** Asymptotic standard errors (inverse observed information); null if it is not positive definite. */
  readonly standardErrors: BgNbdParams | null;
  /** Total log-likelihood at the optimum (FHL eq. 6 summed over customers). */
  readonly logLikelihood: number;
  readonly customers: number;
  readonly repeatCustomers: number;
  readonly iterations: number;
  readonly evaluations: number;
  readonly converged: boolean;
  readonly message: string;
}

/** The likelihood's data, grouped once so that each evaluation is cheap (see the header). */
export interface BgNbdPrepared {
  readonly customers: number;
  readonly repeatCustomers: number;
  /** Distinct T and t_x values. */
  readonly Tu: Float64Array;
  readonly txu: Float64Array;
  /** Number of one-time buyers per distinct T. */
  readonly zeroByT: Float64Array;
  /** Number of customers per x = 0 … xMax. */
  readonly countByX: Float64Array;
  /** Repeat buyers grouped by identical (x, t_x, T): x, t_x index, T index, group size. */
  readonly rowX: Int32Array;
  readonly rowTx: Int32Array;
  readonly rowT: Int32Array;
  readonly rowWeight: Float64Array;
}

/** Groups the customers for `bgnbdLogLikelihood`; x must be whole numbers ≥ 0 and 0 ≤ t_x ≤ T. */
export function prepareBgNbd(data: RepeatPurchaseColumns): BgNbdPrepared {
  const n = data.x.length;
  if (data.tx.length !== n || data.T.length !== n)
    throw new RangeError('x, tx and T differ in length.');
  let xMax = 0;
  let repeat = 0;
  for (let i = 0; i < n; i++) {
    const x = data.x[i] ?? 0;
    const tx = data.tx[i] ?? 0;
    const T = data.T[i] ?? 0;
    if (!(Number.isInteger(x) && x >= 0 && tx >= 0 && T >= tx && (x > 0 || tx === 0))) {
      throw new RangeError(
        `Customer ${i}: x = ${x}, t_x = ${tx}, T = ${T} is not a valid summary.`,
      );
    }
    if (x > xMax) xMax = x;
    if (x > 0) repeat++;
  }
  const Td = distinctColumn(data.T);
  const repeatTx = new Float64Array(repeat);
  for (let i = 0, j = 0; i < n; i++) if ((data.x[i] ?? 0) > 0) repeatTx[j++] = data.tx[i] ?? 0;
  const txd = distinctColumn(repeatTx);
  const nT = Td.values.length;
  const nTx = Math.max(1, txd.values.length);
  const zeroByT = new Float64Array(nT);
  const countByX = new Float64Array(xMax + 1);
  // Sortable keys (x, t_x index, T index) for grouping identical repeat buyers, when they fit in a double.
  const packable = (xMax + 1) * nTx * nT < 2 ** 52;
  const keys = new Float64Array(repeat);
  const rowX = new Int32Array(repeat);
  const rowTx = new Int32Array(repeat);
  const rowT = new Int32Array(repeat);
  for (let i = 0, j = 0; i < n; i++) {
    const x = data.x[i] ?? 0;
    const ti = Td.index[i] ?? 0;
    countByX[x] = (countByX[x] ?? 0) + 1;
    if (x === 0) {
      zeroByT[ti] = (zeroByT[ti] ?? 0) + 1;
      continue;
    }
    const txi = txd.index[j] ?? 0;
    if (packable) keys[j] = (x * nTx + txi) * nT + ti;
    rowX[j] = x;
    rowTx[j] = txi;
    rowT[j] = ti;
    j++;
  }
  const weight = new Float64Array(repeat).fill(1);
  if (!packable) {
    return {
      customers: n,
      repeatCustomers: repeat,
      Tu: Td.values,
      txu: txd.values,
      zeroByT,
      countByX,
      rowX,
      rowTx,
      rowT,
      rowWeight: weight,
    };
  }
  keys.sort();
  let groups = 0;
  for (let j = 0; j < repeat; j++) {
    const k = keys[j] ?? 0;
    if (groups > 0 && k === keys[groups - 1]) {
      weight[groups - 1] = (weight[groups - 1] ?? 0) + 1;
      continue;
    }
    keys[groups] = k;
    weight[groups] = 1;
    const ti = k % nT;
    const rest = (k - ti) / nT;
    const txi = rest % nTx;
    rowX[groups] = (rest - txi) / nTx;
    rowTx[groups] = txi;
    rowT[groups] = ti;
    groups++;
  }
  return {
    customers: n,
    repeatCustomers: repeat,
    Tu: Td.values,
    txu: txd.values,
    zeroByT,
    countByX,
    rowX: rowX.slice(0, groups),
    rowTx: rowTx.slice(0, groups),
    rowT: rowT.slice(0, groups),
    rowWeight: weight.slice(0, groups),
  };
}

/**
 * Total log-likelihood (FHL eq. 6) and, when `grad` is given, its gradient with respect to
 * (r, α, a, b). Per repeat-buyer group the only work is one exp and one log1p:
 *   A₁ = ln Γ(r+x) − ln Γ(r) + r ln α,  A₂ = ln B(a, b+x) − ln B(a, b),
 *   A₃ = −(r+x) ln(α+T),  A₄ = ln a − ln(b+x−1) − (r+x) ln(α+t_x)  (x > 0 only),
 * and with s = e^A₄ / (e^A₃ + e^A₄) the derivatives are the s-weighted mixes of those of A₃ and A₄.
 */
export function bgnbdLogLikelihood(
  d: BgNbdPrepared,
  params: BgNbdParams,
  grad?: Float64Array,
): number {
  const { r, alpha, a, b } = params;
  const nT = d.Tu.length;
  const nTx = d.txu.length;
  const lT = new Float64Array(nT);
  const iT = new Float64Array(nT);
  for (let j = 0; j < nT; j++) {
    const v = alpha + (d.Tu[j] ?? 0);
    lT[j] = Math.log(v);
    iT[j] = 1 / v;
  }
  const lTx = new Float64Array(nTx);
  const iTx = new Float64Array(nTx);
  for (let j = 0; j < nTx; j++) {
    const v = alpha + (d.txu[j] ?? 0);
    lTx[j] = Math.log(v);
    iTx[j] = 1 / v;
  }
  const lnAlpha = Math.log(alpha);
  let ll = d.customers * r * lnAlpha;
  let gr = d.customers * lnAlpha;
  let ga = 0;
  let gb = 0;
  let gAlpha = (d.customers * r) / alpha;

  // One-time buyers: A₃ alone, per distinct T.
  for (let j = 0; j < nT; j++) {
    const w = d.zeroByT[j] ?? 0;
    if (w === 0) continue;
    ll -= w * r * (lT[j] ?? 0);
    gr -= w * (lT[j] ?? 0);
    gAlpha -= w * r * (iT[j] ?? 0);
  }

  // Terms of x alone (A₁ without r ln α, A₂), and per-x constants of A₄.
  const xMax = d.countByX.length - 1;
  const c4 = new Float64Array(xMax + 1);
  const invBx = new Float64Array(xMax + 1);
  const lgR = gammaln(r);
  const psiR = grad ? digamma(r) : 0;
  const lbAB = betaln(a, b);
  const psiAB = grad ? digamma(a + b) : 0;
  const psiB = grad ? digamma(b) : 0;
  const lnA = Math.log(a);
  for (let x = 1; x <= xMax; x++) {
    const nx = d.countByX[x] ?? 0;
    if (nx === 0) continue;
    ll += nx * (gammaln(r + x) - lgR + betaln(a, b + x) - lbAB);
    if (grad) {
      gr += nx * (digamma(r + x) - psiR);
      const psiABx = digamma(a + b + x);
      ga += nx * (psiAB - psiABx);
      gb += nx * (psiAB + digamma(b + x) - psiB - psiABx);
    }
    c4[x] = lnA - Math.log(b + x - 1);
    invBx[x] = 1 / (b + x - 1);
  }

  // Repeat buyers: ln(e^A₃ + e^A₄) per group.
  const rows = d.rowWeight.length;
  for (let k = 0; k < rows; k++) {
    const x = d.rowX[k] ?? 0;
    const ti = d.rowT[k] ?? 0;
    const txi = d.rowTx[k] ?? 0;
    const w = d.rowWeight[k] ?? 0;
    const rx = r + x;
    const a3 = -rx * (lT[ti] ?? 0);
    const a4 = (c4[x] ?? 0) - rx * (lTx[txi] ?? 0);
    // log-sum-exp and the weight s of the A₄ branch from one exp.
    let s: number;
    if (a4 > a3) {
      const e = Math.exp(a3 - a4);
      ll += w * (a4 + Math.log1p(e));
      s = 1 / (1 + e);
    } else {
      const e = Math.exp(a4 - a3);
      ll += w * (a3 + Math.log1p(e));
      s = e / (1 + e);
    }
    if (grad) {
      const u = 1 - s;
      gr -= w * (u * (lT[ti] ?? 0) + s * (lTx[txi] ?? 0));
      gAlpha -= w * rx * (u * (iT[ti] ?? 0) + s * (iTx[txi] ?? 0));
      ga += (w * s) / a;
      gb -= w * s * (invBx[x] ?? 0);
    }
  }
  if (grad) {
    grad[0] = gr;
    grad[1] = gAlpha;
    grad[2] = ga;
    grad[3] = gb;
  }
  return ll;
}

export interface BgNbdFitOptions {
  /** Starting parameters (default r = 1, α from the mean purchase rate, a = b = 1). */
  readonly start?: BgNbdParams;
  readonly maxIterations?: number;
}

/** Maximum-likelihood fit by BFGS on (ln r, ln α, ln a, ln b), mean log-likelihood as objective. */
export function fitBgNbd(data: RepeatPurchaseColumns, options: BgNbdFitOptions = {}): BgNbdFit {
  const d = prepareBgNbd(data);
  return fitBgNbdPrepared(d, data.unit, options);
}

/** `fitBgNbd` on already grouped data (to time or reuse the grouping). */
export function fitBgNbdPrepared(
  d: BgNbdPrepared,
  unit: TimeUnit,
  options: BgNbdFitOptions = {},
): BgNbdFit {
  if (d.customers === 0) throw new RangeError('No customers to fit.');
  if (d.repeatCustomers === 0)
    throw new RangeError('No repeat buyers: the BG/NBD model cannot be fitted.');
  let sumX = 0;
  let sumT = 0;
  for (let x = 1; x < d.countByX.length; x++) sumX += x * (d.countByX[x] ?? 0);
  for (let k = 0; k < d.rowT.length; k++)
    sumT += (d.Tu[d.rowT[k] ?? 0] ?? 0) * (d.rowWeight[k] ?? 0);
  for (let j = 0; j < d.Tu.length; j++) sumT += (d.Tu[j] ?? 0) * (d.zeroByT[j] ?? 0);
  const start = options.start ?? {
    r: 1,
    alpha: Math.max(sumT / Math.max(sumX, 1), 1e-3),
    a: 1,
    b: 1,
  };
  const n = d.customers;
  const g = new Float64Array(4);
  const objective = (theta: Float64Array, grad: Float64Array): number => {
    const p = {
      r: Math.exp(theta[0] ?? 0),
      alpha: Math.exp(theta[1] ?? 0),
      a: Math.exp(theta[2] ?? 0),
      b: Math.exp(theta[3] ?? 0),
    };
    const ll = bgnbdLogLikelihood(d, p, g);
    // Chain rule for log-parameters: ∂/∂ln θ = θ ∂/∂θ.
    grad[0] = (-p.r * (g[0] ?? 0)) / n;
    grad[1] = (-p.alpha * (g[1] ?? 0)) / n;
    grad[2] = (-p.a * (g[2] ?? 0)) / n;
    grad[3] = (-p.b * (g[3] ?? 0)) / n;
    return -ll / n;
  };
  const result = minimiseWithRestarts(
    objective,
    [Math.log(start.r), Math.log(start.alpha), Math.log(start.a), Math.log(start.b)],
    { maxIterations: options.maxIterations ?? 500, gradientTolerance: 1e-8 },
  );
  const params = {
    r: Math.exp(result.x[0] ?? 0),
    alpha: Math.exp(result.x[1] ?? 0),
    a: Math.exp(result.x[2] ?? 0),
    b: Math.exp(result.x[3] ?? 0),
  };
  // Delta method: se(θ) = θ · se(ln θ).
  const seLog = standardErrorsAt(objective, result.x, n);
  const standardErrors = seLog
    ? {
        r: params.r * (seLog[0] ?? 0),
        alpha: params.alpha * (seLog[1] ?? 0),
        a: params.a * (seLog[2] ?? 0),
        b: params.b * (seLog[3] ?? 0),
      }
    : null;
  return {
    model: 'bg/nbd',
    unit,
    params,
    standardErrors,
    logLikelihood: -result.f * n,
    customers: n,
    repeatCustomers: d.repeatCustomers,
    iterations: result.iterations,
    evaluations: result.evaluations,
    converged: result.converged,
    message: result.message,
  };
}

// ---------------------------------------------------------------------------------------------
// Predictions. Every time (t, t_x, T, h) is in the fit's unit.

/**
 * P(alive | x, t_x, T) (Fader, Hardie & Lee 2008, note "Computing P(alive) using the BG/NBD
 * model"): 1 / (1 + δ(x>0) · a/(b+x−1) · ((α+T)/(α+t_x))^(r+x)), computed in logs.
 * Equal to 1 for every one-time buyer: never show it as a churn score (use `propensity`).
 */
export function pAlive(p: BgNbdParams, x: number, tx: number, T: number): number {
  if (x === 0) return 1;
  const lr = Math.log(p.a / (p.b + x - 1)) + (p.r + x) * Math.log((p.alpha + T) / (p.alpha + tx));
  return 1 / (1 + Math.exp(lr));
}

/** Guards a = 1, where (a+b−1)/(a−1) and the bracket of eqs. 9–10 are both singular but their product is not. */
function safeA(a: number): number {
  return Math.abs(a - 1) < 1e-8 ? 1 + 1e-8 : a;
}

/**
 * E[X(t)] for a customer picked at random at their first purchase (FHL eq. 9):
 * (a+b−1)/(a−1) · [1 − (α/(α+t))^r ₂F₁(r, b; a+b−1; t/(α+t))].
 */
export function expectedPurchasesNewCustomer(p: BgNbdParams, t: number): number {
  const a = safeA(p.a);
  const { r, alpha, b } = p;
  return (
    ((a + b - 1) / (a - 1)) *
    (1 - Math.pow(alpha / (alpha + t), r) * hyp2f1(r, b, a + b - 1, t / (alpha + t)))
  );
}

/**
 * E[Y(t) | alive at T, x, T]: expected purchases in (T, T + t] of a customer known to be alive,
 * the numerator of FHL eq. 10 (depends on x and T only, not t_x):
 * (a+b+x−1)/(a−1) · [1 − ((α+T)/(α+T+t))^(r+x) ₂F₁(r+x, b+x; a+b+x−1; t/(α+T+t))].
 */
export function expectedPurchasesIfAlive(p: BgNbdParams, t: number, x: number, T: number): number {
  if (t <= 0) return 0;
  const a = safeA(p.a);
  const { r, alpha, b } = p;
  const v = alpha + T;
  // (v/(v+t))^(r+x) ₂F₁(r+x, b+x; c; t/(v+t)) equals ₂F₁(r+x, a−1; c; −t/v) by Pfaff's
  // transformation: for t ≤ v/2 that series converges fast with small terms and cannot overflow
  // for large x, where the power underflows and the ₂F₁ overflows.
  const c = a + b + x - 1;
  const scaledF =
    t <= v / 2
      ? hyp2f1Series(r + x, a - 1, c, -t / v)
      : hyp2f1Scaled(r + x, b + x, c, t / (v + t), (r + x) * Math.log(v / (v + t)));
  return (c / (a - 1)) * (1 - scaledF);
}

/** E[Y(t) | x, t_x, T] (FHL eq. 10): expected purchases in the next t = P(alive) × the above. */
export function expectedPurchases(
  p: BgNbdParams,
  t: number,
  x: number,
  tx: number,
  T: number,
): number {
  return pAlive(p, x, tx, T) * expectedPurchasesIfAlive(p, t, x, T);
}

/**
 * P(at least one purchase in (T, T + h] | alive): an alive customer's rate has posterior
 * Gamma(r + x, α + T), so P(none) = ((α+T)/(α+T+h))^(r+x).
 */
export function pPurchaseIfAlive(p: BgNbdParams, h: number, x: number, T: number): number {
  return -Math.expm1((p.r + x) * Math.log((p.alpha + T) / (p.alpha + T + h)));
}

/**
 * Propensity to buy in the next h: P(alive) × P(≥ 1 purchase in h | alive). Unlike P(alive) it
 * falls as a one-time buyer's silence lengthens. Churn risk is 1 − propensity.
 */
export function propensity(p: BgNbdParams, h: number, x: number, tx: number, T: number): number {
  return pAlive(p, x, tx, T) * pPurchaseIfAlive(p, h, x, T);
}

/**
 * Median time from T to the next purchase of a customer still alive: solves
 * ((α+T)/(α+T+s))^(r+x) = ½, so s = (α+T)(2^(1/(r+x)) − 1).
 */
export function medianTimeToNextPurchase(p: BgNbdParams, x: number, T: number): number {
  return (p.alpha + T) * Math.expm1(Math.LN2 / (p.r + x));
}

/**
 * P(X(t) = n): exactly n purchases in (0, t] for a customer picked at random at their first
 * purchase (FHL eq. 8):
 *   B(a, b+n)/B(a, b) · Γ(r+n)/(Γ(r) n!) · (α/(α+t))^r (t/(α+t))^n
 *   + δ(n>0) B(a+1, b+n−1)/B(a, b) · [1 − (α/(α+t))^r Σ_{j<n} Γ(r+j)/(Γ(r) j!) (t/(α+t))^j].
 */
export function probabilityOfPurchases(p: BgNbdParams, n: number, t: number): number {
  if (!(Number.isInteger(n) && n >= 0)) throw new RangeError('n must be a whole number ≥ 0.');
  const { r, alpha, a, b } = p;
  const lq = Math.log(alpha / (alpha + t));
  const z = t / (alpha + t);
  const first = Math.exp(
    betaln(a, b + n) -
      betaln(a, b) +
      gammaln(r + n) -
      gammaln(r) -
      gammaln(n + 1) +
      r * lq +
      (n > 0 ? n * Math.log(z) : 0),
  );
  if (n === 0) return first;
  let term = 1;
  let sum = 1;
  for (let j = 1; j < n; j++) {
    term *= ((r + j - 1) / j) * z;
    sum += term;
  }
  return first + Math.exp(betaln(a + 1, b + n - 1) - betaln(a, b)) * (1 - Math.exp(r * lq) * sum);
}

/**
 * P(Y(t) = n | x, t_x, T): exactly n purchases in (T, T + t] for a customer with this history
 * (Fader & Hardie's note on the BG/NBD conditional PMF): if alive at T the customer is a new
 * BG/NBD customer with r + x, α + T, a, b + x, so eq. 8 applies to them; if not, n = 0.
 */
export function conditionalProbabilityOfPurchases(
  p: BgNbdParams,
  n: number,
  t: number,
  x: number,
  tx: number,
  T: number,
): number {
  const alive = pAlive(p, x, tx, T);
  const ifAlive = probabilityOfPurchases(
    { r: p.r + x, alpha: p.alpha + T, a: p.a, b: p.b + x },
    n,
    t,
  );
  return alive * ifAlive + (n === 0 ? 1 - alive : 0);
}
