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
});
