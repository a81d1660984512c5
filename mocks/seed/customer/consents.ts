// What the customer agreed to and asked for: consents per channel (with the planted e-mail
// withdrawal last) and, for some, stated preferences (interests, channel, frequency).
import type { Channel, Preference } from '../../../src/domain/profile/schema.ts';
import { CATEGORY_ORDER } from '../catalogue.ts';
import type { ConsentDraft } from '../contacts.ts';
import { consentHistory, consentedAt } from '../contacts.ts';
import { itemAt } from '../random.ts';
import { DAY, HOUR, iso } from '../time.ts';
import type { CustomerDraw } from './draw.ts';
import type { FirstSeen } from './identities.ts';
import { SHOWCASE, daysBefore } from './scenes.ts';

export interface EmailWithdrawal {
  ms: number;
  source: Channel;
}

export interface Consents {
  drafts: ConsentDraft[];
  emailWithdrawal: EmailWithdrawal | null;
}

export function consentsOf(draw: CustomerDraw, { appSinceMs }: FirstSeen): Consents {
  const { world, rng, plan, scenes, person, end } = draw;
  const { asOfMs } = world;
  let emailWithdrawal: EmailWithdrawal | null = null;
  if (plan.emailWithdrawn) {
    const from = Math.max(
      person.createdMs + 20 * DAY,
      scenes.offerBeforeEmail ? scenes.offerBeforeEmail.send.sendMs + 2 * DAY : 0,
    );
    const ms = plan.showcase
      ? daysBefore(asOfMs, SHOWCASE.withdrawal)
      : Math.floor(from + rng.next() * Math.max(HOUR, end - DAY - from));
    const r = rng.next();
    emailWithdrawal = {
      ms,
      source: plan.showcase || r < 0.7 ? 'email' : r < 0.9 ? 'web' : 'call_centre',
    };
  }
  const consents: ConsentDraft[] = plan.noHistory
    ? []
    : consentHistory(world, rng, person, {
        emailWithdrawal,
        forceEmail: scenes.offerBeforeEmail !== null || plan.showcase,
        appSinceMs,
      });
  return { drafts: consents, emailWithdrawal };
}

const INTEREST_LABELS = CATEGORY_ORDER;

/** Stated preferences, for a quarter of the customers and all the pressured ones. */
export function preferencesOf(draw: CustomerDraw, consents: readonly ConsentDraft[]): Preference[] {
  const { rng, person, end, plan } = draw;
  if (plan.noHistory) return [];
  const { pressure } = plan;
  if (!pressure && !rng.chance(0.25)) return [];
  const id = person.id;
  const stated = Math.floor(
    person.createdMs + rng.next() * Math.max(HOUR, end - person.createdMs - 30 * DAY),
  );
  const sources: Channel[] = person.usesApp
    ? ['web', 'app', 'store', 'call_centre']
    : ['web', 'store', 'call_centre'];
  const source = rng.pick(sources);
  const out: Preference[] = [];
  const ranked = person.tasteShares
    .map((share, k) => ({ share, k }))
    .sort((x, y) => y.share - x.share);
  const interests = rng.between(1, 3);
  for (let k = 0; k < interests; k += 1) {
    const category = itemAt(INTEREST_LABELS, itemAt(ranked, k).k);
    out.push({
      customer_id: id,
      topic: 'interest',
      value: category,
      stated_at: iso(stated),
      source,
    });
  }
  const reachable = (['email', 'sms', 'push'] as const).filter((c) =>
    consentedAt(consents, c, stated),
  );
  const preferred = rng.pick<string>([...reachable, 'store', 'web']);
  out.push({
    customer_id: id,
    topic: 'preferred_channel',
    value: preferred,
    stated_at: iso(stated),
    source,
  });
  const f = rng.next();
  const frequency = pressure ? 'monthly' : f < 0.2 ? 'weekly' : f < 0.75 ? 'monthly' : 'quarterly';
  out.push({
    customer_id: id,
    topic: 'contact_frequency',
    value: frequency,
    stated_at: iso(stated),
    source,
  });
  if (rng.chance(0.1) && stated < end - 60 * DAY) {
    const later = Math.floor(stated + rng.next() * (end - stated));
    out.push({
      customer_id: id,
      topic: 'contact_frequency',
      value: frequency === 'weekly' ? 'monthly' : 'quarterly',
      stated_at: iso(later),
      source: rng.pick(sources),
    });
  }
  return out;
}
