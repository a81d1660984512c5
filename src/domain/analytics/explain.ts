/**
 * One customer's scores explained in a marketer's words and language: a headline (propensity,
 * churn band, predicted value, next order) and the drivers behind it — how long since their last
 * order against their own rhythm, how often they buy, how much they spend, how new they are —
 * each with the figures that make it, so a Customer 360 view says why, not only what.
 * What is said is decided once (explain-facts.ts); this file words it in English (numbers as in
 * en-GB) and explain-fr.ts in French. Model-independent: it reads figures, whatever fitted them
 * (explain-figures.ts reads them from the summary and scoring columns).
 */
import type { DomainLanguage } from '../language.ts';
import { explainFactsFr } from './explain-fr.ts';
import {
  DRIVER_EFFECT,
  explanationFacts,
  percentileRank,
  percentOf,
  spanOf,
  type CustomerExplanation,
  type CustomerFigures,
  type DriverFact,
  type ExplanationFacts,
  type ScoreDriver,
  type Span,
} from './explain-facts.ts';

export type {
  CustomerExplanation,
  CustomerFigures,
  DriverFactor,
  ScoreDriver,
} from './explain-facts.ts';

const LOCALE = 'en-GB';
const numberFormat = new Intl.NumberFormat(LOCALE, { maximumFractionDigits: 1 });
const dateFormat = new Intl.DateTimeFormat(LOCALE, {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  timeZone: 'UTC',
});

const tenthFormat = new Intl.NumberFormat(LOCALE, {
  minimumFractionDigits: 1,
  maximumFractionDigits: 1,
});
const num = (n: number) => numberFormat.format(n);
const counted = (n: number, one: string, many: string) => `${num(n)} ${n === 1 ? one : many}`;

/** Whole days: "1 day", "0 days", "1,212 days". */
export function formatDays(days: number): string {
  return counted(Math.round(days), 'day', 'days');
}

function spanText(span: Span): string {
  if (span.unit === 'day') return counted(span.count, 'day', 'days');
  if (span.unit === 'month') return counted(span.count, 'month', 'months');
  return counted(span.count, 'year', 'years');
}

/** A span of time at the precision a marketer reads it: "45 days", "16 months", "2.5 years". */
export function formatDuration(days: number): string {
  return spanText(spanOf(days));
}

/** A probability as a percentage to one decimal: "72.3%", "0.4%". */
export function formatPercent(probability: number): string {
  return `${tenthFormat.format(percentOf(probability))}%`;
}

function rankText(rank: number): string {
  const tens = rank % 100;
  const suffix = tens >= 11 && tens <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][rank % 10] ?? 'th');
  return `${rank}${suffix} percentile`;
}

/** "91st percentile": rounded down so it never flatters, from the 1st to the 100th. */
export function formatPercentile(percentile: number): string {
  return rankText(percentileRank(percentile));
}

function money(amount: number, currency: string): string {
  return new Intl.NumberFormat(LOCALE, { style: 'currency', currency }).format(amount);
}

/** "12 days ago", "today" for an order on the scoring day. */
function ago(days: number): string {
  return days === 0 ? 'today' : `${formatDays(days)} ago`;
}

const usualGap = (days: number) => `their usual ${formatDays(days)} between orders`;
const times = (n: number) => (n === 1 ? 'once' : `${num(n)} times`);
/** The models count purchase days (two orders on one day are one purchase), so the words do too. */
const onDays = (n: number) => (n === 1 ? 'on one day' : `on ${num(n)} different days`);

function driverText(fact: DriverFact, currency: string): string {
  switch (fact.kind) {
    case 'single-order-recent':
      return `Only one order is known, placed ${ago(fact.silenceDays)}: recent enough to count them as active.`;
    case 'single-order-silent':
      return `Only one order is known, placed ${ago(fact.silenceDays)}, and nothing since: that silence lowers the score.`;
    case 'on-rhythm':
      return `Last ordered ${ago(fact.silenceDays)}, within ${usualGap(fact.gapDays)}: still on their rhythm.`;
    case 'slightly-overdue': {
      const past = fact.ratio === null ? 'just past' : `${num(fact.ratio)}×`;
      return `Last ordered ${ago(fact.silenceDays)}, ${past} ${usualGap(fact.gapDays)}: slightly overdue.`;
    }
    case 'overdue':
      return `Last ordered ${ago(fact.silenceDays)}, ${num(fact.ratio)}× longer than ${usualGap(fact.gapDays)}: that is what lowers the score.`;
    case 'no-repeat':
      return '0 repeat purchases so far: no rhythm of their own to compare with, so the score rests on how long the silence has lasted.';
    case 'buys-regularly': {
      const base = `Bought ${onDays(fact.orders)} in ${spanText(fact.span)}`;
      if (fact.everyDays === null) return `${base}.`;
      const every =
        fact.everyDays <= 1 ? 'about once a day' : `about once every ${formatDays(fact.everyDays)}`;
      return `${base}, ${every}.`;
    }
    case 'frequent-buyer':
      return `Bought ${onDays(fact.orders)} in ${spanText(fact.span)}: one of the ${num(fact.topShare)}% most frequent buyers.`;
    case 'infrequent-buyer': {
      const base = `Bought ${onDays(fact.orders)} in ${spanText(fact.span)}`;
      return fact.shareBuyingLess === 0
        ? `${base}: no customer bought less often.`
        : `${base}: only ${num(fact.shareBuyingLess)}% of customers bought less often.`;
    }
    case 'high-spender': {
      const spend = spendText(fact.spend, fact.onlyOrder, currency);
      const than =
        fact.shareSpendingLess >= 100
          ? 'more than any other customer'
          : `more than ${num(fact.shareSpendingLess)}% of customers`;
      return `${spend}, ${than}: that raises their predicted value.`;
    }
    case 'low-spender': {
      const spend = spendText(fact.spend, fact.onlyOrder, currency);
      const others =
        fact.shareSpendingAsMuch >= 100
          ? 'no customer spends less'
          : `${num(fact.shareSpendingAsMuch)}% of customers spend as much or more`;
      return `${spend}; ${others}: that lowers their predicted value.`;
    }
    case 'new-customer':
      return `First ordered ${ago(fact.firstOrderDays)}: a new customer, already back ${times(fact.repeatOrders)}.`;
  }
}

function spendText(spend: number, onlyOrder: boolean, currency: string): string {
  return onlyOrder
    ? `Spent ${money(spend, currency)} on their only purchase day, returns deducted`
    : `Spends ${money(spend, currency)} per purchase day on average, returns deducted`;
}

function headlineText(facts: ExplanationFacts): string {
  const { propensity, churnBand, predictedValue, nextOrder } = facts.headline;
  const horizon =
    propensity.horizonDays === 1
      ? 'the next day'
      : `the next ${formatDays(propensity.horizonDays)}`;
  const parts = [
    `${tenthFormat.format(propensity.percent)}% likely to order in ${horizon} (${rankText(propensity.percentileRank)})`,
    `churn risk ${churnBand}`,
  ];
  if (predictedValue) {
    parts.push(
      `predicted value ${money(predictedValue.amount, facts.currency)} (${rankText(predictedValue.percentileRank)})`,
    );
  }
  if (nextOrder?.kind === 'around') {
    parts.push(
      `next order around ${dateFormat.format(new Date(`${nextOrder.date}T00:00:00Z`))} if still active`,
    );
  } else if (nextOrder?.kind === 'beyond-a-year') {
    parts.push('no next order expected within a year, even if still active');
  }
  return `${parts.join('; ')}.`.replace(/^./, (c) => c.toUpperCase());
}

function explainFactsEn(facts: ExplanationFacts): CustomerExplanation {
  return {
    headline: headlineText(facts),
    drivers: facts.drivers.map((fact): ScoreDriver => ({
      ...DRIVER_EFFECT[fact.kind],
      text: driverText(fact, facts.currency),
    })),
  };
}

/** The headline and drivers of one customer's scores, in `language` (English by default). */
export function explainCustomer(
  figures: CustomerFigures,
  language: DomainLanguage = 'en',
): CustomerExplanation {
  const facts = explanationFacts(figures);
  return language === 'fr' ? explainFactsFr(facts) : explainFactsEn(facts);
}
