// Who a customer is and how they behave: name, contact details (with planted faults), home store,
// channel mix, category tastes and the parameters of their purchase process.
import type { OrderChannel, ProductCategory, Store } from '../../src/domain/profile/schema.ts';
import { CATEGORY_ORDER } from './catalogue.ts';
import type { Faults } from './faults.ts';
import { JUNK_FIRST_NAMES, breakEmail } from './faults.ts';
import {
  CITIES,
  FEMALE_FIRST_NAMES,
  LAST_NAMES,
  MALE_FIRST_NAMES,
  STORES,
  asciiFold,
} from './france.ts';
import type { Household } from './stories.ts';
import { XSS_FIRST_NAME } from './stories.ts';
import { Rng, cumulative, hashInts, itemAt } from './random.ts';
import { DAY, YEAR, atChannelHour, isoDay } from './time.ts';
import type { World } from './world.ts';

/**
 * The purchase process every customer follows (BG/NBD, Fader, Hardie & Lee 2005): while alive, a
 * customer buys at their own rate λ ~ Gamma(r, α) per week and, after each purchase, drops out
 * with their own probability p ~ Beta(a, b). Spend per order follows Gamma-Gamma: each customer's
 * mean order value ν ~ Gamma(q, γ) euros, each order's target ~ Gamma(p_spend, ν / p_spend). The
 * realised basket picks real products near that target, so spend is only Gamma-Gamma-like.
 */
export const PURCHASE_MODEL = {
  r: 0.75,
  alpha_weeks: 4.8,
  a: 0.55,
  b: 6,
  spend_q: 3,
  spend_mean_euros: 30,
  spend_p: 3,
  /** Share of customers who sign up and never buy. */
  never_buy: 0.07,
} as const;

export const ORDER_CHANNELS: readonly OrderChannel[] = ['web', 'app', 'store', 'call_centre'];
const MIX_SHAPES = [1.2, 0.8, 1.4, 0.12];
const CATEGORY_BASE = [0.22, 0.14, 0.2, 0.16, 0.012, 0.05, 0.06, 0.04];
/** Durable goods are bought rarely, whatever the taste. */
const CATEGORY_CAP: Partial<Record<ProductCategory, number>> = {
  consoles: 0.03,
  phones: 0.06,
  hifi: 0.1,
};
const EMAIL_DOMAINS = [
  'gmail.com',
  'orange.fr',
  'free.fr',
  'hotmail.fr',
  'wanadoo.fr',
  'laposte.net',
  'sfr.fr',
  'outlook.fr',
  'yahoo.fr',
  'icloud.com',
];
const EMAIL_DOMAIN_WEIGHTS = cumulative([34, 16, 10, 10, 6, 6, 5, 5, 5, 3]);

export interface Person {
  index: number;
  id: string;
  gender: 'female' | 'male' | 'unspecified';
  /** Names as a clerk would have typed them correctly; `shownFirst`/`shownLast` carry the faults. */
  firstName: string;
  lastName: string;
  shownFirst: string | null;
  shownLast: string | null;
  email: string | null;
  emailValid: boolean;
  phone: string | null;
  birthDate: string | null;
  city: string;
  postcode: string;
  language: 'fr' | 'en';
  createdMs: number;
  signupChannel: OrderChannel;
  homeStore: Store;
  /** Cumulative weights over ORDER_CHANNELS. */
  channelMix: Float64Array;
  usesApp: boolean;
  usesWeb: boolean;
  appShareOnline: number;
  /** Cumulative weights over CATEGORY_ORDER, and the raw shares. */
  taste: Float64Array;
  tasteShares: number[];
  /** The console a gamer plays on, if any. */
  console: string | null;
  lambdaPerWeek: number;
  dropout: number;
  spendMeanCents: number;
  /** Chance of opening a marketing e-mail. */
  engagement: number;
  loyaltyCard: string | null;
  social: { network: string; handle: string } | null;
}

/** The household shared by two profiles: same last name, city, and one app device. */
export interface HouseholdTraits {
  lastName: string;
  cityIndex: number;
  postcode: string;
  device: string;
}

export function householdTraits(world: World, household: Household): HouseholdTraits {
  const rng = new Rng(hashInts(world.seed, household.pair, 0x4005e));
  const cityIndex = rng.weighted(world.cityWeights);
  return {
    lastName: rng.pick(LAST_NAMES),
    cityIndex,
    postcode: rng.pick(itemAt(CITIES, cityIndex).postcodes),
    device: `dev-${hashInts(world.seed, household.pair, 0xde).toString(16).padStart(8, '0')}-h${household.pair.toString(36)}`,
  };
}

export function customerId(index: number): string {
  return `C${String(index + 1).padStart(7, '0')}`;
}

/** `FID` and ten digits, unique per customer: a bijection of the index modulo 10^10. */
export function loyaltyCardNumber(world: World, index: number): string {
  const n = (index * 387_420_489 + world.cardOffset) % 10_000_000_000;
  return `FID${String(n).padStart(10, '0')}`;
}

function phoneNumber(rng: Rng): string {
  const pairs = Array.from({ length: 4 }, () => String(rng.int(100)).padStart(2, '0'));
  return `+33 ${rng.chance(0.8) ? 6 : 7} ${pairs.join(' ')}`;
}

function emailFor(rng: Rng, first: string, last: string): string {
  const f = asciiFold(first).replace(/[^a-z]/g, '');
  const l = asciiFold(last).replace(/[^a-z]/g, '');
  const domain = itemAt(EMAIL_DOMAINS, rng.weighted(EMAIL_DOMAIN_WEIGHTS));
  const number = String(rng.between(1, 99));
  const local = [
    `${f}.${l}`,
    `${f}.${l}${number}`,
    `${f.charAt(0)}${l}`,
    `${f}${l}${rng.between(60, 99)}`,
    `${f}_${l}`,
    `${l}.${f}${number}`,
  ][rng.weighted(EMAIL_PATTERN_WEIGHTS)];
  return `${local ?? `${f}.${l}`}@${domain}`;
}
const EMAIL_PATTERN_WEIGHTS = cumulative([30, 25, 15, 12, 8, 10]);

function normalised(values: number[]): number[] {
  const total = values.reduce((a, b) => a + b, 0);
  return values.map((v) => v / total);
}

export interface PersonOptions {
  index: number;
  faults: Faults;
  household: HouseholdTraits | null;
  xss: boolean;
  showcase: boolean;
  /** Latest allowed signup instant, from the stories the customer carries. */
  createdBefore: number;
  /** Stories that need a loyalty card, the app, or web browsing. */
  needsCard: boolean;
  needsApp: boolean;
}

export function drawPerson(world: World, rng: Rng, options: PersonOptions): Person {
  const { index, faults, household } = options;
  const g = rng.next();
  const gender = options.showcase ? 'male' : g < 0.5 ? 'female' : g < 0.97 ? 'male' : 'unspecified';
  const female = gender === 'female' || (gender === 'unspecified' && rng.chance(0.5));
  const firstName = options.showcase
    ? 'Olivier'
    : rng.pick(female ? FEMALE_FIRST_NAMES : MALE_FIRST_NAMES);
  const lastName = options.showcase ? 'Marchand' : (household?.lastName ?? rng.pick(LAST_NAMES));
  const cityIndex = options.showcase
    ? CITIES.findIndex((c) => c.name === 'Lyon')
    : (household?.cityIndex ?? rng.weighted(world.cityWeights));
  const city = itemAt(CITIES, cityIndex);
  const postcode = options.showcase ? '69003' : (household?.postcode ?? rng.pick(city.postcodes));

  const cleanEmail = emailFor(rng, firstName, lastName);
  const email =
    faults.email === 'missing_email'
      ? null
      : faults.email === 'invalid_email'
        ? breakEmail(rng, cleanEmail)
        : cleanEmail;
  const phone = faults.missingPhone ? null : phoneNumber(rng);
  let shownFirst: string | null = firstName;
  let shownLast: string | null = lastName;
  if (options.xss) shownFirst = XSS_FIRST_NAME;
  else if (faults.name === 'missing_first_name') shownFirst = null;
  else if (faults.name === 'junk_first_name') shownFirst = rng.pick(JUNK_FIRST_NAMES);
  else if (faults.name === 'all_caps_name') {
    shownFirst = firstName.toUpperCase();
    shownLast = lastName.toUpperCase();
  }

  const age = 17 + rng.beta(2, 3) * 66;
  const span = options.createdBefore - world.windowStartMs;
  const createdDay = Math.floor(world.windowStartMs + rng.next() * Math.max(span, DAY));
  const birthMs = world.asOfMs - age * YEAR - rng.int(365) * DAY;

  const localStores = world.storesByCity.get(city.name);
  const homeStore = localStores ? rng.pick(localStores) : rng.pick(STORES);
  const mix = MIX_SHAPES.map((shape, k) =>
    rng.gamma(k === 2 && !localStores ? shape * 0.4 : shape, 1),
  );
  const usesApp =
    options.needsApp || options.showcase || (mix[1] ?? 0) / mix.reduce((a, b) => a + b, 0) > 0.1;
  if (!usesApp) mix[1] = 0;
  if (options.showcase) mix.splice(0, 4, 0.3, 0.2, 0.4, 0.1);
  const shares = normalised(mix);
  const signupChannel = itemAt(ORDER_CHANNELS, rng.weighted(cumulative(shares)));
  // Signups happen when the channel is busy: shop hours in store, evenings online.
  let createdMs = atChannelHour(rng, createdDay, signupChannel);
  if (createdMs >= options.createdBefore) createdMs -= DAY;
  createdMs = Math.max(world.windowStartMs, createdMs);
  const needsCard = options.needsCard || options.showcase;
  const hasCard = needsCard || ((shares[2] ?? 0) > 0.1 && rng.chance(0.88));

  const rawTaste = CATEGORY_BASE.map((base) => rng.gamma(base * 2.5, 1));
  const tasteShares = normalised(rawTaste).map((share, k) =>
    Math.min(share, CATEGORY_CAP[itemAt(CATEGORY_ORDER, k)] ?? 1),
  );
  const gamer = (tasteShares[3] ?? 0) + (tasteShares[5] ?? 0) > 0.05;
  const consoles = world.catalogue.consoles;
  const platform = gamer
    ? itemAt(consoles, rng.weighted(world.catalogue.consolePopularity)).sku
    : null;

  const model = PURCHASE_MODEL;
  const social = rng.chance(0.08)
    ? {
        network: rng.pick(['instagram', 'x', 'facebook', 'tiktok']),
        handle: `@${asciiFold(firstName).replace(/[^a-z]/g, '')}${asciiFold(lastName)
          .replace(/[^a-z]/g, '')
          .slice(0, 6)}${rng.between(1, 999)}`,
      }
    : null;
  return {
    index,
    id: customerId(index),
    gender,
    firstName,
    lastName,
    shownFirst,
    shownLast,
    email,
    emailValid: faults.email === null,
    phone,
    birthDate: rng.chance(0.08) ? null : isoDay(birthMs),
    city: city.name,
    postcode,
    language: rng.chance(0.03) ? 'en' : 'fr',
    createdMs,
    signupChannel,
    homeStore: options.showcase ? (world.storesByCity.get('Lyon')?.[0] ?? homeStore) : homeStore,
    channelMix: cumulative(shares),
    usesApp,
    usesWeb: (shares[0] ?? 0) > 0.03 || rng.chance(0.9),
    appShareOnline: (shares[1] ?? 0) / Math.max(1e-9, (shares[0] ?? 0) + (shares[1] ?? 0)),
    taste: cumulative(tasteShares),
    tasteShares,
    console: platform,
    lambdaPerWeek: rng.gamma(model.r, 1 / model.alpha_weeks),
    dropout: rng.beta(model.a, model.b),
    spendMeanCents: rng.gamma(model.spend_q, (model.spend_mean_euros * 100) / model.spend_q),
    engagement: rng.beta(2, 4),
    loyaltyCard: hasCard ? loyaltyCardNumber(world, index) : null,
    social,
  };
}
