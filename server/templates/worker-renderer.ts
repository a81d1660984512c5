// The Node server's TemplateRenderer: a small pool of worker threads, each rendering one message at
// a time. liquidjs's render does not yield to the event loop, so a template that runs into its time
// limit would hold every other request for half a second; in a worker it holds only that worker.
// A render still running at the hard deadline (a filter stuck inside one call, which the engine's
// own limits cannot interrupt) has its worker terminated and replaced, and answers `timeout`.
import { Worker } from 'node:worker_threads';
import type { RenderRequest } from '../../src/domain/template/render.ts';
import type { TemplateError, TemplateRenderResult } from '../../src/domain/template/result.ts';
import type { TemplateRenderer } from '../routes/templates.ts';
import { workerReply, type RenderJob } from './render-job.ts';

export interface WorkerRendererOptions {
  /** Workers rendering at once (default 2: this machine's cores). */
  size?: number;
  /** A render still running after this long is stopped (default 2,000 ms; the engine's own budget is 500). */
  deadlineMs?: number;
}

export interface WorkerRenderer {
  render: TemplateRenderer;
  /** Resolves once every worker has loaded (a first render otherwise waits for it). */
  ready(): Promise<void>;
  /** Stops every worker; renders still waiting answer `render_failed`. */
  close(): Promise<void>;
}

interface Pending {
  job: RenderJob;
  resolve: (result: TemplateRenderResult) => void;
}

interface Slot {
  worker: Worker;
  ready: boolean;
  current: { pending: Pending; timer: ReturnType<typeof setTimeout> } | null;
}

const WORKER = new URL('./render-worker.ts', import.meta.url).href;

/**
 * The worker runs TypeScript, as `npm start` runs the server: its first lines register tsx in the
 * new thread (loader hooks given on the command line do not reach a worker's entry on Node 20).
 * `tsx` resolves from the working directory: the repository's root, where the server starts.
 */
const BOOTSTRAP = `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(WORKER)}); });`;

function failure(
  code: TemplateError['code'],
  message: string,
  params: TemplateError['params'] = {},
) {
  const result: TemplateRenderResult = {
    ok: false,
    error: { code, message, part: null, line: null, column: null, params },
  };
  return result;
}

export function workerRenderer(options: WorkerRendererOptions = {}): WorkerRenderer {
  const size = Math.max(1, options.size ?? 2);
  const deadlineMs = options.deadlineMs ?? 2_000;
  const queue: Pending[] = [];
  const slots: Slot[] = [];
  let nextId = 0;
  let closed = false;
  /** Set when a worker dies before it is ready: respawning would only fail again. */
  let broken: string | null = null;
  /** Called whenever a worker becomes ready. */
  const readyWaiters = new Set<() => void>();

  function settle(slot: Slot, result: TemplateRenderResult) {
    if (slot.current === null) return;
    clearTimeout(slot.current.timer);
    slot.current.pending.resolve(result);
    slot.current = null;
  }

  function failQueue(message: string) {
    for (const pending of queue.splice(0)) pending.resolve(failure('render_failed', message));
  }

  function replace(slot: Slot, result: TemplateRenderResult) {
    const index = slots.indexOf(slot);
    if (index < 0) return;
    slots.splice(index, 1);
    settle(slot, result);
    void slot.worker.terminate();
    if (!closed && broken === null) slots.push(spawn());
    dispatch();
  }

  function spawn(): Slot {
    const worker = new Worker(BOOTSTRAP, { eval: true });
    const slot: Slot = { worker, ready: false, current: null };
    worker.on('message', (message: unknown) => {
      const reply = workerReply.safeParse(message);
      if (!reply.success) {
        replace(slot, failure('render_failed', 'The render worker answered out of its schema.'));
      } else if ('ready' in reply.data) {
        slot.ready = true;
        for (const wake of readyWaiters) wake();
        dispatch();
      } else if (slot.current?.pending.job.id === reply.data.id) {
        settle(slot, reply.data.result);
        dispatch();
      }
    });
    worker.on('error', (error: Error) => {
      if (!slot.ready) broken = `The render worker failed to start: ${error.message}`;
      replace(slot, failure('render_failed', `The render worker failed: ${error.message}`));
      if (broken !== null) failQueue(broken);
    });
    worker.on('exit', (code) => {
      if (closed) return;
      if (!slot.ready) broken = `The render worker stopped before it was ready (exit ${code}).`;
      replace(slot, failure('render_failed', `The render worker stopped (exit ${code}).`));
      if (broken !== null) failQueue(broken);
    });
    worker.unref();
    return slot;
  }

  /** Workers keep the process alive while there is work, never when idle. */
  function holdWhileBusy() {
    for (const slot of slots) {
      if (slot.current !== null || queue.length > 0) slot.worker.ref();
      else slot.worker.unref();
    }
  }

  function dispatch() {
    for (const slot of slots) {
      if (!slot.ready || slot.current !== null) continue;
      const pending = queue.shift();
      if (pending === undefined) break;
      const timer = setTimeout(
        () =>
          replace(
            slot,
            failure(
              'timeout',
              `The render did not finish within ${deadlineMs} ms and was stopped.`,
              {
                max_ms: deadlineMs,
              },
            ),
          ),
        deadlineMs,
      );
      slot.current = { pending, timer };
      slot.worker.postMessage(pending.job);
    }
    holdWhileBusy();
  }

  for (let i = 0; i < size; i += 1) slots.push(spawn());

  return {
    render: (request: RenderRequest) =>
      new Promise<TemplateRenderResult>((resolve) => {
        if (closed || broken !== null) {
          resolve(failure('render_failed', broken ?? 'The renderer is closed.'));
          return;
        }
        queue.push({ job: { id: nextId++, request }, resolve });
        dispatch();
      }),
    ready: () =>
      new Promise<void>((resolve) => {
        const check = () => {
          if (broken !== null || closed || slots.every((slot) => slot.ready)) {
            readyWaiters.delete(check);
            resolve();
          }
        };
        readyWaiters.add(check);
        check();
      }),
    close: async () => {
      closed = true;
      failQueue('The renderer is closed.');
      const stopping = slots.splice(0);
      for (const slot of stopping)
        settle(slot, failure('render_failed', 'The renderer is closed.'));
      await Promise.all(stopping.map((slot) => slot.worker.terminate()));
    },
  };
}
