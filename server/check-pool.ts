// Checking recipients in other threads (the Node server's check workers, server/checks/): the
// same domain function (recipientMessage) over the same histories, decoded where they are checked,
// so that both cores check and this thread only reads and dispatches. Only the interface lives
// here, free of Node's modules: the app that imports it also runs in the browser's mock API, where
// no store offers packed histories and every check runs in the page's thread.
import type { ListedRecipient } from '../src/domain/guardrails/recipient-list.ts';
import type { RecipientCampaign } from '../src/domain/guardrails/recipient.ts';
import type { TemplateScores } from '../src/domain/template/context.ts';
import type { PackedChunk } from './store.ts';

/** What every recipient of one check is checked with; the workers render in their own thread. */
export type CheckSetting = Omit<RecipientCampaign, 'render'>;

/** Counters a check moves as its recipients come back checked. */
export interface CheckCounters {
  /** Recipients checked. */
  done: number;
  /** Rows of the histories read so far. */
  rows: number;
}

export interface CheckJob {
  setting: CheckSetting;
  /** The recipients' packed histories, as the store reads them. */
  chunks: AsyncIterable<PackedChunk>;
  /** What the models say of a recipient (null without scores). */
  scores: (customerId: string) => TemplateScores | null;
  progress: CheckCounters;
  /** Once aborted, no more history is read nor recipient sent; what runs is awaited, not counted. */
  signal: AbortSignal;
}

export interface CheckPool {
  /** Every recipient of the chunks listed with their verdicts, in customer id order. */
  check(job: CheckJob): Promise<ListedRecipient[]>;
}

const pools = new WeakMap<object, CheckPool>();

/** The pool that checks the store's recipients from now on. */
export function attachCheckPool(store: object, pool: CheckPool): void {
  pools.set(store, pool);
}

/** The store's check pool, or null: its checks run in this thread. */
export function checkPoolOf(store: object): CheckPool | null {
  return pools.get(store) ?? null;
}
