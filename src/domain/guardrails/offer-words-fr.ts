// The offer guardrails' verdicts in French: titles in « guillemets », a no-break space before
// « : » and « ; », euros and shares as written in France, days in Paris time (« le 1er mars »).
import { day, money, percent } from './offer-words-format.ts';
import type { ProductRole, Verdict, VerdictParams } from './verdict.ts';

const NBSP = '\u00a0';
const quote = (text: string) => `«${NBSP}${text}${NBSP}»`;
const eur = (cents: number | null) => money(cents, 'fr');
const share = (value: number) => percent(value, 'fr');
const date = (value: string | null) => day(value, 'fr');
const on = (value: string | null) => `le ${date(value)}`;
const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** Where something happened: « en magasin », « par téléphone »; an unknown channel is named. */
const CHANNELS: Readonly<Record<string, string>> = {
  web: 'sur le site',
  app: 'sur l’application',
  store: 'en magasin',
  call_centre: 'par téléphone',
  email: 'par e-mail',
  sms: 'par SMS',
  push: 'par notification',
  web_banner: 'sur une bannière du site',
  social: 'sur les réseaux sociaux',
};
const where = (channel: string) => CHANNELS[channel] ?? `sur le canal ${channel}`;

/** A sentence on a product of the message: a recommendation says so first. */
const aboutProduct = (role: ProductRole, sentence: string) =>
  role === 'recommendation' ? `Produit recommandé${NBSP}: ${sentence}` : capitalise(sentence);

function alreadyOwned(p: VerdictParams<'already_owned'>): string {
  const what = p.same_work
    ? `${quote(p.owned_title)}, une autre édition de ${quote(p.title)},`
    : quote(p.owned_title);
  const store = p.order_channel === 'store' && p.store_name !== null ? ` à ${p.store_name}` : '';
  const card = p.order_channel === 'store' && p.loyalty_card ? ', avec sa carte de fidélité' : '';
  return aboutProduct(
    p.role,
    `a déjà acheté ${what} ${where(p.order_channel)}${store} ${on(p.bought_at)}${card}`,
  );
}

function ownedBase(p: VerdictParams<'owned_base_product'>): string {
  return aboutProduct(
    p.role,
    `a sans doute déjà ${quote(p.title)}${NBSP}: ${quote(p.needed_by_title)}, ` +
      `son achat du ${date(p.bought_at)}, en a besoin`,
  );
}

function discount(p: VerdictParams<'meaningless_discount'>): string {
  const threshold = `${share(p.min_discount_percent)} et ${eur(p.min_discount_cents)}`;
  if (p.rule === 'not_below_paid') {
    return (
      `Le prix de l’offre, ${eur(p.offer_price_cents)}, n’est pas inférieur ` +
      `aux ${eur(p.paid_cents)} payés ${on(p.paid_at)}`
    );
  }
  const d = p.discount_cents;
  if (d !== null && d <= 0) {
    return (
      `Aucune remise${NBSP}: ${eur(p.offer_price_cents)} pour un prix de ` +
      `${eur(p.list_price_cents)}${NBSP}; le seuil est de ${threshold}`
    );
  }
  const amounts = [
    ...(d === null ? [] : [eur(d)]),
    ...(p.discount_percent === null ? [] : [share(p.discount_percent)]),
  ];
  const [first = '?', second] = amounts;
  const list = p.list_price_cents === null ? '' : ` sur un prix de ${eur(p.list_price_cents)}`;
  const what = second === undefined ? first : `${first} (${second})`;
  return `Remise de ${what}${list}${NBSP}: sous le seuil de ${threshold}`;
}

function ago(days: number): string {
  if (days === 0) return 'il y a moins d’un jour';
  return `il y a ${days} ${days < 2 ? 'jour' : 'jours'}`;
}

function answered(p: VerdictParams<'answered_elsewhere'>): string {
  const verb = p.response === 'accepted' ? 'accepté' : 'refusé';
  return (
    `A déjà ${verb} l’offre ${quote(p.offer_title)} ${where(p.channel)} ${on(p.at)} ` +
    `(${ago(p.days_before)}${NBSP}; fenêtre de ${p.window_days} jours)`
  );
}

function unavailable(p: VerdictParams<'unavailable'>): string {
  const subject =
    p.role === 'offer'
      ? `Le produit de l’offre ${quote(p.title)}`
      : `Le produit recommandé ${quote(p.title)}`;
  switch (p.rule) {
    case 'discontinued':
      return `${subject} n’est plus vendu`;
    case 'out_of_stock_online':
      return `${subject} est en rupture de stock sur le site`;
    case 'not_launched':
      return p.launched_at === null
        ? `${subject} n’est pas encore sorti`
        : `${subject} ne sort que ${on(p.launched_at)}`;
  }
}

function notValid(p: VerdictParams<'offer_not_valid'>): string {
  return p.rule === 'expired'
    ? `L’offre a pris fin ${on(p.valid_to)}, avant l’envoi du ${date(p.send_day)}`
    : `L’offre ne commence que ${on(p.valid_from)}, après l’envoi du ${date(p.send_day)}`;
}

export function describeOfferVerdictFr(verdict: Verdict): string | null {
  switch (verdict.guardrail) {
    case 'already_owned':
      return alreadyOwned(verdict.params);
    case 'owned_base_product':
      return ownedBase(verdict.params);
    case 'meaningless_discount':
      return discount(verdict.params);
    case 'answered_elsewhere':
      return answered(verdict.params);
    case 'unavailable':
      return unavailable(verdict.params);
    case 'offer_not_valid':
      return notValid(verdict.params);
    default:
      return null;
  }
}
