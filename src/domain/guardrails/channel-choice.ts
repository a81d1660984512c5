// The channel each recipient gets the message on. A campaign is written for one channel; it may
// also carry templates for other channels (`alternates`, added by the "preferred channel" remedy
// or by hand). With none, every recipient gets the campaign's channel. With some, a recipient gets:
// 1. their preferred channel (the latest they stated before the send), when the campaign has a
//    template for it and it reaches them — consent granted and an address, as no_consent reads it;
// 2. else the campaign's channel, when it reaches them;
// 3. else the first other channel with a template that reaches them (e-mail, SMS, push);
// 4. else the campaign's channel — and no_consent stops the message, as without alternates.
// The guardrails, the personalisation and the render then run on the channel chosen, so a
// recipient moved to SMS is checked for SMS consent, SMS pressure and SMS quiet hours.
import { alternateChannels } from '../campaign/alternates.ts';
import type { CampaignBody, CampaignChannel } from '../campaign/campaign.ts';
import type { CustomerHistory } from '../profile/history.ts';
import { latestPreference } from './contact-history.ts';
import { reachVerdicts } from './contact-consent.ts';
import { meets } from './contact-preferences.ts';

/** The channel the recipient gets the message on, at `at` (ISO). */
export function recipientChannel(
  history: CustomerHistory,
  body: CampaignBody,
  at: string,
): CampaignChannel {
  const others = alternateChannels(body);
  if (others.length === 0) return body.channel;
  const when = Date.parse(at);
  const reaches = (channel: CampaignChannel) =>
    channel === 'web_banner' || reachVerdicts(history, channel, when).length === 0;
  const stated = latestPreference(history.preferences, 'preferred_channel', when);
  // The channel with a template that meets their preference, as preference_mismatch reads it.
  const preferred =
    stated === null ? undefined : [body.channel, ...others].find((c) => meets(c, stated.value));
  if (preferred !== undefined && reaches(preferred)) return preferred;
  if (reaches(body.channel)) return body.channel;
  return others.find(reaches) ?? body.channel;
}
