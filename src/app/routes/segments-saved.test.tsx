import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { lazy, Suspense } from 'react';
import { Outlet } from 'react-router';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { mockApi } from '../../../mocks/node.ts';
import { savedSegment, segmentListResponse } from '../../api/contract.ts';
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

const cityIs = (value: string) => ({
  version: 1,
  root: {
    id: 'root',
    kind: 'group',
    negate: false,
    combinator: 'and',
    children: [
      {
        id: 'city',
        kind: 'attribute',
        negate: false,
        field: 'customer.city',
        test: { operator: 'equals', value },
      },
    ],
  },
});

const api = (path: string, init?: RequestInit) =>
  fetch(new URL(path, globalThis.location.href), {
    ...init,
    headers: { 'content-type': 'application/json', ...init?.headers },
  });

/**
 * A segment saved elsewhere, straight through the API (as every request in these tests, by the
 * signed-in "Test admin").
 */
async function createdElsewhere(name: string, definition: unknown = cityIs('Lyon')) {
  const res = await api('/api/segments', {
    method: 'POST',
    body: JSON.stringify({ name, definition }),
  });
  expect(res.status).toBe(201);
  return savedSegment.parse(await res.json());
}

describe('saved segments', () => {
  test('a new segment needs a name, then saves as version 1 and appears in the list', async () => {
    const user = userEvent.setup();
    const { router } = renderAt('/segments/new', routes);
    await user.click(await screen.findByRole('button', { name: 'Add a first condition' }));
    await user.type(screen.getByRole('combobox', { name: 'Search fields and events' }), 'City');
    await user.click(screen.getByRole('option', { name: /^City/ }));
    await user.type(screen.getByRole('combobox', { name: 'Value for City' }), 'Paris');

    await user.click(screen.getByRole('button', { name: 'Save segment' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Give the segment a name before saving.',
    );
    const name = screen.getByRole('textbox', { name: 'Segment name' });
    expect(name).toHaveFocus();
    await user.type(name, 'Parisiens');
    await user.keyboard('{Control>}s{/Control}');
    await waitFor(() => expect(router.state.location.pathname).toMatch(/^\/segments\/seg_/));
    // The saved segment's page replaces the new one's: read the badge once it has settled.
    // The author is whoever is signed in: the page no longer asks for a name.
    await waitFor(() => {
      expect(screen.getByText('Version 1')).toBeVisible();
      expect(screen.getByRole('textbox', { name: 'Segment name' })).toHaveValue('Parisiens');
      expect(screen.getByText(/^Saved by Test admin · /)).toBeVisible();
    });
    expect(screen.queryByRole('button', { name: /^Saving as/ })).toBeNull();
    // Saved: no draft left behind, and the list knows it.
    expect(localStorage.getItem('tact.segments.draft')).toBeNull();
    const list = segmentListResponse.parse(await (await api('/api/segments')).json());
    expect(list.segments.find((s) => s.name === 'Parisiens')).toMatchObject({
      size: 1,
      version: 1,
      author: 'Test admin',
    });
  });

  test('once created, the page going away takes no more edits; its own page then does', async () => {
    // The saved segment's page arrives when the test says (as the app's lazily loaded route code
    // on a slow machine), under one Suspense boundary around the pages as the app's layout has.
    let arrive = () => {};
    const arrived = new Promise<void>((resolve) => (arrive = resolve));
    const Saved = lazy(async () => {
      await arrived;
      return { default: SavedSegmentRoute };
    });
    const { router } = renderAt('/segments/new', [
      {
        element: (
          <Suspense fallback={<p>Loading the page</p>}>
            <Outlet />
          </Suspense>
        ),
        children: [
          { path: '/segments/new', element: <NewSegmentRoute /> },
          { path: '/segments/:segmentId', element: <Saved /> },
        ],
      },
    ]);
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Add a first condition' }));
    await user.type(screen.getByRole('combobox', { name: 'Search fields and events' }), 'City');
    await user.click(screen.getByRole('option', { name: /^City/ }));
    await user.type(screen.getByRole('combobox', { name: 'Value for City' }), 'Paris');
    await user.type(screen.getByRole('textbox', { name: 'Segment name' }), 'Parisiens');
    await user.click(screen.getByRole('button', { name: 'Save segment' }));
    expect(await screen.findByText('Saved “Parisiens”')).toBeVisible();
    await waitFor(() => expect(router.state.location.pathname).toMatch(/^\/segments\/seg_/));
    // The page going away stays on screen meanwhile (the navigation is a transition): its name
    // takes no more typing.
    const going = screen.getByRole('textbox', { name: 'Segment name' });
    expect(going).toHaveAttribute('readonly');
    await user.type(going, ' actifs');
    expect(going).toHaveValue('Parisiens');
    arrive();
    // Its own page, once there, takes edits.
    await waitFor(() =>
      expect(screen.getByRole('textbox', { name: 'Segment name' })).not.toHaveAttribute('readonly'),
    );
    const name = screen.getByRole('textbox', { name: 'Segment name' });
    expect(name).toHaveValue('Parisiens');
    expect(screen.getByText('Version 1')).toBeVisible();
    // Renamed on its own page, the segment's second version holds the name.
    await user.clear(name);
    await user.type(name, 'Parisiens actifs');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(screen.getByText('Version 2')).toBeVisible());
    const id = router.state.location.pathname.split('/').at(-1) ?? '';
    const stored = savedSegment.parse(await (await api(`/api/segments/${id}`)).json());
    expect(stored).toMatchObject({ name: 'Parisiens actifs', version: 2 });
  });

  test('a name already taken is flagged with a free one to use; a long one says its limit', async () => {
    await createdElsewhere('Clients fidèles');
    const user = userEvent.setup();
    renderAt('/segments/new', routes);
    const name = await screen.findByRole('textbox', { name: 'Segment name' });
    await user.type(name, 'clients FIDELES');
    expect(
      await screen.findByText(
        'Another segment is already named “Clients fidèles”: your team finds segments by name.',
      ),
    ).toBeVisible();
    await user.click(screen.getByRole('button', { name: 'Name it “clients FIDELES (2)”' }));
    expect(name).toHaveValue('clients FIDELES (2)');
    expect(screen.queryByText(/already named/)).toBeNull();

    await user.clear(name);
    await user.click(name);
    await user.paste('n'.repeat(130));
    expect(name).toHaveValue('n'.repeat(130));
    expect(name).toHaveAttribute('aria-invalid', 'true');
    expect(
      screen.getByText('At most 120 characters: this name has 130. Shorten it to save.'),
    ).toBeVisible();
    await user.keyboard('{Control>}s{/Control}');
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'A name is at most 120 characters; this one has 130. Nothing was saved yet.',
    );
    await user.keyboard('{Backspace}'.repeat(15));
    expect(screen.getByText('115 of 120 characters.')).toBeVisible();
  });

  test('a save made elsewhere meanwhile shows both versions; mine can become a new segment', async () => {
    const user = userEvent.setup();
    const original = await createdElsewhere('Lyonnais');
    const { router } = renderAt(`/segments/${original.segment_id}`, routes);
    const name = await screen.findByRole('textbox', { name: 'Segment name' });
    await user.clear(name);
    await user.type(name, 'Lyonnais fidèles');
    expect(screen.getByText('Unsaved changes to version 1')).toBeVisible();

    // Version 2 is saved elsewhere (another tab; the author is the signed-in caller).
    const theirs = await api(`/api/segments/${original.segment_id}`, {
      method: 'PUT',
      headers: { 'if-match': '"1"' },
      body: JSON.stringify({ name: 'Lyonnais', definition: cityIs('Paris') }),
    });
    expect(theirs.status).toBe(200);

    await user.click(screen.getByRole('button', { name: 'Save' }));
    const conflict = await screen.findByRole('alertdialog', {
      name: 'Test admin saved this segment while you were editing it',
    });
    expect(within(conflict).getByRole('region', { name: 'Your version' })).toHaveTextContent(
      'Customers whose city is “Lyon”',
    );
    expect(within(conflict).getByRole('region', { name: 'Saved version 2' })).toHaveTextContent(
      'Customers whose city is “Paris”',
    );
    await user.click(within(conflict).getByRole('button', { name: 'Save mine as a new segment' }));
    await waitFor(() =>
      expect(router.state.location.pathname).not.toBe(`/segments/${original.segment_id}`),
    );
    await waitFor(() =>
      expect(screen.getByRole('textbox', { name: 'Segment name' })).toHaveValue(
        'Lyonnais fidèles (my edits)',
      ),
    );
    expect(screen.getByText('Version 1')).toBeVisible();
    // Theirs is untouched.
    const now = savedSegment.parse(
      await (await api(`/api/segments/${original.segment_id}`)).json(),
    );
    expect(now).toMatchObject({ version: 2, name: 'Lyonnais', author: 'Test admin' });
  });

  test('a segment used by another is not deleted, and the dialog says by what', async () => {
    const user = userEvent.setup();
    const used = await createdElsewhere('Base');
    await createdElsewhere('Built on base', {
      version: 1,
      root: {
        id: 'root',
        kind: 'group',
        negate: false,
        combinator: 'and',
        children: [{ id: 'm', kind: 'segment', negate: false, segment_id: used.segment_id }],
      },
    });
    renderAt(`/segments/${used.segment_id}`, routes);
    await user.click(await screen.findByRole('button', { name: 'Delete' }));
    const dialog = await screen.findByRole('dialog', { name: 'Delete “Base”?' });
    await user.click(within(dialog).getByRole('button', { name: 'Delete segment' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent(
      'It is in use, so nothing was deleted',
    );
    expect(within(dialog).getByText('Segment “Built on base”')).toBeVisible();
    expect((await api(`/api/segments/${used.segment_id}`)).status).toBe(200);
  });

  test('a saved segment is offered as a condition, by name', async () => {
    const user = userEvent.setup();
    await createdElsewhere('Clients lyonnais');
    renderAt('/segments/new', routes);
    await user.click(await screen.findByRole('button', { name: 'Add a first condition' }));
    await user.type(
      screen.getByRole('combobox', { name: 'Search fields and events' }),
      'Clients lyon',
    );
    await user.click(await screen.findByRole('option', { name: /^Clients lyonnais/ }));
    expect(
      await screen.findByText('Customers who are in segment “Clients lyonnais”'),
    ).toBeVisible();
    expect(
      await within(screen.getByRole('complementary', { name: 'Audience' })).findByText(
        '1 customer matches.',
      ),
    ).toBeInTheDocument();
  });

  test('the list sorts, filters and links each segment to its builder', async () => {
    const user = userEvent.setup();
    await createdElsewhere('Zz last by name', cityIs('Paris'));
    renderAt('/segments', routes);
    const table = await screen.findByRole('table', { name: 'Saved segments' });
    await user.type(screen.getByRole('textbox', { name: 'Filter segments by name' }), 'zz last');
    const rows = within(table).getAllByRole('row');
    expect(rows).toHaveLength(2);
    expect(within(table).getByRole('link', { name: 'Zz last by name' })).toHaveAttribute(
      'href',
      expect.stringMatching(/^\/segments\/seg_/),
    );
    await user.clear(screen.getByRole('textbox', { name: 'Filter segments by name' }));
    await user.type(screen.getByRole('textbox', { name: 'Filter segments by name' }), 'nothing');
    expect(within(table).getByText('No segment name contains “nothing”.')).toBeVisible();
  });
});
