// A customer's profile and timeline pages, as every store answers them: the store's history, the
// domain's function. Nothing here may compute a figure or an entry itself.
import { customerProfile, type CustomerProfile } from '../src/domain/profile/profile.ts';
import {
  timelinePage,
  type TimelinePage,
  type TimelineRequest,
} from '../src/domain/profile/timeline.ts';
import type { HistorySource } from './store.ts';

/** null when no such customer. */
export async function profileOf(
  store: HistorySource,
  customerId: string,
): Promise<CustomerProfile | null> {
  const history = await store.history(customerId);
  return history === null ? null : customerProfile(history);
}

/** null when no such customer. */
export async function timelineOf(
  store: HistorySource,
  customerId: string,
  request: TimelineRequest,
): Promise<TimelinePage | null> {
  const history = await store.history(customerId);
  return history === null ? null : timelinePage(history, request);
}
