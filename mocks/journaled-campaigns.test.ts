// The browser demo keeps campaigns across reloads as it keeps saved segments: their writes go
// through the same document repository, so the journal records and replays them with no change.
import { expect, test } from 'vitest';
import { campaignsOf } from '../server/documents/campaigns.ts';
import { FIXTURE_AS_OF, fixtureDataset } from '../server/fixture.ts';
import { campaignBody, newCampaign } from '../src/domain/campaign/campaign.ts';
import { JournaledStore, type JournalStorage } from './journaled-store.ts';

function memoryStorage(): JournalStorage {
  const map = new Map<string, string>();
  return {
    getItem: (k) => map.get(k) ?? null,
    setItem: (k, v) => void map.set(k, v),
    removeItem: (k) => void map.delete(k),
  };
}

const write = (name: string, at: string) => ({
  body: campaignBody.parse({
    name,
    channel: 'push',
    template: { title: name, body: 'Nouveautés' },
  }),
  author: 'Camille',
  note: '',
  at,
});

test('campaigns created, edited and deleted in one page are there after a reload', async () => {
  const storage = memoryStorage();
  const first = new JournaledStore(fixtureDataset(), FIXTURE_AS_OF, storage, 'k');
  await first.sync();
  const before = campaignsOf(first.documents);
  await before.create('cmp_a', write('Soldes', '2026-11-20T10:00:00.000Z'), null);
  await before.update('cmp_a', 1, write('Soldes v2', '2026-11-20T11:00:00.000Z'));
  await before.create('cmp_b', write('Gone', '2026-11-20T12:00:00.000Z'), null);
  await before.delete('cmp_b', 1);
  // The loaded campaign is a document too, and its edits are journaled like the others.
  await before.update('CMP01', 1, {
    ...write('Coffrets', '2026-11-20T13:00:00.000Z'),
    body: { ...((await before.get('CMP01'))?.body ?? newCampaign('x')), name: 'Coffrets 2' },
  });

  const second = new JournaledStore(fixtureDataset(), FIXTURE_AS_OF, storage, 'k');
  expect(await second.sync()).toEqual({ replayed: 5, dropped: false });
  const after = campaignsOf(second.documents);
  expect(await after.list()).toEqual(await before.list());
  expect(await after.versions('cmp_a')).toEqual(await before.versions('cmp_a'));
  expect((await after.get('CMP01'))?.body.name).toBe('Coffrets 2');
  expect(await after.get('cmp_b')).toBeNull();
});
