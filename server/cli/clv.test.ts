import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { TransactionsFileError } from '../../src/domain/analytics/transactions-csv.ts';
import { UsageError, runClv } from './clv.ts';

const CDNOW = join(import.meta.dirname, '../../bench/data/cdnow/CDNOW_sample.txt');
const dir = mkdtempSync(join(tmpdir(), 'tact-clv-'));
const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

async function run(args: string[]): Promise<string> {
  let printed = '';
  await runClv(args, (text) => (printed += text));
  return printed;
}

describe('npm run clv', () => {
  test('prints the published CDNOW fit from the raw sample, as text and as JSON', async () => {
    const base = ['--transactions', CDNOW, '--format', 'cdnow', '--calibration-end', '1997-09-30'];
    const text = await run([...base, '--holdout-end', '1998-06-30']);
    expect(text).toContain('r = 0.2426, alpha = 4.4136 (weeks), a = 0.7929, b = 2.4259');
    expect(text).toContain('log-likelihood -9582.43');
    expect(text).toContain('p = 6.2496, q = 3.7442, gamma = 15.4435');
    expect(text).toContain('exact duplicate lines: 21 (0 dropped)');
    expect(text).toContain('predicted 1653.4 vs actual 1882 repeat purchases');

    const json: unknown = JSON.parse(await run([...base, '--json']));
    expect(json).toMatchObject({
      r: expect.closeTo(0.243, 3),
      alpha: expect.closeTo(4.414, 2),
      a: expect.closeTo(0.793, 3),
      b: expect.closeTo(2.426, 2),
      p: expect.closeTo(6.25, 1),
      q: expect.closeTo(3.74, 1),
      gamma: expect.closeTo(15.44, 1),
      model_card: { unit: 'week', customers: 2357 },
    });
  });

  test('reads a CSV with its own column names, and reports each oddity', async () => {
    const csv = file(
      'orders.csv',
      [
        'cust,order_date,sales',
        'A,2024-01-02,10.00',
        'A,2024-01-02,5.00',
        'A,2024-02-01,0',
        'A,2024-02-01,0',
        'B,2024-01-05,20.50',
        'B,2024-01-05,-5.50',
        'B,2024-03-01,30',
        'C,2024-04-01,12',
        '',
      ].join('\n'),
    );
    const text = await run([
      '--transactions',
      csv,
      '--calibration-end',
      '2024-06-30',
      '--customer-column',
      'cust',
      '--date-column',
      'order_date',
      '--amount-column',
      'sales',
      '--unit',
      'day',
    ]);
    expect(text).toContain('amount 0: 2 (kept as purchases)');
    expect(text).toContain('returns (negative amounts): 1 — 1 netted');
    expect(text).toContain('exact duplicate lines: 1 (0 dropped)');
    expect(text).toContain('time unit: day');
  });

  test.each([
    ['a wrong date', 'customer_id,date,amount\nA,2024-13-01,10\n', /^Line 2: /],
    [
      'a non-numeric amount',
      'customer_id,date,amount\nA,2024-01-01,10\nB,2024-01-02,ten\n',
      /^Line 3: /,
    ],
    ['a missing column', 'customer,date,amount\nA,2024-01-01,10\n', /^Line 1: /],
  ])('rejects a file with %s, naming the line', async (_, text, message) => {
    const path = file('broken.csv', text);
    const error = await run(['--transactions', path, '--calibration-end', '2024-06-30']).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(TransactionsFileError);
    expect(String((error as Error).message)).toMatch(message);
  });

  test.each([
    [[], '--transactions FILE is required.'],
    [['--transactions', CDNOW], '--calibration-end YYYY-MM-DD is required.'],
    [['--transactions', CDNOW, '--calibration-end', '1997-09-30', '--unit', 'month'], '--unit'],
    [['--transactions', '/no/such/file', '--calibration-end', '1997-09-30'], 'No file'],
    [
      ['--transactions', CDNOW, '--calibration-end', '1997-09-30', '--holdout-end', '1997-01-01'],
      'after the calibration end',
    ],
    [['--bogus'], "Unknown option '--bogus'"],
  ])('usage error for %j', async (args, message) => {
    const error = await run(args).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UsageError);
    expect(String((error as Error).message)).toContain(message);
  });
});
