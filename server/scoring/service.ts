// The score book of a store, built once on first use and kept: fitting and scoring are seconds of
// CPU at a million customers, so requests share one run; a failed run is not kept, so the next
// request tries again.
import type { IndexedTransactions } from '../../src/domain/analytics/summary.ts';
import { buildScoreBook, type ScoreBook } from './score-book.ts';

/** What scoring needs from a store (both stores have it). */
export interface ScoringSource {
  readonly asOf: string;
  scoringTransactions(): Promise<IndexedTransactions>;
}

export interface ScoreService {
  book(): Promise<ScoreBook>;
}

export function scoreService(source: ScoringSource): ScoreService {
  let pending: Promise<ScoreBook> | null = null;
  return {
    book() {
      pending ??= source
        .scoringTransactions()
        .then((transactions) =>
          buildScoreBook(transactions, source.asOf, {
            clock: () => performance.now(),
            fittedAt: new Date().toISOString(),
          }),
        )
        .catch((error: unknown) => {
          pending = null;
          throw error;
        });
      return pending;
    },
  };
}
