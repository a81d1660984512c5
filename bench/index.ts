// `npm run bench`: prints the performance figures the issues ask for. Each stage runs in its own
// process so its time and peak memory are its own. `--quick` uses small sizes (a smoke run);
// `--reuse` skips generation and the DuckDB load when the big file is already loaded.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { loadavg } from 'node:os';
import { NODE_FLAGS } from '../server/node-flags.ts';
import { printRecommendationTable } from './recommend-table.ts';

const quick = process.argv.includes('--quick');
const reuse = process.argv.includes('--reuse');
const big = quick ? 20_000 : 1_000_000;
const medium = quick ? 5_000 : 100_000;

function run(script: string, args: (string | number)[]): Record<string, unknown> {
  const child = spawnSync(
    process.execPath,
    [...NODE_FLAGS, '--import', 'tsx', script, ...args.map(String)],
    {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
      maxBuffer: 64 * 1024 * 1024,
    },
  );
  if (child.status !== 0) throw new Error(`${script} failed (exit ${child.status}).`);
  const last = child.stdout.trim().split('\n').at(-1) ?? '{}';
  const parsed: unknown = JSON.parse(last);
  if (typeof parsed !== 'object' || parsed === null)
    throw new Error(`${script} printed no figures.`);
  return Object.fromEntries(Object.entries(parsed));
}

const asRecord = (v: unknown): Record<string, unknown> =>
  typeof v === 'object' && v !== null ? Object.fromEntries(Object.entries(v)) : {};
const s = (ms: unknown) => (typeof ms === 'number' ? `${(ms / 1000).toFixed(1)} s` : '?');
const mib = (bytes: unknown) =>
  typeof bytes === 'number' ? `${Math.round(bytes / 2 ** 20)} MiB` : '?';
const ms = (x: unknown) => (typeof x === 'number' ? `${x.toFixed(1)} ms` : '?');
const rowsOf = (counts: unknown) =>
  typeof counts === 'object' && counts !== null
    ? Object.values(counts).reduce((a: number, b) => a + (typeof b === 'number' ? b : 0), 0)
    : 0;

console.log(
  `Tact bench (${quick ? 'quick' : 'full'}) — Node ${process.version}, ${new Date().toISOString()}, load average ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}\n`,
);
const bigFile = `data/bench-${big}.duckdb`;
const reused = reuse && existsSync(bigFile);
if (!reused) console.log('Demo-data generation (streamed into a counting sink)');
for (const n of reused ? [] : [medium, big]) {
  const r = run('bench/generate.ts', [n]);
  const rows = rowsOf(r.counts);
  const orders =
    typeof r.counts === 'object' && r.counts !== null && 'orders' in r.counts
      ? Number(r.counts.orders)
      : 0;
  console.log(
    `  ${n.toLocaleString('en').padStart(9)} customers: ${s(r.ms).padStart(8)}, peak RSS ${mib(r.peakRssBytes).padStart(8)}, ` +
      `${rows.toLocaleString('en')} rows (${(orders / n).toFixed(1)} orders per customer)`,
  );
}

const load: Record<string, unknown> = reused ? { file: bigFile } : run('bench/load.ts', [big]);
if (reused) console.log(`Reusing ${bigFile} (--reuse): no generation or load timed.`);
else {
  console.log('\nDuckDB load (generation + append into a fresh file, packed histories included)');
  console.log(
    `  ${big.toLocaleString('en')} customers: ${s(load.ms)}, peak RSS ${mib(load.peakRssBytes)}`,
  );
}

console.log(
  `\nAPI latency on DuckDB at ${big.toLocaleString('en')} customers (in-process Hono app)`,
);
const api = run('bench/endpoints.ts', [String(load.file), 300]);
for (const key of ['profile', 'timeline', 'timelineFiltered', 'search']) {
  const r = api[key];
  if (typeof r === 'object' && r !== null && 'p50' in r && 'p95' in r) {
    console.log(`  ${key.padEnd(17)} p50 ${ms(r.p50).padStart(9)}   p95 ${ms(r.p95).padStart(9)}`);
  }
}

const reads = run('bench/customer-reads.ts', [String(load.file), big, 10, quick ? 5 : 15]);
console.log(
  `\nPer-customer reads under load over HTTP (closed loop, ${String(reads.clients)} clients, ${String(reads.seconds)} s each, load average ${typeof reads.loadAverage === 'number' ? reads.loadAverage.toFixed(2) : '?'} at the start; targets at 1 M: profile ≥ 300/s, timeline page ≥ 200/s with p95 ≤ 100 ms)`,
);
for (const key of ['profile', 'timeline']) {
  const r = reads[key];
  if (typeof r === 'object' && r !== null && 'perSecond' in r && 'p50' in r && 'p95' in r) {
    const p99 = 'p99' in r ? r.p99 : null;
    console.log(
      `  ${key.padEnd(9)} ${Number(r.perSecond).toFixed(0).padStart(5)} requests/s   p50 ${ms(r.p50).padStart(9)}   p95 ${ms(r.p95).padStart(9)}   p99 ${ms(p99).padStart(9)}`,
    );
  }
}

const historyMembers = quick ? 2_000 : 100_000;
console.log(
  `\nHistories of ${historyMembers.toLocaleString('en')} members of a segment, streamed out of DuckDB (histories(), chunks of 1,000)`,
);
for (const scope of ['whole', 'trimmed']) {
  const h = run('bench/histories.ts', [String(load.file), historyMembers, scope]);
  const perS = (x: unknown) => (typeof x === 'number' ? Math.round(x).toLocaleString('en') : '?');
  for (const pass of ['first', 'second']) {
    const p = asRecord(h[pass]);
    console.log(
      `  ${scope.padEnd(8)} ${pass.padEnd(6)} ${s(p.ms).padStart(7)}: ${perS(p.customersPerSecond)} customers/s, ${perS(p.rowsPerSecond)} rows/s (${perS(p.rows)} rows)`,
    );
  }
  console.log(`  ${scope.padEnd(8)} peak RSS ${mib(h.peakRssBytes)}`);
}
console.log(
  '  (trimmed: orders with lines, messages, offer responses, consents and preferences; first pass: the\n   file as the OS has cached it, second: the same members again)',
);

type Timing = { p50: number; p95: number };
const isTiming = (x: unknown): x is Timing =>
  typeof x === 'object' && x !== null && 'p50' in x && 'p95' in x;
const pair = (t: unknown) => (isTiming(t) ? `${ms(t.p50)} / ${ms(t.p95)}` : '?');

function printSegmentCounts(title: string, result: Record<string, unknown>) {
  console.log(`\n${title}`);
  const rows = Array.isArray(result.results) ? result.results : [];
  for (const row of rows) {
    if (typeof row !== 'object' || row === null) continue;
    const r = Object.fromEntries(Object.entries(row));
    const parts = [`endpoint p50/p95 ${pair(r.endpoint)}`];
    if ('planAnswer' in r) parts.push(`store answer ${pair(r.planAnswer)}`);
    if ('validationReads' in r) parts.push(`validation reads ${pair(r.validationReads)}`);
    if ('countOnly' in r) parts.push(`count query ${pair(r.countOnly)}`);
    if ('handWritten' in r) parts.push(`hand-written SQL ${pair(r.handWritten)}`);
    if ('count' in r)
      parts.push(`${String(r.count)} members (SQL by hand: ${String(r.handWrittenCount)})`);
    console.log(`  ${String(r.name).padEnd(32)} ${parts.join('  ·  ')}`);
  }
}

printSegmentCounts(
  `Segment count on DuckDB at ${big.toLocaleString('en')} customers (POST /api/segments/count: count, reach ×3, per-part counts, sample)`,
  run('bench/segment-count.ts', ['duckdb', String(load.file), 20]),
);
for (const n of quick ? [5_000] : [5_000, 50_000]) {
  printSegmentCounts(
    `Segment count on the memory store at ${n.toLocaleString('en')} customers`,
    run('bench/segment-count.ts', ['memory', n, 20]),
  );
}

// Lifetime value and propensity: each stage on the CDNOW sample (cold, as the CLI runs, and
// warm), on `big` customers simulated from the models, and on the generated customers in DuckDB.
const field = (r: Record<string, unknown>, key: string): unknown => r[key];
const stageLine = (r: Record<string, unknown>) =>
  `summary ${ms(field(r, 'summaryMs'))} · BG/NBD ${ms(field(r, 'bgNbdMs'))} · Gamma-Gamma ${ms(field(r, 'gammaGammaMs'))} · scoring ${ms(field(r, 'scoringMs'))} · total ${ms(field(r, 'totalMs'))}`;
const cdnow = run('bench/clv.ts', ['cdnow']);
console.log('\nLifetime value on the CDNOW sample (2,357 customers; reference: lifetimes 0.15 s)');
console.log(`  cold  ${stageLine(asRecord(cdnow.cold))}`);
console.log(`  warm  ${stageLine(asRecord(cdnow.warm))}`);
const simulated = run('bench/clv.ts', [big]);
console.log(
  `\nLifetime value on ${big.toLocaleString('en')} customers simulated from the models (reference: lifetimes 18 s, target ≤ 9 s)`,
);
console.log(`  ${stageLine(simulated)} · peak RSS ${mib(simulated.peakRssBytes)}`);
const stored = run('bench/clv-store.ts', [String(load.file)]);
const t = asRecord(stored.ms);
console.log(
  `\nScoring the ${Number(stored.customers).toLocaleString('en')} generated customers with an order in the DuckDB store (${Number(stored.customerDays).toLocaleString('en')} customer-days)`,
);
console.log(
  `  read orders ${ms(t.read)} · holdout fit + figures ${ms(t.validation)} · summary ${ms(t.summary)} · BG/NBD ${ms(t.bgNbd)} · Gamma-Gamma ${ms(t.gammaGamma)} · scoring + RFM ${ms(t.scoring)} · total ${ms(t.total)} · peak RSS ${mib(stored.peakRssBytes)}`,
);
const holdout = asRecord(stored.holdout);
const fixed = (v: unknown, digits: number) => (typeof v === 'number' ? v.toFixed(digits) : '–');
console.log(
  `  holdout (26 weeks): AUC ${fixed(holdout.auc, 3)} · Brier ${fixed(holdout.brier, 4)} · predicted ${fixed(holdout.predicted, 0)} vs actual ${fixed(holdout.actual, 0)} repeat purchases`,
);

// Recommendations: the offline evaluation on the demo data, the same in quick and full runs.
printRecommendationTable(run('bench/recommend.ts', []));
