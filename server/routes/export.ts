// The hand-off of a ready campaign (server/campaign-export.ts): GET
// /api/campaigns/:id/export?format=csv|jsonl[&wave=loyal|rest|all] streams its final recipients
// (of one rollout wave) with their messages; GET /api/campaigns/:id/rollout gives the waves.
// CSV opens with a `#` line naming the campaign version, the policy version and the audit, then a
// header row and one formula-safe row per recipient (each template part its own column); JSON
// Lines opens with the header object, then one recipient per line.
import { Hono } from 'hono';
import { stream } from 'hono/streaming';
import { campaignIdParam, exportFileName, exportQuery } from '../../src/api/contract.ts';
import { csvRow } from '../../src/domain/segment/csv.ts';
import { PARTS_OF, templatePart, type TemplatePart } from '../../src/domain/template/result.ts';
import { campaignExport, type ExportHeader, type ExportLine } from '../campaign-export.ts';
import { campaignOrNotFound } from '../campaign-preview.ts';
import { rolloutPlan } from '../campaign-rollout.ts';
import { parseOr400, queryOf } from '../http.ts';
import type { ProfileStore } from '../store.ts';
import { renderInThisThread, type TemplateRenderer } from './templates.ts';

const PARTS: readonly TemplatePart[] = templatePart.options;
export const EXPORT_COLUMNS = [
  'customer_id',
  'channel',
  'address',
  'language',
  ...PARTS,
  'render_error',
  'recommendations',
  'offer_title',
  'offer_price_cents',
] as const;

function partOf(line: ExportLine, part: TemplatePart): string | null {
  const message = line.message;
  if (message === null || !PARTS_OF[message.channel].includes(part)) return null;
  const value: unknown = Object.entries(message).find(([key]) => key === part)?.[1];
  return typeof value === 'string' ? value : null;
}

function csvOf(line: ExportLine): string {
  return csvRow([
    line.customer_id,
    line.channel,
    line.address,
    line.language,
    ...PARTS.map((part) => partOf(line, part)),
    line.error,
    line.recommendations.map((r) => r.sku).join(' '),
    line.offer?.title ?? null,
    line.offer?.price_cents === null || line.offer === null ? null : String(line.offer.price_cents),
  ]);
}

const headerLine = (h: ExportHeader) =>
  `# Tact export: campaign ${h.campaign_id} version ${h.version}, policy ${h.policy.policy_id} ` +
  `version ${h.policy.version}, audit ${h.audit_id}, ` +
  (h.wave === null ? '' : `wave ${h.wave}, `) +
  `${h.recipients} recipients, at ${h.at}\r\n`;

export function exportRoutes(
  store: ProfileStore,
  render: TemplateRenderer = renderInThisThread,
): Hono {
  return new Hono()
    .get('/:id/rollout', async (c) => {
      const { id } = parseOr400(campaignIdParam, c.req.param(), 'params');
      return c.json(await rolloutPlan(store, render, id));
    })
    .get('/:id/export', async (c) => {
      const { id } = parseOr400(campaignIdParam, c.req.param(), 'params');
      const { format, wave } = parseOr400(exportQuery, queryOf(c), 'query');
      const campaign = await campaignOrNotFound(store, id);
      const { header, lines } = await campaignExport(store, render, campaign, wave ?? null);
      const csv = format === 'csv';
      c.header(
        'content-type',
        csv ? 'text/csv; charset=utf-8' : 'application/x-ndjson; charset=utf-8',
      );
      c.header(
        'content-disposition',
        `attachment; filename="${exportFileName(header.campaign_id, header.version, header.wave, format)}"`,
      );
      return stream(c, async (out) => {
        await out.write(
          csv
            ? headerLine(header) + csvRow(EXPORT_COLUMNS)
            : `${JSON.stringify({ export: header })}\n`,
        );
        for await (const chunk of lines) {
          await out.write(
            chunk.map((line) => (csv ? csvOf(line) : `${JSON.stringify(line)}\n`)).join(''),
          );
        }
      });
    });
}
