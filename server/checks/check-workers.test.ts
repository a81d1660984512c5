// The check workers give each recipient the listing this thread gives (the same recipientMessage
// over the same histories, decoded there), in customer id order; a cancel stops reading and sending
// at once and counts nothing that comes back after it; a piece that cannot be checked fails the
// check with the worker's reason, and the pool checks the next one.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { DEMO_SEED } from '../../mocks/demo.ts';
import { DEMO_AS_OF, generateDataset } from '../../mocks/seed/index.ts';
import { DEMO_CAMPAIGN_ID } from '../../mocks/seed/marketing.ts';
import { listedRecipient } from '../../src/domain/guardrails/recipient-list.ts';
import { RECIPIENT_SCOPE, recipientMessage } from '../../src/domain/guardrails/recipient.ts';
import { historyRowCount } from '../../src/domain/profile/history.ts';
import { renderTemplate } from '../../src/domain/template/render.ts';
import type { CheckSetting } from '../check-pool.ts';
import {
  campaignOrNotFound,
  recipientCampaign,
  scoreBookOf,
  templateScoresOf,
} from '../campaign-preview.ts';
import { currentPolicy } from '../documents/policies.ts';
import type { PackedChunk } from '../store.ts';
import { loadDataset, openDuckDbStore, type DuckDbStore } from '../stores/duckdb.ts';
import { checkWorkers, type CheckWorkers } from './check-workers.ts';

const { dataset } = generateDataset({ seed: DEMO_SEED, customers: 600, asOf: DEMO_AS_OF });
const ids = dataset.customers.map((c) => c.customer_id);

let duck: DuckDbStore;
let pool: CheckWorkers;
let setting: CheckSetting;
let scores: Parameters<CheckWorkers['check']>[0]['scores'];

beforeAll(async () => {
  duck = await openDuckDbStore({ path: ':memory:' });
  await loadDataset(duck, dataset, { asOf: DEMO_AS_OF });
  pool = checkWorkers({ size: 2 });
  const campaign = await campaignOrNotFound(duck, DEMO_CAMPAIGN_ID);
  const policy = await currentPolicy(duck.documents);
  const { render, ...shared } = await recipientCampaign(duck, renderTemplate, campaign, policy);
  void render;
  setting = shared;
  const book = await scoreBookOf(duck);
  scores = (id) => templateScoresOf(book, id);
}, 120_000);
afterAll(async () => {
  await pool.close();
  await duck.close();
});

/** The store's packed chunks, counting those read. */
async function* counted(seen: { chunks: number }, size = 100): AsyncIterable<PackedChunk> {
  const packed = duck.packedHistories?.(ids, { chunkSize: size, scope: RECIPIENT_SCOPE });
  if (packed === undefined) throw new Error('DuckDB reads packed histories.');
  for await (const chunk of packed) {
    seen.chunks += 1;
    yield chunk;
  }
}

describe('check workers', () => {
  test('list every recipient, read without events, as this thread does over whole histories', async () => {
    const progress = { done: 0, rows: 0 };
    const seen = { chunks: 0 };
    const checked = await pool.check({
      setting,
      chunks: counted(seen),
      scores,
      progress,
      signal: new AbortController().signal,
    });
    const here = [];
    let rows = 0;
    for await (const chunk of duck.histories(ids, { chunkSize: 100 })) {
      for (const h of chunk) {
        const message = await recipientMessage(h, scores(h.customer.customer_id), {
          ...setting,
          render: renderTemplate,
        });
        here.push(listedRecipient(h.customer, message.verdicts));
        rows += historyRowCount(h) - h.events.length;
      }
    }
    expect(checked).toEqual(here);
    expect(checked.length).toBe(ids.length);
    expect(checked.some((m) => m.summary.guardrails.length > 0)).toBe(true);
    expect(progress.done).toBe(ids.length);
    expect(progress.rows).toBe(rows);
    expect(seen.chunks).toBe(6);
  });

  test('a cancel stops reading and sending, and nothing answered after it is counted', async () => {
    const controller = new AbortController();
    const progress = { done: 0, rows: 0 };
    const seen = { chunks: 0 };
    const checking = pool.check({
      setting,
      chunks: counted(seen, 50),
      scores,
      progress,
      signal: controller.signal,
    });
    while (seen.chunks === 0) await new Promise((resolve) => setTimeout(resolve, 1));
    controller.abort(new Error('cancelled'));
    const atCancel = { ...progress };
    const chunksAtCancel = seen.chunks;
    await expect(checking).rejects.toThrow('cancelled');
    expect(progress).toEqual(atCancel);
    expect(progress.done).toBeLessThan(ids.length);
    // At most the chunk being cut into pieces when the cancel came.
    expect(seen.chunks).toBeLessThanOrEqual(chunksAtCancel + 1);
  });

  test('a piece that cannot be checked fails the check with the reason; the next check runs', async () => {
    async function* broken(): AsyncIterable<PackedChunk> {
      for await (const chunk of counted({ chunks: 0 })) {
        yield {
          ...chunk,
          rows: chunk.rows.map((row) => ({ ...row, customer: '{"not":"a row"}' })),
        };
      }
    }
    await expect(
      pool.check({
        setting,
        chunks: broken(),
        scores,
        progress: { done: 0, rows: 0 },
        signal: new AbortController().signal,
      }),
    ).rejects.toThrow(/check worker failed/);
    const again = await pool.check({
      setting,
      chunks: counted({ chunks: 0 }),
      scores,
      progress: { done: 0, rows: 0 },
      signal: new AbortController().signal,
    });
    expect(again.length).toBe(ids.length);
  });
});
