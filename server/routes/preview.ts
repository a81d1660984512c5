// The per-recipient preview (contract: src/api/contract/preview.ts): GET
// /api/campaigns/:id/recipients lists the campaign's recipients — the pinned segment version's
// members less the holdout — with what the guardrails found, filtered, searched and paged by
// customer id; GET /api/campaigns/:id/preview/:customerId shows one customer's message with its
// verdicts, recommendations, offer and why they are (or are not) a recipient. The work is
// server/campaign-preview.ts's; messages render through the app's TemplateRenderer.
import { Hono } from 'hono';
import {
  campaignIdParam,
  previewParams,
  recipientsQuery,
  type PreviewResponse,
  type RecipientsResponse,
} from '../../src/api/contract.ts';
import { recipientPage } from '../../src/domain/guardrails/recipient-list.ts';
import { checkedRecipients, recipientPreview } from '../campaign-preview.ts';
import { parseOr400, queryOf } from '../http.ts';
import type { ProfileStore } from '../store.ts';
import { renderInThisThread, type TemplateRenderer } from './templates.ts';

export function previewRoutes(
  store: ProfileStore,
  render: TemplateRenderer = renderInThisThread,
): Hono {
  return new Hono()
    .get('/:id/recipients', async (c) => {
      const { id } = parseOr400(campaignIdParam, c.req.param(), 'params');
      const query = parseOr400(recipientsQuery, queryOf(c), 'query');
      const checked = await checkedRecipients(store, render, id);
      const page = recipientPage(checked.recipients, {
        ...(query.flagged === undefined ? {} : { flagged: query.flagged === 'true' }),
        ...(query.guardrail === undefined ? {} : { guardrail: query.guardrail }),
        ...(query.q === undefined ? {} : { q: query.q }),
        ...(query.cursor === undefined ? {} : { cursor: query.cursor }),
        limit: query.limit,
      });
      const { totals } = checked;
      const body: RecipientsResponse = {
        campaign_id: id,
        version: checked.campaign.version,
        policy: { policy_id: checked.policy.policy_id, version: checked.policy.version },
        at: checked.at,
        total: totals.total,
        flagged: totals.flagged,
        by_guardrail: totals.byGuardrail,
        matching: page.matching,
        recipients: page.recipients,
        next_cursor: page.nextCursor,
      };
      return c.json(body);
    })
    .get('/:id/preview/:customerId', async (c) => {
      const { id, customerId } = parseOr400(previewParams, c.req.param(), 'params');
      const body: PreviewResponse = await recipientPreview(store, render, id, customerId);
      return c.json(body);
    });
}
