// A customer's scores explained in the user's language: the API sends the figures the explanation
// reads, the domain words them (src/domain/analytics/explain.ts), the same rule in both languages.
import type { ExplanationFigures } from '../../api/contract.ts';
import { explainCustomer, type CustomerExplanation } from '../../domain/analytics/explain.ts';
import type { DomainLanguage } from '../../domain/language.ts';

export function explainScores(
  f: ExplanationFigures,
  language: DomainLanguage,
): CustomerExplanation {
  return explainCustomer(
    {
      daysSinceLastOrder: f.days_since_last_order,
      daysSinceFirstOrder: f.days_since_first_order,
      repeatOrders: f.repeat_orders,
      typicalGapDays: f.typical_gap_days,
      averageSpend: f.average_spend,
      currency: f.currency,
      ...(f.share_with_fewer_orders === null
        ? {}
        : { shareWithFewerOrders: f.share_with_fewer_orders }),
      ...(f.share_spending_less === null ? {} : { shareSpendingLess: f.share_spending_less }),
      propensity: {
        horizonDays: f.propensity.horizon_days,
        probability: f.propensity.probability,
        percentile: f.propensity.percentile,
      },
      churnBand: f.churn_band,
      predictedClv: f.predicted_clv,
      expectedNextOrder: f.expected_next_order && {
        date: f.expected_next_order.date,
        inDays: f.expected_next_order.in_days,
      },
    },
    language,
  );
}
