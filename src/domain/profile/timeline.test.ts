import { describe, expect, test } from 'vitest';
import {
  compareTimelineKeys,
  decodeTimelineCursor,
  encodeTimelineCursor,
  isAfterCursor,
  type TimelineKey,
} from './timeline.ts';

const hex = (s: string) =>
  [...s].map((c) => c.charCodeAt(0).toString(16).padStart(2, '0')).join('');
const key = (at: string, kind: TimelineKey['kind'], id: string): TimelineKey => ({ at, kind, id });

describe('timeline order', () => {
  test('puts the newest entry first', () => {
    const older = key('2026-01-01T10:00:00.000Z', 'order', 'O1');
    const newer = key('2026-02-01T10:00:00.000Z', 'event', 'E1');
    expect([older, newer].sort(compareTimelineKeys)).toEqual([newer, older]);
  });

  test('breaks ties on the same instant by kind, then by id', () => {
    const at = '2026-01-01T10:00:00.000Z';
    const entries = [key(at, 'order', 'O2'), key(at, 'event', 'E9'), key(at, 'order', 'O1')];
    expect(entries.sort(compareTimelineKeys).map((e) => e.id)).toEqual(['E9', 'O1', 'O2']);
  });

  test('an entry is after the cursor only when it sorts strictly later', () => {
    const cursor = key('2026-01-01T10:00:00.000Z', 'message', 'M5');
    expect(isAfterCursor(key('2025-12-31T10:00:00.000Z', 'consent', 'X'), cursor)).toBe(true);
    expect(isAfterCursor(key('2026-01-01T10:00:00.000Z', 'order', 'A'), cursor)).toBe(true);
    expect(isAfterCursor(key('2026-01-01T10:00:00.000Z', 'message', 'M6'), cursor)).toBe(true);
    expect(isAfterCursor(cursor, cursor)).toBe(false);
    expect(isAfterCursor(key('2026-01-01T10:00:00.000Z', 'event', 'Z'), cursor)).toBe(false);
  });
});

describe('timeline cursor', () => {
  test('round-trips a key', () => {
    const k = key('2026-03-04T05:06:07.089Z', 'offer_response', 'R000123');
    expect(decodeTimelineCursor(encodeTimelineCursor(k))).toEqual(k);
  });

  test.each([
    ['empty', ''],
    ['not hex', '!!!'],
    ['of odd length', 'abc'],
    ['not JSON', hex('hello')],
    ['wrong shape', hex(JSON.stringify({ at: 1 }))],
    ['unknown kind', hex(JSON.stringify(['2026-01-01T00:00:00.000Z', 'nope', 'x']))],
    ['bad instant', hex(JSON.stringify(['yesterday', 'order', 'x']))],
    ['a non-ASCII id', hex(JSON.stringify(['2026-01-01T00:00:00.000Z', 'order', 'é']))],
  ])('rejects a cursor that is %s', (_label, cursor) => {
    expect(decodeTimelineCursor(cursor)).toBeNull();
  });
});
