/**
 * The Gamma-Gamma model of spend per purchase (Fader, Hardie & Lee 2005, "RFM and CLV: Using
 * Iso-Value Curves for Customer Base Analysis", JMR 42(4); Fader & Hardie's 2013 note "The
 * Gamma-Gamma Model of Monetary Value", equations numbered as in the note): each purchase of a
 * customer is Gamma(p, ν), and ν ~ Gamma(q, γ) across customers. Fitted on repeat buyers only
 * (x ≥ 1), on the mean spend m̄ of their repeat purchases, and combined with the BG/NBD model into
 * predicted lifetime value.
 */
import { minimiseWithRestarts, standardErrorsAt } from './optimise.ts';
import { digamma, gammaln } from './special.ts';

export interface GammaGammaParams {
  readonly p: number;
  readonly q: number;
  /** Scale of spend, in the currency of the amounts. */
  readonly gamma: number;
}

/** What the fit needs: x and mean repeat spend per customer (one-time buyers are skipped). */
export interface SpendColumns {
  readonly x: ArrayLike<number>;
  readonly m: ArrayLike<number>;
}

export interface GammaGammaFit {
  readonly model: 'gamma-gamma';
  readonly params: GammaGammaParams;
  /** Asymptotic standard errors (inverse observed information); null if it is not positive definite. */
  readonly standardErrors: GammaGammaParams | null;
  readonly logLikelihood: number;
  /** Repeat buyers with a positive mean spend: the customers the model was fitted on. */
  readonly customers: number;
  /** Repeat buyers left out because their mean repeat spend was 0 or less. */
  readonly skippedNonPositive: number;
  readonly iterations: number;
  readonly evaluations: number;
  readonly converged: boolean;
  readonly message: string;
}

/** Repeat buyers as columns, with ln m̄ summed per x (the likelihood's only per-x data term). */
export interface GammaGammaPrepared {
  readonly x: Float64Array;
  readonly m: Float64Array;
  /** Per distinct x = 1 … xMax: customers, and Σ ln m̄ over them. */
  readonly countByX: Float64Array;
  readonly sumLogMByX: Float64Array;
  readonly skippedNonPositive: number;
}

export function prepareGammaGamma(data: SpendColumns): GammaGammaPrepared {
  const n = data.x.length;
  let kept = 0;
  let skipped = 0;
  let xMax = 0;
  for (let i = 0; i < n; i++) {
    const x = data.x[i] ?? 0;
    if (x < 1) continue;
    if (!((data.m[i] ?? 0) > 0)) {
      skipped++;
      continue;
    }
    kept++;
    if (x > xMax) xMax = x;
  }
  const x = new Float64Array(kept);
  const m = new Float64Array(kept);
  const countByX = new Float64Array(xMax + 1);
  const sumLogMByX = new Float64Array(xMax + 1);
  for (let i = 0, j = 0; i < n; i++) {
    const xi = data.x[i] ?? 0;
    const mi = data.m[i] ?? 0;
    if (xi < 1 || !(mi > 0)) continue;
    x[j] = xi;
    m[j] = mi;
    countByX[xi] = (countByX[xi] ?? 0) + 1;
    sumLogMByX[xi] = (sumLogMByX[xi] ?? 0) + Math.log(mi);
    j++;
  }
  return { x, m, countByX, sumLogMByX, skippedNonPositive: skipped };
}

/**
 * Log-likelihood of the mean spends (the note's eq. 3, the density of m̄ given x):
 *   ln Γ(px+q) − ln Γ(px) − ln Γ(q) + q ln γ + (px−1) ln m̄ + px ln x − (px+q) ln(γ + m̄x),
 * with its gradient in (p, q, γ) written into `grad` when given. All but the last term are summed
 * per distinct x; the last needs one log per customer.
 */
export function gammaGammaLogLikelihood(
  d: GammaGammaPrepared,
  params: GammaGammaParams,
  grad?: Float64Array,
): number {
  const { p, q, gamma } = params;
  const lnGamma = Math.log(gamma);
  const lgQ = gammaln(q);
  const psiQ = grad ? digamma(q) : 0;
  let ll = 0;
  let gp = 0;
  let gq = 0;
  let gg = 0;
  for (let x = 1; x < d.countByX.length; x++) {
    const nx = d.countByX[x] ?? 0;
    if (nx === 0) continue;
    const px = p * x;
    const slm = d.sumLogMByX[x] ?? 0;
    const lnX = Math.log(x);
    ll += nx * (gammaln(px + q) - gammaln(px) - lgQ + q * lnGamma + px * lnX) + (px - 1) * slm;
    if (grad) {
      const psiPQ = digamma(px + q);
      gp += x * (nx * (psiPQ - digamma(px) + lnX)) + x * slm;
      gq += nx * (psiPQ - psiQ + lnGamma);
      gg += (nx * q) / gamma;
    }
  }
  const n = d.x.length;
  for (let i = 0; i < n; i++) {
    const x = d.x[i] ?? 0;
    const mx = (d.m[i] ?? 0) * x;
    const v = gamma + mx;
    const lv = Math.log(v);
    const px = p * x;
    ll -= (px + q) * lv;
    if (grad) {
      gp -= x * lv;
      gq -= lv;
      gg -= (px + q) / v;
    }
  }
  if (grad) {
    grad[0] = gp;
    grad[1] = gq;
    grad[2] = gg;
  }
  return ll;
}

export interface GammaGammaFitOptions {
  readonly start?: GammaGammaParams;
  readonly maxIterations?: number;
}

/** Maximum-likelihood fit by BFGS on (ln p, ln q, ln γ). */
export function fitGammaGamma(
  data: SpendColumns,
  options: GammaGammaFitOptions = {},
): GammaGammaFit {
  return fitGammaGammaPrepared(prepareGammaGamma(data), options);
}

export function fitGammaGammaPrepared(
  d: GammaGammaPrepared,
  options: GammaGammaFitOptions = {},
): GammaGammaFit {
  const n = d.x.length;
  if (n < 2)
    throw new RangeError('Fewer than two repeat buyers with spend: Gamma-Gamma cannot be fitted.');
  let mean = 0;
  for (let i = 0; i < n; i++) mean += d.m[i] ?? 0;
  mean /= n;
  // Start with E[spend] = pγ/(q−1) near the observed mean.
  const start = options.start ?? { p: 1, q: 2, gamma: mean };
  const g = new Float64Array(3);
  const objective = (theta: Float64Array, grad: Float64Array): number => {
    const params = {
      p: Math.exp(theta[0] ?? 0),
      q: Math.exp(theta[1] ?? 0),
      gamma: Math.exp(theta[2] ?? 0),
    };
    const ll = gammaGammaLogLikelihood(d, params, g);
    grad[0] = (-params.p * (g[0] ?? 0)) / n;
    grad[1] = (-params.q * (g[1] ?? 0)) / n;
    grad[2] = (-params.gamma * (g[2] ?? 0)) / n;
    return -ll / n;
  };
  const result = minimiseWithRestarts(
    objective,
    [Math.log(start.p), Math.log(start.q), Math.log(start.gamma)],
    { maxIterations: options.maxIterations ?? 500, gradientTolerance: 1e-8 },
  );
  const params = {
    p: Math.exp(result.x[0] ?? 0),
    q: Math.exp(result.x[1] ?? 0),
    gamma: Math.exp(result.x[2] ?? 0),
  };
  // Delta method: se(θ) = θ · se(ln θ).
  const seLog = standardErrorsAt(objective, result.x, n);
  return {
    model: 'gamma-gamma',
    params,
    standardErrors: seLog
      ? {
          p: params.p * (seLog[0] ?? 0),
          q: params.q * (seLog[1] ?? 0),
          gamma: params.gamma * (seLog[2] ?? 0),
        }
      : null,
    logLikelihood: -result.f * n,
    customers: n,
    skippedNonPositive: d.skippedNonPositive,
    iterations: result.iterations,
    evaluations: result.evaluations,
    converged: result.converged,
    message: result.message,
  };
}

/** Population mean spend per purchase, E[Z] = pγ/(q−1) (infinite when q ≤ 1). */
export function meanSpend(params: GammaGammaParams): number {
  return params.q > 1 ? (params.p * params.gamma) / (params.q - 1) : Number.POSITIVE_INFINITY;
}

/**
 * Expected spend per future purchase given x repeat purchases of mean m̄ (the note's eq. 5):
 * (γ + m̄x) p / (px + q − 1), a weighted mean of the population mean and the customer's own;
 * the population mean for x = 0.
 */
export function expectedSpend(params: GammaGammaParams, x: number, m: number): number {
  const { p, q, gamma } = params;
  return x > 0 ? ((gamma + m * x) * p) / (p * x + q - 1) : meanSpend(params);
}
