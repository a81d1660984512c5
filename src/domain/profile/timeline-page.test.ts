import { describe, expect, test } from 'vitest';
import {
  consentRow,
  eventRow,
  historyOf,
  lineRow,
  messageRow,
  orderRow,
  responseRow,
} from './history.fixture.ts';
import {
  decodeTimelineCursor,
  timelineEntries,
  timelinePage,
  type TimelineRequest,
} from './timeline.ts';

const day = (d: number) => `2026-03-${String(d).padStart(2, '0')}T10:00:00.000Z`;

/** One entry of each kind, a day apart, plus two events at the same instant. */
const history = historyOf({
  orders: [
    {
      order: orderRow({ order_id: 'O1', channel: 'store', store_id: 'S1', placed_at: day(5) }),
      lines: [lineRow({ line_no: 2, sku: 'P2' }), lineRow({ sku: 'GONE' })],
    },
  ],
  events: [
    eventRow({ event_id: 'E2', at: day(4), channel: 'app' }),
    eventRow({ event_id: 'E1', at: day(4), channel: 'web' }),
  ],
  messages: [messageRow({ message_id: 'M1', sent_at: day(3), offer_id: 'OF1' })],
  offerResponses: [responseRow({ response_id: 'R1', at: day(2) })],
  consents: [consentRow({ consent_id: 'K1', at: day(1), source: 'email' })],
});

const all: TimelineRequest = { after: null, limit: 100, channels: [], kinds: [] };

describe('the timeline of a history', () => {
  test('is newest first, ties by kind then id', () => {
    expect(timelineEntries(history).map((e) => e.id)).toEqual(['O1', 'E1', 'E2', 'M1', 'R1', 'K1']);
  });

  test("shows an order's lines with their product, and its store", () => {
    const [first] = timelineEntries(history);
    expect(first?.kind).toBe('order');
    if (first?.kind !== 'order') return;
    expect(first.store_name).toBe('Lyon Part-Dieu');
    expect(first.lines.map((l) => [l.line_no, l.title, l.category, l.format])).toEqual([
      [1, null, null, null],
      [2, 'Console', 'consoles', 'blu_ray'],
    ]);
  });

  test("names a message's campaign and offer, and gives a response its offer", () => {
    const entries = timelineEntries(history);
    const message = entries.find((e) => e.kind === 'message');
    const response = entries.find((e) => e.kind === 'offer_response');
    expect(message?.kind === 'message' && [message.campaign_name, message.offer_title]).toEqual([
      'Rentrée films',
      '10 % sur les coffrets',
    ]);
    expect(response?.kind === 'offer_response' && response.offer?.offer_id).toBe('OF1');
  });

  test('puts a consent on the channel it was given through', () => {
    const consent = timelineEntries(history).find((e) => e.kind === 'consent');
    expect(consent?.channel).toBe('email');
  });

  test('pages with a cursor through every entry once', () => {
    const seen: string[] = [];
    let request: TimelineRequest = { ...all, limit: 4 };
    for (let i = 0; i < 10; i += 1) {
      const page = timelinePage(history, request);
      expect(page.total).toBe(6);
      seen.push(...page.entries.map((e) => e.id));
      if (page.next_cursor === null) break;
      request = { ...request, after: decodeTimelineCursor(page.next_cursor) };
    }
    expect(seen).toEqual(['O1', 'E1', 'E2', 'M1', 'R1', 'K1']);
  });

  test('a page that ends exactly at the last entry has no next cursor', () => {
    expect(timelinePage(history, { ...all, limit: 6 }).next_cursor).toBeNull();
    expect(timelinePage(history, { ...all, limit: 5 }).next_cursor).not.toBeNull();
  });

  test('filters by kind and by channel, the total counting the filtered entries', () => {
    const events = timelinePage(history, { ...all, kinds: ['event'] });
    expect([events.total, events.entries.map((e) => e.id)]).toEqual([2, ['E1', 'E2']]);
    const email = timelinePage(history, { ...all, channels: ['email'] });
    expect(email.entries.map((e) => e.id)).toEqual(['M1', 'K1']);
    const both = timelinePage(history, { ...all, kinds: ['event'], channels: ['app'] });
    expect(both.entries.map((e) => e.id)).toEqual(['E2']);
  });

  test('a cursor past the end gives an empty last page with the total', () => {
    const after = { at: '2000-01-01T00:00:00.000Z', kind: 'order' as const, id: 'Z' };
    expect(timelinePage(history, { ...all, after })).toEqual({
      entries: [],
      next_cursor: null,
      total: 6,
    });
  });

  test('a limit of zero or not a number gives no entries', () => {
    for (const limit of [0, -3, Number.NaN]) {
      const page = timelinePage(history, { ...all, limit });
      expect([page.entries.length, page.total]).toEqual([0, 6]);
    }
  });

  test('a fractional limit is cut to whole entries', () => {
    expect(timelinePage(history, { ...all, limit: 2.9 }).entries).toHaveLength(2);
  });

  test('refuses a trimmed history', () => {
    expect(() => timelineEntries(historyOf({}, { tables: ['orders'], since: null }))).toThrow(
      /lacks/,
    );
  });
});
