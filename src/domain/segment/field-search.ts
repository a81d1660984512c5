// How the field picker finds what a marketer types: the catalogue's labels, in any order and
// without accents ("depense" finds "Chiffre d’affaires dépensé"), and the words marketers use for
// each concept in English and French ("bought", "acheté" → an order; "email" → the email consent
// and reachability). Ranked: the label starting with the query, then every word beginning a word
// of the label, then words met in the concept's synonyms, then the label merely containing it.
import { foldText, searchWords } from '../profile/search.ts';

/** The marketer's words for a picker item, by the item's key (catalogue-options.ts). */
export const CONCEPT_WORDS: ReadonlyMap<string, readonly string[]> = new Map([
  [
    'behaviour:order',
    [
      'bought',
      'buy',
      'buyer',
      'purchase',
      'purchased',
      'ordered',
      'order',
      'orders',
      'customer',
      'acheté',
      'acheter',
      'achat',
      'achats',
      'acheteur',
      'commande',
      'commandé',
      'commander',
    ],
  ],
  [
    'behaviour:event:product_view',
    ['viewed', 'browsed', 'looked', 'visited', 'vu', 'consulté', 'regardé', 'navigation'],
  ],
  ['behaviour:event:cart_add', ['cart', 'basket', 'panier', 'abandoned', 'abandonné']],
  ['behaviour:event:email_open', ['opened', 'email', 'e-mail', 'mail', 'ouvert', 'courriel']],
  ['behaviour:event:email_click', ['clicked', 'email', 'e-mail', 'mail', 'cliqué', 'courriel']],
  ['behaviour:event:store_visit', ['visited', 'store', 'shop', 'magasin', 'boutique', 'visite']],
  ['behaviour:event:search', ['searched', 'looked for', 'recherché', 'cherché']],
  ['attribute:customer.email', ['email', 'e-mail', 'mail', 'courriel', 'adresse']],
  ['attribute:customer.phone', ['phone', 'mobile', 'téléphone', 'portable']],
  ['attribute:customer.city', ['town', 'ville', 'commune', 'location', 'where']],
  ['attribute:customer.postcode', ['zip', 'postal', 'code postal', 'département', 'region']],
  [
    'attribute:customer.loyalty_tier',
    ['loyalty', 'tier', 'vip', 'gold', 'silver', 'fidélité', 'niveau', 'carte'],
  ],
  [
    'attribute:customer.birth_date',
    ['birthday', 'age', 'born', 'anniversaire', 'âge', 'naissance'],
  ],
  [
    'attribute:customer.created_at',
    ['signup', 'joined', 'registered', 'new', 'inscription', 'nouveau', 'ancienneté'],
  ],
  [
    'reachability:consent:email',
    [
      'email',
      'e-mail',
      'mail',
      'courriel',
      'newsletter',
      'opt-in',
      'optin',
      'consent',
      'consentement',
      'reachable',
      'joignable',
    ],
  ],
  [
    'reachability:consent:sms',
    ['sms', 'text', 'texto', 'mobile', 'consent', 'consentement', 'reachable', 'joignable'],
  ],
  [
    'reachability:consent:push',
    ['push', 'notification', 'app', 'appli', 'consent', 'consentement', 'reachable', 'joignable'],
  ],
  [
    'reachability:consent:phone',
    ['phone', 'call', 'téléphone', 'appel', 'consent', 'consentement', 'reachable', 'joignable'],
  ],
  ...(['email', 'sms', 'push', 'phone'] as const).map((channel): [string, readonly string[]] => [
    `reachability:consent_known:${channel}`,
    [channel, 'consent', 'consentement', 'known', 'connu', 'record', 'unknown', 'inconnu'],
  ]),
  [
    'reachability:shared_device',
    [
      'device',
      'appareil',
      'shared',
      'partagé',
      'partage',
      'tablet',
      'tablette',
      'cookie',
      'profile',
    ],
  ],
  [
    'reachability:duplicate_email',
    ['email', 'e-mail', 'mail', 'duplicate', 'doublon', 'same', 'même', 'profile', 'profil'],
  ],
  [
    'reachability:duplicate_phone',
    ['phone', 'téléphone', 'duplicate', 'doublon', 'same', 'même', 'profile', 'profil'],
  ],
  [
    'reachability:usable_first_name',
    ['first', 'name', 'prénom', 'prenom', 'greeting', 'salutation', 'usable', 'utilisable'],
  ],
  [
    'reachability:valid_email',
    ['email', 'e-mail', 'mail', 'courriel', 'valid', 'valide', 'reachable', 'joignable'],
  ],
  [
    'reachability:valid_phone',
    ['phone', 'mobile', 'téléphone', 'valid', 'valide', 'reachable', 'joignable'],
  ],
  [
    'aggregate:aggregate.total_spend_cents',
    [
      'spend',
      'spent',
      'revenue',
      'money',
      'value',
      'monetary',
      'dépensé',
      'dépense',
      'chiffre',
      'montant',
      'valeur',
    ],
  ],
  [
    'aggregate:aggregate.average_order_cents',
    ['basket', 'aov', 'average', 'panier', 'moyen', 'montant'],
  ],
  [
    'aggregate:aggregate.order_count',
    ['orders', 'purchases', 'frequency', 'times', 'commandes', 'achats', 'fréquence'],
  ],
  [
    'aggregate:aggregate.days_since_last_order',
    [
      'recency',
      'lapsed',
      'inactive',
      'dormant',
      'last order',
      'récence',
      'inactif',
      'dernière commande',
    ],
  ],
  [
    'aggregate:aggregate.favourite_category',
    ['favourite', 'favorite', 'category', 'préférée', 'catégorie', 'rayon'],
  ],
  [
    'aggregate:aggregate.promo_share',
    ['promo', 'promotion', 'discount', 'coupon', 'remise', 'réduction'],
  ],
  [
    'aggregate:aggregate.channels_used',
    ['channel', 'omnichannel', 'canal', 'canaux', 'web', 'store', 'magasin'],
  ],
  ['score:score.churn_band', ['churn', 'risk', 'attrition', 'lapse', 'départ', 'risque', 'perte']],
  [
    'score:score.propensity_30d',
    ['propensity', 'likely', 'probability', 'buy', 'propension', 'probabilité'],
  ],
  [
    'score:score.propensity_90d',
    ['propensity', 'likely', 'probability', 'buy', 'propension', 'probabilité'],
  ],
  [
    'score:score.clv_12m',
    ['clv', 'ltv', 'lifetime', 'value', 'predicted', 'valeur', 'prévue', 'vie client'],
  ],
  ['score:score.days_to_next_order', ['next', 'when', 'prochaine', 'quand']],
  [
    'score:score.rfm_cell',
    ['rfm', 'champions', 'loyal', 'at risk', 'fidèles', 'recency', 'frequency', 'monetary'],
  ],
]);

export interface SearchableItem {
  key: string;
  /** The words on screen. */
  label: string;
  /** More words that find it (the concept's, a category's code and its word…). */
  keywords?: readonly string[];
}

/** Where, in the label as shown, a query word matched: [start, end) in UTF-16 units. */
export type MatchRange = readonly [number, number];

export interface FieldHit<T> {
  item: T;
  /** 0 label starts with the query; 1 every word begins a label word; 2 with synonyms; 3 inside. */
  rank: 0 | 1 | 2 | 3;
  /** What to highlight in the label. */
  ranges: readonly MatchRange[];
  /** The synonym that found it, when the label alone did not. */
  keyword: string | null;
}

/** The label folded letter by letter, with where each folded letter came from. */
function foldedWithSource(label: string): { text: string; from: number[] } {
  let text = '';
  const from: number[] = [];
  let at = 0;
  for (const letter of label) {
    const folded = foldText(letter);
    for (let k = 0; k < folded.length; k += 1) from.push(at);
    text += folded;
    at += letter.length;
  }
  from.push(at);
  return { text, from };
}

/**
 * Ranges in the (folded) label where each query word begins one of its words, or null if one
 * does not.
 */
function wordRanges(
  label: string,
  folded: { text: string; from: number[] },
  words: readonly string[],
): MatchRange[] | null {
  const { text, from } = folded;
  const ranges: MatchRange[] = [];
  for (const word of words) {
    let found = -1;
    for (let i = text.indexOf(word); i !== -1; i = text.indexOf(word, i + 1)) {
      if (i === 0 || !/[\p{L}\p{N}]/u.test(text[i - 1] ?? '')) {
        found = i;
        break;
      }
    }
    if (found === -1) return null;
    ranges.push([from[found] ?? 0, from[found + word.length] ?? label.length]);
  }
  return ranges.sort((a, b) => a[0] - b[0]);
}

/** The items matching `query`, best first, in their given order within a rank. */
export function searchFields<T extends SearchableItem>(
  items: readonly T[],
  query: string,
): FieldHit<T>[] {
  const words = searchWords(query);
  if (words.length === 0) {
    return items.map((item) => ({ item, rank: 1, ranges: [], keyword: null }));
  }
  const whole = foldText(query.trim());
  const hits: FieldHit<T>[] = [];
  for (const item of items) {
    const folded = foldedWithSource(item.label);
    const ranges = wordRanges(item.label, folded, words);
    if (ranges !== null) {
      hits.push({ item, rank: folded.text.startsWith(whole) ? 0 : 1, ranges, keyword: null });
      continue;
    }
    const synonyms = [...(CONCEPT_WORDS.get(item.key) ?? []), ...(item.keywords ?? [])].map(
      (synonym) => ({ synonym, words: searchWords(synonym) }),
    );
    const labelWords = searchWords(item.label);
    const unmet = words.filter((w) => !labelWords.some((l) => l.startsWith(w)));
    const meets = (w: string) => (s: { words: string[] }) => s.words.some((k) => k.startsWith(w));
    const keyword = synonyms.find((s) => unmet.some((w) => meets(w)(s)));
    if (keyword !== undefined && unmet.every((w) => synonyms.some(meets(w)))) {
      const met = words.filter((w) => !unmet.includes(w));
      hits.push({
        item,
        rank: 2,
        ranges: wordRanges(item.label, folded, met) ?? [],
        keyword: keyword.synonym,
      });
      continue;
    }
    const inside = folded.text.indexOf(whole);
    if (inside !== -1) {
      hits.push({
        item,
        rank: 3,
        ranges: [
          [folded.from[inside] ?? 0, folded.from[inside + whole.length] ?? item.label.length],
        ],
        keyword: null,
      });
    }
  }
  // A stable sort: within a rank, the items keep their given order.
  return hits.sort((a, b) => a.rank - b.rank);
}
