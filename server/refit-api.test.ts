import type { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { generateDataset } from '../mocks/seed/index.ts';
import { modelCardResponse, refitStatus, type RefitStatus } from '../src/api/contract.ts';
import { createApi } from './app.ts';
import { RefitJob } from './scoring/refit.ts';
import type { ScoreBook } from './scoring/score-book.ts';
import { noModel, type NoModel } from './scoring/service.ts';
import { FIXTURE_AS_OF, fixtureDataset } from './fixture.ts';
import { loadDataset, openDuckDbStore, type DuckDbStore } from './stores/duckdb.ts';
import { MemoryStore } from './stores/memory.ts';
import { TEST_ACCESS } from './auth/test-access.ts';

const AS_OF = '2026-11-16T00:00:00.000Z';
const { dataset } = generateDataset({ seed: 9, customers: 800, asOf: AS_OF });
let duck: DuckDbStore;
const apis = new Map<string, Hono>();

beforeAll(async () => {
  apis.set(
    'memory',
    createApi(new MemoryStore(dataset, AS_OF), { access: TEST_ACCESS, logErrors: false }),
  );
  duck = await openDuckDbStore({ path: ':memory:' });
  await loadDataset(duck, dataset, { asOf: AS_OF });
  apis.set('duckdb', createApi(duck, { access: TEST_ACCESS, logErrors: false }));
});
afterAll(() => duck.close());

async function settled(api: Hono): Promise<RefitStatus> {
  for (let i = 0; i < 200; i += 1) {
    const status = refitStatus.parse(await (await api.request('/api/models/clv/refit')).json());
    if (status.state !== 'running') return status;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error('The refit did not finish.');
}

describe.each(['memory', 'duckdb'])('refitting the models on demand on the %s store', (name) => {
  const api = () => {
    const found = apis.get(name);
    if (!found) throw new Error('API not ready');
    return found;
  };

  test('starts one run, says its stage while it runs, and serves the new card after', async () => {
    expect(refitStatus.parse(await (await api().request('/api/models/clv/refit')).json())).toEqual({
      state: 'idle',
    });
    const started = await api().request('/api/models/clv/refit', { method: 'POST' });
    expect(started.status).toBe(202);
    const first = refitStatus.parse(await started.json());
    expect(first.state).toBe('running');
    const done = await settled(api());
    expect(done.state).toBe('done');
    const card = modelCardResponse.parse(await (await api().request('/api/models/clv')).json());
    if (done.state === 'done') expect(done.model_version).toBe(card.model_version);
    // The catalogue still lists the score fields after the refit.
    const catalogue = (await (await api().request('/api/catalogue')).json()) as {
      fields: { group: string }[];
    };
    expect(catalogue.fields.filter((f) => f.group === 'score')).toHaveLength(6);
  });
});

test('a refit on data too small to fit ends as failed, saying why', async () => {
  const api = createApi(new MemoryStore(fixtureDataset(), FIXTURE_AS_OF), {
    access: TEST_ACCESS,
    logErrors: false,
  });
  await api.request('/api/models/clv/refit', { method: 'POST' });
  const status = await settled(api);
  expect(status).toMatchObject({
    state: 'failed',
    error: expect.stringMatching(/too little data/),
    no_model: {
      reason: 'too_little_data',
      params: { customers: expect.any(Number), min_customers: 100, min_repeat_customers: 20 },
    },
  });
});

test('a run that throws ends as failed with no reason about the data', async () => {
  const job = new RefitJob(() => Promise.reject(new Error('disk full')));
  job.start('Marie Curie');
  await new Promise((resolve) => setTimeout(resolve, 0));
  expect(job.status()).toMatchObject({ state: 'failed', error: 'disk full', no_model: null });
});

test('a start while a run is running is that run, and its stages show as they come', async () => {
  let finish: (value: NoModel) => void = () => undefined;
  let stage: (name: string) => void = () => undefined;
  const job = new RefitJob(
    (report) =>
      new Promise<ScoreBook | NoModel>((resolve) => {
        stage = report;
        finish = resolve;
      }),
  );
  const first = job.start('Marie Curie');
  stage('reading the orders');
  expect(job.status()).toMatchObject({
    state: 'running',
    stage: 'reading the orders',
    by: 'Marie Curie',
  });
  const again = job.start('Marie Curie');
  expect(again.state === 'running' && first.state === 'running' && again.started_at).toBe(
    first.state === 'running' && first.started_at,
  );
  finish(noModel(new RangeError('no repeat buyer')));
  await new Promise((resolve) => setTimeout(resolve, 0));
  expect(job.status()).toMatchObject({
    state: 'failed',
    error: 'no repeat buyer',
    no_model: { reason: 'fit_failed' },
  });
});
