// Refitting the customer-base models on demand: one run at a time, its current stage readable
// while it runs (the model card polls it), and how it ended kept until the next run.
import type { RefitStatus } from '../../src/api/contract.ts';
import type { ScoreBook } from './score-book.ts';
import type { NoModel } from './service.ts';

export type RefitRun = (stage: (name: string) => void) => Promise<ScoreBook | NoModel>;

export class RefitJob {
  private current: RefitStatus = { state: 'idle' };

  constructor(
    private readonly run: RefitRun,
    private readonly now: () => Date = () => new Date(),
  ) {}

  status(): RefitStatus {
    return this.current;
  }

  /** Starts a run for `by` unless one is running (then joins it); answers the status either way. */
  start(by: string): RefitStatus {
    if (this.current.state === 'running') return this.current;
    const startedAt = this.now().toISOString();
    this.current = { state: 'running', stage: 'starting', started_at: startedAt, by };
    void this.run((stage) => {
      if (this.current.state === 'running') this.current = { ...this.current, stage };
    }).then(
      (book) => {
        const finishedAt = this.now().toISOString();
        this.current =
          'unavailable' in book
            ? {
                state: 'failed',
                by,
                started_at: startedAt,
                finished_at: finishedAt,
                error: book.unavailable,
                no_model: book.reason,
              }
            : {
                state: 'done',
                by,
                started_at: startedAt,
                finished_at: finishedAt,
                model_version: book.modelVersion,
                customers: book.base.summary.customerIds.length,
              };
      },
      (error: unknown) => {
        this.current = {
          state: 'failed',
          by,
          started_at: startedAt,
          finished_at: this.now().toISOString(),
          error: error instanceof Error ? error.message : String(error),
          no_model: null,
        };
      },
    );
    return this.current;
  }
}
