// Child process of the bench: times the lifetime-value stages (per-customer summary from
// transactions, BG/NBD fit, Gamma-Gamma fit, scoring every customer) on the CDNOW sample
// (`cdnow`, read from bench/data/cdnow) or on N customers simulated from the models (`1000000`),
// and prints one JSON line. CDNOW runs cold (a fresh process, as a CLI would) and then warm.
import { readFileSync } from 'node:fs';
import { fitBgNbd } from '../src/domain/analytics/bgnbd.ts';
import { fitGammaGamma } from '../src/domain/analytics/gammagamma.ts';
import { scoreCustomers } from '../src/domain/analytics/score.ts';
import { simulateTransactions } from '../src/domain/analytics/simulate.ts';
import {
  summariseColumns,
  type SummaryOptions,
  type TransactionRow,
} from '../src/domain/analytics/summary.ts';

const what = process.argv[2] ?? 'cdnow';

function stages(rows: readonly TransactionRow[], options: SummaryOptions) {
  const t0 = performance.now();
  const summary = summariseColumns(rows, options);
  const t1 = performance.now();
  const bg = fitBgNbd(summary);
  const t2 = performance.now();
  const gg = fitGammaGamma(summary);
  const t3 = performance.now();
  const scores = scoreCustomers(bg, gg, summary);
  const t4 = performance.now();
  return {
    customers: summary.customerIds.length,
    transactions: rows.length,
    summaryMs: t1 - t0,
    bgNbdMs: t2 - t1,
    gammaGammaMs: t3 - t2,
    scoringMs: t4 - t3,
    totalMs: t4 - t0,
    bgNbd: { ...bg.params, logLikelihood: bg.logLikelihood, iterations: bg.iterations },
    gammaGamma: { ...gg.params, iterations: gg.iterations },
    scored: scores.pAlive.length,
  };
}

if (what === 'cdnow') {
  const text = readFileSync(new URL('./data/cdnow/CDNOW_sample.txt', import.meta.url), 'utf8');
  const rows: TransactionRow[] = [];
  for (const line of text.split('\n')) {
    const f = line.trim().split(/\s+/);
    const [, customer, ymd, , dollars] = f;
    if (customer === undefined || ymd === undefined || dollars === undefined) continue;
    const date = `${ymd.slice(0, 4)}-${ymd.slice(4, 6)}-${ymd.slice(6, 8)}`;
    rows.push({ customerId: customer, date, amount: Number(dollars) });
  }
  const options = { calibrationEnd: '1997-09-30', unit: 'week' } as const;
  const cold = stages(rows, options);
  const warm = [1, 2, 3, 4, 5]
    .map(() => stages(rows, options))
    .sort((a, b) => a.totalMs - b.totalMs);
  console.log(JSON.stringify({ dataset: 'cdnow', cold, warm: warm[2] }));
} else {
  const customers = Number(what);
  const t = performance.now();
  const rows = simulateTransactions(
    { r: 0.25, alpha: 30, a: 0.8, b: 2.5 },
    { p: 6, q: 3.8, gamma: 15 },
    { customers, seed: 7, start: '2024-01-01', calibrationEnd: '2025-06-30', end: '2025-12-31' },
  );
  const generateMs = performance.now() - t;
  const result = stages(rows, {
    calibrationEnd: '2025-06-30',
    holdoutEnd: '2025-12-31',
    unit: 'week',
  });
  console.log(
    JSON.stringify({
      dataset: 'simulated',
      generateMs,
      ...result,
      peakRssBytes: process.resourceUsage().maxRSS * 1024,
    }),
  );
}
