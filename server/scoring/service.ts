// The score book the routes read: the store's own (each store fits it once per load and its
// segment fields read the same one), and how a fit that cannot be made is told.
import type { NoModelReason } from '../../src/api/contract.ts';
import { TooLittleDataError } from '../../src/domain/analytics/pipeline.ts';
import type { IndexedTransactions } from '../../src/domain/analytics/summary.ts';
import { buildScoreBook, type ScoreBook } from './score-book.ts';

/** What scoring needs from a store (both stores have it). */
export interface ScoringSource {
  /** The store's book, fitted on first use and kept until a reload or a refit. */
  scoreBook(): Promise<ScoreBook | NoModel>;
}

/** The models could not be fitted on this data (no repeat buyer, say): why. */
export interface NoModel {
  /** In English, for logs. */
  unavailable: string;
  /** The same as a stable code with its figures, which the app words in its user's language. */
  reason: NoModelReason;
}

/** Why the models refused the data, from the RangeError they refused it with. */
export function noModel(error: RangeError): NoModel {
  const message = error.message;
  const reason: NoModelReason =
    error instanceof TooLittleDataError
      ? {
          reason: 'too_little_data',
          params: {
            customers: error.customers,
            repeat_customers: error.repeatCustomers,
            min_customers: error.minCustomers,
            min_repeat_customers: error.minRepeatCustomers,
          },
          message,
        }
      : { reason: 'fit_failed', params: {}, message };
  return { unavailable: message, reason };
}

/** The book of `transactions`, or why there is none. */
export function fitScoreBook(transactions: IndexedTransactions, asOf: string): ScoreBook | NoModel {
  try {
    return buildScoreBook(transactions, asOf, {
      clock: () => performance.now(),
      fittedAt: new Date().toISOString(),
    });
  } catch (error: unknown) {
    // The models refuse data they cannot fit with a RangeError saying why; kept, since the same
    // data gives the same answer.
    if (error instanceof RangeError) return noModel(error);
    throw error;
  }
}

export interface ScoreService {
  book(): Promise<ScoreBook | NoModel>;
}

export function scoreService(source: ScoringSource): ScoreService {
  // Asked each time, so a reload or a refit is seen.
  return { book: () => source.scoreBook() };
}
