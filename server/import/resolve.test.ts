// Identity resolution at import, end to end: the demo written as an export per source system holds
// it (records per system, their links, every other file naming records), imported with replace,
// gives back the generator's customers — each customer one profile holding every identity the
// generator made, with the record it came from and the rule that linked it; their orders, events,
// consents and messages; the same segment counts — and the households' shared tablet merges no one.
// Then an update's records, resolved against the stored ones: joining, merging, starting profiles.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { fragmentsOf } from '../../mocks/seed/fragments.ts';
import { DEMO_AS_OF, generateDataset } from '../../mocks/seed/index.ts';
import type { Dataset } from '../../src/domain/profile/schema.ts';
import type { SegmentDefinition } from '../../src/domain/segment/definition.ts';
import { loadDataset, openDuckDbStore, type DuckDbStore } from '../stores/duckdb.ts';
import { exportRecordFragments } from './export.ts';
import { columnsOf } from './layout.ts';
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

/** A CSV file of `rows` under `header` (values written as they are: the test's own are plain). */
function csv(path: string, header: readonly string[], rows: readonly (readonly string[])[]) {
  writeFileSync(path, [header.join(','), ...rows.map((r) => r.join(','))].join('\n') + '\n');
}

test('an update’s records join stored profiles, merge two a record shows are one, start new ones', async () => {
  // Run after the replace above: the store holds the demo's profiles and their records.
  const customerOf = (record: string) => fragments.customerOf.get(record) ?? '';
  const valueCount = (kind: string, value: string) =>
    new Set(
      fragments.identities
        .filter((i) => i.kind === kind && i.value === value)
        .map((i) => customerOf(i.record_id)),
    ).size;
  const email = fragments.identities.find(
    (i) => i.kind === 'email' && i.verified && valueCount('email', i.value) === 1,
  );
  const x = customerOf(email?.record_id ?? '');
  const card = fragments.identities.find(
    (i) => i.kind === 'loyalty_card' && customerOf(i.record_id) !== x,
  );
  const y = customerOf(card?.record_id ?? '');
  const phone = fragments.identities.find(
    (i) =>
      i.kind === 'phone' &&
      ![x, y].includes(customerOf(i.record_id)) &&
      valueCount('phone', i.value) === 1,
  );
  const z = customerOf(phone?.record_id ?? '');
  const linked = fragments.records.find((r) => ![x, y, z].includes(r.customer_id));
  const w = linked?.customer_id ?? '';
  if (!email || !card || !phone || !linked) throw new Error('The demo lacks the identities used.');
  const [px, py, pz, pw] = [x, y, z, w].map(profileOf);
  if (!px || !py || !pz || !pw) throw new Error('No profile.');
  const before = {
    count: await store.customerCount(),
    x: await store.history(px),
    y: await store.history(py),
    z: await store.history(pz),
  };
  const [survivor, absorbed] = [py, pz].sort((a, b) => (a < b ? -1 : 1));
  if (!survivor || !absorbed) throw new Error('No survivor.');
  const known = before.x?.customer;
  if (!known) throw new Error('No customer.');

  const update = mkdtempSync(join(tmpdir(), 'tact-resolve-update-'));
  const at = '2026-10-01T10:00:00.000Z';
  csv(
    join(update, 'source_records.csv'),
    ['record_id', 'source', 'kind', 'value', 'verified', 'first_seen', 'last_seen'],
    [
      // X's proved e-mail, written otherwise: joins X.
      ['WEB-NEW-1', 'web', 'email', ` ${email.value.toUpperCase()}`, 'true', at, at],
      // Y's card and Z's phone in one record: Y and Z are one customer.
      ['CRM-NEW-2', 'call_centre', 'loyalty_card', card.value, 'false', at, at],
      ['CRM-NEW-2', 'call_centre', 'phone', phone.value, 'false', at, at],
      // Nobody's: a new profile.
      ['APP-NEW-3', 'app', 'app_device', 'device-new-3', 'false', at, at],
      // Tied to W's record by the link table only.
      ['SOC-NEW-4', 'social', 'email', 'someone@new.example', 'false', at, at],
    ],
  );
  csv(
    join(update, 'record_links.csv'),
    ['record_a', 'record_b'],
    [['SOC-NEW-4', linked.record_id]],
  );
  const columns = columnsOf('customers').map((c) => c.name);
  const row = (id: string, first: string) => [
    id,
    first,
    '',
    '',
    '',
    known.gender,
    '',
    '',
    '',
    known.country,
    known.loyalty_tier,
    at,
    known.language,
  ];
  csv(join(update, 'customers.csv'), columns, [row('WEB-NEW-1', 'Zoé'), row('APP-NEW-3', 'Léon')]);
  csv(
    join(update, 'orders.csv'),
    [
      'order_id',
      'customer_id',
      'channel',
      'store_id',
      'placed_at',
      'status',
      'promo_code',
      'payment_method',
      'currency',
      'total_cents',
    ],
    [['O-NEW-1', 'WEB-NEW-1', 'web', '', at, 'completed', '', 'card', 'EUR', '4990']],
  );

  const report = await importDirectory(store, update, { asOf: DEMO_AS_OF });
  expect(report.problems).toEqual([]);
  expect(report.committed).toBe(true);
  expect(report.resolution).toMatchObject({
    records: 4,
    profiles: 4,
    joined: 3,
    merged: 1,
    unknown_links: 0,
  });
  const merges = report.resolution?.merges;
  expect(merges?.verified_email).toBe(1);
  expect(merges?.link_table).toBe(1);
  expect((merges?.loyalty_card ?? 0) + (merges?.phone ?? 0)).toBe(1);

  // One profile gone into another, one new: as many customers.
  expect(await store.customerCount()).toBe(before.count);
  const after = {
    x: await store.history(px),
    survivor: await store.history(survivor),
    absorbed: await store.history(absorbed),
    w: await store.history(pw),
    fresh: await store.history('APP-NEW-3'),
  };
  // X: the new record's e-mail and order; its own values kept (the record's name fills nothing).
  expect(after.x?.customer).toEqual(before.x?.customer);
  expect(after.x?.orders.map((o) => o.order.order_id)).toEqual(
    expect.arrayContaining([...(before.x?.orders.map((o) => o.order.order_id) ?? []), 'O-NEW-1']),
  );
  expect(after.x?.orders.length).toBe((before.x?.orders.length ?? 0) + 1);
  expect(after.x?.identities).toContainEqual(
    expect.objectContaining({ record_id: 'WEB-NEW-1', kind: 'email', linked_by: 'verified_email' }),
  );
  // Y and Z: one profile under the first id, holding both histories and the call centre's record.
  expect(after.absorbed).toBeNull();
  const ids = (h: typeof after.survivor) => (h?.orders ?? []).map((o) => o.order.order_id).sort();
  expect(ids(after.survivor)).toEqual([...ids(before.y), ...ids(before.z)].sort());
  const held = (h: typeof after.survivor) =>
    new Set((h?.identities ?? []).map((i) => `${i.kind}|${i.value}|${i.source}`));
  for (const i of [...(before.y?.identities ?? []), ...(before.z?.identities ?? [])])
    expect(held(after.survivor).has(`${i.kind}|${i.value}|${i.source}`)).toBe(true);
  expect(after.survivor?.identities.filter((i) => i.record_id === 'CRM-NEW-2')).toHaveLength(2);
  // W: the linked record's e-mail, by the link table; the new profile, from its own row.
  expect(after.w?.identities).toContainEqual(
    expect.objectContaining({ record_id: 'SOC-NEW-4', linked_by: 'link_table' }),
  );
  expect(after.fresh?.customer.first_name).toBe('Léon');
  expect(after.fresh?.identities).toEqual([
    expect.objectContaining({ record_id: 'APP-NEW-3', value: 'device-new-3', linked_by: null }),
  ]);

  // The same files again: nothing changes.
  const again = await importDirectory(store, update, { asOf: DEMO_AS_OF });
  expect(again.committed).toBe(true);
  expect(again.resolution).toMatchObject({ records: 4, profiles: 4, joined: 4, merged: 0 });
  expect(await store.customerCount()).toBe(before.count);
  for (const [id, h] of [
    [px, after.x],
    [survivor, after.survivor],
    [pw, after.w],
    ['APP-NEW-3', after.fresh],
  ] as const)
    expect(await store.history(id), id).toEqual(h);
  rmSync(update, { recursive: true, force: true });
}, 120_000);

test('three stored profiles one record ties become one, each shared row once, an identity seen over all of them', async () => {
  const small = await openDuckDbStore({ path: ':memory:' });
  const first = mkdtempSync(join(tmpdir(), 'tact-resolve-three-'));
  const update = mkdtempSync(join(tmpdir(), 'tact-resolve-three-update-'));
  try {
    const columns = columnsOf('customers').map((c) => c.name);
    const row = (id: string, city: string, created: string) => [
      id,
      '',
      '',
      '',
      '',
      'female',
      '',
      city,
      '',
      'FR',
      'none',
      created,
      'fr',
    ];
    csv(join(first, 'customers.csv'), columns, [
      row('A-1', '', '2025-03-01T00:00:00.000Z'),
      row('B-1', 'Lyon', '2024-01-01T00:00:00.000Z'),
      row('C-1', 'Paris', '2025-01-01T00:00:00.000Z'),
    ]);
    const header = ['record_id', 'source', 'kind', 'value', 'verified', 'first_seen', 'last_seen'];
    const seen = (from: string, to: string) => [
      `2025-${from}T00:00:00.000Z`,
      `2025-${to}T00:00:00.000Z`,
    ];
    csv(join(first, 'source_records.csv'), header, [
      ['A-1', 'store', 'loyalty_card', 'FID-A', 'false', ...seen('01-01', '02-01')],
      ['B-1', 'web', 'phone', '06 11 22 33 44', 'false', ...seen('01-01', '02-01')],
      ['B-1', 'web', 'web_cookie', 'ck-home', 'false', ...seen('03-01', '04-01')],
      ['C-1', 'web', 'email', 'c@x.fr', 'true', ...seen('01-01', '02-01')],
      ['C-1', 'web', 'web_cookie', 'ck-home', 'false', ...seen('02-01', '06-01')],
    ]);
    csv(join(first, 'record_links.csv'), ['record_a', 'record_b'], []);
    csv(
      join(first, 'holdouts.csv'),
      ['customer_id', 'campaign_id', 'held_at'],
      [
        ['B-1', 'CMP-9', '2025-05-01T00:00:00.000Z'],
        ['C-1', 'CMP-9', '2025-05-02T00:00:00.000Z'],
      ],
    );
    const replaced = await importDirectory(small, first, { asOf: DEMO_AS_OF, replace: true });
    expect(replaced.problems).toEqual([]);
    expect(await small.customerCount()).toBe(3);

    csv(join(update, 'source_records.csv'), header, [
      ['APP-7', 'app', 'loyalty_card', 'fid-a', 'false', ...seen('07-01', '07-01')],
      ['APP-7', 'app', 'phone', '+33 6 11 22 33 44', 'false', ...seen('07-01', '07-01')],
      ['APP-7', 'app', 'email', 'C@X.FR', 'true', ...seen('07-01', '07-01')],
    ]);
    const report = await importDirectory(small, update, { asOf: DEMO_AS_OF });
    expect(report.problems).toEqual([]);
    expect(report.resolution).toMatchObject({ records: 1, profiles: 1, joined: 1, merged: 2 });
    expect(await small.customerCount()).toBe(1);
    const merged = await small.history('A-1');
    expect(merged?.customer.city).toBe('Lyon'); // A had none: the first absorbed profile's
    expect(merged?.customer.created_at).toBe('2024-01-01T00:00:00.000Z');
    // The household cookie both absorbed profiles held: once per source, seen over both.
    const cookies = merged?.identities.filter((i) => i.value === 'ck-home') ?? [];
    expect(cookies).toHaveLength(1);
    expect(cookies[0]).toMatchObject({
      first_seen: '2025-02-01T00:00:00.000Z',
      last_seen: '2025-06-01T00:00:00.000Z',
    });
    const holds = await small.connection.runAndReadAll(
      'SELECT customer_id, campaign_id FROM holdouts ORDER BY customer_id',
    );
    expect(holds.getRowObjects()).toEqual([{ customer_id: 'A-1', campaign_id: 'CMP-9' }]);
    expect(await small.history('B-1')).toBeNull();
    expect(await small.history('C-1')).toBeNull();
  } finally {
    await small.close();
    rmSync(first, { recursive: true, force: true });
    rmSync(update, { recursive: true, force: true });
  }
}, 60_000);
