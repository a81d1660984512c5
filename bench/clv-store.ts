// Child process of the bench: the customer-base models over a DuckDB store's own data (the
// generated customers): reading the completed orders per customer-day out of DuckDB, then each
// stage of the product's scoring run (validation fit and holdout figures, summary, BG/NBD,
// Gamma-Gamma, scoring every customer with RFM), as `npm start` does on first use.
import { buildScoreBook } from '../server/scoring/score-book.ts';
import { openDuckDbStore } from '../server/stores/duckdb.ts';

const file = process.argv[2] ?? 'data/bench-1000000.duckdb';
const store = await openDuckDbStore({ path: file, memoryLimit: '2GB' });
let t = performance.now();
const transactions = await store.scoringTransactions();
const readMs = performance.now() - t;
t = performance.now();
const book = buildScoreBook(transactions, store.asOf, { clock: () => performance.now() });
const totalMs = performance.now() - t;
const card = book.card();
await store.close();
console.log(
  JSON.stringify({
    file,
    customers: book.base.summary.customerIds.length,
    customerDays: transactions.day.length,
    ms: { read: readMs, ...book.base.times, total: totalMs },
    bgNbdParams: card.bg_nbd.parameters,
    gammaGammaParams: card.gamma_gamma?.parameters ?? null,
    holdout: card.holdout
      ? {
          auc: card.holdout.auc,
          brier: card.holdout.brier,
          predicted: card.holdout.reliability.totals.predicted,
          actual: card.holdout.reliability.totals.actual,
        }
      : null,
    peakRssBytes: process.resourceUsage().maxRSS * 1024,
  }),
);
