// The pre-send audit (contract: src/api/contract/audits.ts, decision 022): POST
// /api/campaigns/:id/audits starts one (or joins the one running), GET reads one or all, DELETE
// cancels; POST /api/campaigns/:id/remedies applies a one-click remedy from a done, current audit
// as a new campaign version and starts the audit again; POST /api/campaigns/:id/ready marks the
// campaign ready from such an audit — refused while a blocking guardrail flags recipients, unless
// a reason is written, recorded with who and when. The work is server/campaign-audits.ts's.
import { Hono } from 'hono';
import {
  applyRemedyRequest,
  auditParams,
  campaignIdParam,
  markReadyRequest,
  startAuditRequest,
  type ApplyRemedyResponse,
  type CampaignAuditsResponse,
  type SavedCampaign,
} from '../../src/api/contract.ts';
import { excludedIds, type CampaignBody } from '../../src/domain/campaign/campaign.ts';
import { readyNote, remedyNote } from '../../src/domain/campaign/notes.ts';
import { flaggedBy, readyDecision } from '../../src/domain/guardrails/audit.ts';
import { quietPlaceOf, type QuietPlace } from '../../src/domain/guardrails/contact-quiet-hours.ts';
import { applyRemedy, type Remedy } from '../../src/domain/guardrails/remedy.ts';
import {
  auditOf,
  auditsOfCampaign,
  cancelAudit,
  currentDoneAudit,
  startAudit,
} from '../campaign-audits.ts';
import { checkRunFor } from '../campaign-preview.ts';
import { bodyOfCampaign } from '../documents/campaigns.ts';
import { currentPolicy } from '../documents/policies.ts';
import { callerOf } from '../auth/access.ts';
import { httpError, parseOr400 } from '../http.ts';
import type { ProfileStore } from '../store.ts';
import { campaignResource, checkCampaign, keepSent } from './campaigns.ts';
import { renderInThisThread, type TemplateRenderer } from './templates.ts';
import { ifMatchVersion, oneSaveAtATime, readJson } from './versioned-http.ts';

const ETAG_SOURCE = 'GET /api/campaigns/:id';
/** Customers read at once to place the quiet-hours-flagged recipients. */
const PLACE_CHUNK = 1_000;

/** Where the quiet_hours-flagged recipients keep their quiet hours, each place once. */
async function quietPlaces(
  store: ProfileStore,
  campaign: SavedCampaign,
  ids: readonly string[],
): Promise<QuietPlace[]> {
  const places = new Map<string, QuietPlace>();
  const scope = { tables: [], since: null };
  for await (const chunk of store.histories(ids, { scope, chunkSize: PLACE_CHUNK })) {
    for (const { customer } of chunk) {
      const place = quietPlaceOf(customer, campaign.time_zone);
      places.set(`${place.time_zone} ${place.alsace_moselle}`, place);
    }
  }
  return [...places.values()];
}

/** The ids a remedy needs: the guardrail's flagged recipients of the current check. */
async function flaggedNow(
  store: ProfileStore,
  render: TemplateRenderer,
  campaign: SavedCampaign,
  guardrail: Parameters<typeof flaggedBy>[1],
): Promise<string[]> {
  const { run } = await checkRunFor(store, render, campaign);
  const check = await run.result;
  return flaggedBy(check.members, guardrail, excludedIds(campaign));
}

export function auditRoutes(
  store: ProfileStore,
  render: TemplateRenderer = renderInThisThread,
): Hono {
  const campaigns = campaignResource(store);

  const remedyContext = async (campaign: SavedCampaign, auditId: string, remedy: Remedy) => {
    const [policy, reference] = await Promise.all([
      currentPolicy(store.documents),
      store.referenceRows(),
    ]);
    const guardrail =
      remedy.kind === 'exclude_flagged'
        ? remedy.guardrail
        : remedy.kind === 'move_send_time'
          ? 'quiet_hours'
          : null;
    const flagged = guardrail === null ? [] : await flaggedNow(store, render, campaign, guardrail);
    return {
      policy: policy.policy,
      products: reference.products,
      audit_id: auditId,
      flagged,
      places: remedy.kind === 'move_send_time' ? await quietPlaces(store, campaign, flagged) : [],
      now: store.asOf,
    };
  };

  return new Hono()
    .post('/:id/audits', async (c) => {
      const { id } = parseOr400(campaignIdParam, c.req.param(), 'params');
      parseOr400(startAuditRequest, await readJson(c.req.raw, {}), 'body');
      const audit = await startAudit(store, render, id, callerOf(c).name);
      c.header('Location', `/api/campaigns/${id}/audits/${audit.audit_id}`);
      return c.json(audit, 202);
    })
    .get('/:id/audits', async (c) => {
      const { id } = parseOr400(campaignIdParam, c.req.param(), 'params');
      const body: CampaignAuditsResponse = {
        campaign_id: id,
        audits: await auditsOfCampaign(store, id),
      };
      return c.json(body);
    })
    .get('/:id/audits/:auditId', async (c) => {
      const { id, auditId } = parseOr400(auditParams, c.req.param(), 'params');
      return c.json(await auditOf(store, id, auditId));
    })
    .delete('/:id/audits/:auditId', async (c) => {
      const { id, auditId } = parseOr400(auditParams, c.req.param(), 'params');
      await cancelAudit(store, id, auditId);
      return c.body(null, 204);
    })
    .post('/:id/remedies', async (c) => {
      const { id } = parseOr400(campaignIdParam, c.req.param(), 'params');
      const expected = ifMatchVersion(c, true, ETAG_SOURCE);
      const request = parseOr400(applyRemedyRequest, await readJson(c.req.raw), 'body');
      const by = callerOf(c).name;
      const campaign = await oneSaveAtATime(store, async () => {
        const current = await campaigns.current(id);
        campaigns.expectVersion(id, current, expected);
        keepSent(current);
        await currentDoneAudit(store, current, request.audit_id);
        const context = await remedyContext(current, request.audit_id, request.remedy);
        const result = applyRemedy(bodyOfCampaign(current), request.remedy, context);
        if (!result.ok) {
          throw httpError(
            'remedy_not_applicable',
            `The remedy ${request.remedy.kind} cannot be applied: ${result.reason}. Nothing was saved.`,
            { remedy: request.remedy.kind, cause: result.reason },
          );
        }
        const body: CampaignBody = { ...result.body, status: 'draft', readiness: null };
        await checkCampaign(store, body, { outcome: 'not_saved' });
        const { effect } = result;
        return campaigns.append(id, current.version, {
          body,
          author: by,
          note: remedyNote(
            effect.kind,
            effect.kind === 'exclude_flagged'
              ? { guardrail: effect.guardrail, count: effect.excluded }
              : undefined,
          ),
          at: new Date().toISOString(),
        });
      });
      const audit = await startAudit(store, render, id, by);
      c.header('ETag', `"${campaign.version}"`);
      const response: ApplyRemedyResponse = { campaign, audit };
      return c.json(response);
    })
    .post('/:id/ready', async (c) => {
      const { id } = parseOr400(campaignIdParam, c.req.param(), 'params');
      const expected = ifMatchVersion(c, true, ETAG_SOURCE);
      const request = parseOr400(markReadyRequest, await readJson(c.req.raw), 'body');
      const by = callerOf(c).name;
      return oneSaveAtATime(store, async () => {
        const current = await campaigns.current(id);
        campaigns.expectVersion(id, current, expected);
        keepSent(current);
        const audit = await currentDoneAudit(store, current, request.audit_id);
        const decision = readyDecision(audit.counts, request.override_reason ?? null);
        if (!decision.ready) {
          throw httpError(
            'campaign_blocked',
            `${decision.blocked} recipients of “${current.name}” are still blocked by ` +
              `${decision.guardrails.join(', ')}: remedy them, or write why it may go out all the same.`,
            {
              campaign_id: id,
              name: current.name,
              blocked: decision.blocked,
              guardrails: decision.guardrails.join(','),
            },
          );
        }
        const at = new Date().toISOString();
        const body: CampaignBody = {
          ...bodyOfCampaign(current),
          status: 'ready',
          readiness: { audit_id: audit.audit_id, by, at, override: decision.override },
        };
        await checkCampaign(store, body, { outcome: 'not_saved' });
        const saved = await campaigns.append(id, current.version, {
          body,
          author: by,
          note: readyNote(audit.audit_id, decision.override !== null),
          at,
        });
        return campaigns.respond(c, saved);
      });
    });
}
