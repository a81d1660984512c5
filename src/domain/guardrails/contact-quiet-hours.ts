// quiet_hours: a message that would arrive while the recipient is entitled to quiet. The campaign
// channel's quiet hours (the policy's; by default SMS and push only) are kept on the recipient's
// wall clock (time-zone.ts): before the start, after the end, on a Sunday, on a French public
// holiday (holidays.ts; Alsace-Moselle's two more for its postcodes). Each broken rule is its own
// verdict.
//
// The clock is read to the second: `start` and `end` themselves (08:00:00, 20:00:00) are allowed,
// 07:59:59 is before the start and 20:00:01 after the end; milliseconds are dropped, as a clock
// shows them. The French holidays are kept wherever the recipient lives (a neighbour shares most of
// them), on the recipient's own calendar day.
import { localDateTimeAt } from '../campaign/send-time.ts';
import { customerFieldEvidence } from './contact-history.ts';
import { isAlsaceMoselle, publicHolidayOn } from './holidays.ts';
import type { Customer } from '../profile/schema.ts';
import type { Guardrail, GuardrailInput } from './input.ts';
import type { QuietHours } from './policy.ts';
import { customerTimeZone } from './time-zone.ts';
import type { Evidence, VerdictOf } from './verdict.ts';

type Rule = VerdictOf<'quiet_hours'>['params']['rule'];

export interface WallClock {
  /** `2026-12-06`. */
  date: string;
  /** `21:30:05`. */
  time: string;
  /** Sunday is 0, as Date.getUTCDay counts. */
  weekday: number;
}

/**
 * The wall clock at an instant in a zone, to the second. Every zone's offset is a whole number of
 * minutes today, so the seconds are the instant's own.
 */
export function wallClockAt(ms: number, timeZone: string): WallClock {
  const local = localDateTimeAt(ms, timeZone);
  const seconds = (((Math.floor(ms / 1000) % 60) + 60) % 60).toString().padStart(2, '0');
  const date = local.slice(0, 10);
  return {
    date,
    time: `${local.slice(11)}:${seconds}`,
    weekday: new Date(`${date}T00:00:00.000Z`).getUTCDay(),
  };
}

/** `2026-12-06T21:30`, with the seconds only when there are some: `2026-12-06T20:00:59`. */
function localTime(clock: WallClock): string {
  const time = clock.time.endsWith(':00') ? clock.time.slice(0, 5) : clock.time;
  return `${clock.date}T${time}`;
}

/** Where a recipient's quiet hours are kept: their time zone, and whether Alsace-Moselle's apply. */
export interface QuietPlace {
  time_zone: string;
  alsace_moselle: boolean;
}

export function quietPlaceOf(customer: Customer, campaignTimeZone: string): QuietPlace {
  return {
    time_zone: customerTimeZone(customer, campaignTimeZone).time_zone,
    alsace_moselle: customer.country.toUpperCase() === 'FR' && isAlsaceMoselle(customer.postcode),
  };
}

/** The quiet-hours rules a message at `ms` breaks where `place` is, with its wall clock. */
export function brokenQuietRules(
  quiet: QuietHours,
  ms: number,
  place: QuietPlace,
): { rules: Rule[]; clock: WallClock; holiday: string | null } {
  const clock = wallClockAt(ms, place.time_zone);
  const holiday = quiet.public_holidays ? publicHolidayOn(clock.date, place.alsace_moselle) : null;
  const rules: Rule[] = [];
  if (!quiet.enabled) return { rules, clock, holiday: null };
  if (clock.time < `${quiet.start}:00`) rules.push('before_start');
  if (clock.time > `${quiet.end}:00`) rules.push('after_end');
  if (quiet.sundays && clock.weekday === 0) rules.push('sunday');
  if (holiday !== null) rules.push('public_holiday');
  return { rules, clock, holiday };
}

export const quietHours: Guardrail = (input: GuardrailInput) => {
  const { campaign, history } = input;
  const quiet = input.policy.quiet_hours[campaign.channel];
  if (!quiet.enabled) return [];
  const customer = history.customer;
  const zone = customerTimeZone(customer, campaign.time_zone);
  const { rules, clock, holiday } = brokenQuietRules(
    quiet,
    Date.parse(input.at),
    quietPlaceOf(customer, campaign.time_zone),
  );

  const evidence: Evidence[] = [{ kind: 'campaign', part: 'send_at' }];
  if (zone.source === 'postcode') {
    evidence.push(customerFieldEvidence(customer, 'postcode'));
  } else if (zone.source === 'country') {
    evidence.push(customerFieldEvidence(customer, 'country'));
  }
  return rules.map((rule) => ({
    guardrail: 'quiet_hours',
    severity: 'block',
    params: {
      rule,
      channel: campaign.channel,
      local_time: localTime(clock),
      time_zone: zone.time_zone,
      start: quiet.start,
      end: quiet.end,
      holiday: rule === 'public_holiday' ? holiday : null,
    },
    evidence: [...evidence],
  }));
};
