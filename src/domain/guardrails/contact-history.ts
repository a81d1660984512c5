// What the contact guardrails read from a history as it stood at the send (rows stated or sent
// after it are not known yet), and the evidence that points back at those rows.
import { compareTimelineKeys, type TimelineKey } from '../profile/timeline.ts';
import type { Customer, Message, Preference } from '../profile/schema.ts';
import type { Evidence } from './verdict.ts';

type PreferenceTopic = Preference['topic'];
/** The customer record's fields a verdict may point at. */
export type CustomerField = Extract<Evidence, { kind: 'customer_field' }>['field'];

/** Preferences on a topic stated at or before `at` (epoch ms), in the order they were recorded. */
export function statedPreferences(
  preferences: readonly Preference[],
  topic: PreferenceTopic,
  at: number,
): Preference[] {
  return preferences.filter((p) => p.topic === topic && Date.parse(p.stated_at) <= at);
}

/**
 * The latest preference on a topic stated at or before `at`: what the customer says now. Of two
 * stated at the same instant, the one recorded last.
 */
export function latestPreference(
  preferences: readonly Preference[],
  topic: PreferenceTopic,
  at: number,
): Preference | null {
  let latest: Preference | null = null;
  for (const p of statedPreferences(preferences, topic, at)) {
    if (latest === null || Date.parse(p.stated_at) >= Date.parse(latest.stated_at)) latest = p;
  }
  return latest;
}

export function preferenceEvidence(p: Preference): Evidence {
  return { kind: 'preference', topic: p.topic, value: p.value, stated_at: p.stated_at };
}

/** Messages as timeline entries, newest first as the timeline lists them. */
export function messageEvidence(messages: readonly Message[]): Evidence[] {
  const key = (m: Message) =>
    ({ at: m.sent_at, kind: 'message', id: m.message_id }) satisfies TimelineKey;
  return [...messages]
    .sort((a, b) => compareTimelineKeys(key(a), key(b)))
    .map((m) => ({ kind: 'entry', entry_kind: 'message', id: m.message_id, at: m.sent_at }));
}

export function customerFieldEvidence(customer: Customer, field: CustomerField): Evidence {
  return { kind: 'customer_field', field, value: customer[field] };
}
