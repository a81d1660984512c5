/**
 * One customer's score explanation in French, as a French CRM manager reads it: « Dernière commande
 * il y a 212 jours », « 1 234,56 € », « 12,5 % », the singular up to 1 (« 0 jour », « 1 jour »), a
 * no-break space before the colon and a narrow one before the semicolon. The facts and their
 * rounding come from explain-facts.ts, so the French says what the English says.
 */
import {
  DRIVER_EFFECT,
  type CustomerExplanation,
  type DriverFact,
  type ExplanationFacts,
  type ScoreDriver,
  type Span,
} from './explain-facts.ts';
import type { ChurnBand } from './churn.ts';

const LOCALE = 'fr-FR';
const NBSP = '\u00a0';
const NNBSP = '\u202f';
const COLON = `${NBSP}:`;
const SEMICOLON = `${NNBSP};`;

const numberFormat = new Intl.NumberFormat(LOCALE, { maximumFractionDigits: 1 });
const percentFormat = new Intl.NumberFormat(LOCALE, { style: 'percent', maximumFractionDigits: 1 });
const probabilityFormat = new Intl.NumberFormat(LOCALE, {
  style: 'percent',
  minimumFractionDigits: 1,
  maximumFractionDigits: 1,
});
const dateFormat = new Intl.DateTimeFormat(LOCALE, {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  timeZone: 'UTC',
});

const num = (n: number) => numberFormat.format(n);
/** A share already in percent (72, 3.4) as French writes it: « 72 % », « 3,4 % ». */
const percent = (n: number) => percentFormat.format(n / 100);
/** French keeps 0 and 1 in the singular: « 0 jour », « 1 jour », « 2 jours ». */
const counted = (n: number, one: string, many: string) => `${num(n)} ${n < 2 ? one : many}`;
const days = (n: number) => counted(n, 'jour', 'jours');

function money(amount: number, currency: string): string {
  return new Intl.NumberFormat(LOCALE, { style: 'currency', currency }).format(amount);
}

function spanText(span: Span): string {
  if (span.unit === 'day') return days(span.count);
  if (span.unit === 'month') return `${num(span.count)} mois`;
  return counted(span.count, 'an', 'ans');
}

/** « 1er centile », « 91e centile ». */
function rankText(rank: number): string {
  return `${rank}${rank === 1 ? 'er' : 'e'} centile`;
}

/** « il y a 12 jours », « aujourd’hui » for an order on the scoring day. */
function ago(n: number): string {
  return n === 0 ? 'aujourd’hui' : `il y a ${days(n)}`;
}

/** « une fois », « 14 fois ». */
const times = (n: number) => (n === 1 ? 'une fois' : `${num(n)} fois`);
const usualGap = (n: number) => `son intervalle habituel de ${days(n)} entre deux commandes`;
/** The models count purchase days (two orders on one day are one purchase), so the words do too. */
const bought = (fact: { orders: number; span: Span }) =>
  `A acheté ${fact.orders === 1 ? 'à une seule date' : `à ${num(fact.orders)} dates différentes`} en ${spanText(fact.span)}`;

function spendText(spend: number, onlyOrder: boolean, currency: string): string {
  return onlyOrder
    ? `A dépensé ${money(spend, currency)} à sa seule date d’achat, retours déduits`
    : `Dépense en moyenne ${money(spend, currency)} par date d’achat, retours déduits`;
}

function driverText(fact: DriverFact, currency: string): string {
  switch (fact.kind) {
    case 'single-order-recent':
      return `Une seule commande connue, passée ${ago(fact.silenceDays)}${COLON} assez récente pour compter parmi les clients actifs.`;
    case 'single-order-silent':
      return `Une seule commande connue, passée ${ago(fact.silenceDays)}, et rien depuis${COLON} ce silence fait baisser le score.`;
    case 'on-rhythm':
      return `Dernière commande ${ago(fact.silenceDays)}, pour un intervalle habituel de ${days(fact.gapDays)} entre deux commandes${COLON} toujours à son rythme.`;
    case 'slightly-overdue': {
      const past = fact.ratio === null ? 'juste au-delà de' : `soit ${num(fact.ratio)} fois`;
      return `Dernière commande ${ago(fact.silenceDays)}, ${past} ${usualGap(fact.gapDays)}${COLON} léger retard.`;
    }
    case 'overdue':
      return `Dernière commande ${ago(fact.silenceDays)}, soit ${num(fact.ratio)} fois ${usualGap(fact.gapDays)}${COLON} c’est ce qui fait baisser le score.`;
    case 'no-repeat':
      return `0 réachat à ce jour${COLON} pas de rythme propre auquel le comparer, le score repose donc sur la durée du silence.`;
    case 'buys-regularly': {
      if (fact.everyDays === null) return `${bought(fact)}.`;
      const every =
        fact.everyDays <= 1
          ? 'environ une fois par jour'
          : `environ une fois tous les ${days(fact.everyDays)}`;
      return `${bought(fact)}, ${every}.`;
    }
    case 'frequent-buyer':
      return `${bought(fact)}${COLON} parmi les ${percent(fact.topShare)} de clients qui achètent le plus souvent.`;
    case 'infrequent-buyer': {
      const n = fact.shareBuyingLess;
      const fewer =
        n === 0
          ? 'aucun client n’a acheté moins souvent'
          : n < 2
            ? `seul ${percent(n)} des clients a acheté moins souvent`
            : `seuls ${percent(n)} des clients ont acheté moins souvent`;
      return `${bought(fact)}${COLON} ${fewer}.`;
    }
    case 'high-spender': {
      const than =
        fact.shareSpendingLess >= 100
          ? 'plus que tous les autres clients'
          : `plus que ${percent(fact.shareSpendingLess)} des clients`;
      return `${spendText(fact.spend, fact.onlyOrder, currency)}, ${than}${COLON} cela fait monter sa valeur prédite.`;
    }
    case 'low-spender': {
      const others =
        fact.shareSpendingAsMuch >= 100
          ? 'aucun client ne dépense moins'
          : `${percent(fact.shareSpendingAsMuch)} des clients dépensent autant ou plus`;
      return `${spendText(fact.spend, fact.onlyOrder, currency)}${SEMICOLON} ${others}${COLON} cela fait baisser sa valeur prédite.`;
    }
    case 'new-customer':
      return `Première commande ${ago(fact.firstOrderDays)}${COLON} un nouveau client, qui a déjà recommandé ${times(fact.repeatOrders)}.`;
  }
}

const CHURN_BAND_WORDS: Readonly<Record<ChurnBand, string>> = {
  low: 'faible',
  medium: 'moyen',
  high: 'élevé',
};

function headlineText(facts: ExplanationFacts): string {
  const { propensity, churnBand, predictedValue, nextOrder } = facts.headline;
  const horizon =
    propensity.horizonDays === 1
      ? 'dans les prochaines 24 heures'
      : `dans les ${num(propensity.horizonDays)} prochains jours`;
  const parts = [
    `${probabilityFormat.format(propensity.percent / 100)} de chances de commander ${horizon} (${rankText(propensity.percentileRank)})`,
    `risque de churn ${CHURN_BAND_WORDS[churnBand]}`,
  ];
  if (predictedValue) {
    parts.push(
      `valeur prédite ${money(predictedValue.amount, facts.currency)} (${rankText(predictedValue.percentileRank)})`,
    );
  }
  if (nextOrder?.kind === 'around') {
    const date = dateFormat.format(new Date(`${nextOrder.date}T00:00:00Z`));
    parts.push(`prochaine commande vers le ${date} si le client reste actif`);
  } else if (nextOrder?.kind === 'beyond-a-year') {
    parts.push('aucune commande attendue d’ici un an, même si le client reste actif');
  }
  const text = `${parts.join(`${SEMICOLON} `)}.`;
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** The headline and drivers of one customer's scores, in French. */
export function explainFactsFr(facts: ExplanationFacts): CustomerExplanation {
  return {
    headline: headlineText(facts),
    drivers: facts.drivers.map((fact): ScoreDriver => ({
      ...DRIVER_EFFECT[fact.kind],
      text: driverText(fact, facts.currency),
    })),
  };
}
