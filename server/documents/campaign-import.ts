// The loaded data's campaigns as campaign documents, as the loaded segments are imported: each
// history starts at its loaded version ("imported at version N"). The data knows less than a
// campaign document says, so each part is read by one stated rule:
// - the template is one text: its first line is the heading (subject, push title, banner
//   headline), the rest the text (an e-mail's HTML paragraphs); an SMS is the whole text;
// - the send time is the first message's, in Paris time; a campaign with no message has none;
// - an offer on one product in euros is the price it leaves (catalogue price less the discount);
//   other offers are their percentage or amount off; the validity runs over the offer's UTC days;
// - a recommendation slot is three complements;
// - the target is the segment at its version when imported (none when it is not a saved segment);
// - "scheduled" is ready when it is complete, else a draft.
// A loaded campaign that still does not fit (a holdout above half, an unknown channel…) is not
// imported: it is not a campaign document at all.
import {
  DEFAULT_TIME_ZONE,
  campaignBody,
  templateParts,
  type CampaignBody,
} from '../../src/domain/campaign/campaign.ts';
import { localDateTimeAt } from '../../src/domain/campaign/send-time.ts';
import { validateCampaign } from '../../src/domain/campaign/validate.ts';
import type { Campaign, Offer, Product } from '../../src/domain/profile/schema.ts';
import { importedNote } from '../../src/domain/version-notes.ts';
import type { ImportedDocument } from './repository.ts';

/** What a loaded campaign refers to, read from the loaded data and the imported segments. */
export interface CampaignReferences {
  offers: ReadonlyMap<string, Offer>;
  products: ReadonlyMap<string, Pick<Product, 'price_cents'>>;
  /** Each campaign's first message (ISO instant). */
  firstSends: ReadonlyMap<string, string>;
  /** Each saved segment's current version. */
  segmentVersions: ReadonlyMap<string, number>;
}

const LIQUID = /({{[\s\S]*?}}|{%[\s\S]*?%})/;
const escapeHtml = (text: string) =>
  text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');

/** Plain text with Liquid as HTML paragraphs: blank lines part them, line ends are <br>. */
export function textToHtml(text: string): string {
  const escaped = text
    .split(LIQUID)
    .map((part, i) => (i % 2 === 1 ? part : escapeHtml(part)))
    .join('');
  return escaped
    .split(/\n\s*\n/)
    .map((paragraph) => paragraph.trim())
    .filter((paragraph) => paragraph !== '')
    .map((paragraph) => `<p>${paragraph.split('\n').join('<br>\n')}</p>`)
    .join('\n');
}

function template(row: Campaign): Record<string, string> {
  const [first = '', ...rest] = row.template.split('\n');
  const heading = first.trim();
  const text = rest.join('\n').trim();
  switch (row.channel) {
    case 'email':
      return templateParts('email', heading, textToHtml(text));
    case 'sms':
      return templateParts('sms', '', row.template.trim());
    default:
      return templateParts(row.channel, heading, text);
  }
}

/** The offer as a campaign states it (checked with the whole body), or null. */
function offerOf(
  offerId: string | null,
  references: CampaignReferences,
): Record<string, unknown> | null {
  const offer = offerId === null ? undefined : references.offers.get(offerId);
  if (offer === undefined) return null;
  const target =
    offer.sku !== null
      ? { kind: 'product', sku: offer.sku }
      : offer.category !== null
        ? { kind: 'category', category: offer.category }
        : null;
  const listPrice =
    offer.sku === null ? undefined : references.products.get(offer.sku)?.price_cents;
  const price =
    offer.discount_percent !== null
      ? { kind: 'percent', percent: offer.discount_percent }
      : offer.discount_cents === null
        ? null
        : listPrice !== undefined && listPrice > offer.discount_cents
          ? { kind: 'price', cents: listPrice - offer.discount_cents }
          : { kind: 'amount_off', cents: offer.discount_cents };
  if (target === null || price === null) return null;
  return {
    target,
    price,
    valid_from: offer.valid_from.slice(0, 10),
    valid_to: offer.valid_to.slice(0, 10),
    title: offer.title,
  };
}

/** The loaded campaign as a document; null when it does not fit one. */
export function importedCampaign(
  row: Campaign,
  references: CampaignReferences,
): ImportedDocument<CampaignBody> | null {
  const pinned =
    row.segment_id === null ? undefined : references.segmentVersions.get(row.segment_id);
  const firstSend = references.firstSends.get(row.campaign_id);
  const parsed = campaignBody.safeParse({
    name: row.name,
    channel: row.channel,
    status: row.status === 'scheduled' ? 'ready' : row.status,
    segment:
      row.segment_id === null || pinned === undefined
        ? null
        : { segment_id: row.segment_id, version: pinned },
    holdout_share: row.holdout_share,
    send_at: firstSend === undefined ? null : localDateTimeAt(firstSend, DEFAULT_TIME_ZONE),
    time_zone: DEFAULT_TIME_ZONE,
    template: template(row),
    offer: offerOf(row.offer_id, references),
    recommendation: row.recommendation_slot ? { strategy: 'complements', count: 3 } : null,
  });
  if (!parsed.success) return null;
  let body = parsed.data;
  if (body.status === 'ready' && validateCampaign(body).length > 0)
    body = { ...body, status: 'draft' };
  return {
    id: row.campaign_id,
    version: row.version,
    body,
    author: row.author,
    at: row.updated_at,
    note: importedNote(row.version),
  };
}

/** The loaded campaigns that are campaign documents, the first of each id. */
export function importedCampaigns(
  rows: readonly Campaign[],
  references: CampaignReferences,
): ImportedDocument<CampaignBody>[] {
  const seen = new Set<string>();
  return rows.flatMap((row) => {
    const imported = importedCampaign(row, references);
    if (imported === null || seen.has(imported.id)) return [];
    seen.add(imported.id);
    return [imported];
  });
}

/** Each campaign's first message, from the loaded messages. */
export function firstSends(
  messages: Iterable<{ campaign_id: string; sent_at: string }>,
): Map<string, string> {
  const first = new Map<string, string>();
  for (const { campaign_id, sent_at } of messages) {
    const known = first.get(campaign_id);
    if (known === undefined || sent_at < known) first.set(campaign_id, sent_at);
  }
  return first;
}
