// The contact-pressure forecast: what the policy would do to each member of an audience if a
// message left on `channel` at `at` — cap it (a contact cap or a declared frequency is reached),
// delay it (quiet hours), or skip it (no consent, nowhere to send) — counted by rule. Each member's
// verdicts are the guardrails' own (contactPressure, quietHours, noConsent) over their history:
// the forecast beside a live count and the audit of a campaign never disagree on a member.
import { z } from 'zod';
import { newCampaign, type CampaignBody, type CampaignChannel } from '../campaign/campaign.ts';
import { recipientChannel } from './channel-choice.ts';
import type { CustomerHistory, HistoryReference, HistoryTable } from '../profile/history.ts';
import { noConsent } from './contact-consent.ts';
import { contactPressure } from './contact-pressure.ts';
import { quietHours } from './contact-quiet-hours.ts';
import type { GuardrailInput } from './input.ts';
import type { GuardrailPolicy } from './policy.ts';
import type { Verdict } from './verdict.ts';

/** The tables the forecast's guardrails read (besides the customer's row). */
export const FORECAST_TABLES: readonly HistoryTable[] = [
  'identities',
  'consents',
  'preferences',
  'messages',
];

export const forecastAction = z.enum(['cap', 'delay', 'skip']);
export type ForecastAction = z.infer<typeof forecastAction>;

/** The guardrail behind each action. */
const GUARDRAIL_OF = {
  cap: 'contact_pressure',
  delay: 'quiet_hours',
  skip: 'no_consent',
} as const satisfies Record<ForecastAction, Verdict['guardrail']>;

export const forecastRule = z.strictObject({
  action: forecastAction,
  /** The verdict's rule: `all_7_days`, `declared`, `sunday`, `withdrawn`… */
  rule: z.string(),
  /** Members this rule alone would cap, delay or skip (a member may meet several rules). */
  members: z.number().int().nonnegative(),
});
export type ForecastRule = z.infer<typeof forecastRule>;

export const pressureForecast = z.strictObject({
  members: z.number().int().nonnegative(),
  /** Members each action would touch, each counted once. */
  cap: z.number().int().nonnegative(),
  delay: z.number().int().nonnegative(),
  skip: z.number().int().nonnegative(),
  /** Members any action would touch, each counted once. */
  affected: z.number().int().nonnegative(),
  /** Every rule met by at least one member: by action (cap, delay, skip), then most members first. */
  rules: z.array(forecastRule),
});
export type PressureForecast = z.infer<typeof pressureForecast>;

export interface ForecastSetting {
  channel: CampaignChannel;
  /**
   * The campaign, when the forecast is of one: its alternate templates move each member to the
   * channel they would get (channel-choice.ts). Absent: everyone on `channel`.
   */
  body?: CampaignBody;
  /** The IANA zone a customer's local time falls back to. */
  time_zone: string;
  /** The send instant (ISO). */
  at: string;
  policy: GuardrailPolicy;
  reference: HistoryReference;
}

/** Counts as they build up, member by member. */
export interface ForecastTally {
  members: number;
  actions: Record<ForecastAction, number>;
  affected: number;
  rules: Map<string, ForecastRule>;
}

export function emptyForecastTally(): ForecastTally {
  return { members: 0, actions: { cap: 0, delay: 0, skip: 0 }, affected: 0, rules: new Map() };
}

/** The actions and rules the policy would apply to this member. */
export function memberForecast(
  history: CustomerHistory,
  setting: ForecastSetting,
): { action: ForecastAction; rule: string }[] {
  const channel =
    setting.body === undefined
      ? setting.channel
      : recipientChannel(history, setting.body, setting.at);
  const input: GuardrailInput = {
    history,
    reference: setting.reference,
    campaign: {
      channel,
      time_zone: setting.time_zone,
      body: { ...newCampaign('forecast', channel), time_zone: setting.time_zone },
    },
    offer: null,
    at: setting.at,
    recommendations: [],
    render: null,
    policy: setting.policy,
  };
  const found: { action: ForecastAction; rule: string }[] = [];
  const seen = new Set<string>();
  const checks = [
    ['cap', contactPressure],
    ['delay', quietHours],
    ['skip', noConsent],
  ] as const;
  for (const [action, guardrail] of checks) {
    for (const verdict of guardrail(input)) {
      if (verdict.guardrail !== GUARDRAIL_OF[action] || !('rule' in verdict.params)) continue;
      const rule = verdict.params.rule;
      const key = `${action} ${rule}`;
      if (seen.has(key)) continue;
      seen.add(key);
      found.push({ action, rule });
    }
  }
  return found;
}

/** Adds one member to the tally. */
export function tallyMember(
  tally: ForecastTally,
  history: CustomerHistory,
  setting: ForecastSetting,
): void {
  const found = memberForecast(history, setting);
  tally.members += 1;
  if (found.length > 0) tally.affected += 1;
  for (const action of forecastAction.options) {
    if (found.some((f) => f.action === action)) tally.actions[action] += 1;
  }
  for (const { action, rule } of found) {
    const key = `${action} ${rule}`;
    const entry = tally.rules.get(key) ?? { action, rule, members: 0 };
    entry.members += 1;
    tally.rules.set(key, entry);
  }
}

/** The tally as the API answers it, rules by action then most members first (then by name). */
export function forecastOf(tally: ForecastTally): PressureForecast {
  const order = forecastAction.options;
  const rules = [...tally.rules.values()].sort(
    (a, b) =>
      order.indexOf(a.action) - order.indexOf(b.action) ||
      b.members - a.members ||
      (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0),
  );
  return {
    members: tally.members,
    ...tally.actions,
    affected: tally.affected,
    rules: rules.map((r) => ({ ...r })),
  };
}
