// Reasons in French, with French grammar: the bought product named by its kind with the article
// and agreement of that noun (« la console … achetée », « le livre … acheté »), « le 1er mars »,
// plurals from 2, and the reader's gender where the sentence needs one.
import type { ProductCategory } from '../profile/schema.ts';
import { dayParts, type ReasonWording } from './wording.ts';
import type { CreatorRole, RecommendationReason } from './reason.ts';

const NBSP = '\u00a0';
const quote = (text: string) => `«${NBSP}${text}${NBSP}»`;

interface Noun {
  /** With its definite article: « la console », « l’album ». */
  the: string;
  /** With the possessive: « sa console », « son album ». */
  their: string;
  feminine: boolean;
}
const noun = (the: string, their: string, feminine = false): Noun => ({ the, their, feminine });

const KINDS: Readonly<Record<ProductCategory, Noun>> = {
  books: noun('le livre', 'son livre'),
  music: noun('l’album', 'son album'),
  films: noun('le film', 'son film'),
  video_games: noun('le jeu', 'son jeu'),
  consoles: noun('la console', 'sa console', true),
  gaming_accessories: noun('l’accessoire', 'son accessoire'),
  hifi: noun('l’appareil', 'son appareil'),
  phones: noun('le téléphone', 'son téléphone'),
};

export const CATEGORY_WORDS_FR: Readonly<Record<ProductCategory, string>> = {
  books: 'Livres',
  music: 'Musique',
  films: 'Films',
  video_games: 'Jeux vidéo',
  consoles: 'Consoles',
  gaming_accessories: 'Accessoires gaming',
  hifi: 'Hi-fi',
  phones: 'Téléphonie',
};

const ROLES: Readonly<Record<CreatorRole, string>> = {
  author: 'auteur',
  artist: 'artiste',
  composer: 'compositeur',
};

const MONTHS = [
  'janvier',
  'février',
  'mars',
  'avril',
  'mai',
  'juin',
  'juillet',
  'août',
  'septembre',
  'octobre',
  'novembre',
  'décembre',
];

/** « le 1er mars », « le 12 mars 2025 » (the year only when it is not the reader's). */
function onDay(isoDay: string, asOf: string | undefined): string {
  const { day, month, year, sameYear } = dayParts(isoDay, asOf);
  const date = `${day === 1 ? '1er' : String(day)} ${MONTHS[month - 1] ?? ''}`;
  return `le ${sameYear ? date : `${date} ${year}`}`;
}

/** « la console « PS5 » achetée le 12 mars ». */
function bought(
  category: ProductCategory,
  title: string,
  day: string,
  asOf: string | undefined,
): string {
  const kind = KINDS[category];
  return `${kind.the} ${quote(title)} ${kind.feminine ? 'achetée' : 'acheté'} ${onDay(day, asOf)}`;
}

const plural = (n: number, one: string, other: string) => (Math.abs(n) < 2 ? one : other);

export function describeReasonFr(reason: RecommendationReason, wording: ReasonWording): string {
  const { asOf } = wording;
  const they = wording.gender === 'female' ? 'elle' : 'il';
  const category = (c: ProductCategory) => wording.categoryWords?.(c) ?? CATEGORY_WORDS_FR[c];
  switch (reason.code) {
    case 'complements_owned': {
      const p = reason.params;
      return `va avec ${bought(p.product_category, p.product, p.bought_at, asOf)}`;
    }
    case 'for_platform': {
      const p = reason.params;
      const platform = `${KINDS[p.platform_category].their} ${quote(p.platform)}`;
      return `va avec ${platform}, d’après ${bought(p.product_category, p.product, p.bought_at, asOf)}`;
    }
    case 'next_in_series': {
      const p = reason.params;
      return (
        `tome ${p.volume} de ${quote(p.series)}, suite d’une série qu’${they} lit ` +
        `(tome ${p.owned_volume} acheté ${onDay(p.bought_at, asOf)})`
      );
    }
    case 'same_creator': {
      const p = reason.params;
      return (
        `du même ${ROLES[p.role]} que ${bought(p.product_category, p.product, p.bought_at, asOf)} ` +
        `(${p.creator})`
      );
    }
    case 'bought_together': {
      const p = reason.params;
      const n = p.customers;
      const kind = KINDS[p.product_category];
      const me = wording.gender === 'female' ? 'elle' : 'lui';
      return (
        `${n} ${plural(n, 'client qui a', 'clients qui ont')} acheté ${kind.the} ${quote(p.product)}, ` +
        `comme ${me} ${onDay(p.bought_at, asOf)}, ${plural(n, 'l’achète', 'l’achètent')} aussi`
      );
    }
    case 'category_best_seller':
      return `une meilleure vente en ${category(reason.params.category)}, sa catégorie préférée`;
    case 'offer_product':
      return 'le produit de l’offre de la campagne';
    case 'offer_best_seller':
      return `une meilleure vente en ${category(reason.params.category)}, la catégorie de l’offre`;
  }
}
