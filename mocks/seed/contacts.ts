// Consent histories, the marketing messages a customer received (only with consent at send time,
// except for planted contact-pressure abusers) and their responses to offers.
import type {
  Channel,
  ConsentChannel,
  Message,
  MessageChannel,
  Offer,
} from '../../src/domain/profile/schema.ts';
import { PRESSURE_CAMPAIGN_IDS } from './marketing.ts';
import type { Send } from './marketing.ts';
import type { Person } from './person.ts';
import type { Rng } from './random.ts';
import { DAY, HOUR, MINUTE, dayStart } from './time.ts';
import type { World } from './world.ts';

export interface ConsentDraft {
  ms: number;
  channel: ConsentChannel;
  status: 'granted' | 'withdrawn';
  source: Channel;
}

export interface MessageDraft {
  ms: number;
  campaignId: string;
  channel: MessageChannel;
  status: Message['status'];
  offer: Offer | null;
  id: string;
}

export interface ResponseDraft {
  ms: number;
  offerId: string;
  channel: Channel;
  response: 'accepted' | 'declined';
  id: string;
}

/** Whether the latest consent on `channel` at or before `ms` is a grant. */
export function consentedAt(
  consents: readonly ConsentDraft[],
  channel: ConsentChannel,
  ms: number,
): boolean {
  let granted = false;
  for (const c of consents) {
    if (c.channel === channel && c.ms <= ms) granted = c.status === 'granted';
  }
  return granted;
}

export interface ConsentPlan {
  /** A final e-mail withdrawal the story needs, and its source. */
  emailWithdrawal: { ms: number; source: Channel } | null;
  /** Stories that need e-mail consent from signup on. */
  forceEmail: boolean;
  appSinceMs: number;
}

function between(rng: Rng, from: number, to: number): number {
  return Math.floor(from + rng.next() * Math.max(0, to - from));
}

export function consentHistory(
  world: World,
  rng: Rng,
  person: Person,
  plan: ConsentPlan,
): ConsentDraft[] {
  const out: ConsentDraft[] = [];
  const end = world.asOfMs - HOUR;
  const signup = person.createdMs;
  const signupSource: Channel = person.signupChannel;
  const laterSource = (): Channel =>
    rng.pick<Channel>(['web', 'web', 'app', 'store', 'call_centre']);

  if (person.email !== null) {
    const atSignup = plan.forceEmail || plan.emailWithdrawal !== null || rng.chance(0.7);
    if (atSignup)
      out.push({ ms: signup, channel: 'email', status: 'granted', source: signupSource });
    else if (rng.chance(0.2))
      out.push({
        ms: between(rng, signup + DAY, end),
        channel: 'email',
        status: 'granted',
        source: laterSource(),
      });
    const grantedMs = out.find((c) => c.channel === 'email')?.ms;
    if (plan.emailWithdrawal) {
      out.push({
        ms: plan.emailWithdrawal.ms,
        channel: 'email',
        status: 'withdrawn',
        source: plan.emailWithdrawal.source,
      });
    } else if (
      grantedMs !== undefined &&
      grantedMs < end - 40 * DAY &&
      !plan.forceEmail &&
      rng.chance(0.06)
    ) {
      // Unsubscribed, then signed up again: the latest word is a grant.
      const withdrawn = between(rng, grantedMs + DAY, end - 30 * DAY);
      if (withdrawn > grantedMs) {
        out.push({ ms: withdrawn, channel: 'email', status: 'withdrawn', source: 'email' });
        out.push({
          ms: between(rng, withdrawn + 7 * DAY, end),
          channel: 'email',
          status: 'granted',
          source: laterSource(),
        });
      }
    }
  }
  if (person.phone !== null) {
    if (rng.chance(0.35)) {
      out.push({ ms: signup + MINUTE, channel: 'sms', status: 'granted', source: signupSource });
      if (rng.chance(0.15)) {
        const stop = between(rng, signup + DAY, end);
        out.push({ ms: stop, channel: 'sms', status: 'withdrawn', source: 'sms' });
        if (rng.chance(0.4))
          out.push({
            ms: between(rng, stop + DAY, end),
            channel: 'sms',
            status: 'granted',
            source: laterSource(),
          });
      }
    }
    if (rng.chance(0.2)) {
      out.push({
        ms: signup + 2 * MINUTE,
        channel: 'phone',
        status: 'granted',
        source: signupSource,
      });
      if (rng.chance(0.1))
        out.push({
          ms: between(rng, signup + DAY, end),
          channel: 'phone',
          status: 'withdrawn',
          source: 'call_centre',
        });
    }
  }
  if (person.usesApp && plan.appSinceMs < end && rng.chance(0.6)) {
    out.push({ ms: plan.appSinceMs, channel: 'push', status: 'granted', source: 'app' });
    if (rng.chance(0.12))
      out.push({
        ms: between(rng, plan.appSinceMs + DAY, end),
        channel: 'push',
        status: 'withdrawn',
        source: 'app',
      });
  }
  return out.filter((c) => c.ms < end).sort((a, b) => a.ms - b.ms);
}

export interface Reach {
  webSinceMs: number;
  appSinceMs: number;
}

function messageStatus(rng: Rng, channel: MessageChannel, person: Person): Message['status'] {
  const r = rng.next();
  switch (channel) {
    case 'email':
      if (!person.emailValid || r < 0.015) return 'bounced';
      return r < person.engagement * 0.25
        ? 'clicked'
        : r < person.engagement
          ? 'opened'
          : 'delivered';
    case 'sms':
      return r < 0.02 ? 'bounced' : r < 0.06 ? 'clicked' : 'delivered';
    case 'push':
      return r < person.engagement * 0.6 ? 'opened' : 'delivered';
    default:
      return r < 0.03 ? 'clicked' : 'delivered';
  }
}

/** Whether the customer can be sent `send` lawfully: consent on the channel at send time. */
function reachable(
  person: Person,
  consents: readonly ConsentDraft[],
  reach: Reach,
  send: Send,
): boolean {
  switch (send.channel) {
    case 'email':
      return person.email !== null && consentedAt(consents, 'email', send.sendMs);
    case 'sms':
      return person.phone !== null && consentedAt(consents, 'sms', send.sendMs);
    case 'push':
      return (
        person.usesApp &&
        reach.appSinceMs <= send.sendMs &&
        consentedAt(consents, 'push', send.sendMs)
      );
    default:
      return person.usesWeb && reach.webSinceMs <= send.sendMs;
  }
}

/** A planted experiment's target, sent the campaign (treated) or held out. */
export interface Assignment {
  send: Send;
  treated: boolean;
}

/** Where a customer who can take part in experiments draws their holdouts and records them. */
export interface Trial {
  rng: Rng;
  assignments: Assignment[];
}

export function campaignMessages(
  world: World,
  rng: Rng,
  person: Person,
  consents: readonly ConsentDraft[],
  reach: Reach,
  forcedSend: Send | null,
  trial: Trial | null,
): MessageDraft[] {
  const out: MessageDraft[] = [];
  for (const send of world.marketing.sends) {
    if (send.sendMs < person.createdMs || send.sendMs >= world.asOfMs) continue;
    const forced = send === forcedSend;
    if (!forced) {
      if (!reachable(person, consents, reach, send)) continue;
      const fondness = send.focus ? (person.tasteShares[categoryIndex(send.focus)] ?? 0) : 0;
      const share = Math.min(0.95, send.share * (fondness > 0.2 ? 1.6 : 1));
      if (!rng.chance(share)) continue;
    }
    const status = forced
      ? rng.chance(0.5)
        ? 'opened'
        : 'delivered'
      : messageStatus(rng, send.channel, person);
    if (send.experiment !== null) {
      // Customers in a planted story stay out of experiments (their orders are the story's). The
      // holdout is drawn from the trial's own stream, after the status all the same: a customer's
      // other draws stay as they were.
      if (trial === null) continue;
      const treated = !trial.rng.chance(send.experiment.holdoutShare);
      trial.assignments.push({ send, treated });
      if (!treated) continue;
    }
    out.push({
      ms: send.sendMs,
      campaignId: send.campaign.campaign_id,
      channel: send.channel,
      status,
      offer: send.offer,
      id: '',
    });
  }
  return out;
}

function categoryIndex(category: string): number {
  return [
    'books',
    'music',
    'films',
    'video_games',
    'consoles',
    'gaming_accessories',
    'hifi',
    'phones',
  ].indexOf(category);
}

const PRESSURE_CHANNELS: readonly MessageChannel[] = ['email', 'sms', 'push', 'web_banner'];

/** Every day of the last 30, on every channel, consent or not. */
export function pressureMessages(world: World, rng: Rng, person: Person): MessageDraft[] {
  const out: MessageDraft[] = [];
  for (let d = 30; d >= 1; d -= 1) {
    const day = dayStart(world.asOfMs - d * DAY);
    PRESSURE_CHANNELS.forEach((channel, k) => {
      out.push({
        ms: day + (8 + k * 3) * HOUR + rng.int(50) * MINUTE,
        campaignId: PRESSURE_CAMPAIGN_IDS[channel],
        channel,
        status: messageStatus(rng, channel, person),
        offer: null,
        id: '',
      });
    });
  }
  return out;
}

const RESPONSE_CHANNELS: readonly Channel[] = [
  'web',
  'web',
  'web',
  'store',
  'store',
  'app',
  'call_centre',
  'email',
];

/** Some customers answer the offers their messages carried, while the offer is valid. */
export function responsesToMessages(
  world: World,
  rng: Rng,
  person: Person,
  messages: readonly MessageDraft[],
  validTo: (offer: Offer) => number,
): ResponseDraft[] {
  const out: ResponseDraft[] = [];
  for (const message of messages) {
    if (!message.offer || message.status === 'bounced' || message.status === 'delivered') continue;
    const r = rng.next();
    if (r > 0.16) continue;
    const until = Math.min(validTo(message.offer), world.asOfMs - MINUTE);
    const ms = Math.floor(
      message.ms + HOUR + rng.next() * Math.min(10 * DAY, Math.max(0, until - message.ms - HOUR)),
    );
    if (ms >= until) continue;
    let channel = rng.pick(RESPONSE_CHANNELS);
    if (channel === 'app' && !person.usesApp) channel = 'web';
    out.push({
      ms,
      offerId: message.offer.offer_id,
      channel,
      response: r < 0.12 ? 'accepted' : 'declined',
      id: '',
    });
  }
  return out;
}
