// What the pre-send audit of the demo campaign must find, worked out here from the generated rows
// and the manifest alone — never through the guardrail code — by the rules the product states:
// - film buyers: a completed order placed in the 365 days up to as-of with a film on it;
// - the holdout: the documented draw (FNV-1a over the UTF-8 bytes of campaign id, a 0 byte and
//   customer id, then MurmurHash3's finaliser, over 2³²) below the holdout share;
// - already_owned: a completed order by the send with the offered box set or another edition of it;
// - answered_elsewhere: an answer to an offer on the box set (or its work) off e-mail, in the 30 days
//   up to the send;
// - no_consent: no e-mail consent granted as it stood at the send, or no valid e-mail address;
// - contact_pressure: the default caps (2 e-mails / 7 days, 4 / 30, 3 messages / 7 days, 8 / 30,
//   this one included) or a declared frequency (weekly 7 days, monthly 30, quarterly 91) with a
//   message already in it; a bounced message counts for nothing.
import type { generateDataset } from '../mocks/seed/index.ts';
import type { Manifest } from '../mocks/seed/manifest.ts';

type Dataset = ReturnType<typeof generateDataset>['dataset'];

const DAY = 86_400_000;

export interface Expected {
  members: Set<string>;
  holdout: Set<string>;
  recipients: Set<string>;
  flagged: {
    already_owned: Set<string>;
    answered_elsewhere: Set<string>;
    no_consent: Set<string>;
    contact_pressure: Set<string>;
  };
}

function fmix(bytes: Uint8Array): number {
  let h = 0x811c9dc5;
  for (const byte of bytes) {
    h ^= byte;
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

export function heldOut(campaignId: string, customerId: string, share: number): boolean {
  const encoder = new TextEncoder();
  const a = encoder.encode(campaignId);
  const b = encoder.encode(customerId);
  const bytes = new Uint8Array(a.length + 1 + b.length);
  bytes.set(a, 0);
  bytes.set(b, a.length + 1);
  return fmix(bytes) / 0x1_0000_0000 < share;
}

function groupBy<T>(rows: readonly T[], key: (row: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const row of rows) {
    const list = out.get(key(row));
    if (list) list.push(row);
    else out.set(key(row), [row]);
  }
  return out;
}

export interface AuditSetting {
  campaignId: string;
  holdoutShare: number;
  /** The offered product. */
  sku: string;
  asOf: string;
  /** The send instant the guardrails read. */
  at: string;
}

export function expectedAudit(d: Dataset, manifest: Manifest, s: AuditSetting): Expected {
  const asOf = Date.parse(s.asOf);
  const at = Date.parse(s.at);
  const products = new Map(d.products.map((p) => [p.sku, p]));
  const work = products.get(s.sku)?.work_id ?? null;
  const sameWork = (sku: string | null) =>
    sku !== null && (sku === s.sku || (work !== null && products.get(sku)?.work_id === work));
  const linesByOrder = groupBy(d.order_lines, (l) => l.order_id);

  const members = new Set<string>();
  const owners = new Set<string>();
  for (const o of d.orders) {
    if (o.status !== 'completed') continue;
    const placed = Date.parse(o.placed_at);
    const skus = (linesByOrder.get(o.order_id) ?? []).map((l) => l.sku);
    if (placed >= asOf - 365 * DAY && placed <= asOf) {
      if (skus.some((sku) => products.get(sku)?.category === 'films')) members.add(o.customer_id);
    }
    if (placed <= at && skus.some(sameWork)) owners.add(o.customer_id);
  }
  const holdout = new Set([...members].filter((id) => heldOut(s.campaignId, id, s.holdoutShare)));
  const recipients = new Set([...members].filter((id) => !holdout.has(id)));
  const among = (ids: Iterable<string>) => new Set([...ids].filter((id) => recipients.has(id)));

  const offers = new Map(d.offers.map((o) => [o.offer_id, o]));
  const answered = d.offer_responses
    .filter((r) => {
      const ms = Date.parse(r.at);
      return (
        r.channel !== 'email' &&
        ms > at - 30 * DAY &&
        ms <= at &&
        sameWork(offers.get(r.offer_id)?.sku ?? null)
      );
    })
    .map((r) => r.customer_id);

  const invalid = new Set(manifest.faults.invalid_email);
  const consentsBy = groupBy(
    d.consents.filter((c) => c.channel === 'email' && Date.parse(c.at) <= at),
    (c) => c.customer_id,
  );
  const unconsented: string[] = [];
  for (const c of d.customers) {
    const latest = (consentsBy.get(c.customer_id) ?? []).reduce<(typeof d.consents)[number] | null>(
      (best, k) =>
        best === null ||
        Date.parse(k.at) > Date.parse(best.at) ||
        (k.at === best.at && k.consent_id > best.consent_id)
          ? k
          : best,
      null,
    );
    const email = c.email?.trim() ?? '';
    if (latest?.status !== 'granted' || email === '' || invalid.has(c.customer_id)) {
      unconsented.push(c.customer_id);
    }
  }

  const messagesBy = groupBy(
    d.messages.filter((m) => m.status !== 'bounced' && Date.parse(m.sent_at) <= at),
    (m) => m.customer_id,
  );
  const frequencyBy = groupBy(
    d.preferences.filter((p) => p.topic === 'contact_frequency' && Date.parse(p.stated_at) <= at),
    (p) => p.customer_id,
  );
  const declaredDays: Record<string, number> = { weekly: 7, monthly: 30, quarterly: 91 };
  const pressed: string[] = [];
  for (const id of recipients) {
    const received = messagesBy.get(id) ?? [];
    const within = (days: number, emailOnly: boolean) =>
      received.filter(
        (m) => Date.parse(m.sent_at) > at - days * DAY && (!emailOnly || m.channel === 'email'),
      ).length;
    const capped =
      within(7, true) + 1 > 2 ||
      within(30, true) + 1 > 4 ||
      within(7, false) + 1 > 3 ||
      within(30, false) + 1 > 8;
    const stated = (frequencyBy.get(id) ?? []).reduce<(typeof d.preferences)[number] | null>(
      (best, p) => (best === null || p.stated_at >= best.stated_at ? p : best),
      null,
    );
    const days = stated === null ? undefined : declaredDays[stated.value];
    if (capped || (days !== undefined && within(days, false) > 0)) pressed.push(id);
  }

  return {
    members,
    holdout,
    recipients,
    flagged: {
      already_owned: among(owners),
      answered_elsewhere: among(answered),
      no_consent: among(unconsented),
      contact_pressure: among(pressed),
    },
  };
}

/** The planted customers of a story among `ids`. */
export function plantedAmong(manifest: Manifest, story: string, ids: Set<string>): Set<string> {
  return new Set(
    manifest.stories
      .filter((s) => s.story === story && ids.has(s.customer_id))
      .map((s) => s.customer_id),
  );
}
