// The Node server's check pool (check-pool.ts): worker threads, one per core by default, each
// decoding and checking the recipients it is sent (check-worker.ts). This thread reads the packed
// histories from the store, cuts them into pieces and keeps every worker busy with at most two
// pieces at a time (one checked, the next waiting), so reading and checking overlap.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { compareText } from '../../src/domain/compare.ts';
import type { ListedRecipient } from '../../src/domain/guardrails/recipient-list.ts';
import type { TemplateScores } from '../../src/domain/template/context.ts';
import type { CheckJob, CheckPool, CheckSetting } from '../check-pool.ts';
import type { PackedChunk } from '../store.ts';
import { fromWorker, type FromWorker, type ToWorker } from './check-messages.ts';

/** Recipients per piece sent to a worker. */
const PIECE = 100;
/** Pieces a worker holds at once: one being checked, the next ready. */
const PER_WORKER = 2;

const WORKER = new URL('./check-worker.ts', import.meta.url).href;
/** As the render workers: tsx registered in the new thread first (worker-renderer.ts says why). */
const BOOTSTRAP = `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(WORKER)}); });`;

interface Piece {
  resolve: (result: { members: ListedRecipient[]; rows: number }) => void;
  reject: (error: Error) => void;
}

interface Slot {
  worker: Worker;
  ready: boolean;
  /** Checks whose setting this worker has. */
  settings: Set<number>;
  pieces: Map<number, Piece>;
}

export interface CheckWorkers extends CheckPool {
  /** Resolves once every worker has loaded. */
  ready(): Promise<void>;
  close(): Promise<void>;
}

export function checkWorkers(options: { size?: number } = {}): CheckWorkers {
  const size = Math.max(1, options.size ?? Math.min(4, availableParallelism()));
  const slots: Slot[] = [];
  const waiting = new Set<() => void>();
  let nextCheck = 0;
  let nextPiece = 0;
  let closed = false;

  const wake = () => {
    for (const w of [...waiting]) w();
  };

  function fail(slot: Slot, error: Error) {
    for (const piece of slot.pieces.values()) piece.reject(error);
    slot.pieces.clear();
    const index = slots.indexOf(slot);
    if (index >= 0) slots.splice(index, 1);
    void slot.worker.terminate();
    if (!closed) slots.push(spawn());
    wake();
  }

  function spawn(): Slot {
    const worker = new Worker(BOOTSTRAP, { eval: true });
    const slot: Slot = { worker, ready: false, settings: new Set(), pieces: new Map() };
    worker.on('message', (message: unknown) => {
      const parsed = fromWorker.safeParse(message);
      if (!parsed.success) {
        fail(slot, new Error('A check worker answered out of its schema.'));
        return;
      }
      const reply: FromWorker = parsed.data;
      if (reply.kind === 'ready') {
        slot.ready = true;
      } else {
        const piece = slot.pieces.get(reply.chunk);
        slot.pieces.delete(reply.chunk);
        if (reply.kind === 'checked') piece?.resolve({ members: reply.members, rows: reply.rows });
        else piece?.reject(new Error(`A check worker failed: ${reply.message}`));
      }
      holdWhileBusy();
      wake();
    });
    worker.on('error', (error: Error) =>
      fail(slot, new Error(`A check worker failed: ${error.message}`)),
    );
    worker.on('exit', (code) => {
      if (!closed) fail(slot, new Error(`A check worker stopped (exit ${code}).`));
    });
    worker.unref();
    return slot;
  }

  /** Workers keep the process alive while they check, never when idle. */
  function holdWhileBusy() {
    for (const slot of slots) {
      if (slot.pieces.size > 0) slot.worker.ref();
      else slot.worker.unref();
    }
  }

  /** A worker with room for a piece, once there is one. */
  function freeSlot(): Promise<Slot> {
    return new Promise((resolve, reject) => {
      const look = () => {
        if (closed) {
          waiting.delete(look);
          reject(new Error('The check workers are closed.'));
          return;
        }
        const free = slots
          .filter((s) => s.pieces.size < PER_WORKER)
          .sort((a, b) => a.pieces.size - b.pieces.size)[0];
        if (free === undefined) return;
        waiting.delete(look);
        resolve(free);
      };
      waiting.add(look);
      look();
    });
  }

  function send(slot: Slot, message: ToWorker) {
    slot.worker.postMessage(message);
  }

  function checkPiece(
    slot: Slot,
    check: number,
    setting: CheckSetting,
    chunk: PackedChunk,
    rows: PackedChunk['rows'],
    scores: (id: string) => TemplateScores | null,
  ): Promise<{ members: ListedRecipient[]; rows: number }> {
    if (!slot.settings.has(check)) {
      send(slot, { kind: 'setting', check, setting });
      slot.settings.add(check);
    }
    const id = nextPiece++;
    const scored: Record<string, TemplateScores | null> = {};
    for (const row of rows) {
      const customerId = row['customer_id'];
      if (typeof customerId === 'string') scored[customerId] = scores(customerId);
    }
    return new Promise((resolve, reject) => {
      slot.pieces.set(id, { resolve, reject });
      send(slot, { kind: 'chunk', check, chunk: id, rows, scope: chunk.scope, scores: scored });
      holdWhileBusy();
    });
  }

  for (let i = 0; i < size; i += 1) slots.push(spawn());

  return {
    async check({ setting, chunks, scores, progress, signal }: CheckJob) {
      const check = nextCheck++;
      const results: Promise<ListedRecipient[]>[] = [];
      // Once a piece fails (or the check is cancelled), nothing more is read or sent.
      let failed = false;
      try {
        outer: for await (const chunk of chunks) {
          if (signal.aborted || failed) break;
          for (let start = 0; start < chunk.rows.length; start += PIECE) {
            const slot = await freeSlot();
            if (signal.aborted || failed) break outer;
            const result = checkPiece(
              slot,
              check,
              setting,
              chunk,
              chunk.rows.slice(start, start + PIECE),
              scores,
            ).then(({ members, rows }) => {
              // Answers arriving after a cancel are the work that was running: not counted.
              if (!signal.aborted) {
                progress.done += members.length;
                progress.rows += rows;
              }
              return members;
            });
            // A failure is thrown once every piece has been awaited, below.
            result.catch(() => {
              failed = true;
            });
            results.push(result);
          }
        }
        const pieces = await Promise.all(results);
        signal.throwIfAborted();
        return pieces
          .flat()
          .sort((a, b) => compareText(a.summary.customer_id, b.summary.customer_id));
      } finally {
        await Promise.allSettled(results);
        for (const slot of slots) {
          if (slot.settings.delete(check)) send(slot, { kind: 'forget', check });
        }
      }
    },
    ready: () =>
      new Promise<void>((resolve) => {
        const look = () => {
          if (closed || slots.every((s) => s.ready)) {
            waiting.delete(look);
            resolve();
          }
        };
        waiting.add(look);
        look();
      }),
    close: async () => {
      closed = true;
      wake();
      const stopping = slots.splice(0);
      for (const slot of stopping) {
        for (const piece of slot.pieces.values())
          piece.reject(new Error('The check workers are closed.'));
      }
      await Promise.all(stopping.map((slot) => slot.worker.terminate()));
    },
  };
}
