/**
 * Special functions for the customer-base models, from @stdlib (well kept, tested against Boost and
 * Cephes; plain JavaScript that bundles for the browser). This file is the one place that imports
 * them, so a swap or a typed shim touches nothing else.
 */
import stdlibBetaln from '@stdlib/math-base-special-betaln';
import stdlibDigamma from '@stdlib/math-base-special-digamma';
import stdlibGammaln from '@stdlib/math-base-special-gammaln';

/** ln |Γ(x)|. */
export const gammaln: (x: number) => number = stdlibGammaln;

/** ln B(a, b) = ln Γ(a) + ln Γ(b) − ln Γ(a + b), for a, b > 0, without cancellation for large arguments. */
export const betaln: (a: number, b: number) => number = stdlibBetaln;

/** ψ(x) = d/dx ln Γ(x), for the analytic gradients. */
export const digamma: (x: number) => number = stdlibDigamma;

/** The sign of Γ(x): +1 for x > 0; for x < 0 it alternates between the poles (−1 on (−1, 0)). */
export function gammaSign(x: number): number {
  if (x > 0) return 1;
  return Math.floor(x) % 2 === 0 ? 1 : -1;
}
