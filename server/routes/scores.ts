// Scores and the model card: GET /api/customers/:id/scores (404 for an unknown customer;
// `no_orders` for a customer with nothing to score), GET /api/models/clv, and a refit on demand
// (POST /api/models/clv/refit starts one, GET the same path reads its stage). Without a model
// (data too small to fit), a customer's scores answer `no_model` with the reason and its figures.
import { Hono } from 'hono';
import {
  customerIdParam,
  refitRequest,
  type CustomerScoresResponse,
  type NoModelReason,
} from '../../src/api/contract.ts';
import { callerOf } from '../auth/access.ts';
import { httpError, parseOr400 } from '../http.ts';
import { readJson } from './versioned-http.ts';
import type { RefitJob } from '../scoring/refit.ts';
import type { ScoreService } from '../scoring/service.ts';

function unscored(id: string, noModel: NoModelReason): CustomerScoresResponse {
  return {
    customer_id: id,
    model_version: 'none',
    as_of: null,
    status: 'no_model',
    no_model: noModel,
    scores: null,
    explanation: null,
  };
}

export function scoreRoutes(
  scores: ScoreService,
  customerExists: (id: string) => Promise<boolean>,
  refit: RefitJob,
): Hono {
  return new Hono()
    .get('/customers/:id/scores', async (c) => {
      const { id } = parseOr400(customerIdParam, c.req.param(), 'params');
      const [book, exists] = await Promise.all([scores.book(), customerExists(id)]);
      if (!exists) throw httpError('customer_not_found', `No customer ${id}.`, { customer_id: id });
      if ('unavailable' in book) return c.json(unscored(id, book.reason));
      return c.json(book.customer(id));
    })
    .post('/models/clv/refit', async (c) => {
      parseOr400(refitRequest, await readJson(c.req.raw, {}), 'body');
      return c.json(refit.start(callerOf(c).name), 202);
    })
    .get('/models/clv/refit', (c) => c.json(refit.status()))
    .get('/models/clv', async (c) => {
      const book = await scores.book();
      if ('unavailable' in book) {
        throw httpError('no_model', `No model is fitted on this data: ${book.unavailable}`, {});
      }
      return c.json(book.card());
    });
}
