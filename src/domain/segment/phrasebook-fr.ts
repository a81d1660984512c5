// The French phrasebook of segment descriptions: fields as nouns with their gender, events as past
// participles, channels with their prepositions, and numbers, euros and dates as written in France.
import type { FieldInfo } from './catalogue-view.ts';
import { isCalendarDate } from './validate-comparison.ts';

export type Scalar = string | number | boolean;

export const LIST_SHOWN = 5;
const NBSP = '\u00a0';
export const quote = (text: string) => `«${NBSP}${text}${NBSP}»`;
export const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
export const words = (...parts: string[]) => parts.filter((p) => p !== '').join(' ');
/** French puts 0 and 1 in the singular. */
export const plural = (n: number, one: string, other: string) => (Math.abs(n) < 2 ? one : other);

const dateFormat = new Intl.DateTimeFormat('fr-FR', {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  timeZone: 'UTC',
});
const numberFormat = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 20 });
// Orders are in euros only (profile schema: currency EUR).
export const euroFormat = new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' });
export const num = (n: number) => numberFormat.format(n);

/** "2026-01-01" → « 1 janv. 2026 »; anything else is quoted as typed. */
export function formatDateFr(iso: string): string {
  return isCalendarDate(iso) ? dateFormat.format(new Date(`${iso}T00:00:00Z`)) : quote(iso);
}

/** A field as a French noun phrase with its article, for agreement (« la ville est renseignée »). */
export interface Noun {
  readonly text: string;
  readonly feminine: boolean;
  readonly plural: boolean;
  /** Amounts in cents or in euros read as money. */
  readonly unit?: 'cents' | 'euros';
}
const masc = (text: string, unit?: Noun['unit']): Noun => ({
  text,
  feminine: false,
  plural: false,
  ...(unit ? { unit } : {}),
});
const fem = (text: string, unit?: Noun['unit']): Noun => ({
  ...masc(text, unit),
  feminine: true,
});
const mascPlural = (text: string): Noun => ({ ...masc(text), plural: true });

/** Every field the catalogue knows today; a field missing here reads « le champ « <label> » ». */
const NOUNS: ReadonlyMap<string, Noun> = new Map([
  ['customer.first_name', masc('le prénom')],
  ['customer.last_name', masc('le nom')],
  ['customer.email', fem('l’adresse e-mail')],
  ['customer.phone', masc('le numéro de téléphone')],
  ['customer.gender', masc('le genre')],
  ['customer.birth_date', fem('la date de naissance')],
  ['customer.city', fem('la ville')],
  ['customer.postcode', masc('le code postal')],
  ['customer.country', masc('le pays')],
  ['customer.loyalty_tier', masc('le niveau de fidélité')],
  ['customer.created_at', fem('la date d’inscription')],
  ['customer.language', fem('la langue')],
  ['order.channel', masc('le canal')],
  ['order.store_id', masc('le magasin')],
  ['order.status', masc('le statut')],
  ['order.promo_code', masc('le code promo')],
  ['order.payment_method', masc('le moyen de paiement')],
  ['order.placed_at', fem('la date')],
  ['order.total_cents', masc('le montant', 'cents')],
  ['line.sku', fem('la référence')],
  ['line.qty', fem('la quantité')],
  ['line.unit_price_cents', masc('le prix unitaire', 'cents')],
  ['line.category', fem('la catégorie')],
  ['line.subcategory', fem('la sous-catégorie')],
  ['line.format', masc('le format')],
  ['line.brand', fem('la marque')],
  ['aggregate.order_count', masc('le nombre de commandes')],
  ['aggregate.total_spend_cents', masc('le montant total dépensé', 'cents')],
  ['aggregate.average_order_cents', masc('le panier moyen', 'cents')],
  ['aggregate.days_since_last_order', masc('le nombre de jours depuis la dernière commande')],
  ['aggregate.promo_share', fem('la part de commandes avec promotion')],
  ['aggregate.favourite_category', fem('la catégorie préférée')],
  ['aggregate.channels_used', mascPlural('les canaux utilisés')],
  ['aggregate.payment_methods_used', mascPlural('les moyens de paiement utilisés')],
  ['score.propensity_30d', fem('la propension d’achat à 30 jours (%)')],
  ['score.propensity_90d', fem('la propension d’achat à 90 jours (%)')],
  ['score.churn_band', masc('le risque de départ')],
  ['score.clv_12m', fem('la valeur prévue sur 12 mois', 'euros')],
  ['score.clv_cents', fem('la valeur client prévue', 'cents')],
  ['score.days_to_next_order', masc('le nombre de jours avant la prochaine commande (médiane)')],
  ['score.rfm_cell', masc('le segment RFM')],
]);

export function nounOf(id: string, field: FieldInfo | undefined, unknown: string): Noun {
  const known = NOUNS.get(id);
  if (known) return known;
  if (id.startsWith('property.') && field) return fem(`la propriété ${quote(field.label)}`);
  return masc(`${unknown} ${quote(field?.label ?? id)}`);
}

/** Where an order was placed, with its preposition. */
export const CHANNEL_PLACES: ReadonlyMap<string, string> = new Map([
  ['store', 'en magasin'],
  ['web', 'sur le web'],
  ['app', 'sur l’application'],
  ['call_centre', 'par le centre d’appels'],
]);

/** The places of channel codes, or undefined when one is not a known channel. */
export function placesOf(values: readonly Scalar[]): string[] | undefined {
  const places: string[] = [];
  for (const v of values) {
    const place = typeof v === 'string' ? CHANNEL_PLACES.get(v) : undefined;
    if (place === undefined) return undefined;
    places.push(place);
  }
  return places;
}

export function joinPlaces(places: readonly string[], last: 'ou' | 'et'): string {
  if (places.length < 2) return places.join('');
  return `${places.slice(0, -1).join(', ')} ${last} ${places.at(-1)}`;
}

/** An event as a past participle and its object, and the object after a negation (« d’e-mail »). */
export interface EventWords {
  readonly done: string;
  readonly notDone: string;
}
export const event = (done: string, notDone = done): EventWords => ({ done, notDone });
export const EVENTS: ReadonlyMap<string, EventWords> = new Map([
  ['page_view', event('consulté une page', 'consulté de page')],
  ['product_view', event('consulté un produit', 'consulté de produit')],
  ['search', event('fait une recherche', 'fait de recherche')],
  ['cart_add', event('ajouté un article au panier', 'ajouté d’article au panier')],
  ['email_open', event('ouvert un e-mail', 'ouvert d’e-mail')],
  ['email_click', event('cliqué dans un e-mail')],
  ['push_open', event('ouvert une notification push', 'ouvert de notification push')],
  ['app_open', event('ouvert l’application')],
  ['store_visit', event('visité un magasin', 'visité de magasin')],
  ['call_centre_contact', event('contacté le centre d’appels')],
  ['chat', event('échangé par chat')],
  ['social_mention', event('parlé de nous sur les réseaux sociaux')],
  ['review', event('rédigé un avis', 'rédigé d’avis')],
]);

export const CONSENT_CHANNELS = {
  email: 'par e-mail',
  sms: 'par SMS',
  push: 'par notification push',
  phone: 'par téléphone',
} as const;

export const agree = (noun: Noun, adjective: string) =>
  `${adjective}${noun.feminine ? 'e' : ''}${noun.plural && !adjective.endsWith('s') ? 's' : ''}`;
export const is = (noun: Noun) => (noun.plural ? 'sont' : 'est');
export const isNot = (noun: Noun) => (noun.plural ? 'ne sont pas' : 'n’est pas');
export const conjugate = (noun: Noun, one: string, many: string) => (noun.plural ? many : one);
/** The verb with « ne » before « pas », « ni » or « aucune »: « n’est », « ne comprennent ». */
export const doesNot = (noun: Noun, set: boolean) =>
  set ? conjugate(noun, 'ne comprend', 'ne comprennent') : conjugate(noun, 'n’est', 'ne sont');
