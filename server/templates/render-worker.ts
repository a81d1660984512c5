// A render worker: takes one job at a time from the server's pool (worker-renderer.ts), renders it
// with the domain's renderTemplate and answers the result. Says it is ready once loaded, so the
// pool's deadline counts rendering only.
import { parentPort } from 'node:worker_threads';
import { renderTemplate } from '../../src/domain/template/render.ts';
import type { TemplateRenderResult } from '../../src/domain/template/result.ts';
import { renderJob, type WorkerReply } from './render-job.ts';

const port = parentPort;
if (port === null) throw new Error('render-worker.ts runs as a worker thread.');

function reply(message: WorkerReply): void {
  port?.postMessage(message);
}

port.on('message', (message: unknown) => {
  const job = renderJob.safeParse(message);
  if (!job.success) {
    // The pool only sends parsed jobs: this is a bug on our side, answered rather than hung.
    const id = typeof message === 'object' && message !== null && 'id' in message ? message.id : -1;
    const result: TemplateRenderResult = {
      ok: false,
      error: {
        code: 'render_failed',
        message: `The render job did not fit its schema: ${job.error.message}`,
        part: null,
        line: null,
        column: null,
        params: {},
      },
    };
    if (typeof id === 'number' && id >= 0) reply({ id, result });
    return;
  }
  const { id, request } = job.data;
  void renderTemplate(request).then(
    (result) => reply({ id, result }),
    (error: unknown) =>
      reply({
        id,
        result: {
          ok: false,
          error: {
            code: 'render_failed',
            message: error instanceof Error ? error.message : String(error),
            part: null,
            line: null,
            column: null,
            params: {},
          },
        },
      }),
  );
});

/** One small message through every stage (Liquid, filters, sanitising), so the first real one is not slow. */
async function warmUp(): Promise<void> {
  await renderTemplate({
    template: {
      channel: 'email',
      template: {
        subject: "{{ customer.first_name | default: 'Bonjour' }}",
        preheader: '{{ 999 | money }}',
        html: '<p style="color:red"><a href="https://x.example">{{ "2026-01-01" | date }}</a></p>',
      },
    },
    personalisation: {
      context: {
        customer: {
          first_name: null,
          last_name: null,
          civility: null,
          city: null,
          language: 'fr',
          loyalty_tier: 'none',
          loyalty_tier_name: null,
          favourite_category: null,
          favourite_category_code: null,
          preferences: { interests: [], preferred_channel: null, contact_frequency: null },
          scores: null,
          last_order: null,
        },
        offer: null,
        recommendations: [],
        campaign: null,
        unsubscribe_url: 'https://unsubscribe.invalid/preview',
      },
      hints: { email_local_parts: [] },
    },
    now: 0,
  });
}

void warmUp().finally(() => reply({ ready: true }));
