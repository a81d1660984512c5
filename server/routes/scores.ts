// Scores and the model card: GET /api/customers/:id/scores (404 for an unknown customer;
// `no_orders` for a customer with nothing to score) and GET /api/models/clv.
import { Hono } from 'hono';
import { customerIdParam } from '../../src/api/contract.ts';
import { notFound, parseOr400 } from '../http.ts';
import type { ScoreService } from '../scoring/service.ts';

export function scoreRoutes(
  scores: ScoreService,
  customerExists: (id: string) => Promise<boolean>,
): Hono {
  return new Hono()
    .get('/customers/:id/scores', async (c) => {
      const { id } = parseOr400(customerIdParam, c.req.param(), 'params');
      const [book, exists] = await Promise.all([scores.book(), customerExists(id)]);
      if (!exists) throw notFound(`No customer ${id}.`);
      return c.json(book.customer(id));
    })
    .get('/models/clv', async (c) => c.json((await scores.book()).card()));
}
