// Identity resolution at import, end to end: the demo written as an export per source system holds
// it (records per system, their links, every other file naming records), imported with replace,
// gives back the generator's customers — each customer one profile holding every identity the
// generator made, with the record it came from and the rule that linked it; their orders, events,
// consents and messages; the same segment counts — and the households' shared tablet merges no one.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { fragmentsOf } from '../../mocks/seed/fragments.ts';
import { DEMO_AS_OF, generateDataset } from '../../mocks/seed/index.ts';
import type { Dataset } from '../../src/domain/profile/schema.ts';
import type { SegmentDefinition } from '../../src/domain/segment/definition.ts';
import { loadDataset, openDuckDbStore, type DuckDbStore } from '../stores/duckdb.ts';
import { exportRecordFragments } from './export.ts';
import { importDirectory } from './run.ts';

const dir = mkdtempSync(join(tmpdir(), 'tact-resolve-'));
let seeded: DuckDbStore;
let store: DuckDbStore;
let dataset: Dataset;
let fragments: ReturnType<typeof fragmentsOf>;

const buyers: SegmentDefinition = {
  version: 1,
  root: {
    id: 'root',
    kind: 'group',
    negate: false,
    combinator: 'and',
    children: [
      {
        id: 'b',
        kind: 'behaviour',
        negate: false,
        action: { type: 'order' },
        count: { operator: 'at_least', value: 2 },
        window: { type: 'last_days', days: 365 },
        filters: [],
      },
    ],
  },
};

beforeAll(async () => {
  ({ dataset } = generateDataset({ seed: 7, customers: 150, asOf: DEMO_AS_OF }));
  seeded = await openDuckDbStore({ path: ':memory:' });
  await loadDataset(seeded, dataset, { asOf: DEMO_AS_OF, seed: 7 });
  fragments = fragmentsOf(dataset);
  await exportRecordFragments(seeded.connection, dir, 'csv', fragments);
  store = await openDuckDbStore({ path: ':memory:' });
}, 120_000);
afterAll(async () => {
  await seeded.close();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Each customer's profile id: its first record, in record order. */
function profileOf(customerId: string): string {
  const ids = fragments.records.filter((r) => r.customer_id === customerId).map((r) => r.record_id);
  return ids.sort()[0] ?? customerId;
}

test('records per source system, imported with update, are refused: they are resolved on a replace', async () => {
  const report = await importDirectory(store, dir, { asOf: DEMO_AS_OF });
  expect(report.committed).toBe(false);
  expect(report.problems.map((p) => p.code)).toEqual(['resolution_needs_replace']);
}, 60_000);

test('imported with replace, the records resolve into the generator’s customers', async () => {
  const report = await importDirectory(store, dir, { asOf: DEMO_AS_OF, replace: true });
  expect(report.problems).toEqual([]);
  expect(report.committed).toBe(true);
  const customers = new Set(dataset.identities.map((i) => i.customer_id));
  expect(report.resolution).toMatchObject({
    records: fragments.records.length,
    profiles: customers.size,
    unknown_links: 0,
    conflicts: 0,
  });
  for (const n of Object.values(report.resolution?.merges ?? {})) expect(n).toBeGreaterThan(0);
  // The household pair's tablet, seen with both: reported, merging no one.
  const devices = new Map<string, Set<string>>();
  for (const i of dataset.identities)
    if (i.kind === 'app_device')
      devices.set(i.value, (devices.get(i.value) ?? new Set()).add(i.customer_id));
  const shared = [...devices].filter(([, who]) => who.size > 1).map(([value]) => value);
  expect(shared.length).toBeGreaterThan(0);
  expect(report.resolution?.shared_devices.map((d) => d.value).sort()).toEqual(shared.sort());

  expect(await store.customerCount()).toBe(dataset.customers.length);
  for (const customer of dataset.customers) {
    const id = customers.has(customer.customer_id)
      ? profileOf(customer.customer_id)
      : customer.customer_id;
    const [theirs, ours] = [await seeded.history(customer.customer_id), await store.history(id)];
    expect(ours, customer.customer_id).not.toBeNull();
    if (theirs === null || ours === null) continue;
    // The same person: every value of theirs, under the profile's id.
    expect({ ...ours.customer, customer_id: customer.customer_id }).toEqual(theirs.customer);
    // Everything but the identities, each customer id read as the generator's.
    const named = JSON.parse(
      JSON.stringify({ ...ours, identities: [] }).replaceAll(
        `"${id}"`,
        `"${customer.customer_id}"`,
      ),
    );
    expect(named, customer.customer_id).toEqual(
      JSON.parse(JSON.stringify({ ...theirs, identities: [] })),
    );
    // Every identity the generator made, in this profile, with its record and how it was linked.
    const held = new Set(ours.identities.map((i) => `${i.kind}|${i.value}`));
    for (const i of theirs.identities)
      expect(held.has(`${i.kind}|${i.value}`), `${customer.customer_id} ${i.kind} ${i.value}`).toBe(
        true,
      );
    for (const i of ours.identities) {
      expect(fragments.customerOf.get(i.record_id ?? '')).toBe(customer.customer_id);
      expect(i.linked_by === null).toBe(i.record_id === id);
    }
  }
  expect(await store.segmentCounts([buyers])).toEqual(await seeded.segmentCounts([buyers]));
  // The same files again: nothing changes.
  const again = await importDirectory(store, dir, { asOf: DEMO_AS_OF, replace: true });
  expect(again.committed).toBe(true);
  expect(await store.customerCount()).toBe(dataset.customers.length);
}, 120_000);
