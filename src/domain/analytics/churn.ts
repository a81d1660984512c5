// Churn bands: their names and cut-offs, on their own so that the API contract can name them
// without pulling the models into the app (decision 008 says why these cut-offs).
export const CHURN_BANDS = ['low', 'medium', 'high'] as const;
export type ChurnBand = (typeof CHURN_BANDS)[number];
/** Churn risk from which a customer is in the medium band, and in the high band. */
export const CHURN_BAND_CUTOFFS = { medium: 0.5, high: 0.8 } as const;

export function churnBand(risk: number): ChurnBand {
  return risk >= CHURN_BAND_CUTOFFS.high
    ? 'high'
    : risk >= CHURN_BAND_CUTOFFS.medium
      ? 'medium'
      : 'low';
}
