// `npm run bench`: prints the performance figures the issues ask for. Each stage runs in its own
// process so its time and peak memory are its own. `--quick` uses small sizes (a smoke run);
// `--reuse` skips generation and the DuckDB load when the big file is already loaded;
// `--customers N` (or TACT_BENCH_CUSTOMERS) sets the big size (default 1,000,000; 20,000 quick),
// whose file is data/bench-N.duckdb; `--only a,b` runs only those stages (generate, load, api,
// reads, histories, segments, chdb, clv, recommend, preview, audit, import), reusing the file when it
// is loaded.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { loadavg } from 'node:os';
import { NODE_FLAGS } from '../server/node-flags.ts';
import { printRecommendationTable } from './recommend-table.ts';

/** The value after `--name` (or in `--name=value`). */
function option(name: string): string | undefined {
  const i = process.argv.findIndex((a) => a === name || a.startsWith(`${name}=`));
  if (i < 0) return undefined;
  const arg = process.argv[i] ?? '';
  return arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : process.argv[i + 1];
}

const STAGES = [
  'generate',
  'load',
  'api',
  'dashboards',
  'reads',
  'traffic',
  'histories',
  'segments',
  'chdb',
  'clv',
  'recommend',
  'preview',
  'audit',
  'import',
] as const;
type Stage = (typeof STAGES)[number];
const only = option('--only')?.split(',') ?? null;
const unknownStage = only?.find((s) => !STAGES.some((stage) => stage === s));
if (unknownStage !== undefined) {
  console.error(`Unknown stage "${unknownStage}"; the stages are ${STAGES.join(', ')}.`);
  process.exit(1);
}
const want = (stage: Stage) => only === null || only.includes(stage);

const quick = process.argv.includes('--quick');
const sizeOption = option('--customers') ?? process.env.TACT_BENCH_CUSTOMERS;
const big = sizeOption === undefined ? (quick ? 20_000 : 1_000_000) : Number(sizeOption);
if (!Number.isInteger(big) || big < 1_000) {
  console.error(`--customers must be an integer ≥ 1,000, got "${sizeOption}".`);
  process.exit(1);
}
const medium = quick ? 5_000 : Math.min(100_000, big);
const bigFile = `data/bench-${big}.duckdb`;
// A fresh checkout has no data/ (it is ignored): the stages write their files there.
mkdirSync('data', { recursive: true });
// Stages that only read the file reuse it when it is there and generation and load are not asked.
const reuse =
  process.argv.includes('--reuse') ||
  (only !== null && !want('generate') && !want('load') && existsSync(bigFile));

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
  `Tact bench (${quick ? 'quick' : 'full'}) — Node ${process.version}, ${new Date().toISOString()}, ${big.toLocaleString('en')} customers, load average ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}\n`,
);
const reused = reuse && existsSync(bigFile);
if (!reused && want('generate'))
  console.log('Demo-data generation (streamed into a counting sink)');
for (const n of reused || !want('generate') ? [] : [medium, big]) {
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

let file = bigFile;
if (!reused && want('load')) {
  const load = run('bench/load.ts', [big]);
  file = String(load.file);
  console.log('\nDuckDB load (generation + append into a fresh file, packed histories included)');
  console.log(
    `  ${big.toLocaleString('en')} customers: ${s(load.ms)}, peak RSS ${mib(load.peakRssBytes)}`,
  );
} else if (reused) {
  console.log(`Reusing ${bigFile}: no generation or load timed.`);
}
const needsFile = (
  ['api', 'dashboards', 'reads', 'histories', 'segments', 'chdb', 'clv', 'preview'] as const
).some(want);
if (needsFile && !existsSync(file)) {
  console.error(`${file} is not there: run the load stage first (--only load).`);
  process.exit(1);
}

if (want('api')) {
  console.log(
    `\nAPI latency on DuckDB at ${big.toLocaleString('en')} customers (in-process Hono app)`,
  );
  const api = run('bench/endpoints.ts', [file, 300]);
  if (typeof api.searchIndexMs === 'number')
    console.log(`  search index (names and emails) read in ${s(api.searchIndexMs)}`);
  for (const key of [
    'profile',
    'timeline',
    'timelineFiltered',
    'search',
    'searchName',
    'searchNameBare',
    'searchTypo',
    'searchLastName',
    'searchPrefix',
    'searchEmail',
  ]) {
    const r = api[key];
    if (typeof r === 'object' && r !== null && 'p50' in r && 'p95' in r) {
      console.log(
        `  ${key.padEnd(17)} p50 ${ms(r.p50).padStart(9)}   p95 ${ms(r.p95).padStart(9)}`,
      );
    }
  }
}

if (want('dashboards')) {
  const d = run('bench/dashboards.ts', [file, quick ? 5 : 20]);
  console.log(
    `\nDashboard endpoints on DuckDB at ${big.toLocaleString('en')} customers (in-process Hono app, ${String(d.samples)} requests each, filters changing every request; target p95 ≤ 300 ms, ≤ 1 s for the heaviest)`,
  );
  if (typeof d.warmUpMs === 'number')
    console.log(`  warm-up (first requests, the scores fitted once): ${s(d.warmUpMs)}`);
  if (typeof d.monthsFirstMs === 'number')
    console.log(
      `  first buyers request (every buyer's orders per month, summed once per load): ${s(d.monthsFirstMs)}`,
    );
  if (typeof d.churnFirstMs === 'number')
    console.log(
      `  first propensity request (churn bands refitted at each of 12 month ends, once per load): ${s(d.churnFirstMs)}`,
    );
  if (typeof d.campaignsFirstMs === 'number')
    console.log(
      `  first campaigns request (every recipient's outcome, worked out once per load): ${s(d.campaignsFirstMs)}`,
    );
  if (typeof d.catalogueMs === 'number')
    console.log(`  catalogue (read once at a server's start): ${s(d.catalogueMs)}`);
  if (typeof d.segmentValueFirstMs === 'number')
    console.log(
      `  first value-by-segment request (each of the ${String(d.savedSegments)} saved segments' totals, kept until a load or refit; a server works them out after start): ${s(d.segmentValueFirstMs)}`,
    );
  if (typeof d.qualityFirstMs === 'number')
    console.log(`  first quality request (its table built once per load): ${s(d.qualityFirstMs)}`);
  for (const key of [
    'buyers',
    'buyersSegment',
    'buyersChannel',
    'value',
    'valueSegment',
    'valueChannel',
    'propensity',
    'propensitySegment',
    'segmentValue',
    'quality',
    'qualitySegment',
    'qualityList',
    'campaigns',
    'campaignsSegment',
    'campaignsChannel',
  ]) {
    const r = d[key];
    if (typeof r === 'object' && r !== null && 'p50' in r && 'p95' in r) {
      console.log(
        `  ${key.padEnd(17)} p50 ${ms(r.p50).padStart(9)}   p95 ${ms(r.p95).padStart(9)}`,
      );
    }
  }
}

if (want('traffic')) {
  // Issue 13's load: 50 req/s for 10 minutes (20 s quick), a 250 req/s burst, SIGTERM under writes.
  const t = run('bench/load-mix.ts', [file, big, quick ? 20 : 600, 50, 10]);
  const line = (name: string, r: unknown) => {
    if (typeof r !== 'object' || r === null || !('p50' in r) || !('p95' in r)) return;
    const get = (k: string) => (k in r ? Number(Reflect.get(r, k)) : NaN);
    const codes = 'statusCodes' in r ? JSON.stringify(r.statusCodes) : '';
    console.log(
      `  ${name.padEnd(7)} ${get('perSecond').toFixed(0).padStart(4)} req/s   p50 ${ms(get('p50')).padStart(8)}   p97.5 ${ms(get('p95')).padStart(8)}   p99 ${ms(get('p99')).padStart(8)}   max ${ms(get('max')).padStart(8)}   errors ${get('errors')}   ${codes}`,
    );
    const when = 'shedSeconds' in r ? r.shedSeconds : null;
    if (typeof when === 'object' && when !== null && Object.keys(when).length > 0)
      console.log(
        `    shed in seconds of the phase (second: answers, the slowest): ${JSON.stringify(when)}`,
      );
    for (const part of ['served', 'shed']) {
      const p = part in r ? Reflect.get(r, part) : null;
      if (typeof p !== 'object' || p === null) continue;
      const of = (k: string) => (k in p ? Number(Reflect.get(p, k)) : NaN);
      if (of('n') === 0) continue;
      console.log(
        `    ${part.padEnd(6)} ${String(of('n')).padStart(6)} answers   p50 ${ms(of('p50')).padStart(8)}   p95 ${ms(of('p95')).padStart(8)}   p97.5 ${ms(of('p97_5')).padStart(8)}   max ${ms(of('max')).padStart(8)}`,
      );
    }
  };
  console.log(
    `\nTraffic as npm start guards it (autocannon, loopback; profile, timeline, count, preview; load average ${typeof t.loadAverage === 'number' ? t.loadAverage.toFixed(2) : '?'}; targets: steady p95 ≤ 200 ms with no error, a burst served or shed within 100 ms)`,
  );
  console.log(
    `  counts: ${String(t.countsAsked)} asked over ${String(t.countDefinitions)} distinct definitions in turn, by ten editors' tokens (each definition's conditions selected once and kept, then each answer kept until the data, the scores or a saved segment change)`,
  );
  line('steady', t.steady);
  line('burst', t.burst);
  console.log(`  SIGTERM under writes and exports: ${JSON.stringify(t.drain)}`);
}

if (want('import')) {
  // Issue 14: an import of about 10,000,000 rows (155,000 customers of demo data) as CSV.
  const customers = quick ? 2_000 : 155_000;
  const dir = `data/bench-import-${customers}`;
  const exported = run('bench/import.ts', ['export', dir, customers]);
  const imported = run('bench/import.ts', ['import', dir, `data/bench-import-${customers}.duckdb`]);
  console.log(
    `\nImport (npm run import's path: read_csv, every row checked, one transaction, tables rebuilt; load average ${loadavg()[0]?.toFixed(2) ?? '?'}; target: 10,000,000 rows)`,
  );
  console.log(
    `  ${Number(exported.rows).toLocaleString('en')} rows of ${customers.toLocaleString('en')} customers in ${dir} (written in ${s(exported.ms)})`,
  );
  console.log(
    `  imported in ${s(imported.ms)}: ${Math.round(Number(imported.rowsPerSecond)).toLocaleString('en')} rows/s, peak RSS ${mib(imported.peakRssBytes)}, committed ${String(imported.committed)}, ${String(imported.problems)} problems`,
  );
}

if (want('reads')) {
  const reads = run('bench/customer-reads.ts', [file, big, 10, quick ? 5 : 15]);
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
}

if (want('histories')) {
  const historyMembers = quick ? 2_000 : 100_000;
  console.log(
    `\nHistories of ${historyMembers.toLocaleString('en')} members of a segment, streamed out of DuckDB (histories(), chunks of 1,000)`,
  );
  for (const scope of ['whole', 'trimmed', 'packed']) {
    const h = run('bench/histories.ts', [file, historyMembers, scope]);
    const perS = (x: unknown) => (typeof x === 'number' ? Math.round(x).toLocaleString('en') : '?');
    const unit = scope === 'packed' ? 'bytes' : 'rows';
    for (const pass of ['first', 'second']) {
      const p = asRecord(h[pass]);
      console.log(
        `  ${scope.padEnd(8)} ${pass.padEnd(6)} ${s(p.ms).padStart(7)}: ${perS(p.customersPerSecond)} customers/s, ${perS(p.rowsPerSecond)} ${unit}/s (${perS(p.rows)} ${unit})`,
      );
    }
    console.log(`  ${scope.padEnd(8)} peak RSS ${mib(h.peakRssBytes)}`);
  }
  console.log(
    '  (trimmed: every table but browsing events, what a recipient is checked on; packed: the same, read\n   for the check workers, not decoded; first pass: the file as the OS has cached it, second: the same\n   members again)',
  );
}

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

if (want('segments')) {
  printSegmentCounts(
    `Segment count on DuckDB at ${big.toLocaleString('en')} customers (POST /api/segments/count: count, reach ×3, per-part counts, sample)`,
    run('bench/segment-count.ts', ['duckdb', file, 20]),
  );
  for (const n of quick ? [5_000] : [5_000, 50_000]) {
    printSegmentCounts(
      `Segment count on the memory store at ${n.toLocaleString('en')} customers`,
      run('bench/segment-count.ts', ['memory', n, 20]),
    );
  }
}

// Issue 14: the five reference counts on DuckDB and on ClickHouse (chDB) side by side, in one run.
if (want('chdb')) {
  const r = run('bench/chdb-counts.ts', [file, quick ? 3 : 5]);
  const setup = typeof r.setup === 'object' && r.setup !== null ? r.setup : {};
  const setupWords = Object.entries(setup)
    .map(
      ([k, v]) =>
        `${k === 'exportSeconds' ? 'tables written as CSV' : 'loaded into chDB'} in ${String(v)} s`,
    )
    .join(', ');
  console.log(
    `\nSegment counts, DuckDB and ClickHouse side by side at ${Number(r.customers).toLocaleString('en')} customers (p50 of ${String(r.runs)}, interleaved; load average ${typeof r.loadAverage === 'number' ? r.loadAverage.toFixed(2) : '?'}${setupWords === '' ? '' : `; ${setupWords}`})`,
  );
  const results = Array.isArray(r.results) ? r.results : [];
  for (const x of results) {
    if (typeof x !== 'object' || x === null || !('p50' in x) || !('counts' in x)) continue;
    const t = x.p50;
    const c = x.counts;
    const at = (o: unknown, k: string) =>
      typeof o === 'object' && o !== null && k in o ? Number(Reflect.get(o, k)) : NaN;
    console.log(
      `  ${String('name' in x ? x.name : '').padEnd(32)} DuckDB segment tables ${ms(at(t, 'derived'))} · DuckDB loaded tables ${ms(at(t, 'base'))} · chDB ${ms(at(t, 'clickhouse'))}  (${at(c, 'clickhouse').toLocaleString('en')} members, ${at(c, 'derived') === at(c, 'clickhouse') && at(c, 'base') === at(c, 'clickhouse') ? 'the same on all three' : `DuckDB ${String(at(c, 'derived'))} / ${String(at(c, 'base'))}`})`,
    );
  }
}

// Lifetime value and propensity: each stage on the CDNOW sample (cold, as the CLI runs, and
// warm), on `big` customers simulated from the models, and on the generated customers in DuckDB.
if (want('clv')) {
  const field = (r: Record<string, unknown>, key: string): unknown => r[key];
  const stageLine = (r: Record<string, unknown>) =>
    `summary ${ms(field(r, 'summaryMs'))} · BG/NBD ${ms(field(r, 'bgNbdMs'))} · Gamma-Gamma ${ms(field(r, 'gammaGammaMs'))} · scoring ${ms(field(r, 'scoringMs'))} · total ${ms(field(r, 'totalMs'))}`;
  const cdnow = run('bench/clv.ts', ['cdnow']);
  console.log(
    '\nLifetime value on the CDNOW sample (2,357 customers; reference: lifetimes 0.15 s)',
  );
  console.log(`  cold  ${stageLine(asRecord(cdnow.cold))}`);
  console.log(`  warm  ${stageLine(asRecord(cdnow.warm))}`);
  const simulated = run('bench/clv.ts', [big]);
  console.log(
    `\nLifetime value on ${big.toLocaleString('en')} customers simulated from the models (reference: lifetimes 18 s, target ≤ 9 s)`,
  );
  console.log(`  ${stageLine(simulated)} · peak RSS ${mib(simulated.peakRssBytes)}`);
  const stored = run('bench/clv-store.ts', [file]);
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
}

// Recommendations: the offline evaluation on the demo data, the same in quick and full runs.
if (want('recommend')) printRecommendationTable(run('bench/recommend.ts', []));

// The per-recipient preview of the demo campaign on DuckDB. The recipients list checks every
// recipient on its first request: minutes at 1 M, so a full run times it only when asked.
if (want('preview')) {
  const withList = quick || process.argv.includes('--preview-list');
  const p = run('bench/preview.ts', [
    file,
    big,
    quick ? 60 : 200,
    10,
    quick ? 5 : 15,
    quick ? 3 : 10,
    withList ? 'list' : 'no-list',
  ]);
  const cold = asRecord(p.cold);
  const one = asRecord(p.oneAtATime);
  const loop = asRecord(p.loop);
  console.log(
    `\nPer-recipient preview of the demo campaign on DuckDB at ${big.toLocaleString('en')} customers (GET /api/campaigns/:id/preview/:customer over HTTP, templates in 2 worker threads; load average ${typeof p.loadAverage === 'number' ? p.loadAverage.toFixed(2) : '?'} before the loop; targets at 1 M: one at a time p95 ≤ 100 ms, 10 clients ≥ 100/s with p95 ≤ 200 ms)`,
  );
  console.log(
    `  cold, each alone: score book ${s(cold.scoreBookMs)} · field catalogue ${s(cold.catalogueMs)} · recommendation context (co-purchase statistics) ${s(cold.recommendationContextMs)} · first preview ${ms(cold.firstPreviewMs)}`,
  );
  console.log(
    `  one at a time (${String(p.samples)} members spread over the file): p50 ${ms(one.p50)} · p95 ${ms(one.p95)} · max ${ms(one.max)}`,
  );
  console.log(
    `  ${String(p.clients)} clients stepping through recipients, ${String(p.seconds)} s: ${Number(loop.perSecond).toFixed(0)} previews/s · p50 ${ms(loop.p50)} · p95 ${ms(loop.p95)} · p99 ${ms(loop.p99)}`,
  );
  const list = asRecord(p.list);
  if (p.list === null) console.log('  recipients list: not timed (--preview-list times it)');
  else {
    const total = Number(list.total);
    const perS = typeof list.firstMs === 'number' ? (total / list.firstMs) * 1000 : NaN;
    console.log(
      `  recipients list, first request (every recipient checked): ${s(list.firstMs)} for ${total.toLocaleString('en')} recipients (${perS.toFixed(0)}/s) · a page again ${ms(list.againMs)}`,
    );
  }
}

// The pre-send audit of the demo campaign: on the 5,000-customer demo in the memory store (with
// the export of the campaign once ready), and on the DuckDB file when it is there. Issue 11's
// target: 100,000 recipients audited in at most 3 s on DuckDB at 1 M customers.
if (want('audit')) {
  const m = run('bench/audit.ts', ['memory']);
  const first = asRecord(m.first);
  const second = asRecord(m.second);
  const perS = (r: Record<string, unknown>) =>
    typeof r.ms === 'number' ? ((Number(r.members) / r.ms) * 1000).toFixed(0) : '?';
  console.log(
    `\nPre-send audit of the demo campaign (POST /audits, then followed until done; load average ${typeof m.loadAverage === 'number' ? m.loadAverage.toFixed(2) : '?'} before)`,
  );
  console.log(
    `  memory store, 5,000-customer demo, templates in this thread: first audit (cold: scores, co-purchase statistics) ${s(first.ms)} for ${String(first.members)} recipients · again after planning the send ${s(second.ms)} (${perS(second)}/s, ${Number(second.rows).toLocaleString('en')} rows read)`,
  );
  const rows = Number(m.exportRows);
  console.log(
    `  export of the ready campaign (CSV, every message rendered): ${s(m.exportMs)} for ${rows.toLocaleString('en')} recipients (${typeof m.exportMs === 'number' ? ((rows / m.exportMs) * 1000).toFixed(0) : '?'}/s, ${mib(m.exportBytes)})`,
  );
  if (!existsSync(file)) {
    console.log(`  DuckDB: ${file} is not there (run the load stage first): not timed.`);
  } else {
    const d = run('bench/audit.ts', [file]);
    const cold = asRecord(d.first);
    const warm = asRecord(d.second);
    const again = asRecord(d.again);
    const hundred = asRecord(d.hundred);
    console.log(
      `  DuckDB at ${big.toLocaleString('en')} customers, recipients checked in worker threads (load average ${typeof d.loadAverage === 'number' ? d.loadAverage.toFixed(2) : '?'} before): first audit (cold: scores, co-purchase statistics) ${s(cold.ms)} for ${Number(cold.members).toLocaleString('en')} recipients · after planning the send (every recipient checked anew) ${s(warm.ms)} (${perS(warm)}/s, ${Number(warm.rows).toLocaleString('en')} rows read) · the same content again (check reused) ${s(again.ms)}`,
    );
    console.log(
      `  a campaign of about 100,000 recipients (the demo's segment narrowed by postcode, holdout set to leave 100,000): ${s(hundred.ms)} for ${Number(hundred.members).toLocaleString('en')} recipients (${perS(hundred)}/s, ${Number(hundred.rows).toLocaleString('en')} rows read; target ≤ 3 s)`,
    );
  }
}
