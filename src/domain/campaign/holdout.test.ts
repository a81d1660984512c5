import { expect, test } from 'vitest';
import { holdoutDraw, inHoldout } from './holdout.ts';

const customerIds = Array.from({ length: 100_000 }, (_, i) => `c${String(i + 1).padStart(6, '0')}`);

test.each([0.05, 0.1, 0.25, 0.5])(
  'holds out %s of 100,000 sequential customer ids, within one point',
  (share) => {
    const held = customerIds.filter((id) => inHoldout('cmp_coffret_noel', id, share)).length;
    expect(Math.abs(held / customerIds.length - share)).toBeLessThan(0.01);
  },
);

test('draws are uniform: each tenth of [0, 1) holds a tenth of the customers, within one point', () => {
  const draws = customerIds.map((id) => holdoutDraw('cmp_2025_11_black_friday_email', id));
  expect(draws.filter((d) => !(d >= 0 && d < 1))).toEqual([]);
  const tenths = new Array<number>(10).fill(0);
  for (const draw of draws)
    tenths[Math.floor(draw * 10)] = (tenths[Math.floor(draw * 10)] ?? 0) + 1;
  expect(tenths.filter((count) => Math.abs(count / draws.length - 0.1) >= 0.01)).toEqual([]);
});

test('two campaigns hold out independent sets of customers', () => {
  const a = new Set(customerIds.filter((id) => inHoldout('cmp_a', id, 0.1)));
  const both = customerIds.filter((id) => a.has(id) && inHoldout('cmp_b', id, 0.1)).length;
  // Independent: about 1 % of customers are in both holdouts.
  expect(Math.abs(both / customerIds.length - 0.01)).toBeLessThan(0.003);
});

test('is fixed for a campaign and a customer: the same draw every time, pinned here', () => {
  // These values are part of the contract: a store, a process or a release that drew otherwise
  // would move customers in or out of a running campaign's holdout. They are FNV-1a (32 bits) of
  // the UTF-8 of `campaign \0 customer`, then MurmurHash3's fmix32, over 2^32: any engine (SQL
  // included) can compute the same.
  expect(holdoutDraw('cmp_coffret_noel', 'c000001')).toBe(
    holdoutDraw('cmp_coffret_noel', 'c000001'),
  );
  expect(
    ['c000001', 'c000002', 'cust_é'].map((id) => holdoutDraw('cmp_coffret_noel', id).toFixed(8)),
  ).toMatchInlineSnapshot(`
    [
      "0.68256412",
      "0.82719943",
      "0.81060218",
    ]
  `);
});

test('raising the share keeps everyone held out before; lowering it only releases customers', () => {
  const at = (share: number) => customerIds.filter((id) => inHoldout('cmp_x', id, share));
  const low = at(0.05);
  const high = new Set(at(0.2));
  expect(low.every((id) => high.has(id))).toBe(true);
});

test('a share of 0 holds out nobody', () => {
  expect(customerIds.some((id) => inHoldout('cmp_x', id, 0))).toBe(false);
});

test('the two ids are not simply joined: moving a character from one to the other changes the draw', () => {
  expect(holdoutDraw('ab', 'c')).not.toBe(holdoutDraw('a', 'bc'));
});
