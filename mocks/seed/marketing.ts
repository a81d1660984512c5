// Offers, campaigns and saved segments: the marketing side of the reference data, from the seed
// alone. Sent campaigns carry a send instant the customers' messages are generated from.
import type {
  Campaign,
  MessageChannel,
  Offer,
  ProductCategory,
  Segment,
} from '../../src/domain/profile/schema.ts';
import type { Catalogue } from './catalogue.ts';
import { CATEGORY_ORDER, PROMOTED_PRICE_CENTS, PROMOTED_SKU, launchedBy } from './catalogue.ts';
import { Rng, cumulative, hashInts, itemAt } from './random.ts';
import { DAY, HOUR, YEAR, dayStart, instantMs, iso } from './time.ts';
import { ATTRIBUTION_WINDOW_DAYS } from '../../src/domain/analytics/campaigns.ts';

export const DEMO_CAMPAIGN_ID = 'cmp_coffret_noel';
export const PROMOTED_OFFER_ID = 'off_coffret_noel';
/** The "discounted" price of the promoted coffret: 99.99 € instead of 100.32 €. */
export const PROMOTED_OFFER_PRICE_CENTS = 9_999;
/** The box set offered at the till before its launch by e-mail; the planted decliners said no. */
export const BOX_SET_PREVIEW_OFFER_ID = 'off_coffret_avant_premiere';
/** The preview's price at the till: 89.99 € instead of 100.32 €. */
export const BOX_SET_PREVIEW_PRICE_CENTS = 8_999;
/** The preview ran from 35 to 5 days before as-of. */
export const BOX_SET_PREVIEW_DAYS = { from: 35, to: 5 } as const;
/** A draft whose offer has already expired. */
export const EXPIRED_OFFER_CAMPAIGN_ID = 'cmp_relance_bd';
/** The daily automations that contact-pressure abusers receive on every channel. */
export const PRESSURE_CAMPAIGN_IDS: Record<MessageChannel, string> = {
  email: 'cmp_relance_quotidienne_email',
  sms: 'cmp_relance_quotidienne_sms',
  push: 'cmp_relance_quotidienne_push',
  web_banner: 'cmp_relance_quotidienne_banniere',
};

export const DEMO_CAMPAIGN_TEMPLATE = `{{ customer.first_name | default: 'Bonjour' }}, c'est nouveau, il vous les faut !

Bonjour {{ customer.first_name }},

La trilogie du Seigneur des Anneaux en version longue, réunie dans un coffret Blu-ray :
{{ offer.title }}.
{% if recommendations[0] %}Vous aimerez aussi : {{ recommendations[0].title }}.{% endif %}

À très vite chez Tact !`;

/**
 * What a past campaign with a holdout truly did to the chance that a customer it targeted orders
 * within the attribution window: `lift`, a treated target who would not have ordered does, with
 * this probability; `loss`, a treated target who would have ordered does not (the order is not
 * placed), with this probability; `none`, nothing. The manifest states each campaign's resulting
 * true uplift (customer/experiments.ts).
 */
export type PlantedEffect =
  { kind: 'lift'; probability: number } | { kind: 'none' } | { kind: 'loss'; probability: number };

/** A sent campaign that kept a holdout: each target is held out with `holdoutShare`. */
export interface Experiment {
  holdoutShare: number;
  effect: PlantedEffect;
}

/** The lifts of the planted experiments, most recent first (between the zero and the loss). */
const LIFTS = [0.06, 0.1, 0.04, 0.08] as const;
/** The over-contacting campaign: sent to nearly everyone it could reach, it cost orders. */
const OVER_CONTACTING_SHARE = 0.95;

/** The effect planted in the `rank`-th most recent experiment: one zero, one loss, lifts. */
function plantedEffect(rank: number): PlantedEffect {
  if (rank === 1) return { kind: 'none' };
  if (rank === 3) return { kind: 'loss', probability: 0.6 };
  return { kind: 'lift', probability: itemAt(LIFTS, rank % LIFTS.length) };
}

const withHoldout = (share: number, kept: boolean) => (kept ? share : 0);

/** A campaign that went out, with what the generator needs to address its messages. */
export interface Send {
  campaign: Campaign;
  channel: MessageChannel;
  sendMs: number;
  offer: Offer | null;
  /** Share of the eligible customers it targeted. */
  share: number;
  /** Customers fond of this category are likelier to be targeted. */
  focus: ProductCategory | null;
  /** Its holdout and true effect when it kept one; null otherwise. */
  experiment: Experiment | null;
}

export interface Marketing {
  offers: Offer[];
  campaigns: Campaign[];
  segments: Segment[];
  /** Sent campaigns in send order. */
  sends: Send[];
  /** Offers proposed at the till, one a quarter, back to back. */
  storeOffers: Offer[];
  promotedOffer: Offer;
  /** The box set at the till before the campaign (planted decliners only). */
  boxSetPreviewOffer: Offer;
  /** Each offer's validity in epoch milliseconds, both ends included. */
  validity: Map<string, { from: number; to: number }>;
}

const AUTHORS = [
  'Camille Roux',
  'Julien Perrin',
  'Sophie Lambert',
  'Karim Haddad',
  'Élodie Marchal',
];

const THEMES: readonly { name: string; slug: string; pitch: string }[] = [
  { name: 'Soldes d’hiver', slug: 'soldes_hiver', pitch: 'les soldes d’hiver commencent' },
  { name: 'Saint-Valentin', slug: 'saint_valentin', pitch: 'des idées pour la Saint-Valentin' },
  { name: 'Printemps du livre', slug: 'printemps_livre', pitch: 'le printemps du livre est là' },
  {
    name: 'Nouveautés cinéma',
    slug: 'nouveautes_cinema',
    pitch: 'les films du moment en Blu-ray et 4K',
  },
  { name: 'Fête des mères', slug: 'fete_meres', pitch: 'pour la fête des mères' },
  {
    name: 'Fête de la musique',
    slug: 'fete_musique',
    pitch: 'vinyles et CD pour la fête de la musique',
  },
  { name: 'Soldes d’été', slug: 'soldes_ete', pitch: 'les soldes d’été' },
  { name: 'Lectures d’été', slug: 'lectures_ete', pitch: 'vos lectures pour l’été' },
  { name: 'Rentrée', slug: 'rentree', pitch: 'c’est la rentrée' },
  {
    name: 'Jeux vidéo de l’automne',
    slug: 'jeux_automne',
    pitch: 'les grosses sorties jeux vidéo',
  },
  { name: 'Black Friday', slug: 'black_friday', pitch: 'le Black Friday' },
  { name: 'Idées cadeaux de Noël', slug: 'noel', pitch: 'vos cadeaux de Noël' },
];

const THEME_FOCUS: readonly (ProductCategory | null)[] = [
  null,
  null,
  'books',
  'films',
  null,
  'music',
  null,
  'books',
  'books',
  'video_games',
  'hifi',
  null,
];

const CHANNEL_WEIGHTS = cumulative([55, 15, 15, 15]);
const CHANNELS: readonly MessageChannel[] = ['email', 'sms', 'push', 'web_banner'];
const CATEGORY_LABELS: Record<ProductCategory, string> = {
  books: 'les livres',
  music: 'la musique',
  films: 'les films',
  video_games: 'les jeux vidéo',
  consoles: 'les consoles',
  gaming_accessories: 'les accessoires de jeu',
  hifi: 'la hi-fi',
  phones: 'les téléphones',
};

function template(channel: MessageChannel, pitch: string, rng: Rng): string {
  switch (channel) {
    case 'email':
      return rng.chance(0.5)
        ? `Bonjour {{ customer.first_name | default: "à vous" }},\n\nChez Tact, ${pitch} !\n{% if offer %}{{ offer.title }}{% endif %}\n{% if recommendations[0] %}Notre sélection pour vous : {{ recommendations[0].title }}{% endif %}\n\nL’équipe Tact`
        : `{{ customer.first_name }}, ${pitch} !\n\n{% if offer %}{{ offer.title }}, jusqu’au {{ offer.valid_to | date: "%d/%m" }}.{% endif %}\n\nÀ bientôt chez Tact`;
    case 'sms':
      return `Tact : ${pitch} ! {% if offer %}{{ offer.title }}. {% endif %}STOP au 36111`;
    case 'push':
      return `{{ customer.first_name | default: "Bonjour" }}, ${pitch} 🎁`;
    default:
      return `${pitch.charAt(0).toUpperCase()}${pitch.slice(1)} — {% if offer %}{{ offer.title }}{% else %}découvrir{% endif %}`;
  }
}

function euros(cents: number): string {
  return `${Math.floor(cents / 100)},${String(cents % 100).padStart(2, '0')} €`;
}

export function buildMarketing(
  seed: number,
  asOfMs: number,
  windowStartMs: number,
  catalogue: Catalogue,
): Marketing {
  const rng = new Rng(hashInts(seed, 0x3a7c0de));
  const offers: Offer[] = [];
  const campaigns: Campaign[] = [];
  const sends: Send[] = [];

  const segments: Segment[] = [
    {
      segment_id: 'seg_cinephiles',
      name: 'Cinéphiles (films achetés sur 12 mois)',
      definition: {
        version: 1,
        root: {
          id: 'root',
          kind: 'group',
          negate: false,
          combinator: 'and',
          children: [
            {
              id: 'films_12_mois',
              kind: 'behaviour',
              negate: false,
              action: { type: 'order' },
              count: { operator: 'at_least', value: 1 },
              window: { type: 'last_days', days: 365 },
              filters: [{ field: 'line.category', test: { operator: 'equals', value: 'films' } }],
            },
          ],
        },
      },
    },
    {
      segment_id: 'seg_joueurs_ps5',
      name: 'Joueurs PS5',
      definition: {
        version: 1,
        root: {
          id: 'root',
          kind: 'group',
          negate: false,
          combinator: 'and',
          children: [
            {
              id: 'console_ps5',
              kind: 'behaviour',
              negate: false,
              action: { type: 'order' },
              count: { operator: 'at_least', value: 1 },
              window: { type: 'ever' },
              filters: [{ field: 'line.sku', test: { operator: 'equals', value: 'CO-PS5' } }],
            },
          ],
        },
      },
    },
    {
      segment_id: 'seg_fideles_or',
      name: 'Fidèles Or et Platine',
      definition: {
        version: 1,
        root: {
          id: 'root',
          kind: 'group',
          negate: false,
          combinator: 'and',
          children: [
            {
              id: 'or_platine',
              kind: 'attribute',
              negate: false,
              field: 'customer.loyalty_tier',
              test: { operator: 'in', values: ['gold', 'platinum'] },
            },
          ],
        },
      },
    },
    {
      segment_id: 'seg_inactifs_6_mois',
      name: 'Inactifs depuis 6 mois',
      definition: {
        version: 1,
        root: {
          id: 'root',
          kind: 'group',
          negate: false,
          combinator: 'and',
          children: [
            {
              id: 'sans_achat_180_jours',
              kind: 'aggregate',
              negate: false,
              measure: 'days_since_last_order',
              window: { type: 'ever' },
              test: { operator: 'gt', value: 180 },
            },
          ],
        },
      },
    },
    {
      segment_id: 'seg_nouveaux_inscrits',
      name: 'Nouveaux inscrits (30 jours)',
      definition: {
        version: 1,
        root: {
          id: 'root',
          kind: 'group',
          negate: false,
          combinator: 'and',
          children: [
            {
              id: 'inscrits_30_jours',
              kind: 'attribute',
              negate: false,
              field: 'customer.created_at',
              test: { operator: 'in_last_days', days: 30 },
            },
          ],
        },
      },
    },
    {
      segment_id: 'seg_optin_email',
      name: 'Joignables par e-mail',
      definition: {
        version: 1,
        root: {
          id: 'root',
          kind: 'group',
          negate: false,
          combinator: 'and',
          children: [
            {
              id: 'consentement_email',
              kind: 'reachability',
              negate: false,
              check: { type: 'consent', channel: 'email' },
            },
          ],
        },
      },
    },
  ].map((s, i) => ({
    ...s,
    version: 1 + (i % 3),
    author: itemAt(AUTHORS, i % AUTHORS.length),
    updated_at: iso(dayStart(asOfMs - (20 + 37 * i) * DAY) + 10 * HOUR),
  }));

  // In-store offers, one per quarter, back to back across the whole window and beyond as-of.
  const storeOffers: Offer[] = [];
  const firstYear = new Date(windowStartMs).getUTCFullYear();
  const firstQuarter = Math.floor(new Date(windowStartMs).getUTCMonth() / 3);
  for (let q = 0; ; q += 1) {
    const year = firstYear + Math.floor((firstQuarter + q) / 4);
    const quarter = (firstQuarter + q) % 4;
    const from = Date.UTC(year, quarter * 3, 1);
    const to = Date.UTC(year, quarter * 3 + 3, 1) - 1;
    if (from > asOfMs + 60 * DAY) break;
    const category = itemAt(CATEGORY_ORDER, (q * 3) % CATEGORY_ORDER.length);
    const percent = rng.pick([10, 15, 20]);
    const offer: Offer = {
      offer_id: `off_magasin_${year}_t${quarter + 1}`,
      title: `Carte Tact : −${percent} % sur ${CATEGORY_LABELS[category]} en magasin`,
      sku: null,
      category,
      discount_percent: percent,
      discount_cents: null,
      currency: 'EUR',
      valid_from: iso(from),
      valid_to: iso(to),
    };
    storeOffers.push(offer);
    offers.push(offer);
  }

  // Sent campaigns, every six to nine weeks; the last year is richer in e-mails with offers.
  const slugs = new Set<string>();
  for (
    let day = dayStart(windowStartMs + 75 * DAY);
    day < asOfMs - 5 * DAY;
    day += rng.uniform(38, 62) * DAY
  ) {
    const sendDay = dayStart(day);
    const month = new Date(sendDay).getUTCMonth();
    const theme = itemAt(THEMES, month);
    const recent = sendDay > asOfMs - YEAR;
    const channel =
      recent && rng.chance(0.6) ? 'email' : itemAt(CHANNELS, rng.weighted(CHANNEL_WEIGHTS));
    const sendMs = sendDay + (channel === 'sms' ? 16 : 8) * HOUR + rng.int(30) * 60_000;
    const hasOffer = channel !== 'push' && rng.chance(recent && channel === 'email' ? 0.85 : 0.45);
    const focus = itemAt(THEME_FOCUS, month);
    let offer: Offer | null = null;
    const stamp = iso(sendDay).slice(0, 7).replace('-', '_');
    let slug = `${stamp}_${theme.slug}_${channel}`;
    if (slugs.has(slug)) slug = `${slug}_2`;
    slugs.add(slug);
    if (hasOffer) offer = campaignOffer(rng, catalogue, slug, sendMs, focus);
    if (offer) offers.push(offer);
    const campaign: Campaign = {
      campaign_id: `cmp_${slug}`,
      name: `${theme.name} ${new Date(sendDay).getUTCFullYear()} — ${channelLabel(channel)}`,
      channel,
      template: template(channel, theme.pitch, rng),
      offer_id: offer?.offer_id ?? null,
      recommendation_slot: channel === 'email' && rng.chance(0.5),
      segment_id: rng.chance(0.5) ? rng.pick(segments).segment_id : null,
      // Holdouts were kept from two years before as-of on: each such campaign is an experiment.
      holdout_share: withHoldout(rng.pick([0, 0.1, 0.2]), sendDay > asOfMs - 2 * YEAR),
      status: 'sent',
      version: rng.between(1, 3),
      author: rng.pick(AUTHORS),
      updated_at: iso(sendMs - rng.uniform(1, 5) * DAY),
    };
    campaigns.push(campaign);
    sends.push({
      campaign,
      channel,
      sendMs,
      offer,
      share: rng.uniform(0.25, 0.6),
      focus,
      experiment: null,
    });
  }
  // Every sent campaign with a holdout whose attribution window closed before as-of is a planted
  // experiment; the most recent ones carry the zero and the loss, so a year's view shows them.
  const experiments = sends
    .filter(
      (send) =>
        send.campaign.holdout_share > 0 &&
        send.sendMs + ATTRIBUTION_WINDOW_DAYS * DAY < asOfMs - 5 * DAY,
    )
    .reverse();
  experiments.forEach((send, rank) => {
    const effect = plantedEffect(rank);
    send.experiment = { holdoutShare: send.campaign.holdout_share, effect };
    if (effect.kind === 'loss') send.share = OVER_CONTACTING_SHARE;
  });

  for (const channel of CHANNELS) {
    campaigns.push({
      campaign_id: PRESSURE_CAMPAIGN_IDS[channel],
      name: `Relance quotidienne — ${channelLabel(channel)} (automatisation)`,
      channel,
      template: template(channel, 'nos meilleures offres du jour', rng),
      offer_id: null,
      recommendation_slot: channel === 'email',
      segment_id: null,
      holdout_share: 0,
      status: 'sent',
      version: 1,
      author: 'Julien Perrin',
      updated_at: iso(dayStart(asOfMs - 45 * DAY) + 9 * HOUR),
    });
  }

  const promotedOffer: Offer = {
    offer_id: PROMOTED_OFFER_ID,
    title: `Le coffret Blu-ray Le Seigneur des Anneaux à ${euros(PROMOTED_OFFER_PRICE_CENTS)} au lieu de ${euros(PROMOTED_PRICE_CENTS)}`,
    sku: PROMOTED_SKU,
    category: null,
    discount_percent: null,
    discount_cents: PROMOTED_PRICE_CENTS - PROMOTED_OFFER_PRICE_CENTS,
    currency: 'EUR',
    valid_from: iso(dayStart(asOfMs)),
    valid_to: iso(dayStart(asOfMs) + 45 * DAY - 1),
  };
  const expiredOffer: Offer = {
    offer_id: 'off_rentree_bd',
    title: 'Rentrée BD : −20 % sur les bandes dessinées',
    sku: null,
    category: 'books',
    discount_percent: 20,
    discount_cents: null,
    currency: 'EUR',
    valid_from: iso(dayStart(asOfMs - 75 * DAY)),
    valid_to: iso(dayStart(asOfMs - 30 * DAY) - 1),
  };
  const blackFridayOffer: Offer = {
    offer_id: 'off_black_friday_sms',
    title: 'Black Friday : −30 % sur une sélection de casques',
    sku: null,
    category: 'hifi',
    discount_percent: 30,
    discount_cents: null,
    currency: 'EUR',
    valid_from: iso(dayStart(asOfMs + 10 * DAY)),
    valid_to: iso(dayStart(asOfMs + 14 * DAY) - 1),
  };
  const boxSetPreviewOffer: Offer = {
    offer_id: BOX_SET_PREVIEW_OFFER_ID,
    title: `Avant-première en magasin : le coffret Blu-ray Le Seigneur des Anneaux à ${euros(BOX_SET_PREVIEW_PRICE_CENTS)}`,
    sku: PROMOTED_SKU,
    category: null,
    discount_percent: null,
    discount_cents: PROMOTED_PRICE_CENTS - BOX_SET_PREVIEW_PRICE_CENTS,
    currency: 'EUR',
    valid_from: iso(dayStart(asOfMs - BOX_SET_PREVIEW_DAYS.from * DAY)),
    valid_to: iso(dayStart(asOfMs - BOX_SET_PREVIEW_DAYS.to * DAY) - 1),
  };
  offers.push(promotedOffer, expiredOffer, blackFridayOffer, boxSetPreviewOffer);
  campaigns.push(
    {
      campaign_id: DEMO_CAMPAIGN_ID,
      name: 'Coffret Seigneur des Anneaux — Noël',
      channel: 'email',
      template: DEMO_CAMPAIGN_TEMPLATE,
      offer_id: PROMOTED_OFFER_ID,
      recommendation_slot: true,
      segment_id: 'seg_cinephiles',
      holdout_share: 0.1,
      status: 'draft',
      version: 3,
      author: 'Camille Roux',
      updated_at: iso(dayStart(asOfMs - 2 * DAY) + 15 * HOUR + 12 * 60_000),
    },
    {
      campaign_id: EXPIRED_OFFER_CAMPAIGN_ID,
      name: 'Relance rentrée BD',
      channel: 'email',
      template: template('email', 'la BD fait sa rentrée', rng),
      offer_id: expiredOffer.offer_id,
      recommendation_slot: false,
      segment_id: null,
      holdout_share: 0.05,
      status: 'draft',
      version: 1,
      author: 'Sophie Lambert',
      updated_at: iso(dayStart(asOfMs - 40 * DAY) + 11 * HOUR),
    },
    {
      campaign_id: 'cmp_black_friday_sms',
      name: 'Black Friday — SMS',
      channel: 'sms',
      template: template('sms', 'le Black Friday commence', rng),
      offer_id: blackFridayOffer.offer_id,
      recommendation_slot: false,
      segment_id: 'seg_fideles_or',
      holdout_share: 0.05,
      status: 'scheduled',
      version: 2,
      author: 'Karim Haddad',
      updated_at: iso(dayStart(asOfMs - DAY) + 17 * HOUR),
    },
  );
  const validity = new Map(
    offers.map((o) => [o.offer_id, { from: instantMs(o.valid_from), to: instantMs(o.valid_to) }]),
  );
  return {
    offers,
    campaigns,
    segments,
    sends,
    storeOffers,
    promotedOffer,
    boxSetPreviewOffer,
    validity,
  };
}

function channelLabel(channel: MessageChannel): string {
  return { email: 'e-mail', sms: 'SMS', push: 'notification', web_banner: 'bannière web' }[channel];
}

function campaignOffer(
  rng: Rng,
  catalogue: Catalogue,
  slug: string,
  sendMs: number,
  focus: ProductCategory | null,
): Offer {
  const validFrom = dayStart(sendMs - 3 * DAY);
  const validTo = dayStart(sendMs + rng.between(14, 30) * DAY) - 1;
  const category = focus ?? rng.pick(CATEGORY_ORDER);
  const base = {
    offer_id: `off_${slug}`,
    currency: 'EUR' as const,
    valid_from: iso(validFrom),
    valid_to: iso(validTo),
  };
  const shelf = catalogue.shelves.get(category);
  const launched = shelf ? launchedBy(shelf, validFrom) : 0;
  if (shelf && launched > 0 && rng.chance(0.5)) {
    const product = itemAt(shelf.items, launched - 1 - rng.int(Math.min(launched, 30)));
    if (product.sku !== PROMOTED_SKU) {
      const byCents = rng.chance(0.5);
      const off = byCents
        ? Math.max(100, Math.round((product.price_cents * 0.15) / 100) * 100)
        : null;
      const percent = byCents ? null : rng.pick([10, 15, 20, 25]);
      return {
        ...base,
        title: byCents
          ? `${euros(off ?? 0)} de remise sur ${product.title}`
          : `−${percent} % sur ${product.title}`,
        sku: product.sku,
        category: null,
        discount_percent: percent,
        discount_cents: off,
      };
    }
  }
  const percent = rng.pick([10, 15, 20]);
  return {
    ...base,
    title: `−${percent} % sur ${CATEGORY_LABELS[category]}`,
    sku: null,
    category,
    discount_percent: percent,
    discount_cents: null,
  };
}
