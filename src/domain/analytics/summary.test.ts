import { describe, expect, test } from 'vitest';
import {
  dateOfDay,
  dayNumber,
  summarise,
  summariseColumns,
  summariseIndexed,
  type TransactionRow,
} from './summary.ts';

const row = (customerId: string, date: string, amount: number): TransactionRow => ({
  customerId,
  date,
  amount,
});

describe('calendar days', () => {
  test.each([
    ['1970-01-01', 0],
    ['1997-01-01', 9862],
    ['2000-02-29', 11016],
    ['2024-03-01', 19783],
    ['1969-12-31', -1],
  ])('%s is day %i and back', (date, day) => {
    expect(dayNumber(date)).toBe(day);
    expect(dateOfDay(day)).toBe(date);
  });

  test.each(['1997-1-01', '19970101', '1997-13-01', '1997-01-32', '199a-01-01', ''])(
    'refuses "%s"',
    (date) => expect(() => dayNumber(date)).toThrow(RangeError),
  );
});

describe('per-customer summary', () => {
  const rows = [
    // A: first day two orders (10 + 5), repeat days 8 Jan (two orders 20 + 4) and 22 Jan (30),
    // then one in the holdout and one after it.
    row('A', '2024-01-01', 10),
    row('A', '2024-01-08', 20),
    row('A', '2024-01-01', 5),
    row('A', '2024-01-22', 30),
    row('A', '2024-01-08', 4),
    row('A', '2024-02-05', 7),
    row('A', '2024-03-30', 99),
    // B: one purchase only.
    row('B', '2024-01-15', 12),
    // C: first bought in the holdout: not part of the calibration base.
    row('C', '2024-02-03', 50),
  ];
  const options = { calibrationEnd: '2024-01-29', holdoutEnd: '2024-02-26', unit: 'week' } as const;

  test('counts repeat purchase days, merging same-day orders and summing their amounts', () => {
    const [a, b, ...rest] = summarise(rows, options);
    expect(rest).toEqual([]);
    expect(a).toEqual({
      customerId: 'A',
      unit: 'week',
      firstPurchase: '2024-01-01',
      frequency: 2,
      recency: 3, // 22 Jan is 21 days after 1 Jan
      age: 4, // 29 Jan is 28 days after 1 Jan
      monetaryValue: (24 + 30) / 2,
      firstSpend: 15,
      holdoutFrequency: 1,
      holdoutSpend: 7,
    });
    expect(b).toMatchObject({ frequency: 0, recency: 0, age: 2, monetaryValue: 0, firstSpend: 12 });
  });

  test('measures in days when asked, and the columns say which unit', () => {
    const s = summariseColumns(rows, { ...options, unit: 'day' });
    expect(s.unit).toBe('day');
    expect(Array.from(s.tx)).toEqual([21, 0]);
    expect(Array.from(s.T)).toEqual([28, 14]);
    expect(s.holdoutLength).toBe(28);
    expect(summariseColumns(rows, options).holdoutLength).toBe(4);
  });

  test('does not depend on the order of the rows (customers come in order of first appearance)', () => {
    const reversed = summarise([...rows].reverse(), options);
    expect(reversed.map((c) => c.customerId)).toEqual(['B', 'A']);
    expect([...reversed].reverse()).toEqual(summarise(rows, options));
  });

  test('without a holdout, later purchases are ignored and the holdout is empty', () => {
    const s = summariseColumns(rows, { calibrationEnd: '2024-01-29', unit: 'week' });
    expect(s.customerIds).toEqual(['A', 'B']);
    expect(Array.from(s.holdoutX)).toEqual([0, 0]);
    expect(s.holdoutEnd).toBeNull();
  });

  test('a purchase on the calibration end counts in the calibration period', () => {
    const s = summariseColumns([row('D', '2024-01-01', 1), row('D', '2024-01-29', 2)], options);
    expect(s.x[0]).toBe(1);
    expect(s.tx[0]).toBe(s.T[0]);
  });

  test('refuses a holdout that ends before the calibration', () => {
    expect(() =>
      summariseColumns(rows, {
        calibrationEnd: '2024-01-29',
        holdoutEnd: '2024-01-01',
        unit: 'day',
      }),
    ).toThrow(RangeError);
  });
});

describe('indexed transactions (the CSV reader’s columns)', () => {
  test('give the same summary as rows, customers without a usable purchase left out', () => {
    const ids = ['A', 'B', 'Z'];
    const t = {
      customerIds: ids,
      customer: Int32Array.from([0, 0, 1, 0, 2]),
      day: Int32Array.from(
        ['2024-01-01', '2024-01-08', '2024-01-15', '2024-01-08', '2024-06-01'].map(dayNumber),
      ),
      amount: Float64Array.from([10, 20, 12, 4, 1]),
    };
    const options = {
      calibrationEnd: '2024-01-29',
      holdoutEnd: '2024-02-26',
      unit: 'day',
    } as const;
    const fromRows = summariseColumns(
      [
        row('A', '2024-01-01', 10),
        row('A', '2024-01-08', 20),
        row('B', '2024-01-15', 12),
        row('A', '2024-01-08', 4),
        row('Z', '2024-06-01', 1),
      ],
      options,
    );
    const indexed = summariseIndexed(t, options);
    expect(indexed).toEqual(fromRows);
    expect(indexed.customerIds).toEqual(['A', 'B']);
    expect(Array.from(indexed.m)).toEqual([24, 0]);
  });
});
