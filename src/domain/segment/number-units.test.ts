import { expect, test } from 'vitest';
import { numberUnit, toStored, toTyped, TYPED_BOUNDS, typedDecimals } from './number-units.ts';

test('money fields are typed in euros and stored in cents, to the cent', () => {
  expect(numberUnit('aggregate.total_spend_cents')).toBe('cents');
  expect(numberUnit('property.price_cents')).toBe('cents');
  expect(toStored(12.5, 'cents')).toBe(1250);
  expect(toStored(0.1 + 0.2, 'cents')).toBe(30);
  expect(toStored(19.99, 'cents')).toBe(1999);
  expect(toTyped(1999, 'cents')).toBe(19.99);
  expect(typedDecimals('cents')).toBe(2);
});

test('other units are typed as stored, each with its own range', () => {
  expect(numberUnit('score.propensity_30d')).toBe('percent');
  expect(numberUnit('score.clv_12m')).toBe('euros');
  expect(numberUnit('aggregate.promo_share')).toBe('share');
  expect(numberUnit('aggregate.order_count')).toBe('count');
  expect(numberUnit('property.rating')).toBeUndefined();
  expect(toStored(42.5, 'percent')).toBe(42.5);
  expect(toTyped(3, undefined)).toBe(3);
  expect(TYPED_BOUNDS.percent).toEqual({ min: 0, max: 100 });
  expect(TYPED_BOUNDS.cents.min).toBe(0);
  expect(TYPED_BOUNDS.cents.max).toBe(1_000_000_000);
  expect(typedDecimals('count')).toBe(0);
  expect(typedDecimals('share')).toBeUndefined();
  expect(typedDecimals(undefined)).toBeUndefined();
});
