import { screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { afterAll, afterEach, beforeAll, expect, test } from 'vitest';
import { mockApi } from '../../../mocks/node.ts';
import { timelineResponse, type TimelineEntry } from '../../api/contract.ts';
import { renderAt } from '../../test/render.tsx';
import { Timeline, type TimelineFocus, type TimelineMark } from './Timeline.tsx';

beforeAll(() => {
  mockApi.listen({ onUnhandledRequest: 'error' });
  // jsdom lays nothing out and does not scroll: the panel is tall, and a scroll to an offset sets
  // it and says so afterwards, as a browser does.
  Object.defineProperty(HTMLElement.prototype, 'scrollHeight', {
    configurable: true,
    get: () => 100_000,
  });
  Element.prototype.scrollTo = function scrollTo(
    this: Element,
    options?: ScrollToOptions | number,
  ) {
    if (typeof options === 'object' && options.top !== undefined) this.scrollTop = options.top;
    setTimeout(() => this.dispatchEvent(new Event('scroll')));
  } as Element['scrollTo'];
});
afterEach(() => mockApi.resetHandlers());
afterAll(() => mockApi.close());

const everything = { kinds: [], channels: [] };

/**
 * Olivier's history as the API gives it, served in two pages: a first page longer than the panel
 * shows (his entries but the oldest, then copies of his newest), then the oldest alone.
 */
async function inTwoPages(): Promise<{ entries: TimelineEntry[]; cursors: (string | null)[] }> {
  const res = await fetch(new URL('/api/customers/C0000001/timeline?limit=500', location.href));
  const { entries } = timelineResponse.parse(await res.json());
  const newest = entries[0];
  if (newest === undefined) throw new Error('The fixture customer has a history.');
  const copies = Array.from({ length: 60 }, (_, i) => ({ ...newest, id: `COPY${i}` }));
  const first = [...entries.slice(0, -1), ...copies];
  const cursors: (string | null)[] = [];
  mockApi.use(
    http.get('*/api/customers/C0000001/timeline', ({ request }) => {
      const cursor = new URL(request.url).searchParams.get('cursor');
      cursors.push(cursor);
      const total = first.length + 1;
      return HttpResponse.json(
        cursor === null
          ? { entries: first, next_cursor: 'older', total }
          : { entries: entries.slice(-1), next_cursor: null, total },
      );
    }),
  );
  return { entries: [...first, ...entries.slice(-1)], cursors };
}

function render(marks: TimelineMark[], focus: TimelineFocus | null) {
  return renderAt('/', [
    {
      path: '/',
      element: (
        <Timeline
          customerId="C0000001"
          filters={everything}
          onFiltersChange={() => undefined}
          marks={marks}
          focus={focus}
        />
      ),
    },
  ]);
}

test('marks the entries pointed at with their label, and no entry is current without a focus', async () => {
  const { entries, cursors } = await inTwoPages();
  const order = entries.find((e) => e.kind === 'order');
  expect(order).toBeDefined();
  render([{ kind: 'order', id: order?.id ?? '', label: 'Already owned' }], null);
  const list = await screen.findByRole('list', { name: 'History entries' });
  const marked = (await within(list).findByText('Already owned')).closest('li');
  // The panel shows the first page's start: the older page is not asked for.
  expect(cursors).toEqual([null]);
  expect(marked).toHaveTextContent(order?.id ?? '');
  expect(
    within(list)
      .getAllByRole('listitem')
      .some((li) => li.hasAttribute('aria-current')),
  ).toBe(false);
});

test('an entry to focus on an older page is loaded, then made current', async () => {
  const { entries, cursors } = await inTwoPages();
  const oldest = entries.at(-1);
  if (oldest === undefined) throw new Error('The fixture customer has a history.');
  render([], { kind: oldest.kind, id: oldest.id, request: 1 });
  await waitFor(() => expect(cursors).toEqual([null, 'older']));
  const list = await screen.findByRole('list', { name: 'History entries' });
  await waitFor(() => {
    const current = within(list)
      .getAllByRole('listitem')
      .filter((li) => li.getAttribute('aria-current') === 'true');
    expect(current).toHaveLength(1);
    expect(current[0]).toHaveAttribute('aria-posinset', String(entries.length));
  });
});

test('a message links to its campaign and to the message as the campaign renders it for them', async () => {
  render([], null);
  const list = await screen.findByRole('list', { name: 'History entries' });
  const res = await fetch(new URL('/api/customers/C0000001/timeline?limit=500', location.href));
  const { entries } = timelineResponse.parse(await res.json());
  const message = entries.find((e) => e.kind === 'message');
  if (message?.kind !== 'message') throw new Error('The fixture customer received a message.');
  const campaign = await within(list).findByRole('link', {
    name: message.campaign_name ?? message.message.campaign_id,
  });
  expect(campaign).toHaveAttribute('href', `/campaigns/${message.message.campaign_id}`);
  const [preview] = within(list).getAllByRole('link', { name: /the message for them/ });
  expect(preview).toHaveAttribute(
    'href',
    `/campaigns/${message.message.campaign_id}/preview/C0000001`,
  );
});
