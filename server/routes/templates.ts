// Templates: GET /api/templates/fields lists the personalisation context's fields for the editor;
// POST /api/templates/render renders a template for one customer — their history from the store,
// the scores the models have for them, the campaign's offer and recommendations from the request —
// and answers the domain's result: the message, or the template's error at its line and column
// (200 either way; 400 for a body that is not a render request, 404 for an unknown customer).
// Rendering goes through a TemplateRenderer: in this thread (the browser's mock API) or, on the
// Node server, in worker threads so that a template running into its limits blocks no other request.
import { Hono } from 'hono';
import {
  templateRenderRequest,
  type CustomerScores,
  type TemplateFieldsResponse,
  type TemplateRenderRequest,
  type TemplateRenderResponse,
} from '../../src/api/contract.ts';
import { personalisation, type TemplateScores } from '../../src/domain/template/context.ts';
import { templateFields } from '../../src/domain/template/fields.ts';
import type { RenderRequest, renderTemplate } from '../../src/domain/template/render.ts';
import type { TemplateRenderResult } from '../../src/domain/template/result.ts';
import { masksPersonalData } from '../auth/masking.ts';
import { maskHistory } from '../../src/domain/profile/mask.ts';
import { httpError, parseOr400 } from '../http.ts';
import type { ProfileStore } from '../store.ts';
import { limitBody, readJson } from './versioned-http.ts';

export type TemplateRenderer = (request: RenderRequest) => Promise<TemplateRenderResult>;

/** The last render queued in this thread: each waits for the one before. */
let lastInThisThread: Promise<unknown> = Promise.resolve();
/** The engine, imported once (an import per render costs a loader round trip under tsx). */
let engine: Promise<{ renderTemplate: typeof renderTemplate }> | null = null;

/**
 * Renders in this thread, loading the engine (liquidjs, sanitize-html) on first use, one render
 * at a time: a render's time limit is counted on the clock, so renders interleaved in one thread
 * would each count the others' time and fail at random (a preview's recipients render together).
 */
export const renderInThisThread: TemplateRenderer = (request) => {
  const result = lastInThisThread.then(async () => {
    engine ??= import('../../src/domain/template/render.ts');
    const { renderTemplate } = await engine;
    return renderTemplate(request);
  });
  lastInThisThread = result.catch(() => undefined);
  return result;
};

/** An e-mail's HTML is at most 200,000 characters: well under this. */
const limitTemplateBody = limitBody(1024 * 1024, 'A template request');

/** The scores a template may read, from the models' answer for the customer. */
export function templateScores(scores: CustomerScores | null): TemplateScores | null {
  if (scores === null) return null;
  return {
    churn_band: scores.churn.band,
    rfm_cell: scores.rfm?.cell ?? null,
    purchase_probability: scores.propensity[0]?.probability ?? null,
    predicted_clv_cents: scores.clv === null ? null : Math.round(scores.clv.value * 100),
    next_order_date: scores.next_order?.expected_date ?? null,
  };
}

/** The customer's scores, or none: a model that cannot be fitted never blocks a preview. */
async function scoresOf(store: ProfileStore, customerId: string): Promise<TemplateScores | null> {
  try {
    const book = await store.scoreBook();
    return 'unavailable' in book ? null : templateScores(book.customer(customerId).scores);
  } catch {
    return null;
  }
}

export function templateRoutes(
  store: ProfileStore,
  render: TemplateRenderer = renderInThisThread,
): Hono {
  return new Hono()
    .get('/fields', (c) => {
      const body: TemplateFieldsResponse = { fields: [...templateFields] };
      return c.json(body);
    })
    .post('/render', limitTemplateBody, async (c) => {
      const request = parseOr400(templateRenderRequest, await readJson(c.req.raw), 'body');
      const id = request.customer_id;
      const [history, scores] = await Promise.all([store.history(id), scoresOf(store, id)]);
      if (history === null) {
        throw httpError('customer_not_found', `No customer ${id}.`, { customer_id: id });
      }
      // A viewer sees the sample rendered from the customer's personal data masked.
      const who = personalisation(masksPersonalData(c) ? maskHistory(history) : history, {
        language: request.language,
        offer: request.offer ?? null,
        recommendations: request.recommendations ?? [],
        campaign: request.campaign
          ? { name: request.campaign.name, channel: request.channel }
          : null,
        scores,
      });
      const body: TemplateRenderResponse = await render({
        template: messageTemplateOf(request),
        personalisation: who,
        language: request.language,
        now: request.now === undefined ? Date.now() : Date.parse(request.now),
      });
      return c.json(body);
    });
}

function messageTemplateOf(request: TemplateRenderRequest): RenderRequest['template'] {
  switch (request.channel) {
    case 'email':
      return { channel: 'email', template: request.template };
    case 'sms':
      return { channel: 'sms', template: request.template };
    case 'push':
      return { channel: 'push', template: request.template };
    case 'web_banner':
      return { channel: 'web_banner', template: request.template };
  }
}
