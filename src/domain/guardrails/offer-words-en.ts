// The offer guardrails' verdicts in English (British dates, "26 October 2026", in Paris time), the
// customer as "they".
import { day, money, percent } from './offer-words-format.ts';
import type { ProductRole, Verdict, VerdictParams } from './verdict.ts';

const quote = (text: string) => `“${text}”`;
const eur = (cents: number | null) => money(cents, 'en');
const share = (value: number) => percent(value, 'en');
const date = (value: string | null) => day(value, 'en');
const on = (value: string | null) => `on ${date(value)}`;
const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** Where something happened: "in store", "on the phone"; an unknown channel is named. */
const CHANNELS: Readonly<Record<string, string>> = {
  web: 'on the website',
  app: 'in the app',
  store: 'in store',
  call_centre: 'on the phone',
  email: 'by e-mail',
  sms: 'by SMS',
  push: 'by push notification',
  web_banner: 'on a web banner',
  social: 'on social media',
};
const where = (channel: string) => CHANNELS[channel] ?? `on ${channel}`;

/** A sentence on a product of the message: a recommendation says so first. */
const aboutProduct = (role: ProductRole, sentence: string) =>
  role === 'recommendation' ? `Recommended product: ${sentence}` : capitalise(sentence);

function alreadyOwned(p: VerdictParams<'already_owned'>): string {
  const what = p.same_work
    ? `${quote(p.owned_title)}, another edition of ${quote(p.title)},`
    : quote(p.owned_title);
  const store = p.order_channel === 'store' && p.store_name !== null ? ` at ${p.store_name}` : '';
  const card = p.order_channel === 'store' && p.loyalty_card ? ', with their loyalty card' : '';
  return aboutProduct(
    p.role,
    `already bought ${what} ${where(p.order_channel)}${store} ${on(p.bought_at)}${card}`,
  );
}

function ownedBase(p: VerdictParams<'owned_base_product'>): string {
  return aboutProduct(
    p.role,
    `almost surely has ${quote(p.title)} already: ${quote(p.needed_by_title)}, ` +
      `bought ${on(p.bought_at)}, needs it`,
  );
}

function discount(p: VerdictParams<'meaningless_discount'>): string {
  const threshold = `${share(p.min_discount_percent)} and ${eur(p.min_discount_cents)}`;
  if (p.rule === 'not_below_paid') {
    return (
      `The offer price, ${eur(p.offer_price_cents)}, is not below ` +
      `the ${eur(p.paid_cents)} they paid ${on(p.paid_at)}`
    );
  }
  const d = p.discount_cents;
  if (d !== null && d <= 0) {
    return (
      `No discount: ${eur(p.offer_price_cents)} for a price of ` +
      `${eur(p.list_price_cents)}; the minimum is ${threshold}`
    );
  }
  const amounts = [
    ...(d === null ? [] : [eur(d)]),
    ...(p.discount_percent === null ? [] : [share(p.discount_percent)]),
  ];
  const [first = '?', second] = amounts;
  const list = p.list_price_cents === null ? '' : ` on a price of ${eur(p.list_price_cents)}`;
  const what = second === undefined ? first : `${first} (${second})`;
  return `A discount of ${what}${list}: under the minimum of ${threshold}`;
}

function ago(days: number): string {
  if (days === 0) return 'less than a day ago';
  return `${days} ${days < 2 ? 'day' : 'days'} ago`;
}

function answered(p: VerdictParams<'answered_elsewhere'>): string {
  return (
    `Already ${p.response} the offer ${quote(p.offer_title)} ${where(p.channel)} ${on(p.at)} ` +
    `(${ago(p.days_before)}; window of ${p.window_days} days)`
  );
}

function unavailable(p: VerdictParams<'unavailable'>): string {
  const subject =
    p.role === 'offer'
      ? `The offer’s product ${quote(p.title)}`
      : `The recommended product ${quote(p.title)}`;
  switch (p.rule) {
    case 'discontinued':
      return `${subject} is discontinued`;
    case 'out_of_stock_online':
      return `${subject} is out of stock online`;
    case 'not_launched':
      return p.launched_at === null
        ? `${subject} is not out yet`
        : `${subject} is only out ${on(p.launched_at)}`;
  }
}

function notValid(p: VerdictParams<'offer_not_valid'>): string {
  return p.rule === 'expired'
    ? `The offer ended ${on(p.valid_to)}, before the send ${on(p.send_day)}`
    : `The offer only starts ${on(p.valid_from)}, after the send ${on(p.send_day)}`;
}

export function describeOfferVerdictEn(verdict: Verdict): string | null {
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
