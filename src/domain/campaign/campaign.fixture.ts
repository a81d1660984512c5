// Campaign bodies for the campaign tests: a complete email campaign and its variants.
import { campaignBody, type CampaignBody } from './campaign.ts';

/** The demo's story as a complete, ready e-mail campaign. */
export function readyEmail(
  overrides: Record<string, unknown> = {},
): Extract<CampaignBody, { channel: 'email' }> {
  const body = campaignBody.parse({
    name: 'Coffret Seigneur des Anneaux — Noël',
    channel: 'email',
    status: 'ready',
    segment: { segment_id: 'seg_cinephiles', version: 2 },
    holdout_share: 0.1,
    send_at: '2026-12-01T09:30',
    time_zone: 'Europe/Paris',
    template: {
      subject: "{{ customer.first_name | default: 'Bonjour' }}, c'est nouveau, il vous les faut !",
      preheader: 'Le coffret Blu-ray à 99,99 €',
      html: '<p>Bonjour {{ customer.first_name }},</p>',
    },
    offer: {
      target: { kind: 'product', sku: 'FI-0001' },
      price: { kind: 'price', cents: 9_999 },
      valid_from: '2026-11-16',
      valid_to: '2026-12-30',
    },
    recommendation: { strategy: 'complements', count: 3 },
    ...overrides,
  });
  if (body.channel !== 'email') throw new Error('readyEmail makes e-mail campaigns');
  return body;
}
