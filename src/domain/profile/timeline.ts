// The unified timeline's order and its keyset cursor: newest first, then by kind, then by id, so
// every store pages through the same entries in the same order.
import { z } from 'zod';
import { compareText } from '../compare.ts';

export const timelineKinds = ['consent', 'event', 'message', 'offer_response', 'order'] as const;
export type TimelineKindName = (typeof timelineKinds)[number];

export interface TimelineKey {
  at: string;
  kind: TimelineKindName;
  id: string;
}

/** Sort order of the timeline: `at` descending, then `kind` ascending, then `id` ascending. */
export function compareTimelineKeys(a: TimelineKey, b: TimelineKey): number {
  return compareText(b.at, a.at) || compareText(a.kind, b.kind) || compareText(a.id, b.id);
}

/** True when `key` comes strictly after the cursor's entry in timeline order. */
export function isAfterCursor(key: TimelineKey, cursor: TimelineKey): boolean {
  return compareTimelineKeys(key, cursor) > 0;
}

const cursorSchema = z.tuple([
  z.iso.datetime({ offset: false, precision: 3 }),
  z.enum(timelineKinds),
  z.string().regex(/^[A-Za-z0-9_-]{1,64}$/),
]);

// Cursors are hex over ASCII: ids, kinds and instants are ASCII by their schemas.
function toHex(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i += 1) out += text.charCodeAt(i).toString(16).padStart(2, '0');
  return out;
}

function fromHex(text: string): string | null {
  if (text.length === 0 || text.length % 2 !== 0 || !/^[0-9a-f]+$/.test(text)) return null;
  let out = '';
  for (let i = 0; i < text.length; i += 2)
    out += String.fromCharCode(parseInt(text.slice(i, i + 2), 16));
  return out;
}

export function encodeTimelineCursor(key: TimelineKey): string {
  return toHex(JSON.stringify([key.at, key.kind, key.id]));
}

/** The key a cursor stands for, or null when the cursor is not one we issued. */
export function decodeTimelineCursor(cursor: string): TimelineKey | null {
  const json = fromHex(cursor);
  if (json === null) return null;
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    return null;
  }
  const parsed = cursorSchema.safeParse(raw);
  if (!parsed.success) return null;
  const [at, kind, id] = parsed.data;
  return { at, kind, id };
}
