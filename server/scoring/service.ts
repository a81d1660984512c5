// The score book of a store, built once on first use and kept: fitting and scoring are seconds of
// CPU at a million customers, so requests share one run; a failed run is not kept, so the next
// request tries again.
import type { IndexedTransactions } from '../../src/domain/analytics/summary.ts';
import { buildScoreBook, type ScoreBook } from './score-book.ts';

/** What scoring needs from a store (both stores have it). */
export interface ScoringSource {
  readonly asOf: string;
  scoringTransactions(): Promise<IndexedTransactions>;
  /** The store's own book, when it keeps one (its segment fields read it): not fitted twice. */
  scoreBook?(): Promise<ScoreBook | NoModel>;
}

/** The models could not be fitted on this data (no repeat buyer, say): why, in words. */
export interface NoModel {
  unavailable: string;
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
    if (error instanceof RangeError) return { unavailable: error.message };
    throw error;
  }
}

export interface ScoreService {
  book(): Promise<ScoreBook | NoModel>;
}

export function scoreService(source: ScoringSource): ScoreService {
  let pending: Promise<ScoreBook | NoModel> | null = null;
  return {
    book() {
      // The store keeps its book per load itself: asked each time, so a reload is seen.
      if (source.scoreBook) return source.scoreBook();
      pending ??= source
        .scoringTransactions()
        .then((transactions) => fitScoreBook(transactions, source.asOf))
        .catch((error: unknown) => {
          pending = null;
          throw error;
        });
      return pending;
    },
  };
}
