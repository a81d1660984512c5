import { describe, expect, test } from 'vitest';
import { hyp2f1, hyp2f1Series } from './hyp2f1.ts';
import { gammaln } from './special.ts';

const close = (value: number, expected: number, tol = 1e-12) =>
  expect(Math.abs(value - expected)).toBeLessThanOrEqual(tol * Math.max(1, Math.abs(expected)));

describe('₂F₁ against closed forms', () => {
  // z up to 0.999 exercises the series (≤ 0.75) and the 1 − z transformation or its fallback.
  const zs = [-3, -0.9, -0.2, 0, 0.1, 0.5, 0.75, 0.8, 0.9, 0.99, 0.999];

  test.each(zs)(
    'F(1, 1; 2; z) = −ln(1 − z)/z at z = %f (c − a − b = 0: the series fallback)',
    (z) => {
      close(hyp2f1(1, 1, 2, z), z === 0 ? 1 : -Math.log1p(-z) / z, 1e-11);
    },
  );

  test.each(zs)('F(a, b; b; z) = (1 − z)^(−a) at z = %f', (z) => {
    close(hyp2f1(0.37, 2.2, 2.2, z), Math.pow(1 - z, -0.37), 1e-11);
  });

  test.each([0.1, 0.5, 0.85, 0.95, 0.999])(
    'F(½, ½; 3/2; z²) = arcsin(z)/z at z = %f (c − a − b = ½: the 1 − z transformation)',
    (z) => {
      close(hyp2f1(0.5, 0.5, 1.5, z * z), Math.asin(z) / z, 1e-12);
    },
  );

  test.each([0.3, 1, 5])('F(½, 1; 3/2; −z²) = arctan(z)/z at z = %f', (z) => {
    close(hyp2f1(0.5, 1, 1.5, -z * z), Math.atan(z) / z, 1e-12);
  });

  test('F(−2, b; c; z) is a polynomial: 1 − 2bz/c + b(b+1)z²/(c(c+1))', () => {
    const [b, c, z] = [1.7, 2.9, 0.93];
    close(hyp2f1(-2, b, c, z), 1 - (2 * b * z) / c + (b * (b + 1) * z * z) / (c * (c + 1)));
  });

  test('near z = 1 it approaches Gauss’s value Γ(c)Γ(c−a−b)/(Γ(c−a)Γ(c−b))', () => {
    const [a, b, c] = [0.3, 0.8, 2.6];
    const gauss = Math.exp(gammaln(c) + gammaln(c - a - b) - gammaln(c - a) - gammaln(c - b));
    const near = hyp2f1(a, b, c, 1 - 1e-10);
    expect(Math.abs(near - gauss) / gauss).toBeLessThan(1e-6);
  });

  test('is continuous where the transformation hands over to the series (c − a − b near an integer)', () => {
    // c − a − b = 1 ± 0.0199 and ± 0.0201: one side uses A&S 15.3.6, the other the direct series.
    for (const eps of [0.0199, 0.0201, -0.0199, -0.0201]) {
      const [a, b] = [1.3, 2.1];
      const c = a + b + 1 + eps;
      for (const z of [0.8, 0.95, 0.99]) {
        close(hyp2f1(a, b, c, z), hyp2f1Series(a, b, c, z), 1e-10);
      }
    }
  });

  test('BG/NBD-shaped arguments: the transformation agrees with the plain series', () => {
    // (r + x, b + x; a + b + x − 1) for CDNOW-like parameters and several x.
    const [r, a, b] = [0.243, 0.793, 2.426];
    for (const x of [0, 1, 3, 10]) {
      for (const z of [0.8, 0.9, 0.97]) {
        close(
          hyp2f1(r + x, b + x, a + b + x - 1, z),
          hyp2f1Series(r + x, b + x, a + b + x - 1, z),
          1e-10,
        );
      }
    }
  });

  test('is NaN at and beyond z = 1', () => {
    expect(hyp2f1(1, 1, 3, 1)).toBeNaN();
    expect(hyp2f1(1, 1, 3, 2)).toBeNaN();
  });

  // Reference values from mpmath (40 digits), to double precision: BG/NBD-shaped arguments
  // (r + x, b + x; a + b + x − 1) for CDNOW-like and other parameters, large parameters near 1
  // where A&S 15.3.6 cancels (the guard falls back to the series), z just below 1, and z < 0.
  test.each([
    [2.243, 4.426, 4.219, 0.5, 5.161693901383613],
    [7.243, 9.426, 9.219000000000001, 0.9, 26910627.68348405],
    [0.243, 2.426, 2.2190000000000003, 0.97, 2.919523858054746],
    [31.5, 36, 37.5, 0.8, 1.150360508295102e21],
    [100.6, 100.9, 100.2, 0.6, 2.0514021985390342e40],
    [100.6, 100.9, 100.2, 0.95, 6.2444030683440154e131],
    [3.7, 4.1, 4.9, 0.999, 665842022.525394],
    [46.6, 59.9, 111.6, 0.83, 645691759436368.8],
    [2.5, 1.5, 7.25, 0.99999, 2.2539478088044897],
    [0.3, 0.8, 1.05, 0.9999, 4.10509680772131],
    [12, 0.5, 3.3, -0.4, 0.6193144578161196],
    [0.7, 1.3, 2.2, -9, 0.3175014544708243],
  ])('F(%f, %f; %f; %f) = %f (mpmath)', (a, b, c, z, expected) => {
    close(hyp2f1(a, b, c, z), expected, 1e-10);
  });

  test('says NaN rather than a wrong number where no method converges', () => {
    // z within 10⁻⁸ of 1 and c − a − b = −2.98 (within 0.02 of an integer): the series would
    // need billions of terms.
    expect(hyp2f1(3.1741, 3.0487, 3.2418, 1 - 1e-8)).toBeNaN();
  });
});
