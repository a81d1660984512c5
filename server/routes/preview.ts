// The per-recipient preview (contract: src/api/contract/preview.ts): GET
// /api/campaigns/:id/recipients lists the campaign's recipients — the pinned segment version's
// members less the holdout — with what the guardrails found, filtered, searched and paged by
// customer id (and as CSV: /recipients.csv, the same filters, every page); GET
// /api/campaigns/:id/preview/:customerId shows one customer's message with its
// verdicts, recommendations, offer and why they are (or are not) a recipient. The work is
// server/campaign-preview.ts's; messages render through the app's TemplateRenderer.
import { masksPersonalData } from '../auth/masking.ts';
import { maskPerson } from '../../src/domain/profile/mask.ts';
import { Hono } from 'hono';
import { stream } from 'hono/streaming';
import {
  campaignIdParam,
  previewParams,
  recipientsQuery,
  type PreviewResponse,
  type RecipientsQuery,
  type RecipientsResponse,
} from '../../src/api/contract.ts';
import { recipientPage, type RecipientQuery } from '../../src/domain/guardrails/recipient-list.ts';
import { csvRow } from '../../src/domain/segment/csv.ts';
import { checkedRecipients, recipientPreview } from '../campaign-preview.ts';
import { parseOr400, queryOf } from '../http.ts';
import type { ProfileStore } from '../store.ts';
import { renderInThisThread, type TemplateRenderer } from './templates.ts';

/** The list's filters and search as the domain takes them. */
function filtersOf(query: RecipientsQuery): Omit<RecipientQuery, 'limit'> {
  return {
    ...(query.flagged === undefined ? {} : { flagged: query.flagged === 'true' }),
    ...(query.guardrail === undefined ? {} : { guardrail: query.guardrail }),
    ...(query.q === undefined ? {} : { q: query.q }),
    ...(query.cursor === undefined ? {} : { cursor: query.cursor }),
  };
}

/** The drill-down's CSV: who, and which guardrails flag and block them (ids, space-separated). */
const CSV_COLUMNS = ['customer_id', 'first_name', 'last_name', 'email', 'guardrails', 'blocking'];
const CSV_CHUNK = 1_000;

export function previewRoutes(
  store: ProfileStore,
  render: TemplateRenderer = renderInThisThread,
): Hono {
  return new Hono()
    .get('/:id/recipients', async (c) => {
      const { id } = parseOr400(campaignIdParam, c.req.param(), 'params');
      const query = parseOr400(recipientsQuery, queryOf(c), 'query');
      const checked = await checkedRecipients(store, render, id);
      const page = recipientPage(checked.recipients, { ...filtersOf(query), limit: query.limit });
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
    .get('/:id/recipients.csv', async (c) => {
      const { id } = parseOr400(campaignIdParam, c.req.param(), 'params');
      const query = parseOr400(recipientsQuery, queryOf(c), 'query');
      const checked = await checkedRecipients(store, render, id);
      const page = recipientPage(checked.recipients, {
        ...filtersOf(query),
        limit: Number.MAX_SAFE_INTEGER,
      });
      const name = `${id}-v${checked.campaign.version}${query.guardrail ? `-${query.guardrail}` : ''}`;
      c.header('content-type', 'text/csv; charset=utf-8');
      c.header('content-disposition', `attachment; filename="${name}.csv"`);
      // A viewer's copy has the names and addresses masked, like every answer they get.
      const shown = masksPersonalData(c) ? maskPerson : <T>(row: T) => row;
      return stream(c, async (out) => {
        await out.write(csvRow(CSV_COLUMNS));
        for (let i = 0; i < page.recipients.length; i += CSV_CHUNK) {
          const rows = page.recipients
            .slice(i, i + CSV_CHUNK)
            .map(shown)
            .map((r) =>
              csvRow([
                r.customer_id,
                r.first_name,
                r.last_name,
                r.email,
                r.guardrails.join(' '),
                r.blocking.join(' '),
              ]),
            );
          await out.write(rows.join(''));
        }
      });
    })
    .get('/:id/preview/:customerId', async (c) => {
      const { id, customerId } = parseOr400(previewParams, c.req.param(), 'params');
      const body: PreviewResponse = await recipientPreview(store, render, id, customerId, {
        masked: masksPersonalData(c),
      });
      return c.json(body);
    });
}
