/**
 * A small BFGS minimiser with a strong-Wolfe line search (Nocedal & Wright, Numerical
 * Optimization, 2nd ed., Algorithms 6.1, 3.5 and 3.6), for the few-parameter likelihoods of the
 * customer-base models. The models hand it an objective that returns f and fills the analytic
 * gradient, on unconstrained (log) parameters. Written here because it is 150 lines and the
 * packages that offer one are either large, Node-only or unmaintained.
 */

/** f(x), writing ∇f(x) into `grad`. May return a non-finite value outside the valid region. */
export type Objective = (x: Float64Array, grad: Float64Array) => number;

export interface MinimiseOptions {
  /** Stop when every gradient component is at most this (default 1e-8). */
  readonly gradientTolerance?: number;
  readonly maxIterations?: number;
  /** Relative decrease of f below which an iteration counts as no progress (default 1e-15). */
  readonly objectiveTolerance?: number;
}

export interface MinimiseResult {
  readonly x: Float64Array;
  readonly f: number;
  /** Largest absolute gradient component at `x`. */
  readonly gradientNorm: number;
  readonly iterations: number;
  /** Objective evaluations (each with its gradient). */
  readonly evaluations: number;
  readonly converged: boolean;
  readonly message: string;
}

const C1 = 1e-4;
const C2 = 0.9;

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (a[i] ?? 0) * (b[i] ?? 0);
  return s;
}

function maxAbs(a: Float64Array): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] ?? 0));
  return m;
}

/** Minimises `objective` from `start` by BFGS on the inverse Hessian. */
export function minimiseBfgs(
  objective: Objective,
  start: ArrayLike<number>,
  options: MinimiseOptions = {},
): MinimiseResult {
  const gtol = options.gradientTolerance ?? 1e-8;
  const ftol = options.objectiveTolerance ?? 1e-15;
  const maxIterations = options.maxIterations ?? 500;
  const n = start.length;
  let evaluations = 0;
  const evaluate = (at: Float64Array, grad: Float64Array): number => {
    evaluations++;
    const f = objective(at, grad);
    return Number.isFinite(f) && grad.every(Number.isFinite) ? f : Number.POSITIVE_INFINITY;
  };

  let x: Float64Array = Float64Array.from(start);
  let g: Float64Array = new Float64Array(n);
  let f = evaluate(x, g);
  if (!Number.isFinite(f)) {
    return done(x, f, g, 0, false, 'The objective is not finite at the starting point.');
  }
  // Inverse Hessian approximation, row-major; identity until the first step rescales it.
  const H = new Float64Array(n * n);
  for (let i = 0; i < n; i++) H[i * n + i] = 1;
  const p = new Float64Array(n);
  const s = new Float64Array(n);
  const y = new Float64Array(n);
  const Hy = new Float64Array(n);
  let firstStep = true;

  for (let iter = 0; iter < maxIterations; iter++) {
    if (maxAbs(g) <= gtol) return done(x, f, g, iter, true, 'Gradient below tolerance.');
    // p = −H g
    for (let i = 0; i < n; i++) {
      let v = 0;
      for (let j = 0; j < n; j++) v -= (H[i * n + j] ?? 0) * (g[j] ?? 0);
      p[i] = v;
    }
    let slope = dot(p, g);
    if (!(slope < 0)) {
      // Not a descent direction (a poor curvature estimate): restart from steepest descent.
      H.fill(0);
      for (let i = 0; i < n; i++) {
        H[i * n + i] = 1;
        p[i] = -(g[i] ?? 0);
      }
      slope = dot(p, g);
      firstStep = true;
    }
    // A first step of length at most 1 in the log-parameters keeps the first trial sane.
    const initial = firstStep ? Math.min(1, 1 / maxAbs(p)) : 1;
    const step = lineSearch(evaluate, x, f, g, p, slope, initial);
    if (step === null) {
      return done(x, f, g, iter, maxAbs(g) <= gtol * 1e3, 'The line search found no decrease.');
    }
    for (let i = 0; i < n; i++) {
      s[i] = (step.x[i] ?? 0) - (x[i] ?? 0);
      y[i] = (step.g[i] ?? 0) - (g[i] ?? 0);
    }
    const fPrev = f;
    x = step.x;
    g = step.g;
    f = step.f;
    const sy = dot(s, y);
    if (sy > 1e-12 * Math.sqrt(dot(s, s) * dot(y, y))) {
      if (firstStep) {
        // Scale the identity to the observed curvature before the first update (N&W eq. 6.20).
        const scale = sy / dot(y, y);
        for (let i = 0; i < n; i++) H[i * n + i] = scale;
        firstStep = false;
      }
      // H ← (I − ρ s yᵀ) H (I − ρ y sᵀ) + ρ s sᵀ, expanded (N&W eq. 6.17).
      const rho = 1 / sy;
      for (let i = 0; i < n; i++) {
        let v = 0;
        for (let j = 0; j < n; j++) v += (H[i * n + j] ?? 0) * (y[j] ?? 0);
        Hy[i] = v;
      }
      const yHy = dot(y, Hy);
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < n; j++) {
          const si = s[i] ?? 0;
          const sj = s[j] ?? 0;
          H[i * n + j] =
            (H[i * n + j] ?? 0) -
            rho * ((Hy[i] ?? 0) * sj + si * (Hy[j] ?? 0)) +
            (rho * rho * yHy + rho) * si * sj;
        }
      }
    }
    // At the optimum the gradient of a sum over a million customers bottoms out at its rounding
    // noise (~1e-8) before reaching a strict tolerance: stop when f no longer moves (L-BFGS-B's
    // factr test) and the gradient is small anyway.
    if (fPrev - f <= ftol * Math.max(1, Math.abs(f)) && maxAbs(g) <= 1e3 * gtol) {
      return done(
        x,
        f,
        g,
        iter + 1,
        true,
        'The objective stopped decreasing at a near-zero gradient.',
      );
    }
  }
  return done(x, f, g, maxIterations, maxAbs(g) <= gtol, 'Iteration limit reached.');

  function done(
    at: Float64Array,
    value: number,
    grad: Float64Array,
    iterations: number,
    converged: boolean,
    message: string,
  ): MinimiseResult {
    return {
      x: at,
      f: value,
      gradientNorm: maxAbs(grad),
      iterations,
      evaluations,
      converged,
      message,
    };
  }
}

interface Point {
  x: Float64Array;
  f: number;
  g: Float64Array;
  slope: number;
}

/** Strong-Wolfe line search along p (N&W Algorithm 3.5), null when no acceptable step exists. */
function lineSearch(
  evaluate: (x: Float64Array, g: Float64Array) => number,
  x0: Float64Array,
  f0: number,
  g0: Float64Array,
  p: Float64Array,
  slope0: number,
  initial: number,
): Point | null {
  const at = (alpha: number): Point & { alpha: number } => {
    const x = new Float64Array(x0.length);
    for (let i = 0; i < x.length; i++) x[i] = (x0[i] ?? 0) + alpha * (p[i] ?? 0);
    const g = new Float64Array(x0.length);
    const f = evaluate(x, g);
    return { alpha, x, f, g, slope: dot(g, p) };
  };
  let prev = { alpha: 0, x: x0, f: f0, g: g0, slope: slope0 };
  let alpha = initial;
  for (let i = 0; i < 40; i++) {
    const cur = at(alpha);
    if (!Number.isFinite(cur.f)) {
      alpha = (prev.alpha + alpha) / 2; // stepped out of the valid region: come back
      continue;
    }
    if (cur.f > f0 + C1 * alpha * slope0 || (i > 0 && cur.f >= prev.f)) {
      return zoom(at, f0, slope0, prev, cur);
    }
    if (Math.abs(cur.slope) <= -C2 * slope0) return cur;
    if (cur.slope >= 0) return zoom(at, f0, slope0, cur, prev);
    prev = cur;
    alpha *= 2;
  }
  return null;
}

/** N&W Algorithm 3.6 with a safeguarded cubic interpolation between the bracket ends. */
function zoom(
  at: (alpha: number) => Point & { alpha: number },
  f0: number,
  slope0: number,
  loIn: Point & { alpha: number },
  hiIn: Point & { alpha: number },
): Point | null {
  let lo = loIn;
  let hi = hiIn;
  // Twelve interpolations shrink the bracket a thousandfold at least; past that f is at its
  // rounding noise and more evaluations only burn time.
  for (let i = 0; i < 12; i++) {
    const alpha = interpolate(lo, hi);
    const cur = at(alpha);
    if (!Number.isFinite(cur.f) || cur.f > f0 + C1 * alpha * slope0 || cur.f >= lo.f) {
      hi = cur;
    } else {
      if (Math.abs(cur.slope) <= -C2 * slope0) return cur;
      if (cur.slope * (hi.alpha - lo.alpha) >= 0) hi = lo;
      lo = cur;
    }
    if (Math.abs(hi.alpha - lo.alpha) < 1e-16 * Math.max(1, Math.abs(lo.alpha))) break;
  }
  // The bracket collapsed: accept the best point if it decreased f at all.
  return lo.alpha > 0 && lo.f < f0 ? lo : null;
}

/** The minimiser of the cubic through both ends' values and slopes, kept inside the bracket. */
function interpolate(lo: Point & { alpha: number }, hi: Point & { alpha: number }): number {
  const a = lo.alpha;
  const b = hi.alpha;
  const left = Math.min(a, b);
  const width = Math.abs(b - a);
  if (Number.isFinite(hi.f)) {
    const d1 = lo.slope + hi.slope - (3 * (lo.f - hi.f)) / (a - b);
    const disc = d1 * d1 - lo.slope * hi.slope;
    if (disc >= 0) {
      const d2 = Math.sign(b - a) * Math.sqrt(disc);
      const t = b - (b - a) * ((hi.slope + d2 - d1) / (hi.slope - lo.slope + 2 * d2));
      if (Number.isFinite(t) && t > left + 0.1 * width && t < left + 0.9 * width) return t;
    }
  }
  return (a + b) / 2;
}

/**
 * BFGS, restarted from where it stopped (with a fresh Hessian estimate) up to `restarts` times
 * while it has not converged: a stale curvature estimate is the usual reason a line search stalls
 * on a likelihood surface with a long, curved ridge (BG/NBD's a and b). Counts add up.
 */
export function minimiseWithRestarts(
  objective: Objective,
  start: ArrayLike<number>,
  options: MinimiseOptions = {},
  restarts = 2,
): MinimiseResult {
  let result = minimiseBfgs(objective, start, options);
  let iterations = result.iterations;
  let evaluations = result.evaluations;
  for (let i = 0; i < restarts && !result.converged && Number.isFinite(result.f); i++) {
    result = minimiseBfgs(objective, result.x, options);
    iterations += result.iterations;
    evaluations += result.evaluations;
  }
  return { ...result, iterations, evaluations };
}

/**
 * Standard errors at a minimum of a *mean* negative log-likelihood over `n` observations: the
 * Hessian by central differences of the analytic gradient (2·dim evaluations), inverted, scaled
 * by 1/n. Returns null when the Hessian is not positive definite (a flat or saddle direction).
 */
export function standardErrorsAt(
  objective: Objective,
  at: Float64Array,
  n: number,
  step = 1e-5,
): Float64Array | null {
  const dim = at.length;
  const H = new Float64Array(dim * dim);
  const gUp = new Float64Array(dim);
  const gDown = new Float64Array(dim);
  for (let j = 0; j < dim; j++) {
    const h = step * Math.max(1, Math.abs(at[j] ?? 0));
    const up = Float64Array.from(at);
    const down = Float64Array.from(at);
    up[j] = (up[j] ?? 0) + h;
    down[j] = (down[j] ?? 0) - h;
    objective(up, gUp);
    objective(down, gDown);
    for (let i = 0; i < dim; i++) H[i * dim + j] = ((gUp[i] ?? 0) - (gDown[i] ?? 0)) / (2 * h);
  }
  // Symmetrise, then invert by Cholesky (fails, hence null, unless positive definite).
  for (let i = 0; i < dim; i++) {
    for (let j = 0; j < i; j++) {
      const v = ((H[i * dim + j] ?? 0) + (H[j * dim + i] ?? 0)) / 2;
      H[i * dim + j] = v;
      H[j * dim + i] = v;
    }
  }
  const L = new Float64Array(dim * dim);
  for (let i = 0; i < dim; i++) {
    for (let j = 0; j <= i; j++) {
      let s = H[i * dim + j] ?? 0;
      for (let k = 0; k < j; k++) s -= (L[i * dim + k] ?? 0) * (L[j * dim + k] ?? 0);
      if (i === j) {
        if (!(s > 0)) return null;
        L[i * dim + i] = Math.sqrt(s);
      } else L[i * dim + j] = s / (L[j * dim + j] ?? 1);
    }
  }
  // diag(H⁻¹): solve L Lᵀ x = eᵢ for each i.
  const se = new Float64Array(dim);
  const y = new Float64Array(dim);
  const x = new Float64Array(dim);
  for (let c = 0; c < dim; c++) {
    for (let i = 0; i < dim; i++) {
      let s = i === c ? 1 : 0;
      for (let k = 0; k < i; k++) s -= (L[i * dim + k] ?? 0) * (y[k] ?? 0);
      y[i] = s / (L[i * dim + i] ?? 1);
    }
    for (let i = dim - 1; i >= 0; i--) {
      let s = y[i] ?? 0;
      for (let k = i + 1; k < dim; k++) s -= (L[k * dim + i] ?? 0) * (x[k] ?? 0);
      x[i] = s / (L[i * dim + i] ?? 1);
    }
    se[c] = Math.sqrt((x[c] ?? 0) / n);
  }
  return se;
}
