// `npm run clv -- --transactions FILE --calibration-end YYYY-MM-DD [--holdout-end YYYY-MM-DD]
//  [--unit week|day] [--format csv|cdnow] [--customer-column C] [--date-column D]
//  [--amount-column A] [--duplicates keep|drop] [--json]`
//
// Fits BG/NBD and Gamma-Gamma to a transactions file and prints the model card: what the file
// held (and every oddity and how many rows it touched), the parameters with their log-likelihood,
// and with a holdout end the holdout figures. `--json` prints the card as JSON with the
// parameters under r, alpha, a, b and p, q, gamma. A malformed file stops at its line number.
import { createReadStream, existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { formatModelCard, type ModelCard } from '../../src/domain/analytics/model-card.ts';
import { fitAndValidate } from '../../src/domain/analytics/pipeline.ts';
import {
  TransactionsFileError,
  createTransactionsReader,
  type TransactionsReport,
} from '../../src/domain/analytics/transactions-csv.ts';

export const USAGE = `Usage: npm run clv -- --transactions FILE.csv --calibration-end YYYY-MM-DD [options]

  --transactions FILE        customer_id,date,amount (a header line; dates YYYY-MM-DD or YYYYMMDD)
  --calibration-end DATE     last day the models see
  --holdout-end DATE         last day of the holdout period (adds the holdout figures)
  --unit week|day            the time unit of the model (default week)
  --format csv|cdnow         cdnow: the raw CDNOW files, whitespace-separated, no header
  --customer-column NAME     column names when they are not customer_id, date, amount
  --date-column NAME
  --amount-column NAME
  --duplicates keep|drop     exact duplicate lines (default keep; counted either way)
  --json                     the model card as JSON`;

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export class UsageError extends Error {}

export interface ClvArgs {
  transactions: string;
  calibrationEnd: string;
  holdoutEnd?: string;
  unit: 'week' | 'day';
  format: 'csv' | 'cdnow';
  columns: { customer?: string; date?: string; amount?: string };
  duplicates: 'keep' | 'drop';
  json: boolean;
}

export function parseClvArgs(argv: readonly string[]): ClvArgs {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        transactions: { type: 'string' },
        'calibration-end': { type: 'string' },
        'holdout-end': { type: 'string' },
        unit: { type: 'string', default: 'week' },
        format: { type: 'string', default: 'csv' },
        'customer-column': { type: 'string' },
        'date-column': { type: 'string' },
        'amount-column': { type: 'string' },
        duplicates: { type: 'string', default: 'keep' },
        json: { type: 'boolean', default: false },
      },
      strict: true,
    }));
  } catch (error: unknown) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const { transactions, unit, format, duplicates } = values;
  const calibrationEnd = values['calibration-end'];
  const holdoutEnd = values['holdout-end'];
  if (transactions === undefined) throw new UsageError('--transactions FILE is required.');
  if (calibrationEnd === undefined || !DATE.test(calibrationEnd))
    throw new UsageError('--calibration-end YYYY-MM-DD is required.');
  if (holdoutEnd !== undefined && (!DATE.test(holdoutEnd) || holdoutEnd <= calibrationEnd))
    throw new UsageError('--holdout-end must be a YYYY-MM-DD date after the calibration end.');
  if (unit !== 'week' && unit !== 'day') throw new UsageError('--unit is week or day.');
  if (format !== 'csv' && format !== 'cdnow') throw new UsageError('--format is csv or cdnow.');
  if (duplicates !== 'keep' && duplicates !== 'drop')
    throw new UsageError('--duplicates is keep or drop.');
  const columns = {
    ...(values['customer-column'] === undefined ? {} : { customer: values['customer-column'] }),
    ...(values['date-column'] === undefined ? {} : { date: values['date-column'] }),
    ...(values['amount-column'] === undefined ? {} : { amount: values['amount-column'] }),
  };
  return {
    transactions,
    calibrationEnd,
    ...(holdoutEnd === undefined ? {} : { holdoutEnd }),
    unit,
    format,
    columns,
    duplicates,
    json: values.json,
  };
}

/** What the file held and what each oddity did, one line each. */
export function formatReport(report: TransactionsReport): string {
  const n = (v: number) => v.toLocaleString('en-GB');
  return [
    `File: ${n(report.lines)} lines, ${n(report.records)} records, ${n(report.purchases)} purchases by ${n(report.customers)} customers, ${report.firstDate ?? '–'} to ${report.lastDate ?? '–'}`,
    `  amount 0: ${n(report.zeroAmount)} (kept as purchases)`,
    `  returns (negative amounts): ${n(report.returns)} — ${n(report.returnsNetted)} netted against the same customer's purchases that day, ${n(report.returnsUnmatched)} with no purchase that day left out`,
    `  exact duplicate lines: ${n(report.duplicates)} (${n(report.duplicatesDropped)} dropped)`,
    `  several orders on one day: ${n(report.sameDayOrders)} extra orders on ${n(report.sameDayCustomerDays)} customer-days (merged into one purchase each)`,
    `  blank lines: ${n(report.blankLines)} (skipped)`,
  ].join('\n');
}

/** The card as JSON with the parameters at the keys the issue names. */
export function cardJson(card: ModelCard, report: TransactionsReport) {
  const gg = card.gammaGamma;
  return {
    ...card.bgNbd.parameters,
    ...(gg ? gg.parameters : {}),
    model_card: card,
    file: report,
  };
}

export async function runClv(argv: readonly string[], out: (text: string) => void) {
  const args = parseClvArgs(argv);
  if (!existsSync(args.transactions)) throw new UsageError(`No file ${args.transactions}.`);
  const reader = createTransactionsReader({
    format: args.format,
    columns: args.columns,
    duplicates: args.duplicates,
  });
  const lines = createInterface({
    input: createReadStream(args.transactions, 'utf8'),
    crlfDelay: Infinity,
  });
  for await (const line of lines) reader.readLine(line);
  const transactions = reader.finishColumns();
  if (transactions.report.purchases === 0) {
    throw new TransactionsFileError(transactions.report.lines, 'the file holds no purchase.');
  }
  const fit = fitAndValidate(transactions, {
    calibrationEnd: args.calibrationEnd,
    unit: args.unit,
    fittedAt: new Date().toISOString(),
    ...(args.holdoutEnd === undefined ? {} : { holdoutEnd: args.holdoutEnd }),
  });
  if (args.json) out(JSON.stringify(cardJson(fit.card, transactions.report), null, 2));
  else out(`${formatReport(transactions.report)}\n\n${formatModelCard(fit.card)}`);
}

const isMain = process.argv[1]?.endsWith('clv.ts') ?? false;
if (isMain) {
  runClv(process.argv.slice(2), (text) => process.stdout.write(`${text}\n`)).catch(
    (error: unknown) => {
      if (error instanceof UsageError) {
        process.stderr.write(`${error.message}\n\n${USAGE}\n`);
        process.exitCode = 2;
      } else if (error instanceof TransactionsFileError) {
        process.stderr.write(`Cannot read the transactions file: ${error.message}\n`);
        process.exitCode = 1;
      } else {
        throw error;
      }
    },
  );
}
