// Child process of the bench: streams the histories of a segment's first N members out of a
// DuckDB file twice and prints customers/s, rows/s and peak memory: whole, trimmed to what the
// pre-send audit reads (RECIPIENT_SCOPE: every table but browsing events), or `packed`: the same
// trimmed rows as the audit's main thread reads them for its check workers, not decoded (customers
// and bytes of packed JSON; the workers decode them beside the checks).
import { duckDbMemoryLimit } from '../server/stores/duckdb-memory.ts';
import { openDuckDbStore, readMeta } from '../server/stores/duckdb.ts';
import { RECIPIENT_SCOPE } from '../src/domain/guardrails/recipient.ts';
import type { CustomerHistory } from '../src/domain/profile/history.ts';
import { wholeHistory } from '../src/domain/profile/history.ts';
import type { SegmentDefinition } from '../src/domain/segment/definition.ts';

const file = process.argv[2] ?? 'data/bench-1000000.duckdb';
const members = Number(process.argv[3] ?? 100_000);
const mode = process.argv[4] ?? 'whole';
if (mode !== 'whole' && mode !== 'trimmed' && mode !== 'packed')
  throw new Error(`The mode is whole, trimmed or packed, not "${mode}".`);

/** Customers living in Paris: 176,000 of the 1 M, spread over the whole file. */
const parisians: SegmentDefinition = {
  version: 1,
  root: {
    id: 'root',
    kind: 'group',
    negate: false,
    combinator: 'and',
    children: [
      {
        id: 'paris',
        kind: 'attribute',
        negate: false,
        field: 'customer.city',
        test: { operator: 'equals', value: 'Paris' },
      },
    ],
  },
};

const store = await openDuckDbStore({
  path: file,
  memoryLimit: duckDbMemoryLimit(),
});
if ((await readMeta(store)) === null) throw new Error(`${file} holds no loaded data.`);
const selected = performance.now();
const ids = (await store.segmentSample(parisians, members)).map((m) => m.customer_id);
const selectMs = performance.now() - selected;

const rowsOf = (h: CustomerHistory) =>
  1 +
  h.identities.length +
  h.consents.length +
  h.preferences.length +
  h.orders.reduce((n, o) => n + 1 + o.lines.length, 0) +
  h.events.length +
  h.messages.length +
  h.offerResponses.length;

/** One streamed pass over the members' histories. */
async function pass(): Promise<{ ms: number; customers: number; rows: number }> {
  const started = performance.now();
  let customers = 0;
  let rows = 0;
  if (mode === 'packed') {
    const packed = store.packedHistories(ids, { scope: RECIPIENT_SCOPE });
    for await (const chunk of packed) {
      customers += chunk.rows.length;
      // Bytes of packed JSON, in `rows`' place.
      for (const row of chunk.rows)
        for (const text of Object.values(row)) rows += text?.length ?? 0;
    }
    return { ms: performance.now() - started, customers, rows };
  }
  const scope = mode === 'trimmed' ? RECIPIENT_SCOPE : wholeHistory;
  for await (const chunk of store.histories(ids, { scope })) {
    customers += chunk.length;
    for (const h of chunk) rows += rowsOf(h);
  }
  return { ms: performance.now() - started, customers, rows };
}

// The first pass reads what the file's pages are (in the OS cache or not); the second reads them
// again, as a server that has served these customers before would.
const first = await pass();
const second = await pass();
await store.close();
const rate = (p: { ms: number; customers: number; rows: number }) => ({
  ms: p.ms,
  customers: p.customers,
  rows: p.rows,
  customersPerSecond: p.customers / (p.ms / 1000),
  rowsPerSecond: p.rows / (p.ms / 1000),
});
console.log(
  JSON.stringify({
    members: ids.length,
    scope: mode,
    selectMs,
    first: rate(first),
    second: rate(second),
    peakRssBytes: process.resourceUsage().maxRSS * 1024,
  }),
);
