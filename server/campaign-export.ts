// The hand-off: a ready campaign's final recipients — the pinned segment's members less the
// holdout and the exclusions — each with the message as it will leave (the same recipientMessage
// the preview and the audit call), the recommendations, the offer and the channel, streamed a
// chunk of histories at a time, all at once or one rollout wave. Only a ready campaign whose audit
// is still current exports: the header names the campaign version, the policy version, the audit
// and the wave.
import type { PreviewOffer, SavedCampaign } from '../src/api/contract.ts';
import { excludedIds } from '../src/domain/campaign/campaign.ts';
import type { Renderer } from '../src/domain/guardrails/recipient.ts';
import { recipientMessage } from '../src/domain/guardrails/recipient.ts';
import type { Customer, MessageChannel } from '../src/domain/profile/schema.ts';
import type { RenderedMessage } from '../src/domain/template/result.ts';
import type { WaveId } from '../src/domain/campaign/rollout.ts';
import { currentDoneAudit } from './campaign-audits.ts';
import { inWave } from './campaign-rollout.ts';
import {
  checkRunFor,
  previewOfferOf,
  recipientCampaign,
  scoreBookOf,
  templateScoresOf,
} from './campaign-preview.ts';
import { httpError } from './http.ts';
import type { ProfileStore } from './store.ts';

/** Histories per chunk while exporting. */
const EXPORT_CHUNK = 500;

export interface ExportHeader {
  campaign_id: string;
  name: string;
  version: number;
  policy: { policy_id: string; version: number };
  audit_id: string;
  /** The rollout wave exported, or null for every recipient at once. */
  wave: WaveId | null;
  /** When the messages are checked and rendered for: the send time. */
  at: string;
  recipients: number;
  exported_at: string;
}

export interface ExportLine {
  customer_id: string;
  channel: MessageChannel;
  /** Where it goes: the e-mail address, the phone number; null for push and banners. */
  address: string | null;
  language: string;
  /** Null when it could not be rendered (`error` says why). */
  message: RenderedMessage | null;
  error: string | null;
  recommendations: { sku: string; title: string; price_cents: number }[];
  offer: PreviewOffer | null;
}

export interface CampaignExport {
  header: ExportHeader;
  lines: AsyncIterable<ExportLine[]>;
}

function addressOf(customer: Customer, channel: MessageChannel): string | null {
  switch (channel) {
    case 'email':
      return customer.email;
    case 'sms':
      return customer.phone;
    case 'push':
    case 'web_banner':
      return null;
  }
}

/** The campaign's export, or the 409 saying why it may not leave: not ready, or audited before a change. */
export async function campaignExport(
  store: ProfileStore,
  render: Renderer,
  campaign: SavedCampaign,
  wave: WaveId | null = null,
): Promise<CampaignExport> {
  if (campaign.status !== 'ready' || campaign.readiness === null) {
    throw httpError(
      'campaign_not_ready',
      `“${campaign.name}” is ${campaign.status}: only a campaign marked ready from its audit is exported.`,
      { campaign_id: campaign.campaign_id, name: campaign.name, status: campaign.status },
    );
  }
  const audit = await currentDoneAudit(store, campaign, campaign.readiness.audit_id);
  const { run } = await checkRunFor(store, render, campaign);
  const [check, book] = await Promise.all([run.result, scoreBookOf(store)]);
  const excluded = excludedIds(campaign);
  const recipients = check.members
    .map((m) => m.summary.customer_id)
    .filter((id) => !excluded.has(id));
  const ids = wave === null ? recipients : inWave(campaign, book, wave, recipients);
  const header: ExportHeader = {
    campaign_id: campaign.campaign_id,
    name: campaign.name,
    version: campaign.version,
    policy: audit.policy,
    audit_id: audit.audit_id,
    wave,
    at: check.at,
    recipients: ids.length,
    exported_at: new Date().toISOString(),
  };
  async function* lines(): AsyncIterable<ExportLine[]> {
    const setting = await recipientCampaign(store, render, campaign, check.policy);
    for await (const chunk of store.histories(ids, { chunkSize: EXPORT_CHUNK })) {
      const out: ExportLine[] = [];
      for (const history of chunk) {
        const { customer } = history;
        const message = await recipientMessage(
          history,
          templateScoresOf(book, customer.customer_id),
          setting,
        );
        out.push({
          customer_id: customer.customer_id,
          channel: message.channel,
          address: addressOf(customer, message.channel),
          language: message.language,
          message: message.render.ok ? message.render.message : null,
          error: message.render.ok ? null : message.render.error.message,
          recommendations: message.recommendations.map(({ product }) => ({
            sku: product.sku,
            title: product.title,
            price_cents: product.price_cents,
          })),
          offer: message.offer === null ? null : previewOfferOf(message.offer),
        });
      }
      yield out;
    }
  }
  return { header, lines: lines() };
}
