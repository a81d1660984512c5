// Codes shown to the marketer (channels, identity kinds, product categories and formats, stated
// preferences, event properties) in the words of the user's language; a code the catalogue does not know yet
// reads as humanized words rather than a raw code.
import type { TFunction } from 'i18next';
import {
  channel,
  consentChannel,
  identityKind,
  productCategory,
  type Preference,
} from '../../domain/profile/schema.ts';
import { humanize } from '../../ui/format.ts';

type T = TFunction<'customers'>;

const anyChannel = channel.or(consentChannel);
const contactFrequencies = ['weekly', 'monthly', 'quarterly'] as const;
/** The event properties the timeline names (free text is quoted, ids are hidden). */
const eventProperties = [
  'os',
  'sku',
  'category',
  'qty',
  'path',
  'store_id',
  'campaign_id',
  'reason',
  'topic',
  'network',
  'mentions_brand',
  'rating',
  'verified',
] as const;
/** Product formats that are words; DVD, Blu-ray, 4K, CD and console platforms read the same. */
const productFormats = ['paperback', 'pocket', 'hardcover', 'box_set', 'vinyl'] as const;

/** A touchpoint or consent channel: call_centre → "Call centre" / « Centre d’appels ». */
export function channelLabel(t: T, code: string): string {
  const known = anyChannel.safeParse(code);
  return known.success ? t(`channel.${known.data}`) : humanize(code);
}

/** What identified the customer: loyalty_card → "Loyalty card" / « Carte fidélité ». */
export function identityKindLabel(t: T, code: string): string {
  const known = identityKind.safeParse(code);
  return known.success ? t(`identityKind.${known.data}`) : humanize(code);
}

/** A product category: video_games → "Video games" / « Jeux vidéo ». */
export function categoryLabel(t: T, code: string): string {
  const known = productCategory.safeParse(code);
  return known.success ? t(`category.${known.data}`) : humanize(code);
}

/** A product's format: box_set → "Box set" / « Coffret »; unknown formats are humanized. */
export function productFormatLabel(t: T, code: string): string {
  const known = productFormats.find((f) => f === code);
  return known === undefined ? humanize(code) : t(`productFormat.${known}`);
}

/** What a customer told us, by topic: a category, a channel or a contact frequency. */
export function preferenceValueLabel(t: T, topic: Preference['topic'], value: string): string {
  switch (topic) {
    case 'interest':
      return categoryLabel(t, value);
    case 'preferred_channel':
      return channelLabel(t, value);
    case 'contact_frequency': {
      const known = contactFrequencies.find((f) => f === value);
      return known === undefined ? humanize(value) : t(`frequency.${known}`);
    }
  }
}

/** The name of an event property: category → "Category" / « Catégorie ». */
export function eventPropertyLabel(t: T, key: string): string {
  const known = eventProperties.find((p) => p === key);
  return known === undefined ? humanize(key) : t(`eventProperty.${known}`);
}
