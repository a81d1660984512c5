import { expect, test } from 'vitest';
import { minimiseBfgs, standardErrorsAt } from './optimise.ts';

test('BFGS finds the minimum of Rosenbrock’s valley', () => {
  const result = minimiseBfgs(
    (x, g) => {
      const [a, b] = [x[0]!, x[1]!];
      g[0] = -2 * (1 - a) - 400 * a * (b - a * a);
      g[1] = 200 * (b - a * a);
      return (1 - a) ** 2 + 100 * (b - a * a) ** 2;
    },
    [-1.2, 1],
  );
  expect(result.converged).toBe(true);
  expect(result.x[0]).toBeCloseTo(1, 6);
  expect(result.x[1]).toBeCloseTo(1, 6);
  expect(result.iterations).toBeLessThan(60);
});

test('steps back into the valid region when the objective is not finite there', () => {
  // ln-barrier at x ≤ 0: the first trial step overshoots into NaN territory.
  const result = minimiseBfgs(
    (x, g) => {
      const v = x[0]!;
      g[0] = 1 - 1 / v;
      return v - Math.log(v);
    },
    [5],
  );
  expect(result.x[0]).toBeCloseTo(1, 6);
});

test('says so when the start is not finite', () => {
  const result = minimiseBfgs(() => Number.NaN, [0]);
  expect(result.converged).toBe(false);
  expect(result.message).toMatch(/starting point/);
});

test('standard errors of a quadratic mean objective are 1/√(n·h)', () => {
  const h = [4, 0.25];
  const objective = (x: Float64Array, g: Float64Array) => {
    g[0] = h[0]! * x[0]!;
    g[1] = h[1]! * x[1]!;
    return 0.5 * (h[0]! * x[0]! ** 2 + h[1]! * x[1]! ** 2);
  };
  const se = standardErrorsAt(objective, Float64Array.from([0, 0]), 100)!;
  expect(se[0]).toBeCloseTo(1 / Math.sqrt(100 * 4), 8);
  expect(se[1]).toBeCloseTo(1 / Math.sqrt(100 * 0.25), 8);
  // A saddle has no standard errors.
  const saddle = (x: Float64Array, g: Float64Array) => {
    g[0] = x[0]!;
    g[1] = -x[1]!;
    return 0.5 * (x[0]! ** 2 - x[1]! ** 2);
  };
  expect(standardErrorsAt(saddle, Float64Array.from([0, 0]), 10)).toBeNull();
});
