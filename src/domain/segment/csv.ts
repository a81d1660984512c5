// Members exported as CSV. Cells that a spreadsheet would run as a formula get a leading
// apostrophe: those starting with = + - @ in ASCII or full width (＝＋－＠, which some spreadsheets
// read as the ASCII ones), and those starting with any white space, a non-breaking or zero-width
// space or a byte-order mark (a spreadsheet trims them, then reads the formula behind). Cells with
// a comma, a semicolon (a French spreadsheet splits on it), a quote or a line break are quoted,
// quotes doubled (RFC 4180).
const FORMULA_START = /^[=+\-@\uFF1D\uFF0B\uFF0D\uFF20\s\u00A0\u200B-\u200D\u2060\uFEFF]/u;
const NEEDS_QUOTES = /[",;\r\n]/;

export function csvCell(value: string | null): string {
  if (value === null) return '';
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

export function csvRow(values: readonly (string | null)[]): string {
  return `${values.map(csvCell).join(',')}\r\n`;
}
