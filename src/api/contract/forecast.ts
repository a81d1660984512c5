// The contact-pressure forecast beside a live count: how many members the guardrail policy would
// cap, delay or skip, by rule, were a message to leave on a channel at an instant
// (src/domain/guardrails/forecast.ts). POST /api/segments/forecast for a definition being built;
// GET /api/campaigns/:id/forecast for a campaign's recipients at its channel and send time.
import { z } from 'zod';
import { localDateTime } from '../../domain/campaign/campaign.ts';
import { instantOf, isTimeZone } from '../../domain/campaign/send-time.ts';
import { pressureForecast } from '../../domain/guardrails/forecast.ts';
import { isoInstant, messageChannel } from '../../domain/profile/schema.ts';

export const forecastRequest = z
  .strictObject({
    /** Parsed by the segment definition schema on the server, as for a count. */
    definition: z.unknown(),
    channel: messageChannel.default('email'),
    /** Local wall time in `time_zone`; null: now (the data's as-of). */
    send_at: localDateTime.nullable().default(null),
    time_zone: z.string().min(1).max(64).default('Europe/Paris'),
  })
  .superRefine((request, ctx) => {
    if (!isTimeZone(request.time_zone)) {
      ctx.addIssue({
        code: 'custom',
        path: ['time_zone'],
        message: `${request.time_zone} is not a time zone this server knows.`,
      });
    } else if (request.send_at !== null && instantOf(request.send_at, request.time_zone) === null) {
      ctx.addIssue({
        code: 'custom',
        path: ['send_at'],
        message: `${request.send_at} does not exist in ${request.time_zone}: the clocks skip it.`,
      });
    }
  });
export type ForecastRequest = z.input<typeof forecastRequest>;

export const forecastResponse = pressureForecast.extend({
  channel: messageChannel,
  /** The send instant the rules were read at. */
  at: isoInstant,
  policy: z.strictObject({ policy_id: z.string(), version: z.number().int().min(1) }),
});
export type ForecastResponse = z.infer<typeof forecastResponse>;
