// The personalisation context's fields, as data: the one list a template may read (anything else
// renders empty and is reported), served by the API for the editor's autocompletion. A path names a
// list's items with `[]`: `recommendations[].title` is `{{ r.title }}` inside
// `{% for r in recommendations %}`, or `{{ recommendations[0].title }}`.
import { loyaltyTier, messageChannel, orderChannel, productCategory } from '../profile/schema.ts';
import { CHURN_BANDS } from '../analytics/churn.ts';
import { RFM_CELLS } from '../analytics/rfm.ts';
import type { TemplateFieldType } from './codes.ts';

export { templateFieldTypes, type TemplateFieldType } from './codes.ts';

export interface TemplateField {
  path: string;
  type: TemplateFieldType;
  /** The values of an enum field, as the template compares them (`== 'gold'`). */
  values?: readonly string[];
  /**
   * A salutation field: besides an empty value, junk ("XXX", "test", one letter, all capitals, the
   * e-mail's local part, digits) uses the template's `default`.
   */
  salutation?: boolean;
  description: { fr: string; en: string };
  /** A value as a template would see it, for the editor's hints. */
  example: string | number | null;
}

const field = (
  path: string,
  type: TemplateFieldType,
  fr: string,
  en: string,
  example: string | number | null,
  more: Pick<TemplateField, 'values' | 'salutation'> = {},
): TemplateField => ({ path, type, description: { fr, en }, example, ...more });

export const templateFields: readonly TemplateField[] = [
  field('customer', 'object', 'Le client destinataire', 'The recipient', null),
  field(
    'customer.first_name',
    'text',
    'Prénom, tel que saisi (capitalize le remet en casse normale)',
    'First name as recorded (capitalize normal-cases it)',
    'Olivier',
    { salutation: true },
  ),
  field(
    'customer.last_name',
    'text',
    'Nom, tel que saisi (capitalize le remet en casse normale)',
    'Last name as recorded (capitalize normal-cases it)',
    'Martin',
    { salutation: true },
  ),
  field(
    'customer.civility',
    'text',
    'Civilité dans la langue du message (« Madame », « Monsieur ») ; vide si inconnue',
    'Title in the message’s language (“Ms”, “Mr”); empty when unknown',
    'Monsieur',
  ),
  field('customer.city', 'text', 'Ville', 'City', 'Lyon'),
  field('customer.language', 'enum', 'Langue du client', 'The customer’s language', 'fr', {
    values: ['fr', 'en'],
  }),
  field(
    'customer.loyalty_tier',
    'enum',
    'Niveau de fidélité (code)',
    'Loyalty tier (code)',
    'gold',
    {
      values: loyaltyTier.options,
    },
  ),
  field(
    'customer.loyalty_tier_name',
    'text',
    'Niveau de fidélité dans la langue du message (« Or ») ; vide sans niveau',
    'Loyalty tier in the message’s language (“Gold”); empty without a tier',
    'Or',
  ),
  field(
    'customer.favourite_category',
    'text',
    'Catégorie préférée (la plus achetée en quantité), dans la langue du message',
    'Favourite category (most bought by quantity), in the message’s language',
    'Films',
  ),
  field(
    'customer.favourite_category_code',
    'enum',
    'Catégorie préférée (code)',
    'Favourite category (code)',
    'films',
    { values: productCategory.options },
  ),
  field(
    'customer.preferences',
    'object',
    'Ce que le client nous a déclaré',
    'What the customer told us',
    null,
  ),
  field(
    'customer.preferences.interests',
    'list',
    'Centres d’intérêt déclarés, dans la langue du message',
    'Declared interests, in the message’s language',
    'Films',
  ),
  field(
    'customer.preferences.preferred_channel',
    'enum',
    'Canal préféré déclaré (le plus récent)',
    'Declared preferred channel (the latest)',
    'email',
    { values: ['email', 'sms', 'push', 'store', 'web'] },
  ),
  field(
    'customer.preferences.contact_frequency',
    'enum',
    'Fréquence de contact déclarée (la plus récente)',
    'Declared contact frequency (the latest)',
    'monthly',
    { values: ['weekly', 'monthly', 'quarterly'] },
  ),
  field(
    'customer.scores',
    'object',
    'Scores des modèles ; vide sans modèle',
    'Model scores; empty without a model',
    null,
  ),
  field('customer.scores.churn_band', 'enum', 'Risque d’attrition', 'Churn risk band', 'low', {
    values: CHURN_BANDS,
  }),
  field('customer.scores.rfm_cell', 'enum', 'Cellule RFM', 'RFM cell', 'champions', {
    values: RFM_CELLS,
  }),
  field(
    'customer.scores.purchase_probability',
    'number',
    'Probabilité d’achat sur l’horizon du modèle (0 à 1)',
    'Probability of a purchase over the model’s horizon (0 to 1)',
    0.42,
  ),
  field(
    'customer.scores.predicted_clv',
    'money',
    'Valeur client prédite, en centimes',
    'Predicted customer lifetime value, in cents',
    18450,
  ),
  field(
    'customer.scores.next_order_date',
    'date',
    'Date attendue de la prochaine commande',
    'Expected date of the next order',
    '2026-12-14',
  ),
  field(
    'customer.last_order',
    'object',
    'Dernière commande aboutie ; vide sans commande',
    'Latest completed order; empty without one',
    null,
  ),
  field(
    'customer.last_order.date',
    'date',
    'Date de la commande',
    'Order date',
    '2026-11-02T15:04:00.000Z',
  ),
  field('customer.last_order.total', 'money', 'Montant, en centimes', 'Total, in cents', 4598),
  field('customer.last_order.channel', 'enum', 'Canal de la commande', 'Order channel', 'store', {
    values: orderChannel.options,
  }),
  field('customer.last_order.items', 'list', 'Articles de la commande', 'The order’s items', null),
  field('customer.last_order.items[].title', 'text', 'Titre de l’article', 'Item title', 'Dune'),
  field('customer.last_order.items[].quantity', 'number', 'Quantité', 'Quantity', 1),
  field(
    'customer.last_order.items[].price',
    'money',
    'Prix unitaire payé, en centimes',
    'Unit price paid, in cents',
    2299,
  ),
  field(
    'customer.last_order.items[].category',
    'text',
    'Catégorie, dans la langue du message',
    'Category, in the message’s language',
    'Livres',
  ),
  field(
    'offer',
    'object',
    'L’offre de la campagne ; vide sans offre',
    'The campaign’s offer; empty without one',
    null,
  ),
  field('offer.title', 'text', 'Intitulé de l’offre', 'Offer title', 'Le coffret Blu-ray'),
  field('offer.price', 'money', 'Prix de l’offre, en centimes', 'Offer price, in cents', 9999),
  field(
    'offer.regular_price',
    'money',
    'Prix habituel, en centimes (« au lieu de »)',
    'Usual price, in cents (“instead of”)',
    10032,
  ),
  field('offer.discount_percent', 'number', 'Remise en %', 'Discount in %', 10),
  field('offer.discount_amount', 'money', 'Remise en centimes', 'Discount in cents', 500),
  field('offer.valid_from', 'date', 'Début de validité', 'Valid from', '2026-12-01'),
  field('offer.valid_to', 'date', 'Fin de validité', 'Valid until', '2026-12-24'),
  field('offer.url', 'url', 'Lien vers l’offre', 'Link to the offer', 'https://shop.example/offre'),
  field(
    'recommendations',
    'list',
    'Produits recommandés pour ce client',
    'Products recommended for this customer',
    null,
  ),
  field(
    'recommendations[].title',
    'text',
    'Titre du produit',
    'Product title',
    'Manette DualSense',
  ),
  field('recommendations[].price', 'money', 'Prix, en centimes', 'Price, in cents', 6999),
  field(
    'recommendations[].reason',
    'text',
    'Pourquoi ce produit, en mots',
    'Why this product, in words',
    'Va avec la PS5 achetée le 12 mars',
  ),
  field(
    'recommendations[].url',
    'url',
    'Lien vers le produit',
    'Link to the product',
    'https://shop.example/p/1',
  ),
  field(
    'recommendations[].image_url',
    'url',
    'Image du produit',
    'Product image',
    'https://shop.example/i/1.jpg',
  ),
  field(
    'recommendations[].category',
    'text',
    'Catégorie, dans la langue du message',
    'Category, in the message’s language',
    'Consoles',
  ),
  field('campaign', 'object', 'La campagne', 'The campaign', null),
  field('campaign.name', 'text', 'Nom de la campagne', 'Campaign name', 'Rentrée films'),
  field('campaign.channel', 'enum', 'Canal de la campagne', 'Campaign channel', 'email', {
    values: messageChannel.options,
  }),
  field(
    'unsubscribe_url',
    'url',
    'Lien de désinscription propre au destinataire',
    'The recipient’s own unsubscribe link',
    'https://unsubscribe.invalid/preview',
  ),
];

const byPath = new Map(templateFields.map((f) => [f.path, f]));

/** The listed field at `path` (`recommendations[].title`), if any. */
export function templateField(path: string): TemplateField | undefined {
  return byPath.get(path);
}

/** Paths of the fields whose junk values fall back to `default`. */
export const salutationFields: ReadonlySet<string> = new Set(
  templateFields.filter((f) => f.salutation === true).map((f) => f.path),
);
