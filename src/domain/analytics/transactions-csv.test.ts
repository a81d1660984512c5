import { expect, test } from 'vitest';
import fc from 'fast-check';
import {
  TransactionsFileError,
  createTransactionsReader,
  parseAmount,
  parseDay,
  parseTransactions,
  type TransactionsOptions,
} from './transactions-csv.ts';
import { dateOfDay, dayNumber } from './summary.ts';

const csv = (...lines: string[]) => lines.join('\n');

function failure(text: string, options?: TransactionsOptions): { line: number; message: string } {
  try {
    parseTransactions(text, options);
  } catch (error) {
    if (error instanceof TransactionsFileError) return { line: error.line, message: error.message };
    throw error;
  }
  throw new Error('expected the file to be refused');
}

test('reads customer_id,date,amount in the file order, both date forms', () => {
  const { transactions, report } = parseTransactions(
    csv('customer_id,date,amount', 'C1,2024-03-01,12.50', 'C2,20240302,7', 'C1,2024-03-09,.99'),
  );
  expect(transactions).toEqual([
    { customerId: 'C1', date: '2024-03-01', amount: 12.5 },
    { customerId: 'C2', date: '2024-03-02', amount: 7 },
    { customerId: 'C1', date: '2024-03-09', amount: 0.99 },
  ]);
  expect(report).toMatchObject({
    lines: 4,
    records: 3,
    purchases: 3,
    customers: 2,
    blankLines: 0,
    firstDate: '2024-03-01',
    lastDate: '2024-03-09',
  });
});

test('maps other column names, in any order, with extra columns and CRLF line breaks', () => {
  const { transactions } = parseTransactions(
    'order_id,sales,cust,order_date\r\n9,10.00,A,2023-12-31\r\n10,3.5,B,2024-01-01\r\n',
    { columns: { customer: 'cust', date: 'order_date', amount: 'sales' } },
  );
  expect(transactions).toEqual([
    { customerId: 'A', date: '2023-12-31', amount: 10 },
    { customerId: 'B', date: '2024-01-01', amount: 3.5 },
  ]);
});

test('header names match after trimming and regardless of case; a BOM is ignored', () => {
  const { transactions } = parseTransactions(
    csv('\uFEFF Customer_ID ,DATE, Amount', ' C1 , 2024-01-05 , 4.20 '),
  );
  expect(transactions).toEqual([{ customerId: 'C1', date: '2024-01-05', amount: 4.2 }]);
});

test('RFC 4180 quoting: commas, doubled quotes and line breaks inside quoted fields', () => {
  const { transactions, report } = parseTransactions(
    csv(
      'customer_id,note,date,amount',
      '"Dupont, Marie","said ""hi""",2024-01-02,"1.50"',
      'C2,"two',
      'lines",2024-01-03,2',
      'C3,12" vinyl,2024-01-04,3',
    ),
  );
  expect(transactions).toEqual([
    { customerId: 'Dupont, Marie', date: '2024-01-02', amount: 1.5 },
    { customerId: 'C2', date: '2024-01-03', amount: 2 },
    { customerId: 'C3', date: '2024-01-04', amount: 3 },
  ]);
  expect(report.lines).toBe(5);
});

test.each<[string, string, number, RegExp]>([
  [
    'an empty file',
    '',
    1,
    /Line 1: the file is empty: expected a header line such as customer_id,date,amount/,
  ],
  ['a file of blank lines', '\n  \n', 1, /the file is empty/],
  [
    'a missing column',
    csv('customer_id,day,amount', 'C1,2024-01-01,1'),
    1,
    /no column "date" \(date\); its columns are "customer_id", "day", "amount"/,
  ],
  ['no header line', csv('C1,2024-01-01,1'), 1, /no column "customer_id".*must be a header/],
  [
    'a row with a field too many',
    csv('customer_id,date,amount', 'C1,2024-01-01,1', 'C2,2024-01-01,1,x'),
    3,
    /Line 3: 4 fields where the header has 3/,
  ],
  [
    'a row with a field missing',
    csv('customer_id,date,amount', '', 'C2,2024-01-01'),
    3,
    /Line 3: 2 fields/,
  ],
  [
    'a day-first date',
    csv('customer_id,date,amount', 'C1,01/02/2024,1'),
    2,
    /Line 2: date "01\/02\/2024" is not YYYY-MM-DD or YYYYMMDD/,
  ],
  [
    'a date with a time',
    csv('customer_id,date,amount', 'C1,2024-01-02T10:00,1'),
    2,
    /is not YYYY-MM-DD/,
  ],
  [
    'the 30th of February',
    csv('customer_id,date,amount', 'C1,2024-02-30,1'),
    2,
    /"2024-02-30" is not a calendar date/,
  ],
  ['month 13', csv('customer_id,date,amount', 'C1,20241301,1'), 2, /not a calendar date/],
  [
    'a decimal comma',
    csv('customer_id,date,amount', 'C1,2024-01-01,"12,50"'),
    2,
    /amount "12,50" is not a number with a dot decimal/,
  ],
  ['a currency sign', csv('customer_id,date,amount', 'C1,2024-01-01,€5'), 2, /amount "€5"/],
  [
    'an empty amount',
    csv('customer_id,date,amount', 'C1,2024-01-01,'),
    2,
    /Line 2: amount is empty/,
  ],
  [
    'an empty customer',
    csv('customer_id,date,amount', ' ,2024-01-01,1'),
    2,
    /Line 2: the customer id is empty/,
  ],
  [
    'an unclosed quote',
    csv('customer_id,date,amount', 'C1,2024-01-01,1', '"C2,2024-01-01,1', 'C3,2024-01-01,1'),
    3,
    /Line 3: a quoted field opened here never closes/,
  ],
  [
    'text after a closing quote',
    csv('customer_id,date,amount', '"C1"x,2024-01-01,1'),
    2,
    /field 1 has text after its closing quote/,
  ],
  [
    'one column for two roles',
    csv('customer_id,date,amount', 'C1,2024-01-01,1'),
    1,
    /three different columns/,
  ],
])('refuses %s, naming the line', (_, text, line, message) => {
  const options = _ === 'one column for two roles' ? { columns: { amount: 'date' } } : undefined;
  const refused = failure(text, options);
  expect(refused.line).toBe(line);
  expect(refused.message).toMatch(message);
});

test('a quote left open for 1,000 lines is reported where it opened, without reading on', () => {
  const lines = ['customer_id,date,amount', 'C1,2024-01-01,1', '"C2,2024-01-01,1'];
  for (let i = 0; i < 1200; i += 1) lines.push(`C${i},2024-01-01,1`);
  const refused = failure(csv(...lines));
  expect(refused.line).toBe(3);
  expect(refused.message).toMatch(/still open 1000 lines later/);
});

test('blank lines are skipped and counted; line numbers still count them', () => {
  const { report } = parseTransactions(
    csv('', 'customer_id,date,amount', '', 'C1,2024-01-01,1', '   ', ''),
  );
  expect(report).toMatchObject({ blankLines: 3, records: 1, purchases: 1, lines: 5 });
  expect(failure(csv('customer_id,date,amount', '', '', 'C1,2024-01-01,x')).line).toBe(4);
});

test('rows of nothing but commas, as spreadsheets export them, are blank lines', () => {
  const { report } = parseTransactions(
    csv('customer_id,date,amount', 'C1,2024-01-01,1', ',,', ' , ,'),
  );
  expect(report).toMatchObject({ blankLines: 2, records: 1 });
});

test('a header alone is a file without purchases, not an error', () => {
  const { transactions, report } = parseTransactions('customer_id,date,amount\n');
  expect(transactions).toEqual([]);
  expect(report).toMatchObject({
    lines: 1,
    records: 0,
    customers: 0,
    firstDate: null,
    lastDate: null,
  });
});

test('a zero amount is a purchase, counted', () => {
  const { transactions, report } = parseTransactions(
    csv('customer_id,date,amount', 'C1,2024-01-01,0', 'C1,2024-02-01,-0.00', 'C2,2024-01-01,5'),
  );
  expect(transactions.map((t) => t.amount)).toEqual([0, 0, 5]);
  expect(Object.is(transactions[1]!.amount, 0)).toBe(true);
  expect(report.zeroAmount).toBe(2);
  expect(report.purchases).toBe(3);
});

test('a return is subtracted from the same customer-day, latest purchase first, never below zero', () => {
  const { transactions, report } = parseTransactions(
    csv(
      'customer_id,date,amount',
      'C1,2024-01-01,10.10',
      'C1,2024-01-01,3.00',
      'C1,2024-01-01,-4.05', // 3.00 → 0, 10.10 → 9.05
      'C2,2024-01-01,5',
      'C2,2024-01-01,-8', // 5 → 0, 3 beyond that day's spend
      'C3,2024-01-02,-2', // no purchase that day: left out
      'C1,2024-01-09,1',
    ),
  );
  expect(transactions).toEqual([
    { customerId: 'C1', date: '2024-01-01', amount: 9.05 },
    { customerId: 'C1', date: '2024-01-01', amount: 0 },
    { customerId: 'C2', date: '2024-01-01', amount: 0 },
    { customerId: 'C1', date: '2024-01-09', amount: 1 },
  ]);
  expect(report).toMatchObject({
    records: 7,
    purchases: 4,
    customers: 2,
    returns: 3,
    returnsNetted: 2,
    returnsUnmatched: 1,
    returnedAmountNetted: 9.05,
    returnedAmountUnmatched: 5,
    sameDayOrders: 1,
    sameDayCustomerDays: 1,
    zeroAmount: 0,
  });
});

test('exact duplicate lines are kept by default and dropped on request, counted both ways', () => {
  const text = csv(
    'customer_id,date,amount,order_id',
    'C1,2024-01-01,9.77,',
    'C1,2024-01-01,9.77,',
    '"C1",2024-01-01,9.77,', // the same record, quoted
    'C1,2024-01-01,9.77,B2', // another order id: not a duplicate
    'C2,2024-01-01,9.77,',
  );
  const kept = parseTransactions(text);
  expect(kept.transactions).toHaveLength(5);
  expect(kept.report).toMatchObject({ duplicates: 2, duplicatesDropped: 0, sameDayOrders: 3 });
  const dropped = parseTransactions(text, { duplicates: 'drop' });
  expect(dropped.transactions.map((t) => t.customerId)).toEqual(['C1', 'C1', 'C2']);
  expect(dropped.report).toMatchObject({ duplicates: 2, duplicatesDropped: 2, sameDayOrders: 1 });
});

test('a customer-day with many orders finds its duplicates the same way', () => {
  // 30 orders on one day: amounts 1…10, each three times, then one return of 2.
  const rows = Array.from({ length: 30 }, (_, i) => `C1,2024-01-01,${1 + (i % 10)}`);
  const text = csv('customer_id,date,amount', ...rows, 'C1,2024-01-01,-2');
  expect(parseTransactions(text).report).toMatchObject({
    duplicates: 20,
    sameDayOrders: 29,
    returnsNetted: 1,
  });
  const dropped = parseTransactions(text, { duplicates: 'drop' });
  expect(dropped.transactions.map((t) => t.amount)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 8]);
  expect(dropped.report).toMatchObject({ duplicatesDropped: 20, sameDayOrders: 9 });
});

test('several orders on one day are kept as rows and counted, even when the file is out of order', () => {
  const { transactions, report } = parseTransactions(
    csv(
      'customer_id,date,amount',
      'C1,2024-01-05,1',
      'C2,2024-01-01,1',
      'C1,2024-01-01,2',
      'C1,2024-01-05,3',
      'C1,2024-01-05,4',
    ),
  );
  expect(transactions).toHaveLength(5);
  expect(report).toMatchObject({ sameDayOrders: 2, sameDayCustomerDays: 1 });
});

test('reads the raw CDNOW sample format: the sample id is the customer', () => {
  const { transactions, report } = parseTransactions(
    [
      ' 00004 0001 19970101  2   29.33',
      ' 00004 0001 19970118  2   29.73\r',
      '',
      ' 01668 0147 19970731  1    9.77',
      ' 01668 0147 19970731  1    9.77',
    ].join('\n'),
    { format: 'cdnow' },
  );
  expect(transactions[0]).toEqual({ customerId: '0001', date: '1997-01-01', amount: 29.33 });
  expect(transactions.map((t) => t.customerId)).toEqual(['0001', '0001', '0147', '0147']);
  expect(report).toMatchObject({ blankLines: 1, duplicates: 2 - 1, sameDayOrders: 1 });
});

test('reads the CDNOW master file: a header line, then four fields per line', () => {
  const { transactions } = parseTransactions(
    [
      ' customer_id  date number_of_cds  dollar_value',
      ' 00002 19970112  1   12.00',
      ' 00002 19970112  5   77.00',
    ].join('\n'),
    { format: 'cdnow' },
  );
  expect(transactions).toEqual([
    { customerId: '00002', date: '1997-01-12', amount: 12 },
    { customerId: '00002', date: '1997-01-12', amount: 77 },
  ]);
});

test.each<[string, string, number, RegExp]>([
  ['six fields', ' 1 2 19970101 1 2.00 x', 1, /6 fields where CDNOW lines have 5/],
  [
    'a line shorter than the first',
    ' 1 2 19970101 1 2.00\n 1 19970101 1 2.00',
    2,
    /4 fields where CDNOW lines here have 5/,
  ],
  [
    'a fractional CD count',
    ' 1 2 19970101 1.5 2.00',
    1,
    /number of CDs "1.5" is not a whole number/,
  ],
  ['a bad date', ' 1 2 19971301 1 2.00', 1, /not a calendar date/],
])('refuses a CDNOW file with %s, naming the line', (_, text, line, message) => {
  const refused = failure(text, { format: 'cdnow' });
  expect(refused.line).toBe(line);
  expect(refused.message).toMatch(message);
});

test('a streamed file gives the same result as the whole text, and a reader finishes once', () => {
  const lines = [
    'customer_id,date,amount',
    'A,2024-01-01,1',
    'B,"2024-01-02",2',
    'A,2024-01-01,-0.5',
  ];
  const reader = createTransactionsReader();
  for (const line of lines) reader.readLine(line);
  expect(reader.finish()).toEqual(parseTransactions(lines.join('\n')));
  expect(() => reader.readLine('x')).toThrow(/finished/);
});

test('columns carry the same purchases as rows', () => {
  const reader = createTransactionsReader();
  for (const line of [
    'customer_id,date,amount',
    'A,2024-01-01,1',
    'B,2024-01-02,2',
    'A,2024-01-03,3',
  ]) {
    reader.readLine(line);
  }
  const columns = reader.finishColumns();
  expect(columns.customerIds).toEqual(['A', 'B']);
  expect([...columns.customer]).toEqual([0, 1, 0]);
  expect([...columns.day].map(dateOfDay)).toEqual(['2024-01-01', '2024-01-02', '2024-01-03']);
  expect([...columns.amount]).toEqual([1, 2, 3]);
});

test.each<[string, number | RegExp]>([
  ['1970-01-01', 0],
  ['19700102', 1],
  ['2000-02-29', dayNumber('2000-03-01') - 1],
  ['1900-02-29', /not a calendar date/],
  ['2024-2-01', /not YYYY-MM-DD/],
  ['2024/02/01', /not YYYY-MM-DD/],
])('parses the date %s', (text, expected) => {
  const day = parseDay(text);
  if (typeof expected === 'number') expect(day).toBe(expected);
  else expect(day).toMatch(expected);
});

test('dates read as the summary numbers days, and agree with the calendar of Date', () => {
  fc.assert(
    fc.property(fc.integer({ min: -200_000, max: 2_900_000 }), (dayNum) => {
      const iso = dateOfDay(dayNum);
      expect(iso).toBe(new Date(dayNum * 86_400_000).toISOString().slice(0, 10));
      expect(parseDay(iso)).toBe(dayNum);
      expect(parseDay(iso.replaceAll('-', ''))).toBe(dayNum);
    }),
  );
});

test.each<[string, number | null]>([
  ['12', 12],
  ['-3.5', -3.5],
  ['+0.25', 0.25],
  ['.99', 0.99],
  ['7.', 7],
  ['1e3', null],
  ['1,000', null],
  ['-', null],
  ['.', null],
  ['1.2.3', null],
  ['NaN', null],
])('parses the amount %s', (text, expected) => {
  const amount = parseAmount(text);
  if (expected === null) expect(typeof amount).toBe('string');
  else expect(amount).toMatchObject({ value: expected });
});

test('any record written with RFC 4180 quoting reads back as written', () => {
  const text = fc.string({ unit: fc.constantFrom('a', 'b', ',', '"', '\n', ' ', 'é') });
  fc.assert(
    fc.property(
      fc.array(
        fc.tuple(
          text.filter((s) => s.trim() !== ''),
          fc.integer({ min: 0, max: 99_999 }),
        ),
        { maxLength: 20 },
      ),
      (rows) => {
        const quote = (s: string) => `"${s.replaceAll('"', '""')}"`;
        const file = [
          'customer_id,date,amount',
          ...rows.map(([id, cents]) => `${quote(id)},2024-01-01,${(cents / 100).toFixed(2)}`),
        ].join('\r\n');
        const { transactions } = parseTransactions(file);
        expect(transactions.map((t) => [t.customerId, Math.round(t.amount * 100)])).toEqual(
          rows.map(([id, cents]) => [id.replace(/^[ \t]+|[ \t]+$/g, ''), cents]),
        );
      },
    ),
  );
});

test('300,000 shuffled lines read in seconds, not minutes (no quadratic step)', () => {
  const lines = ['customer_id,date,amount'];
  for (let i = 0; i < 300_000; i += 1) {
    lines.push(
      `C${(i * 7919) % 50_000},2024-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')},${(i % 997) / 10}`,
    );
  }
  const text = lines.join('\n');
  const started = Date.now();
  const { report } = parseTransactions(text);
  const seconds = (Date.now() - started) / 1000;
  expect(report.records).toBe(300_000);
  expect(report.customers).toBe(50_000);
  expect(seconds).toBeLessThan(5);
});
