import { describe, expect, test } from 'vitest';
import { describeOfferVerdict } from './offer-words.ts';
import { day } from './offer-words-format.ts';
import type { Verdict, VerdictParams } from './verdict.ts';

const NBSP = '\u00a0';
const q = (text: string) => `«${NBSP}${text}${NBSP}»`;
/** Intl writes a narrow or a plain no-break space depending on its data: read both as one. */
const words = (v: Verdict, language: 'fr' | 'en') =>
  describeOfferVerdict(v, language)?.replaceAll('\u202f', NBSP);
const eur = (amount: string) => `${amount}${NBSP}€`;
const pct = (share: string) => `${share}${NBSP}%`;

const owned = (over: Partial<VerdictParams<'already_owned'>> = {}): Verdict => ({
  guardrail: 'already_owned',
  severity: 'block',
  params: {
    sku: 'FI-LOTR-BOX',
    title: 'Le Seigneur des Anneaux — coffret Blu-ray',
    role: 'offer',
    owned_sku: 'FI-LOTR-BOX',
    owned_title: 'Le Seigneur des Anneaux — coffret Blu-ray',
    owned_format: 'box_set',
    same_work: false,
    order_id: 'O1',
    bought_at: '2026-10-26T15:00:00.000Z',
    order_channel: 'store',
    store_name: 'Lyon Part-Dieu',
    loyalty_card: true,
    ...over,
  },
  evidence: [],
});
const base = (over: Partial<VerdictParams<'owned_base_product'>> = {}): Verdict => ({
  guardrail: 'owned_base_product',
  severity: 'block',
  params: {
    sku: 'CO-WII',
    title: 'Nintendo Wii',
    role: 'recommendation',
    needed_by_sku: 'VG-BOWLING',
    needed_by_title: 'Bowling (Wii)',
    order_id: 'O2',
    bought_at: '2026-05-03T10:00:00.000Z',
    ...over,
  },
  evidence: [],
});
const discount = (over: Partial<VerdictParams<'meaningless_discount'>> = {}): Verdict => ({
  guardrail: 'meaningless_discount',
  severity: 'block',
  params: {
    rule: 'threshold',
    sku: 'FI-LOTR-BOX',
    title: 'Coffret',
    list_price_cents: 10_032,
    offer_price_cents: 9_999,
    discount_cents: 33,
    discount_percent: 0.33,
    min_discount_percent: 5,
    min_discount_cents: 500,
    paid_cents: null,
    paid_at: null,
    ...over,
  },
  evidence: [],
});
const answered = (over: Partial<VerdictParams<'answered_elsewhere'>> = {}): Verdict => ({
  guardrail: 'answered_elsewhere',
  severity: 'block',
  params: {
    response: 'accepted',
    offer_id: 'OF1',
    offer_title: 'Coffret à −20 %',
    channel: 'store',
    at: '2026-11-27T10:00:00.000Z',
    days_before: 3,
    window_days: 30,
    ...over,
  },
  evidence: [],
});
const unavailable = (over: Partial<VerdictParams<'unavailable'>> = {}): Verdict => ({
  guardrail: 'unavailable',
  severity: 'block',
  params: {
    sku: 'FI-GONE',
    title: 'Film épuisé',
    role: 'recommendation',
    rule: 'out_of_stock_online',
    launched_at: null,
    ...over,
  },
  evidence: [],
});
const notValid = (over: Partial<VerdictParams<'offer_not_valid'>> = {}): Verdict => ({
  guardrail: 'offer_not_valid',
  severity: 'block',
  params: {
    rule: 'expired',
    valid_from: '2026-11-01',
    valid_to: '2026-11-30',
    send_day: '2026-12-01',
    ...over,
  },
  evidence: [],
});

const BOX = 'Le Seigneur des Anneaux — coffret Blu-ray';
const DVD = 'Le Seigneur des Anneaux — DVD';

const cases: [string, Verdict, string, string][] = [
  [
    'the demo: bought in store with the loyalty card',
    owned(),
    `A déjà acheté ${q(BOX)} en magasin à Lyon Part-Dieu le 26 octobre 2026, avec sa carte de fidélité`,
    `Already bought “${BOX}” in store at Lyon Part-Dieu on 26 October 2026, with their loyalty card`,
  ],
  [
    'in a store without a name, without a card',
    owned({ store_name: null, loyalty_card: false }),
    `A déjà acheté ${q(BOX)} en magasin le 26 octobre 2026`,
    `Already bought “${BOX}” in store on 26 October 2026`,
  ],
  [
    'on the web: a card says nothing there',
    owned({ order_channel: 'web', store_name: 'Lyon Part-Dieu' }),
    `A déjà acheté ${q(BOX)} sur le site le 26 octobre 2026`,
    `Already bought “${BOX}” on the website on 26 October 2026`,
  ],
  [
    'in the app, the day in Paris (23:30 UTC is the next day)',
    owned({ order_channel: 'app', store_name: null, bought_at: '2026-10-26T23:30:00.000Z' }),
    `A déjà acheté ${q(BOX)} sur l’application le 27 octobre 2026`,
    `Already bought “${BOX}” in the app on 27 October 2026`,
  ],
  [
    'on the phone, on the first of the month in summer time',
    owned({
      order_channel: 'call_centre',
      store_name: null,
      bought_at: '2026-03-31T22:30:00.000Z',
    }),
    `A déjà acheté ${q(BOX)} par téléphone le 1er avril 2026`,
    `Already bought “${BOX}” on the phone on 1 April 2026`,
  ],
  [
    'another edition, recommended',
    owned({ role: 'recommendation', title: DVD, same_work: true, loyalty_card: false }),
    `Produit recommandé${NBSP}: a déjà acheté ${q(BOX)}, une autre édition de ${q(DVD)}, en magasin à Lyon Part-Dieu le 26 octobre 2026`,
    `Recommended product: already bought “${BOX}”, another edition of “${DVD}”, in store at Lyon Part-Dieu on 26 October 2026`,
  ],
  [
    'a console for the buyer of its game, recommended',
    base(),
    `Produit recommandé${NBSP}: a sans doute déjà ${q('Nintendo Wii')}${NBSP}: ${q('Bowling (Wii)')}, son achat du 3 mai 2026, en a besoin`,
    `Recommended product: almost surely has “Nintendo Wii” already: “Bowling (Wii)”, bought on 3 May 2026, needs it`,
  ],
  [
    'a console offered',
    base({ role: 'offer' }),
    `A sans doute déjà ${q('Nintendo Wii')}${NBSP}: ${q('Bowling (Wii)')}, son achat du 3 mai 2026, en a besoin`,
    `Almost surely has “Nintendo Wii” already: “Bowling (Wii)”, bought on 3 May 2026, needs it`,
  ],
  [
    'the demo: 0,33 € off 100,32 €',
    discount(),
    `Remise de ${eur('0,33')} (${pct('0,33')}) sur un prix de ${eur('100,32')}${NBSP}: sous le seuil de ${pct('5')} et ${eur('5,00')}`,
    'A discount of €0.33 (0.33%) on a price of €100.32: under the minimum of 5% and €5.00',
  ],
  [
    'a percentage on a category, a policy with decimals and thousands',
    discount({
      sku: null,
      list_price_cents: null,
      offer_price_cents: null,
      discount_cents: null,
      discount_percent: 3,
      min_discount_percent: 7.5,
      min_discount_cents: 123_456,
    }),
    `Remise de ${pct('3')}${NBSP}: sous le seuil de ${pct('7,5')} et ${eur(`1${NBSP}234,56`)}`,
    'A discount of 3%: under the minimum of 7.5% and €1,234.56',
  ],
  [
    'an amount off a category',
    discount({
      sku: null,
      list_price_cents: null,
      offer_price_cents: null,
      discount_cents: 400,
      discount_percent: null,
    }),
    `Remise de ${eur('4,00')}${NBSP}: sous le seuil de ${pct('5')} et ${eur('5,00')}`,
    'A discount of €4.00: under the minimum of 5% and €5.00',
  ],
  [
    'a price above the list price',
    discount({ offer_price_cents: 10_100, discount_cents: -68, discount_percent: -0.68 }),
    `Aucune remise${NBSP}: ${eur('101,00')} pour un prix de ${eur('100,32')}${NBSP}; le seuil est de ${pct('5')} et ${eur('5,00')}`,
    'No discount: €101.00 for a price of €100.32; the minimum is 5% and €5.00',
  ],
  [
    'the list price itself',
    discount({ offer_price_cents: 10_032, discount_cents: 0, discount_percent: 0 }),
    `Aucune remise${NBSP}: ${eur('100,32')} pour un prix de ${eur('100,32')}${NBSP}; le seuil est de ${pct('5')} et ${eur('5,00')}`,
    'No discount: €100.32 for a price of €100.32; the minimum is 5% and €5.00',
  ],
  [
    'not below what they paid',
    discount({ rule: 'not_below_paid', paid_cents: 9_500, paid_at: '2026-10-26T15:00:00.000Z' }),
    `Le prix de l’offre, ${eur('99,99')}, n’est pas inférieur aux ${eur('95,00')} payés le 26 octobre 2026`,
    'The offer price, €99.99, is not below the €95.00 they paid on 26 October 2026',
  ],
  [
    'accepted in store three days before',
    answered(),
    `A déjà accepté l’offre ${q('Coffret à −20 %')} en magasin le 27 novembre 2026 (il y a 3 jours${NBSP}; fenêtre de 30 jours)`,
    'Already accepted the offer “Coffret à −20 %” in store on 27 November 2026 (3 days ago; window of 30 days)',
  ],
  [
    'declined on the phone a day before',
    answered({ response: 'declined', channel: 'call_centre', days_before: 1 }),
    `A déjà refusé l’offre ${q('Coffret à −20 %')} par téléphone le 27 novembre 2026 (il y a 1 jour${NBSP}; fenêtre de 30 jours)`,
    'Already declined the offer “Coffret à −20 %” on the phone on 27 November 2026 (1 day ago; window of 30 days)',
  ],
  [
    'declined by SMS two days before',
    answered({ response: 'declined', channel: 'sms', days_before: 2 }),
    `A déjà refusé l’offre ${q('Coffret à −20 %')} par SMS le 27 novembre 2026 (il y a 2 jours${NBSP}; fenêtre de 30 jours)`,
    'Already declined the offer “Coffret à −20 %” by SMS on 27 November 2026 (2 days ago; window of 30 days)',
  ],
  [
    'answered hours before, on a channel without words',
    answered({ channel: 'kiosk', days_before: 0, window_days: 7 }),
    `A déjà accepté l’offre ${q('Coffret à −20 %')} sur le canal kiosk le 27 novembre 2026 (il y a moins d’un jour${NBSP}; fenêtre de 7 jours)`,
    'Already accepted the offer “Coffret à −20 %” on kiosk on 27 November 2026 (less than a day ago; window of 7 days)',
  ],
  [
    'out of stock online, recommended',
    unavailable(),
    `Le produit recommandé ${q('Film épuisé')} est en rupture de stock sur le site`,
    'The recommended product “Film épuisé” is out of stock online',
  ],
  [
    'discontinued, offered',
    unavailable({ role: 'offer', rule: 'discontinued' }),
    `Le produit de l’offre ${q('Film épuisé')} n’est plus vendu`,
    'The offer’s product “Film épuisé” is discontinued',
  ],
  [
    'not out yet: its day in Paris',
    unavailable({ rule: 'not_launched', launched_at: '2026-12-04T23:00:00.000Z' }),
    `Le produit recommandé ${q('Film épuisé')} ne sort que le 5 décembre 2026`,
    'The recommended product “Film épuisé” is only out on 5 December 2026',
  ],
  [
    'not out yet, day unknown',
    unavailable({ rule: 'not_launched', launched_at: null }),
    `Le produit recommandé ${q('Film épuisé')} n’est pas encore sorti`,
    'The recommended product “Film épuisé” is not out yet',
  ],
  [
    'expired the day before the send',
    notValid(),
    'L’offre a pris fin le 30 novembre 2026, avant l’envoi du 1er décembre 2026',
    'The offer ended on 30 November 2026, before the send on 1 December 2026',
  ],
  [
    'not started',
    notValid({
      rule: 'not_started',
      valid_from: '2026-12-01',
      valid_to: null,
      send_day: '2026-11-30',
    }),
    'L’offre ne commence que le 1er décembre 2026, après l’envoi du 30 novembre 2026',
    'The offer only starts on 1 December 2026, after the send on 30 November 2026',
  ],
];

describe('describeOfferVerdict', () => {
  test.each(cases)('%s', (_, verdict, fr, en) => {
    expect(words(verdict, 'fr')).toBe(fr);
    expect(words(verdict, 'en')).toBe(en);
  });

  test.each([
    ['web', 'sur le site', 'on the website'],
    ['app', 'sur l’application', 'in the app'],
    ['store', 'en magasin', 'in store'],
    ['call_centre', 'par téléphone', 'on the phone'],
    ['email', 'par e-mail', 'by e-mail'],
    ['sms', 'par SMS', 'by SMS'],
    ['push', 'par notification', 'by push notification'],
    ['web_banner', 'sur une bannière du site', 'on a web banner'],
    ['social', 'sur les réseaux sociaux', 'on social media'],
  ])('an answer on %s', (channel, fr, en) => {
    expect(words(answered({ channel }), 'fr')).toContain(` ${fr} le 27 novembre`);
    expect(words(answered({ channel }), 'en')).toContain(` ${en} on 27 November`);
  });

  test('a figure missing from a verdict reads as a question mark, never as 0', () => {
    const v = discount({ rule: 'not_below_paid', paid_cents: null, paid_at: null });
    expect(words(v, 'fr')).toBe(
      `Le prix de l’offre, ${eur('99,99')}, n’est pas inférieur aux ? payés le ?`,
    );
    const none = discount({ discount_cents: null, discount_percent: null, list_price_cents: null });
    expect(words(none, 'en')).toBe('A discount of ?: under the minimum of 5% and €5.00');
    expect(words(none, 'fr')).toBe(
      `Remise de ?${NBSP}: sous le seuil de ${pct('5')} et ${eur('5,00')}`,
    );
  });

  test('a day that is not a date is shown as it is', () => {
    expect(day('bientôt', 'fr')).toBe('bientôt');
    expect(day('2026-12-01', 'en')).toBe('1 December 2026');
    expect(day(null, 'fr')).toBe('?');
  });

  test('another guardrail’s verdict is not the offer guardrails’ to word', () => {
    const v: Verdict = {
      guardrail: 'no_consent',
      severity: 'block',
      params: { rule: 'withdrawn', channel: 'email', at: null, source: null },
      evidence: [],
    };
    expect(describeOfferVerdict(v, 'fr')).toBeNull();
    expect(describeOfferVerdict(v, 'en')).toBeNull();
  });
});
