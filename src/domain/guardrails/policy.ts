// A guardrail policy: the thresholds and caps the guardrails apply, as marketers edit them. A
// versioned document on the same repository as segments and campaigns; a campaign's checks record
// the policy version they ran with. Every field has its default, so `{}` parses to the defaults.
import { z } from 'zod';

/** Hours and minutes on the 24-hour clock: `08:00`, `20:00`. */
export const clockTime = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'A time is HH:MM on the 24-hour clock: 08:00.');

/**
 * When a channel may not carry marketing: before `start` or after `end` (both on the recipient's
 * wall clock, `start` and `end` themselves allowed), on Sundays, on French public holidays.
 */
export const quietHours = z.strictObject({
  enabled: z.boolean(),
  start: clockTime.default('08:00'),
  end: clockTime.default('20:00'),
  sundays: z.boolean().default(true),
  public_holidays: z.boolean().default(true),
});
export type QuietHours = z.infer<typeof quietHours>;

const count = z.number().int().min(0).max(1_000);

/**
 * How many marketing messages a customer may receive, this one included, within the last 7 and
 * 30 days before the send: on the campaign's channel, and on all channels together.
 */
export const contactCaps = z.strictObject({
  channel_7_days: count.default(2),
  channel_30_days: count.default(4),
  all_7_days: count.default(3),
  all_30_days: count.default(8),
});
export type ContactCaps = z.infer<typeof contactCaps>;

/**
 * The least number of days between two messages for a customer who declared a contact frequency
 * (the latest `contact_frequency` preference): it lowers the caps, never raises them.
 */
export const declaredFrequencyDays = z.strictObject({
  weekly: z.number().int().min(0).max(366).default(7),
  monthly: z.number().int().min(0).max(366).default(30),
  quarterly: z.number().int().min(0).max(366).default(91),
});
export type DeclaredFrequencyDays = z.infer<typeof declaredFrequencyDays>;

export const guardrailPolicyName = z
  .string()
  .trim()
  .min(1, 'Give the policy a name.')
  .max(120, 'A name is at most 120 characters.');

export const guardrailPolicy = z.strictObject({
  name: guardrailPolicyName.default('Politique par défaut'),
  /** A discount must reach both: at least this share of the list price… */
  min_discount_percent: z.number().min(0).max(100).default(5),
  /** …and at least this amount, in cents. */
  min_discount_cents: z.number().int().min(0).max(100_000_000).default(500),
  /** An answer to the same offer (or one on the same product or work) this recent counts. */
  answered_window_days: z.number().int().min(1).max(365).default(30),
  caps: contactCaps.prefault({}),
  declared_frequency_days: declaredFrequencyDays.prefault({}),
  /** Per channel; by default marketing SMS and push keep quiet hours, e-mail and banners do not. */
  quiet_hours: z
    .strictObject({
      email: quietHours.prefault({ enabled: false }),
      sms: quietHours.prefault({ enabled: true }),
      push: quietHours.prefault({ enabled: true }),
      web_banner: quietHours.prefault({ enabled: false }),
    })
    .prefault({}),
});
export type GuardrailPolicy = z.infer<typeof guardrailPolicy>;

/** The policy every tenant starts with. */
export const DEFAULT_POLICY: GuardrailPolicy = guardrailPolicy.parse({});

/** The id of the policy campaigns are checked with (one per tenant for now). */
export const DEFAULT_POLICY_ID = 'default';
