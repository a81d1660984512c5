import { screen } from '@testing-library/react';
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
const started = '2026-11-23T09:00:00.000Z';

describe('refitting from the model card', () => {
  test('shows the stage while it runs and says when it is done', async () => {
    const answers: RefitStatus[] = [
      { state: 'running', stage: 'fitting the models and scoring', started_at: started },
      {
        state: 'done',
        started_at: started,
        finished_at: '2026-11-23T09:00:02.000Z',
        model_version: 'clv-2026-11-16-week-00c0ffee',
        customers: 4584,
      },
    ];
    mockApi.use(
      http.post(/\/api\/models\/clv\/refit$/, () =>
        HttpResponse.json(
          { state: 'running', stage: 'reading the orders', started_at: started },
          { status: 202 },
        ),
      ),
      http.get(/\/api\/models\/clv\/refit$/, () =>
        HttpResponse.json(answers.shift() ?? answers[0]),
      ),
    );
    const user = userEvent.setup();
    renderAt('/d', routes);
    await user.click(await screen.findByRole('button', { name: 'Refit now' }));
    expect(await screen.findByText('Refitting: reading the orders…')).toBeVisible();
    expect(await screen.findByText('Models refitted', {}, { timeout: 3000 })).toBeVisible();
    expect(
      screen.getByText('Model clv-2026-11-16-week-00c0ffee, 4,584 customers scored.'),
    ).toBeVisible();
  });

  test('a refit that cannot fit says why (the tiny fixture)', async () => {
    const user = userEvent.setup();
    renderAt('/d', routes);
    await user.click(await screen.findByRole('button', { name: 'Refit now' }));
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
    await user.click(await screen.findByRole('button', { name: 'Refit now' }));
    expect(
      await screen.findByText(
        'The refit stopped before the end. Try again; if it fails again, the server’s log says why.',
      ),
    ).toHaveAttribute('role', 'alert');
    expect(screen.queryByText(/disk full/)).toBeNull();
  });
});
