import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { mockApi } from '../../../mocks/node.ts';
import { renderAt } from '../../test/render.tsx';
import { NewSegmentRoute, SavedSegmentRoute, SegmentsRoute } from './segments.tsx';

beforeAll(() => {
  mockApi.listen({ onUnhandledRequest: 'error' });
});
beforeEach(() => localStorage.clear());
afterEach(() => mockApi.resetHandlers());
afterAll(() => mockApi.close());

const routes = [
  { path: '/segments', element: <SegmentsRoute /> },
  { path: '/segments/new', element: <NewSegmentRoute /> },
  { path: '/segments/:segmentId', element: <SavedSegmentRoute /> },
];

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
  renderAt('/segments/new', routes);
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

  test('while a new count runs the old one is dimmed as updating, and a newer edit cancels it', async () => {
    const user = userEvent.setup();
    await buildCityIsLyon(user);
    expect(await within(audience()).findByText('1 customer matches.')).toBeInTheDocument();
    const slow: Request[] = [];
    mockApi.use(
      http.post(/\/api\/segments\/count$/, async ({ request }) => {
        slow.push(request);
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, 5_000);
          request.signal.addEventListener('abort', () => {
            clearTimeout(timer);
            resolve();
          });
        });
        return undefined;
      }),
    );
    await user.type(screen.getByRole('combobox', { name: 'Value for City' }), 'x');
    expect(within(audience()).getByText('Updating…')).toBeVisible();
    expect(within(audience()).queryByText('1 customer matches.')).toBeNull();
    await waitFor(() => expect(slow).toHaveLength(1));
    await user.type(screen.getByRole('combobox', { name: 'Value for City' }), '{Backspace}');
    await waitFor(() => expect(slow[0]?.signal.aborted).toBe(true));
    expect(await within(audience()).findByText('1 customer matches.')).toBeInTheDocument();
    expect(within(audience()).queryByText('Updating…')).toBeNull();
  });

  test('money is typed in euros, with a comma or a point, and counted in cents', async () => {
    const bodies = recordCounts();
    const user = userEvent.setup();
    renderAt('/segments/new', routes);
    await screen.findByText('Add a first condition', { selector: 'p' });
    await addCondition(user, 'Total spend');
    const box = screen.getByRole('textbox', { name: /^Value for Total spend/ });
    await user.clear(box);
    await user.type(box, '125,5');
    await waitFor(() =>
      expect(bodies.at(-1)?.definition).toMatchObject({
        root: { children: [{ test: { value: 12_550 } }] },
      }),
    );
    expect(screen.getByText(/is at least €125\.50/)).toBeVisible();
    await user.clear(box);
    await user.type(box, '-5');
    expect(await screen.findByText('Type an amount from 0 € to 1,000,000,000 €.')).toBeVisible();
    expect(box).toHaveValue('-5');
    expect(box).toHaveAttribute('aria-invalid', 'true');
    await user.clear(box);
    await user.type(box, '19.999');
    expect(await screen.findByText('At most 2 decimals.')).toBeVisible();
    expect(bodies.at(-1)?.definition).toMatchObject({
      root: { children: [{ test: { value: 12_550 } }] },
    });
  });

  test('an over-long value is kept as typed and marked; values are trimmed', async () => {
    const bodies = recordCounts();
    const user = userEvent.setup();
    await buildCityIsLyon(user);
    const box = screen.getByRole('combobox', { name: 'Value for City' });
    await user.clear(box);
    await user.click(box);
    await user.paste('x'.repeat(5_000));
    expect(box).toHaveValue('x'.repeat(5_000));
    expect(box).toHaveAttribute('aria-invalid', 'true');
    expect(
      screen.getByText(
        'At most 1,000 characters: this value has 5,000. Shorten it; nothing was lost.',
      ),
    ).toBeVisible();
    expect(
      screen.getByText(
        'One box marked in red is not taken yet: these words and the count use its last valid value.',
      ),
    ).toBeVisible();
    await user.clear(box);
    await user.type(box, ' Paris ');
    expect(box).toHaveValue(' Paris ');
    await waitFor(() =>
      expect(bodies.at(-1)?.definition).toMatchObject({
        root: { children: [{ test: { value: 'Paris' } }] },
      }),
    );
    expect(screen.getByText('Customers whose city is “Paris”')).toBeVisible();
    expect(screen.queryByText(/not taken yet/)).toBeNull();
  });

  test('leaving with unsaved edits says the draft is kept', async () => {
    const user = userEvent.setup();
    const { router } = renderAt('/segments/new', routes);
    await screen.findByText('Add a first condition', { selector: 'p' });
    await addCondition(user, 'City');
    await user.type(screen.getByRole('combobox', { name: 'Value for City' }), 'Lyon');
    await router.navigate('/segments');
    expect(await screen.findByText('Unsaved edits kept as a draft')).toBeVisible();
    expect(
      screen.getByText(/Your edits to “Untitled segment” wait in this browser/),
    ).toBeInTheDocument();
  });

  test('the field picker understands the marketer’s words: bought, a category, accents aside', async () => {
    const bodies = recordCounts();
    const user = userEvent.setup();
    renderAt('/segments/new', routes);
    await user.click(await screen.findByRole('button', { name: 'Add a first condition' }));
    const search = screen.getByRole('combobox', { name: 'Search fields and events' });
    await user.type(search, 'bought');
    const order = screen.getByRole('option', { name: /^Placed an order for “bought”/ });
    expect(order).toBeVisible();
    await user.clear(search);
    await user.type(search, 'video');
    const videoGames = screen.getByRole('option', { name: /^Placed an order: Video games/ });
    expect(within(videoGames).getByText('Product category')).toBeVisible();
    await user.click(videoGames);
    await waitFor(() =>
      expect(bodies.at(-1)?.definition).toMatchObject({
        root: {
          children: [
            {
              kind: 'behaviour',
              action: { type: 'order' },
              filters: [
                { field: 'line.category', test: { operator: 'equals', value: 'video_games' } },
              ],
            },
          ],
        },
      }),
    );
    // Offered to a search only: the list at rest holds no category.
    await user.click(screen.getByRole('button', { name: 'Add a condition to all conditions' }));
    expect(screen.queryByRole('option', { name: /^Placed an order: / })).toBeNull();
  });

  test('an incomplete row shows its message, and no count is shown or asked for', async () => {
    const bodies = recordCounts();
    const user = userEvent.setup();
    renderAt('/segments/new', routes);
    await screen.findByText('Add a first condition', { selector: 'p' });
    await addCondition(user, 'City');
    expect(screen.getByText('Type or pick a value for “City”.')).toBeVisible();
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
    const { router } = renderAt('/segments/new', routes);
    await screen.findByText('Add a first condition', { selector: 'p' });
    await addCondition(user, 'City');
    await user.type(screen.getByRole('combobox', { name: 'Value for City' }), 'Lyon');
    await waitFor(() => expect(router.state.location.search).toMatch(/^\?d=[A-Za-z0-9_-]+$/));
    const link = `/segments/new${router.state.location.search}`;
    cleanup();
    localStorage.clear();

    const { router: router2 } = renderAt(link, routes);
    expect(await screen.findByRole('combobox', { name: 'Value for City' })).toHaveValue('Lyon');
    expect(screen.getByText('Customers whose city is “Lyon”')).toBeVisible();
    expect(await within(audience()).findByText('1 customer matches.')).toBeInTheDocument();
    // The breakdown is in the link too.
    await user.click(
      within(audience()).getByRole('combobox', { name: 'Break the audience down by' }),
    );
    await user.click(await screen.findByRole('option', { name: 'City' }));
    await waitFor(() => expect(router2.state.location.search).toContain('b=customer.city'));
    const withBreakdown = `/segments/new${router2.state.location.search}`;
    cleanup();
    renderAt(withBreakdown, routes);
    const panel = await screen.findByRole('complementary', { name: 'Audience' });
    expect(await within(panel).findByRole('list', { name: 'Members by City' })).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'NOT City' }));
    cleanup();

    renderAt('/segments/new', routes);
    expect(await screen.findByText(/Your draft .*was restored/)).toBeVisible();
    expect(screen.getByText('Customers not (whose city is “Lyon”)')).toBeVisible();
  });

  test('a list takes picked, typed and pasted values as chips', async () => {
    const bodies = recordCounts();
    const user = userEvent.setup();
    renderAt('/segments/new', routes);
    await screen.findByText('Add a first condition', { selector: 'p' });
    await addCondition(user, 'City');
    await user.click(screen.getByRole('combobox', { name: 'Operator for City' }));
    await user.click(await screen.findByRole('option', { name: 'is any of' }));
    const input = screen.getByRole('combobox', { name: 'Add a value to City' });
    await user.type(input, 'ly');
    await user.keyboard('{ArrowDown}{Enter}');
    await user.type(input, 'Saint-Malo{Enter}');
    await user.paste('Paris, Nice;Brest');
    const chips = screen.getByRole('group', { name: 'Values for City' });
    for (const city of ['Lyon', 'Saint-Malo', 'Paris', 'Nice', 'Brest']) {
      expect(within(chips).getByRole('button', { name: `Remove ${city} from City` })).toBeVisible();
    }
    await user.keyboard('{Backspace}');
    expect(within(chips).queryByRole('button', { name: 'Remove Brest from City' })).toBeNull();
    await within(audience()).findByText(/customers? match/);
    expect(bodies.at(-1)?.definition).toMatchObject({
      root: {
        children: [{ test: { operator: 'in', values: ['Lyon', 'Saint-Malo', 'Paris', 'Nice'] } }],
      },
    });
  });

  test('a behaviour reads like a sentence: placed an order in store in the last 90 days', async () => {
    const bodies = recordCounts();
    const user = userEvent.setup();
    renderAt('/segments/new', routes);
    await screen.findByText('Add a first condition', { selector: 'p' });
    await addCondition(user, 'Placed an order');
    const row = screen.getByRole('listitem', { name: 'Placed an order' });
    expect(
      within(row).getByRole('combobox', { name: 'Did or did not: Placed an order' }),
    ).toHaveTextContent('did');
    expect(
      within(row).getByRole('combobox', { name: 'Time window for Placed an order' }),
    ).toHaveTextContent('in the last');
    const days = within(row).getByRole('textbox', { name: 'Days for Placed an order' });
    await user.clear(days);
    expect(within(row).getByText('Type a number.')).toBeVisible();
    await user.type(days, '90');
    await user.click(within(row).getByRole('button', { name: 'Add a filter to Placed an order' }));
    await user.click(
      within(row).getByRole('combobox', { name: 'Value for Order channel (Placed an order)' }),
    );
    await user.click(await screen.findByRole('option', { name: 'Store' }));
    expect(
      screen.getByText(
        'Customers who placed at least 1 order whose order channel is “Store” in the last 90 days',
      ),
    ).toBeVisible();
    await within(audience()).findByText(/customers? match/);
    expect(bodies.at(-1)?.definition).toMatchObject({
      root: {
        children: [
          {
            kind: 'behaviour',
            action: { type: 'order' },
            count: { operator: 'at_least', value: 1 },
            window: { type: 'last_days', days: 90 },
            filters: [{ field: 'order.channel', test: { operator: 'equals', value: 'store' } }],
          },
        ],
      },
    });
  });

  test('a count of times that is legal but surely a slip says so', async () => {
    const user = userEvent.setup();
    renderAt('/segments/new', routes);
    await screen.findByText('Add a first condition', { selector: 'p' });
    await addCondition(user, 'Placed an order');
    const row = screen.getByRole('listitem', { name: 'Placed an order' });
    const times = within(row).getByRole('textbox', { name: 'Number of times for Placed an order' });
    await user.clear(times);
    await user.type(times, '0');
    expect(within(row).getByText(/At least 0 times is every customer/)).toBeVisible();
    await user.clear(times);
    await user.type(times, '99999');
    expect(within(row).getByText(/99,999 times is more than any customer/)).toBeVisible();
    expect(within(row).queryByText(/At least 0 times/)).toBeNull();
    await user.clear(times);
    await user.type(times, '3');
    expect(within(row).queryByText(/more than any customer/)).toBeNull();
  });

  test('groups nest, switch to ANY, take a NOT, and conditions move out through their menu', async () => {
    const user = userEvent.setup();
    await buildCityIsLyon(user);
    await user.click(screen.getByRole('button', { name: 'Add a group to all conditions' }));
    const group = screen.getByRole('group', { name: 'Group 1' });
    expect(within(group).getByText('This group has no condition.')).toBeVisible();
    expect(within(audience()).getByText('1 condition needs attention')).toBeVisible();
    expect(within(group).getByRole('button', { name: 'Add a condition to Group 1' })).toHaveFocus();

    await user.click(within(group).getByRole('button', { name: 'Add a condition to Group 1' }));
    await user.type(screen.getByRole('combobox', { name: 'Search fields and events' }), 'Gender');
    await user.keyboard('{Enter}');
    await user.click(within(group).getByRole('combobox', { name: 'Value for Gender' }));
    await user.click(await screen.findByRole('option', { name: 'Male' }));
    await user.click(within(group).getByRole('button', { name: 'Add a condition to Group 1' }));
    await user.type(screen.getByRole('combobox', { name: 'Search fields and events' }), 'Loyalty');
    await user.keyboard('{Enter}');
    await user.click(within(group).getByRole('combobox', { name: 'Value for Loyalty tier' }));
    await user.click(await screen.findByRole('option', { name: 'Gold' }));
    await user.click(within(group).getByRole('button', { name: 'Any' }));
    await user.click(within(group).getByRole('button', { name: 'NOT Group 1' }));
    expect(
      screen.getByText(
        'Customers whose city is “Lyon”, and not (either whose gender is “Male” or whose loyalty tier is “Gold”)',
      ),
    ).toBeVisible();

    await user.click(within(group).getByRole('button', { name: 'Actions for Gender' }));
    await user.click(await screen.findByRole('menuitem', { name: 'Move out of group' }));
    await waitFor(() =>
      expect(screen.getByRole('button', { name: 'Actions for Gender' })).toHaveFocus(),
    );
    expect(
      screen.getByText(
        'Customers whose city is “Lyon”, and not (whose loyalty tier is “Gold”) and whose gender is “Male”',
      ),
    ).toBeVisible();
    await user.click(screen.getByRole('button', { name: 'Actions for Gender' }));
    await user.click(await screen.findByRole('menuitem', { name: 'Move up' }));
    expect(
      screen.getByText(
        'Customers whose city is “Lyon” and whose gender is “Male”, and not (whose loyalty tier is “Gold”)',
      ),
    ).toBeVisible();
    await user.click(screen.getByRole('button', { name: 'Actions for Group 1' }));
    await user.click(await screen.findByRole('menuitem', { name: 'Remove' }));
    expect(
      screen.getByText('Customers whose city is “Lyon” and whose gender is “Male”'),
    ).toBeVisible();
  });

  test('a broken or hand-edited link says so and starts empty', async () => {
    renderAt('/segments/new?d=bm90IGEgc2VnbWVudA', routes);
    expect(await screen.findByRole('alert')).toHaveTextContent('could not be read');
    expect(screen.getByRole('button', { name: 'Add a first condition' })).toBeVisible();
  });

  test('a corrupt draft is ignored with a notice', async () => {
    localStorage.setItem('tact.segments.draft', '{"saved_at": 1, "definition": {"root": 3}}');
    renderAt('/segments/new', routes);
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
