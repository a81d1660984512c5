// Members exported as CSV. Cells that a spreadsheet would run as a formula (starting with = + - @,
// a tab or a carriage return) get a leading apostrophe; cells with a comma, a quote or a line
// break are quoted, quotes doubled (RFC 4180).
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: string | null): string {
  if (value === null) return '';
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

export function csvRow(values: readonly (string | null)[]): string {
  return `${values.map(csvCell).join(',')}\r\n`;
}
