import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { mockApi } from '../../../mocks/node.ts';
import { renderAt } from '../../test/render.tsx';
import { SegmentsRoute } from './segments.tsx';

// jsdom lacks what Radix menus and selects call on open.
beforeAll(() => {
  Element.prototype.hasPointerCapture ??= () => false;
  Element.prototype.releasePointerCapture ??= () => undefined;
  Element.prototype.scrollIntoView ??= () => undefined;
  mockApi.listen({ onUnhandledRequest: 'error' });
});
beforeEach(() => localStorage.clear());
afterEach(() => mockApi.resetHandlers());
afterAll(() => mockApi.close());

const routes = [{ path: '/segments', element: <SegmentsRoute /> }];

/** Records every count request's body and lets the real app (over the fixture) answer it. */
function recordCounts() {
  const bodies: { definition: unknown; breakdown?: string }[] = [];
  mockApi.use(
    http.post(/\/api\/segments\/count$/, async ({ request }) => {
      bodies.push((await request.clone().json()) as (typeof bodies)[number]);
      return undefined;
    }),
  );
  return bodies;
}

const audience = () => screen.getByRole('complementary', { name: 'Audience' });

async function addCondition(user: ReturnType<typeof userEvent.setup>, field: string) {
  const first = screen.queryByRole('button', { name: 'Add a first condition' });
  await user.click(
    first ?? screen.getByRole('button', { name: 'Add a condition to all conditions' }),
  );
  await user.type(screen.getByRole('combobox', { name: 'Search fields and events' }), field);
  await user.click(screen.getByRole('option', { name: new RegExp(`^${field}`) }));
}

async function buildCityIsLyon(user: ReturnType<typeof userEvent.setup>) {
  renderAt('/segments', routes);
  await screen.findByText('Add a first condition', { selector: 'p' });
  await addCondition(user, 'City');
  const value = screen.getByRole('combobox', { name: 'Value for City' });
  expect(value).toHaveFocus();
  await user.type(value, 'Lyon');
}

describe('segment builder', () => {
  test('builds "city is Lyon" by clicking and typing, and counts exactly that definition', async () => {
    const bodies = recordCounts();
    const user = userEvent.setup();
    await buildCityIsLyon(user);
    expect(await within(audience()).findByText('1 customer matches.')).toBeInTheDocument();
    expect(within(audience()).getByText('33.3% of 3 customers')).toBeVisible();
    expect(screen.getByText('Customers whose city is “Lyon”')).toBeVisible();
    const last = bodies.at(-1);
    expect(last?.definition).toMatchObject({
      version: 1,
      root: {
        combinator: 'and',
        children: [
          {
            kind: 'attribute',
            field: 'customer.city',
            negate: false,
            test: { operator: 'equals', value: 'Lyon' },
          },
        ],
      },
    });
    // Debounced: typing four letters asked for one count, not four.
    expect(bodies.length).toBe(1);
    const sample = within(audience()).getByRole('link', { name: 'Olivier Marchand' });
    expect(sample).toHaveAttribute('href', '/customers/C0000001');
  });

  test('an incomplete row shows its message, and no count is shown or asked for', async () => {
    const bodies = recordCounts();
    const user = userEvent.setup();
    renderAt('/segments', routes);
    await screen.findByText('Add a first condition', { selector: 'p' });
    await addCondition(user, 'City');
    expect(screen.getByText("Type or pick a value for 'City'.")).toBeVisible();
    expect(screen.getByRole('combobox', { name: 'Value for City' })).toHaveAttribute(
      'aria-invalid',
      'true',
    );
    expect(within(audience()).getByText('1 condition needs attention')).toBeVisible();
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(bodies).toEqual([]);
    expect(within(audience()).queryByText(/customers? match/)).toBeNull();
  });

  test('undo and redo restore each step, with the keyboard and the buttons', async () => {
    const user = userEvent.setup();
    await buildCityIsLyon(user);
    await screen.findByText('Customers whose city is “Lyon”');
    await user.keyboard('{Control>}z{/Control}');
    expect(screen.getByRole('combobox', { name: 'Value for City' })).toHaveValue('');
    await user.keyboard('{Control>}z{/Control}');
    expect(screen.getByRole('button', { name: 'Add a first condition' })).toBeVisible();
    await user.keyboard('{Control>}{Shift>}z{/Shift}{/Control}');
    expect(screen.getByRole('combobox', { name: 'Value for City' })).toHaveValue('');
    await user.keyboard('{Control>}y{/Control}');
    expect(screen.getByRole('combobox', { name: 'Value for City' })).toHaveValue('Lyon');
    await user.click(screen.getByRole('button', { name: 'Undo' }));
    expect(screen.getByRole('combobox', { name: 'Value for City' })).toHaveValue('');
    await user.click(screen.getByRole('button', { name: 'Redo' }));
    expect(screen.getByRole('combobox', { name: 'Value for City' })).toHaveValue('Lyon');
    expect(screen.getByRole('button', { name: 'Redo' })).toBeDisabled();
  });

  test('the URL reproduces the builder after a reload, and a draft is restored without it', async () => {
    const user = userEvent.setup();
    const { router } = renderAt('/segments', routes);
    await screen.findByText('Add a first condition', { selector: 'p' });
    await addCondition(user, 'City');
    await user.type(screen.getByRole('combobox', { name: 'Value for City' }), 'Lyon');
    await waitFor(() => expect(router.state.location.search).toMatch(/^\?d=[A-Za-z0-9_-]+$/));
    const link = `/segments${router.state.location.search}`;
    cleanup();
    localStorage.clear();

    renderAt(link, routes);
    expect(await screen.findByRole('combobox', { name: 'Value for City' })).toHaveValue('Lyon');
    expect(screen.getByText('Customers whose city is “Lyon”')).toBeVisible();
    expect(await within(audience()).findByText('1 customer matches.')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'NOT City' }));
    cleanup();

    renderAt('/segments', routes);
    expect(await screen.findByText(/Your draft .*was restored/)).toBeVisible();
    expect(screen.getByText('Customers not (whose city is “Lyon”)')).toBeVisible();
  });

  test('a broken or hand-edited link says so and starts empty', async () => {
    renderAt('/segments?d=bm90IGEgc2VnbWVudA', routes);
    expect(await screen.findByRole('alert')).toHaveTextContent('could not be read');
    expect(screen.getByRole('button', { name: 'Add a first condition' })).toBeVisible();
  });

  test('a corrupt draft is ignored with a notice', async () => {
    localStorage.setItem('tact.segments.draft', '{"saved_at": 1, "definition": {"root": 3}}');
    renderAt('/segments', routes);
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'could not be read, so it was ignored',
    );
    expect(screen.getByRole('button', { name: 'Add a first condition' })).toBeVisible();
  });

  test('a count error (500) says so, keeps the definition and offers a retry', async () => {
    mockApi.use(
      http.post(/\/api\/segments\/count$/, () =>
        HttpResponse.json({ error: { code: 'internal', message: 'boom' } }, { status: 500 }),
      ),
    );
    const user = userEvent.setup();
    await buildCityIsLyon(user);
    const alert = await within(audience()).findByRole('alert');
    expect(alert).toHaveTextContent('The count failed');
    expect(alert).toHaveTextContent('answered 500');
    expect(within(alert).getByRole('button', { name: 'Retry' })).toBeVisible();
    expect(screen.getByRole('combobox', { name: 'Value for City' })).toHaveValue('Lyon');
    expect(screen.getByText('Customers whose city is “Lyon”')).toBeVisible();
  });
});
