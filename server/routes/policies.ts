// Guardrail policies, versioned on the document repository like campaigns (ETag = version, If-Match
// on every save, 412 with the current policy when stale, 428 without), with history and restore.
// Every store holds the default policy from its load on; there is no create or delete. What is a
// policy's own: the rules its figures keep together (src/domain/guardrails/policy-rules.ts).
import { Hono } from 'hono';
import {
  policyIdParam,
  policyVersionParam,
  restorePolicyRequest,
  savePolicyRequest,
  type PolicyVersionsResponse,
  type SavedPolicy,
} from '../../src/api/contract.ts';
import type { GuardrailPolicy } from '../../src/domain/guardrails/policy.ts';
import { policyIssues } from '../../src/domain/guardrails/policy-rules.ts';
import { restoredNote } from '../../src/domain/version-notes.ts';
import { policiesOf, policyVersionOf, savedPolicyOf } from '../documents/policies.ts';
import type { DocumentVersion, DocumentWrite } from '../documents/repository.ts';
import { callerOf } from '../auth/access.ts';
import { httpError, parseOr400 } from '../http.ts';
import type { ProfileStore } from '../store.ts';
import { ifMatchVersion, limitBody, oneSaveAtATime, readJson } from './versioned-http.ts';
import { VersionedResource } from './versioned-resource.ts';

const ETAG_SOURCE = 'GET /api/policies/:id';

/** A policy is a few dozen figures: a few KB at most. */
const limitPolicyBody = limitBody(16 * 1024, 'A policy request');

function unknownPolicy(id: string) {
  return httpError('policy_not_found', `No guardrail policy '${id}'.`, { policy_id: id });
}

type Outcome = { outcome: 'not_saved' } | { outcome: 'not_restored'; version: number };

/** The 422 for a policy whose figures break a rule, each issue at its path with its figures. */
function checkPolicy(policy: GuardrailPolicy, outcome: Outcome): void {
  const issues = policyIssues(policy);
  if (issues.length === 0) return;
  const n = issues.length;
  const what =
    outcome.outcome === 'not_saved'
      ? 'nothing was saved'
      : `version ${outcome.version} cannot be restored as it is; nothing was saved`;
  throw httpError(
    'invalid_policy',
    `${n} ${n === 1 ? 'problem' : 'problems'} in the policy; ${what}.`,
    { count: n, ...outcome },
    { issues: issues.map(({ path, code, message, params }) => ({ path, code, message, params })) },
  );
}

export function policyRoutes(store: ProfileStore): Hono {
  const documents = policiesOf(store.documents);
  const policies = new VersionedResource<
    SavedPolicy,
    DocumentVersion<GuardrailPolicy>,
    DocumentWrite<GuardrailPolicy>
  >(
    {
      noun: 'policy',
      location: (p) => `/api/policies/${p.policy_id}`,
      notFound: unknownPolicy,
    },
    {
      get: async (id) => {
        const document = await documents.get(id);
        return document === null ? null : savedPolicyOf(document);
      },
      versions: (id) => documents.versions(id),
      version: (id, v) => documents.version(id, v),
      idempotencyRecord: (key) => documents.idempotencyRecord(key),
      update: async (id, expected, write) => {
        const result = await documents.update(id, expected, write);
        if (result.ok) return { ok: true, document: savedPolicyOf(result.document) };
        return result.reason === 'stale'
          ? { ok: false, reason: 'stale', current: savedPolicyOf(result.current) }
          : result;
      },
      delete: async (id, expected) => {
        const result = await documents.delete(id, expected);
        if (result.ok || result.reason === 'not_found') return result;
        return { ok: false, reason: 'stale', current: savedPolicyOf(result.current) };
      },
    },
  );

  return new Hono()
    .get('/:id', async (c) => {
      const { id } = parseOr400(policyIdParam, c.req.param(), 'params');
      return policies.respond(c, await policies.current(id));
    })
    .put('/:id', limitPolicyBody, async (c) => {
      const { id } = parseOr400(policyIdParam, c.req.param(), 'params');
      const expected = ifMatchVersion(c, true, ETAG_SOURCE);
      const { note, ...body } = parseOr400(savePolicyRequest, await readJson(c.req.raw), 'body');
      return oneSaveAtATime(store, async () => {
        const current = await policies.current(id);
        // Stale before anything else: the author must see the other edit first.
        policies.expectVersion(id, current, expected);
        checkPolicy(body, { outcome: 'not_saved' });
        const saved = await policies.append(id, current.version, {
          body,
          author: callerOf(c).name,
          note: note ?? '',
          at: new Date().toISOString(),
        });
        return policies.respond(c, saved);
      });
    })
    .get('/:id/versions', async (c) => {
      const { id } = parseOr400(policyIdParam, c.req.param(), 'params');
      const body: PolicyVersionsResponse = {
        policy_id: id,
        versions: await policies.history(id),
      };
      return c.json(body);
    })
    .get('/:id/versions/:v', async (c) => {
      const { id, v } = parseOr400(policyVersionParam, c.req.param(), 'params');
      return c.json(policyVersionOf(await policies.version(id, v)));
    })
    .post('/:id/versions/:v/restore', limitPolicyBody, async (c) => {
      const { id, v } = parseOr400(policyVersionParam, c.req.param(), 'params');
      const expected = ifMatchVersion(c, true, ETAG_SOURCE);
      parseOr400(restorePolicyRequest, await readJson(c.req.raw, {}), 'body');
      return oneSaveAtATime(store, async () => {
        const current = await policies.current(id);
        policies.expectVersion(id, current, expected);
        const restored = await policies.version(id, v);
        checkPolicy(restored.body, { outcome: 'not_restored', version: v });
        // A restore appends the old content as a new version: the history keeps every step.
        const saved = await policies.append(id, current.version, {
          body: restored.body,
          author: callerOf(c).name,
          note: restoredNote(v),
          at: new Date().toISOString(),
        });
        return policies.respond(c, saved);
      });
    });
}
