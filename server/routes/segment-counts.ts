// POST /api/segments/count: validate the definition against the catalogue and the saved segments
// (422 with per-node issues, never a count for an invalid definition), then count it, its reach
// per channel and each top-level part, with a sample of members and an optional breakdown.
import { Hono } from 'hono';
import { countRequest, type CountResponse } from '../../src/api/contract.ts';
import { breakdownSource } from '../../src/domain/segment/breakdown.ts';
import { countPlan, planCounts } from '../../src/domain/segment/count-plan.ts';
import { httpError, parseOr400 } from '../http.ts';
import type { ProfileStore } from '../store.ts';
import { checkDefinition, definitionShape, limitSegmentBody } from './segment-definitions.ts';
import { readJson } from './versioned-http.ts';

export function segmentCountRoutes(store: ProfileStore): Hono {
  return new Hono().post('/count', limitSegmentBody, async (c) => {
    const request = parseOr400(countRequest, await readJson(c.req.raw), 'body');
    const outcome = { outcome: 'not_counted' } as const;
    const definition = definitionShape(request.definition, outcome);
    await checkDefinition(store, definition, await store.savedSegments(), outcome);
    const breakdown = request.breakdown ?? null;
    if (breakdown !== null) {
      if (breakdownSource(breakdown) === null) {
        throw httpError(
          'invalid_breakdown',
          `Cannot break down by "${breakdown}": choose a customer text or list attribute, a score band or the channels.`,
          { breakdown },
          {
            issues: [
              {
                path: ['body', 'breakdown'],
                code: 'invalid_breakdown',
                message: 'Not a customer text or list attribute, a score band or the channels.',
                params: { breakdown },
              },
            ],
          },
        );
      }
    }
    const plan = countPlan(definition);
    const answer = await store.segmentCountAnswer(plan.definitions, request.sample, breakdown);
    const named = planCounts(plan, answer.counts);
    const body: CountResponse = {
      count: named.segment,
      total: answer.total,
      reachable: named.reachable,
      groups: named.groups,
      breakdown:
        breakdown === null || answer.breakdown === null
          ? null
          : { field: breakdown, values: answer.breakdown },
      sample: answer.sample,
      as_of: store.asOf,
    };
    return c.json(body);
  });
}
