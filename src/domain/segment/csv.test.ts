import { expect, test } from 'vitest';
import { csvCell, csvRow } from './csv.ts';

test.each([
  ['=HYPERLINK("http://x")', `"'=HYPERLINK(""http://x"")"`],
  ['+33 6 12 34 56 78', "'+33 6 12 34 56 78"],
  ['-2+3', "'-2+3"],
  ['@SUM(A1)', "'@SUM(A1)"],
  ['\tcmd', "'\tcmd"],
  ['Marchand, Olivier', '"Marchand, Olivier"'],
  ['line\nbreak', '"line\nbreak"'],
  ['Élodie', 'Élodie'],
  // Each of these was written as it came: a spreadsheet trims the space, then runs the formula.
  [' =1+1', "' =1+1"],
  ['\u00a0=1+1', "'\u00a0=1+1"],
  ['\u200b=1+1', "'\u200b=1+1"],
  ['\ufeff=1+1', "'\ufeff=1+1"],
  ['\n=1+1', `"'\n=1+1"`],
  ['＝HYPERLINK("http://x")', `"'＝HYPERLINK(""http://x"")"`],
  ['＋33', "'＋33"],
  ['－1', "'－1"],
  ['＠SUM(A1)', "'＠SUM(A1)"],
  // A semicolon splits a cell in a French spreadsheet: quoted.
  ['Roux; Camille', '"Roux; Camille"'],
  ['=1;2', `"'=1;2"`],
])('a customer value %j is written as %j', (value, written) => {
  expect(csvCell(value)).toBe(written);
});

test('a missing value is an empty cell and a row ends with CRLF', () => {
  expect(csvRow(['C1', null, 'Lyon'])).toBe('C1,,Lyon\r\n');
});
