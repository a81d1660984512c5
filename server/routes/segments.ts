// Segment endpoints. POST /count: validate the definition against the catalogue (422 with
// per-node issues, never a count for an invalid definition), then count it, its reach per channel
// and each top-level part, with a sample of members and an optional breakdown.
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { countRequest, type CountResponse, type DefinitionIssue } from '../../src/api/contract.ts';
import { breakdownColumn } from '../../src/domain/segment/breakdown.ts';
import { countPlan } from '../../src/domain/segment/count-plan.ts';
import { parseDefinition } from '../../src/domain/segment/definition.ts';
import { validateDefinition } from '../../src/domain/segment/validate.ts';
import { HttpError, badRequest, parseOr400 } from '../http.ts';
import { NO_SAVED_SEGMENTS, type ProfileStore } from '../store.ts';

/** A definition of the maximum size is well under this; a 10 MB body is refused unread. */
export const MAX_BODY_BYTES = 512 * 1024;

async function readJson(request: Request): Promise<unknown> {
  const text = await request.text();
  try {
    return JSON.parse(text);
  } catch {
    throw badRequest('The body is not JSON.', [{ path: ['body'], message: 'Not JSON.' }]);
  }
}

function invalidDefinition(message: string, issues: DefinitionIssue[]): HttpError {
  return new HttpError(422, 'invalid_definition', message, issues);
}

export function segmentRoutes(store: ProfileStore): Hono {
  return new Hono().post(
    '/count',
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: () => {
        throw new HttpError(
          413,
          'payload_too_large',
          `A count request is at most ${MAX_BODY_BYTES / 1024} KB.`,
        );
      },
    }),
    async (c) => {
      const request = parseOr400(countRequest, await readJson(c.req.raw), 'body');
      const parsed = parseDefinition(request.definition);
      if (!parsed.ok) {
        throw invalidDefinition(
          'The definition does not have the expected shape; it was not counted.',
          parsed.issues.map((i) => ({
            node_id: null,
            path: ['definition', ...i.path],
            code: 'shape',
            message: i.message,
          })),
        );
      }
      const definition = parsed.definition;
      const validation = validateDefinition(definition, {
        catalogue: await store.catalogue(),
        segments: NO_SAVED_SEGMENTS,
      });
      if (!validation.valid) {
        const n = validation.issues.length;
        throw invalidDefinition(
          `${n} ${n === 1 ? 'problem' : 'problems'} in the definition; it was not counted.`,
          validation.issues.map((i) => ({
            node_id: i.nodeId,
            path: ['definition', ...i.path],
            code: i.code,
            message: i.message,
          })),
        );
      }
      let column: string | null = null;
      if (request.breakdown !== undefined) {
        column = breakdownColumn(request.breakdown);
        if (column === null) {
          throw badRequest(
            `Cannot break down by "${request.breakdown}": choose a customer text or list attribute.`,
            [{ path: ['body', 'breakdown'], message: 'Not a customer text or list attribute.' }],
          );
        }
      }
      const plan = countPlan(definition);
      const [counts, total, sample, breakdown] = await Promise.all([
        store.segmentCounts(plan.definitions),
        store.customerCount(),
        store.segmentSample(definition, request.sample),
        column === null ? Promise.resolve(null) : store.segmentBreakdown(definition, column),
      ]);
      const at = (i: number) => counts[i] ?? 0;
      const body: CountResponse = {
        count: at(0),
        total,
        reachable: { email: at(1), sms: at(2), push: at(3) },
        groups: plan.groupIds.map((node_id, i) => ({ node_id, count: at(4 + i) })),
        breakdown:
          request.breakdown === undefined || breakdown === null
            ? null
            : { field: request.breakdown, values: breakdown },
        sample,
        as_of: store.asOf,
      };
      return c.json(body);
    },
  );
}
