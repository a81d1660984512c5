// Reasons in English (British dates, "12 March"), the customer as "they".
import type { ProductCategory } from '../profile/schema.ts';
import { dayParts, type ReasonWording } from './wording.ts';
import type { CreatorRole, RecommendationReason } from './reason.ts';

const quote = (text: string) => `“${text}”`;

const KINDS: Readonly<Record<ProductCategory, string>> = {
  books: 'book',
  music: 'album',
  films: 'film',
  video_games: 'game',
  consoles: 'console',
  gaming_accessories: 'accessory',
  hifi: 'device',
  phones: 'phone',
};

export const CATEGORY_WORDS_EN: Readonly<Record<ProductCategory, string>> = {
  books: 'Books',
  music: 'Music',
  films: 'Films',
  video_games: 'Video games',
  consoles: 'Consoles',
  gaming_accessories: 'Gaming accessories',
  hifi: 'Hi-fi',
  phones: 'Phones',
};

const ROLES: Readonly<Record<CreatorRole, string>> = {
  author: 'author',
  artist: 'artist',
  composer: 'composer',
};

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** "on 12 March", "on 12 March 2025" (the year only when it is not the reader's). */
function onDay(isoDay: string, asOf: string | undefined): string {
  const { day, month, year, sameYear } = dayParts(isoDay, asOf);
  const date = `${day} ${MONTHS[month - 1] ?? ''}`;
  return `on ${sameYear ? date : `${date} ${year}`}`;
}

function bought(
  category: ProductCategory,
  title: string,
  day: string,
  asOf: string | undefined,
): string {
  return `the ${KINDS[category]} ${quote(title)} bought ${onDay(day, asOf)}`;
}

export function describeReasonEn(reason: RecommendationReason, wording: ReasonWording): string {
  const { asOf } = wording;
  const category = (c: ProductCategory) => wording.categoryWords?.(c) ?? CATEGORY_WORDS_EN[c];
  switch (reason.code) {
    case 'complements_owned': {
      const p = reason.params;
      return `goes with ${bought(p.product_category, p.product, p.bought_at, asOf)}`;
    }
    case 'for_platform': {
      const p = reason.params;
      const platform = `their ${KINDS[p.platform_category]} ${quote(p.platform)}`;
      return `goes with ${platform}, going by ${bought(p.product_category, p.product, p.bought_at, asOf)}`;
    }
    case 'next_in_series': {
      const p = reason.params;
      return (
        `volume ${p.volume} of ${quote(p.series)}, next in a series they are reading ` +
        `(volume ${p.owned_volume} bought ${onDay(p.bought_at, asOf)})`
      );
    }
    case 'same_creator': {
      const p = reason.params;
      return (
        `by the same ${ROLES[p.role]} as ${bought(p.product_category, p.product, p.bought_at, asOf)} ` +
        `(${p.creator})`
      );
    }
    case 'bought_together': {
      const p = reason.params;
      const n = p.customers;
      return (
        `${n} ${n === 1 ? 'customer' : 'customers'} who bought the ${KINDS[p.product_category]} ` +
        `${quote(p.product)}, as they did ${onDay(p.bought_at, asOf)}, also ${n === 1 ? 'buys' : 'buy'} it`
      );
    }
    case 'category_best_seller':
      return `a best seller in ${category(reason.params.category)}, their favourite category`;
    case 'offer_product':
      return 'the product of the campaign’s offer';
    case 'offer_best_seller':
      return `a best seller in ${category(reason.params.category)}, the offer’s category`;
  }
}
