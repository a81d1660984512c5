import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { mockApi } from '../../../mocks/node.ts';
import type { RefitStatus } from '../../api/contract.ts';
import { renderAt } from '../../test/render.tsx';
import { ModelCard } from './ModelCard.tsx';

beforeAll(() => mockApi.listen({ onUnhandledRequest: 'error' }));
afterEach(() => mockApi.resetHandlers());
afterAll(() => mockApi.close());

const routes = [{ path: '/d', element: <ModelCard rescored={[]} /> }];

/** "Refit now", then the confirmation. */
async function refitNow(user: ReturnType<typeof userEvent.setup>) {
  await user.click(await screen.findByRole('button', { name: 'Refit now' }));
  const dialog = await screen.findByRole('dialog', {
    name: 'Refit the models and rescore every customer?',
  });
  await user.click(within(dialog).getByRole('button', { name: 'Refit and rescore' }));
}
const started = '2026-11-23T09:00:00.000Z';

describe('refitting from the model card', () => {
  test('asks first, says what changes and when the last refit ran and by whom; keeping asks nothing', async () => {
    const posts: unknown[] = [];
    mockApi.use(
      http.post(/\/api\/models\/clv\/refit$/, async ({ request }) => {
        posts.push(await request.json());
        return HttpResponse.json({ state: 'idle' }, { status: 202 });
      }),
      http.get(/\/api\/models\/clv\/refit$/, () =>
        HttpResponse.json({
          state: 'done',
          by: 'Marie Curie',
          started_at: started,
          finished_at: '2026-11-23T09:00:02.000Z',
          model_version: 'clv-2026-11-16-week-00c0ffee',
          customers: 4584,
        } satisfies RefitStatus),
      ),
    );
    const user = userEvent.setup();
    renderAt('/d', routes);
    expect(await screen.findByText(/^Last refit .* by Marie Curie\.$/)).toBeVisible();
    await user.click(await screen.findByRole('button', { name: 'Refit now' }));
    const dialog = await screen.findByRole('dialog', {
      name: 'Refit the models and rescore every customer?',
    });
    expect(
      within(dialog).getByText(/propensity, churn band, predicted value and RFM segment/),
    ).toBeVisible();
    expect(
      within(dialog).getByText(/Segments with score conditions may gain or lose members/),
    ).toBeVisible();
    await user.click(within(dialog).getByRole('button', { name: 'Keep the current scores' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(posts).toEqual([]);
    await refitNow(user);
    // Who refits is the signed-in caller: the request names nobody.
    await waitFor(() => expect(posts).toEqual([{}]));
  });

  test('shows the stage while it runs and says when it is done', async () => {
    const answers: RefitStatus[] = [
      {
        state: 'running',
        stage: 'fitting the models and scoring',
        started_at: started,
        by: 'Marie Curie',
      },
      {
        state: 'done',
        by: 'Marie Curie',
        started_at: started,
        finished_at: '2026-11-23T09:00:02.000Z',
        model_version: 'clv-2026-11-16-week-00c0ffee',
        customers: 4584,
      },
    ];
    let posted = false;
    mockApi.use(
      http.post(/\/api\/models\/clv\/refit$/, () => {
        posted = true;
        return HttpResponse.json(
          { state: 'running', stage: 'reading the orders', started_at: started, by: 'Marie Curie' },
          { status: 202 },
        );
      }),
      http.get(/\/api\/models\/clv\/refit$/, () =>
        HttpResponse.json(posted ? (answers.shift() ?? answers[0]) : { state: 'idle' }),
      ),
    );
    const user = userEvent.setup();
    renderAt('/d', routes);
    await refitNow(user);
    expect(await screen.findByText('Refitting: reading the orders…')).toBeVisible();
    expect(await screen.findByText('Models refitted', {}, { timeout: 3000 })).toBeVisible();
    expect(
      screen.getByText('Model clv-2026-11-16-week-00c0ffee, 4,584 customers scored.'),
    ).toBeVisible();
  });

  test('a refit that cannot fit says why (the tiny fixture)', async () => {
    const user = userEvent.setup();
    renderAt('/d', routes);
    await refitNow(user);
    expect(
      await screen.findByText(
        'The refit failed: the models need at least 100 customers with an order and 20 repeat buyers, and the data has 2 and 1.',
        {},
        { timeout: 3000 },
      ),
    ).toBeVisible();
  });

  test("a refit that stopped before the end says so, without the server's English", async () => {
    mockApi.use(
      http.post(/\/api\/models\/clv\/refit$/, () =>
        HttpResponse.json(
          {
            state: 'failed',
            by: 'Marie Curie',
            started_at: started,
            finished_at: '2026-11-23T09:00:02.000Z',
            error: 'IO Error: disk full',
            no_model: null,
          } satisfies RefitStatus,
          { status: 202 },
        ),
      ),
    );
    const user = userEvent.setup();
    renderAt('/d', routes);
    await refitNow(user);
    expect(
      await screen.findByText(
        'The refit stopped before the end. Try again; if it fails again, the server’s log says why.',
      ),
    ).toHaveAttribute('role', 'alert');
    expect(screen.queryByText(/disk full/)).toBeNull();
  });
});
