import { describe, expect, test } from 'vitest';
import {
  expectedSpend,
  fitGammaGamma,
  gammaGammaLogLikelihood,
  meanSpend,
  prepareGammaGamma,
} from './gammagamma.ts';
import { gammaln } from './special.ts';

const data = { x: [0, 1, 1, 2, 3, 7, 4], m: [0, 10, 25, 14.5, 40, 22, 0] };
const params = { p: 6.25, q: 3.74, gamma: 15.44 };

describe('Gamma-Gamma', () => {
  test('fits on repeat buyers with a positive mean spend only', () => {
    const d = prepareGammaGamma(data);
    expect(d.x.length).toBe(5);
    expect(d.skippedNonPositive).toBe(1);
  });

  test('its log-likelihood is the sum of the note’s eq. 3 densities', () => {
    let expected = 0;
    for (let i = 0; i < data.x.length; i++) {
      const [x, m] = [data.x[i]!, data.m[i]!];
      if (x < 1 || m <= 0) continue;
      const { p, q, gamma } = params;
      expected +=
        gammaln(p * x + q) -
        gammaln(p * x) -
        gammaln(q) +
        q * Math.log(gamma) +
        (p * x - 1) * Math.log(m) +
        p * x * Math.log(x) -
        (p * x + q) * Math.log(gamma + m * x);
    }
    expect(gammaGammaLogLikelihood(prepareGammaGamma(data), params)).toBeCloseTo(expected, 10);
  });

  test('has the gradient of its finite differences', () => {
    const d = prepareGammaGamma(data);
    const g = new Float64Array(3);
    gammaGammaLogLikelihood(d, params, g);
    (['p', 'q', 'gamma'] as const).forEach((k, i) => {
      const h = 1e-6 * params[k];
      const up = gammaGammaLogLikelihood(d, { ...params, [k]: params[k] + h });
      const down = gammaGammaLogLikelihood(d, { ...params, [k]: params[k] - h });
      expect(g[i]).toBeCloseTo((up - down) / (2 * h), 5);
    });
  });

  test('expected spend is a weighted mean of the population’s and the customer’s own', () => {
    const population = meanSpend(params);
    expect(expectedSpend(params, 0, 0)).toBeCloseTo(population, 12);
    const few = expectedSpend(params, 1, 100);
    const many = expectedSpend(params, 20, 100);
    expect(few).toBeGreaterThan(population);
    expect(few).toBeLessThan(many);
    expect(many).toBeLessThan(100);
    // The note's eq. 5 as a weighted mean: (q−1)/(px+q−1) · pγ/(q−1) + px/(px+q−1) · m̄.
    const w = (params.p * 5) / (params.p * 5 + params.q - 1);
    expect(expectedSpend(params, 5, 30)).toBeCloseTo((1 - w) * population + w * 30, 12);
  });

  test('needs two repeat buyers', () => {
    expect(() => fitGammaGamma({ x: [1, 0], m: [5, 0] })).toThrow(RangeError);
  });
});
