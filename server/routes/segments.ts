// Segment endpoints under /api/segments: counting a definition (segment-counts.ts) and saved
// segments (saved-segments.ts); members and overlap have their own modules.
import { Hono } from 'hono';
import type { ProfileStore } from '../store.ts';
import { savedSegmentRoutes } from './saved-segments.ts';
import { segmentCountRoutes } from './segment-counts.ts';

export function segmentRoutes(store: ProfileStore): Hono {
  return new Hono().route('/', segmentCountRoutes(store)).route('/', savedSegmentRoutes(store));
}
