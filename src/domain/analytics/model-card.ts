/**
 * The model card of one fit of the customer-base models: what data it saw (window, unit,
 * customers), the fitted parameters with their log-likelihood and convergence, the scoring
 * conventions (horizons, churn cut-offs, CLV discounting), and a slot for the holdout figures
 * that validation.ts computes. The API serves it, the CLI prints it (`formatModelCard`), and every
 * stored score refers to its `modelVersion`. Parameters keep the papers' names (r, alpha, a, b;
 * p, q, gamma) as the issue's JSON asks.
 */
import { fitBgNbd, type BgNbdFit, type BgNbdParams } from './bgnbd.ts';
import {
  fitGammaGamma,
  meanSpend,
  type GammaGammaFit,
  type GammaGammaParams,
} from './gammagamma.ts';
import { CHURN_BAND_CUTOFFS } from './score.ts';
import { dateOfDay, type SummaryColumns, type TimeUnit } from './summary.ts';
import type { CalibrationBin, ReliabilityTable } from './validation.ts';

/** Holdout accuracy, filled from validation.ts (reliabilityTable, auc, brierScore, calibrationByDecile). */
export interface HoldoutFigures {
  /** Holdout period: the day after the calibration end to this day, YYYY-MM-DD. */
  readonly holdoutEnd: string;
  /** Its length in the card's unit. */
  readonly holdoutLength: number;
  /** Predicted vs actual repeat purchases by calibration frequency 0 … 7+ and in total. */
  readonly reliability: ReliabilityTable;
  /** The propensity horizon the AUC, Brier score and calibration are for: the holdout, in days. */
  readonly propensityHorizonDays: number;
  readonly auc: number | null;
  readonly brier: number | null;
  readonly calibrationByDecile: readonly CalibrationBin[];
}

export interface FitSummary {
  readonly logLikelihood: number;
  readonly customers: number;
  readonly iterations: number;
  readonly evaluations: number;
  readonly converged: boolean;
  readonly message: string;
}

export interface ModelCard {
  /** Identifies the fit that made a score: calibration end, unit and a digest of the parameters. */
  readonly modelVersion: string;
  /** When the fit ran (ISO instant), as the caller says; null when not given. */
  readonly fittedAt: string | null;
  readonly unit: TimeUnit;
  readonly dataWindow: {
    /** The earliest first purchase among the customers. */
    readonly firstPurchase: string;
    readonly calibrationEnd: string;
    readonly holdoutEnd: string | null;
  };
  readonly customers: number;
  readonly repeatCustomers: number;
  readonly bgNbd: FitSummary & {
    /** alpha is in the card's unit. */
    readonly parameters: BgNbdParams;
    /** Asymptotic standard errors of the parameters; null when the information matrix is singular. */
    readonly standardErrors: BgNbdParams | null;
  };
  readonly gammaGamma:
    | (FitSummary & {
        readonly parameters: GammaGammaParams;
        readonly standardErrors: GammaGammaParams | null;
        /** Population mean spend per repeat purchase, pγ/(q − 1). */
        readonly meanSpend: number;
        readonly skippedNonPositive: number;
      })
    | null;
  readonly scoring: {
    readonly horizonsDays: readonly number[];
    readonly churnHorizonDays: number;
    readonly churnBandCutoffs: { readonly medium: number; readonly high: number };
    readonly clvMonths: number;
    readonly monthlyDiscountRate: number;
    readonly discounting: string;
  };
  /** Filled once the holdout validation has run; null without a holdout. */
  readonly holdout: HoldoutFigures | null;
}

export interface CustomerBaseFits {
  readonly bgNbd: BgNbdFit;
  /** Null when fewer than two repeat buyers have a positive mean spend. */
  readonly gammaGamma: GammaGammaFit | null;
}

/** Gamma-Gamma on the repeat buyers, or null when fewer than two have a positive mean spend. */
export function fitGammaGammaIfPossible(summary: SummaryColumns): GammaGammaFit | null {
  let spenders = 0;
  for (let i = 0; i < summary.x.length && spenders < 2; i++)
    if ((summary.x[i] ?? 0) > 0 && (summary.m[i] ?? 0) > 0) spenders++;
  return spenders >= 2 ? fitGammaGamma(summary) : null;
}

/** Fits both models on one summary (Gamma-Gamma on its repeat buyers). */
export function fitCustomerBaseModels(summary: SummaryColumns): CustomerBaseFits {
  return { bgNbd: fitBgNbd(summary), gammaGamma: fitGammaGammaIfPossible(summary) };
}

export interface ModelCardInput {
  readonly summary: SummaryColumns;
  readonly fits: CustomerBaseFits;
  readonly scoring?: {
    readonly horizonsDays?: readonly number[];
    readonly churnHorizonDays?: number;
    readonly clvMonths?: number;
    readonly monthlyDiscountRate?: number;
  };
  readonly holdout?: HoldoutFigures | null;
  readonly fittedAt?: string;
}

/** A short stable digest (FNV-1a, hex) of a string: enough to tell two fits apart. */
function digest(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

export function modelCard(input: ModelCardInput): ModelCard {
  const { summary, fits } = input;
  const bg = fits.bgNbd;
  const gg = fits.gammaGamma;
  let firstDay = Number.POSITIVE_INFINITY;
  for (let i = 0; i < summary.firstDay.length; i++)
    firstDay = Math.min(firstDay, summary.firstDay[i] ?? 0);
  const churnHorizonDays = input.scoring?.churnHorizonDays ?? 90;
  const bgParameters = { r: bg.params.r, alpha: bg.params.alpha, a: bg.params.a, b: bg.params.b };
  const ggParameters = gg ? { p: gg.params.p, q: gg.params.q, gamma: gg.params.gamma } : null;
  const fitSummary = (f: BgNbdFit | GammaGammaFit): FitSummary => ({
    logLikelihood: f.logLikelihood,
    customers: f.customers,
    iterations: f.iterations,
    evaluations: f.evaluations,
    converged: f.converged,
    message: f.message,
  });
  return {
    modelVersion: `clv-${summary.calibrationEnd}-${summary.unit}-${digest(JSON.stringify([bgParameters, ggParameters]))}`,
    fittedAt: input.fittedAt ?? null,
    unit: summary.unit,
    dataWindow: {
      firstPurchase: Number.isFinite(firstDay) ? dateOfDay(firstDay) : summary.calibrationEnd,
      calibrationEnd: summary.calibrationEnd,
      holdoutEnd: summary.holdoutEnd,
    },
    customers: bg.customers,
    repeatCustomers: bg.repeatCustomers,
    bgNbd: { ...fitSummary(bg), parameters: bgParameters, standardErrors: bg.standardErrors },
    gammaGamma:
      gg && ggParameters
        ? {
            ...fitSummary(gg),
            parameters: ggParameters,
            standardErrors: gg.standardErrors,
            meanSpend: meanSpend(gg.params),
            skippedNonPositive: gg.skippedNonPositive,
          }
        : null,
    scoring: {
      horizonsDays: input.scoring?.horizonsDays ?? [30, 90],
      churnHorizonDays,
      churnBandCutoffs: { ...CHURN_BAND_CUTOFFS },
      clvMonths: input.scoring?.clvMonths ?? 12,
      monthlyDiscountRate: input.scoring?.monthlyDiscountRate ?? 0.01,
      discounting: 'expected spend per 30-day month, discounted by the monthly rate per month',
    },
    holdout: input.holdout ?? null,
  };
}

const fixed = (v: number, digits: number) => (Number.isFinite(v) ? v.toFixed(digits) : String(v));

/** The card as text for the CLI and logs. */
export function formatModelCard(card: ModelCard): string {
  const { r, alpha, a, b } = card.bgNbd.parameters;
  const lines = [
    `Model ${card.modelVersion}${card.fittedAt ? `, fitted ${card.fittedAt}` : ''}`,
    `Data: first purchases from ${card.dataWindow.firstPurchase}, ` +
      `calibration to ${card.dataWindow.calibrationEnd}` +
      (card.dataWindow.holdoutEnd ? `, holdout to ${card.dataWindow.holdoutEnd}` : ', no holdout') +
      `; time unit: ${card.unit}`,
    `Customers: ${card.customers} (${card.repeatCustomers} repeat buyers)`,
    `BG/NBD: r = ${fixed(r, 4)}, alpha = ${fixed(alpha, 4)} (${card.unit}s), ` +
      `a = ${fixed(a, 4)}, b = ${fixed(b, 4)}; ` +
      `log-likelihood ${fixed(card.bgNbd.logLikelihood, 2)}; ${card.bgNbd.iterations} iterations, ` +
      (card.bgNbd.converged ? 'converged' : `not converged (${card.bgNbd.message})`),
  ];
  const bse = card.bgNbd.standardErrors;
  if (bse) {
    lines.push(
      `  standard errors: r ${fixed(bse.r, 4)}, alpha ${fixed(bse.alpha, 4)}, a ${fixed(bse.a, 4)}, b ${fixed(bse.b, 4)}`,
    );
  }
  const gg = card.gammaGamma;
  lines.push(
    gg
      ? `Gamma-Gamma: p = ${fixed(gg.parameters.p, 4)}, q = ${fixed(gg.parameters.q, 4)}, ` +
          `gamma = ${fixed(gg.parameters.gamma, 4)}; log-likelihood ${fixed(gg.logLikelihood, 2)} ` +
          `over ${gg.customers} repeat buyers; mean spend per order ${fixed(gg.meanSpend, 2)}` +
          (gg.converged ? '' : ` (not converged: ${gg.message})`)
      : 'Gamma-Gamma: not fitted (fewer than two repeat buyers with spend)',
  );
  const gse = gg?.standardErrors;
  if (gse) {
    lines.push(
      `  standard errors: p ${fixed(gse.p, 4)}, q ${fixed(gse.q, 4)}, gamma ${fixed(gse.gamma, 4)}`,
    );
  }
  const s = card.scoring;
  lines.push(
    `Scoring: propensity over ${s.horizonsDays.join(' and ')} days; ` +
      `churn risk = 1 − propensity over ${s.churnHorizonDays} days ` +
      `(medium from ${s.churnBandCutoffs.medium}, high from ${s.churnBandCutoffs.high}); ` +
      `CLV over ${s.clvMonths} months at ${fixed(100 * s.monthlyDiscountRate, 2)}% a month`,
  );
  const h = card.holdout;
  if (h) {
    const t = h.reliability.totals;
    const aucText = h.auc === null ? 'n/a' : fixed(h.auc, 3);
    const brierText = h.brier === null ? 'n/a' : fixed(h.brier, 4);
    lines.push(
      `Holdout to ${h.holdoutEnd} (${fixed(h.holdoutLength, 2)} ${card.unit}s): ` +
        `predicted ${fixed(t.predicted, 1)} vs actual ${t.actual} repeat purchases; ` +
        `AUC ${aucText}, Brier ${brierText} (propensity over ${h.propensityHorizonDays} days)`,
    );
    lines.push(
      '  x in calibration   customers   predicted   actual (mean holdout repeat purchases)',
    );
    const mean = (v: number | null, width: number) =>
      (v === null ? '–' : fixed(v, 3)).padStart(width);
    for (const row of h.reliability.rows) {
      const customers = String(row.customers).padStart(9);
      lines.push(
        `  ${row.label.padStart(16)}   ${customers}   ${mean(row.meanPredicted, 9)}   ${mean(row.meanActual, 6)}`,
      );
    }
  }
  return lines.join('\n');
}
