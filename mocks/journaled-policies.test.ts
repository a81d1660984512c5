// The browser demo keeps the guardrail policy across reloads as it keeps campaigns: the default
// policy is made the same on every load, so the journal replays its edits on it.
import { expect, test } from 'vitest';
import { currentPolicy, policiesOf } from '../server/documents/policies.ts';
import { FIXTURE_AS_OF, fixtureDataset } from '../server/fixture.ts';
import { DEFAULT_POLICY, DEFAULT_POLICY_ID } from '../src/domain/guardrails/policy.ts';
import { JournaledStore, type JournalStorage } from './journaled-store.ts';

function memoryStorage(): JournalStorage {
  const map = new Map<string, string>();
  return {
    getItem: (k) => map.get(k) ?? null,
    setItem: (k, v) => void map.set(k, v),
    removeItem: (k) => void map.delete(k),
  };
}

test('the policy edited and restored in one page is there, at its version, after a reload', async () => {
  const storage = memoryStorage();
  const first = new JournaledStore(fixtureDataset(), FIXTURE_AS_OF, storage, 'k');
  await first.sync();
  const before = policiesOf(first.documents);
  expect(await currentPolicy(first.documents)).toEqual({
    policy_id: DEFAULT_POLICY_ID,
    version: 1,
    policy: DEFAULT_POLICY,
  });
  const write = (at: string, min_discount_percent: number) => ({
    body: { ...DEFAULT_POLICY, min_discount_percent },
    author: 'Camille',
    note: 'soldes',
    at,
  });
  await before.update(DEFAULT_POLICY_ID, 1, write('2026-11-20T10:00:00.000Z', 10));
  await before.update(DEFAULT_POLICY_ID, 2, write('2026-11-20T11:00:00.000Z', 5));

  const second = new JournaledStore(fixtureDataset(), FIXTURE_AS_OF, storage, 'k');
  expect(await second.sync()).toEqual({ replayed: 2, dropped: false });
  const after = policiesOf(second.documents);
  expect(await after.versions(DEFAULT_POLICY_ID)).toEqual(await before.versions(DEFAULT_POLICY_ID));
  expect(await currentPolicy(second.documents)).toMatchObject({
    version: 3,
    policy: DEFAULT_POLICY,
  });
});
