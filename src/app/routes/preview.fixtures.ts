// Contract-valid answers of the preview API for the component tests, over the customers of the
// hand-written fixture (server/fixture.ts): Olivier, who bought the Blu-ray box set in store
// (already owned, and a discount that is none); a customer whose first name is markup; one with no
// first name, held out. Each answer is parsed with the contract's schema, so a fixture off the
// contract fails loudly.
import {
  previewResponse,
  recipientsResponse,
  type PreviewResponse,
  type RecipientSummary,
  type RecipientsResponse,
} from '../../api/contract.ts';
import { guardrailIds, type GuardrailId } from '../../domain/guardrails/verdict.ts';

export const XSS_NAME = '<img src=x onerror=alert(1)>';
export const BOX_SET_ORDER = 'O0000001';
const AT = '2026-11-16T00:00:00.000Z';
const policy = { policy_id: 'default', version: 1 };

export const recipients: RecipientSummary[] = [
  {
    customer_id: 'C0000001',
    first_name: 'Olivier',
    last_name: 'Marchand',
    email: 'olivier.marchand@example.fr',
    guardrails: ['already_owned', 'meaningless_discount'],
    blocking: ['already_owned', 'meaningless_discount'],
    blocked: true,
  },
  {
    customer_id: 'C0000003',
    first_name: null,
    last_name: 'Sans-Histoire',
    email: null,
    guardrails: [],
    blocking: [],
    blocked: false,
  },
  {
    customer_id: 'C0000002',
    first_name: XSS_NAME,
    last_name: 'Durand',
    email: 'pas-un-email',
    guardrails: ['missing_data'],
    blocking: [],
    blocked: false,
  },
];

/** One page of recipients as the API answers `query`: filtered, then paged by customer id order. */
export function recipientsPage(campaignId: string, query: URLSearchParams, pageSize = 2) {
  const flagged = query.get('flagged') === 'true';
  const guardrail = query.get('guardrail');
  const q = (query.get('q') ?? '').toLowerCase();
  const matching = recipients.filter(
    (r) =>
      (!flagged || r.guardrails.length > 0) &&
      (guardrail === null || r.guardrails.some((g) => g === guardrail)) &&
      (q === '' ||
        [r.customer_id, r.first_name, r.last_name, r.email].some((f) =>
          (f ?? '').toLowerCase().includes(q),
        )),
  );
  const cursor = query.get('cursor');
  const from = cursor === null ? 0 : matching.findIndex((r) => r.customer_id === cursor) + 1;
  const page = matching.slice(from, from + pageSize);
  const byGuardrail: Partial<Record<GuardrailId, number>> = {};
  for (const id of guardrailIds)
    byGuardrail[id] = recipients.filter((r) => r.guardrails.includes(id)).length;
  const answer: RecipientsResponse = recipientsResponse.parse({
    campaign_id: campaignId,
    version: 1,
    policy,
    at: AT,
    total: recipients.length,
    flagged: recipients.filter((r) => r.guardrails.length > 0).length,
    by_guardrail: byGuardrail,
    matching: matching.length,
    recipients: page,
    next_cursor: from + pageSize < matching.length ? (page.at(-1)?.customer_id ?? null) : null,
  });
  return answer;
}

const email = (subject: string, html: string) => ({
  ok: true,
  message: { channel: 'email', subject, preheader: 'Le coffret est arrivé', html },
  fallbacks: [],
  removed_links: [],
  warnings: [],
});

const offer = {
  title: 'Le Seigneur des Anneaux — coffret Blu-ray',
  sku: 'BR-LOTR-BOX',
  category: 'films',
  list_price_cents: 10032,
  price_cents: 9999,
  discount_cents: 33,
  discount_percent: 0.33,
  valid_from: '2026-11-01',
  valid_to: '2026-12-31',
};

const boxSetEvidence = {
  kind: 'entry',
  entry_kind: 'order',
  id: BOX_SET_ORDER,
  at: '2026-10-01T15:00:00.000Z',
};

/** The preview of each fixture customer, by id. */
export function previewOf(campaignId: string, customerId: string): PreviewResponse | null {
  const common = { campaign_id: campaignId, version: 1, policy, customer_id: customerId, at: AT };
  const trace = (city: string | null, held: boolean) => [
    { node_id: 'root', depth: 0, kind: 'group', held, observed: null },
    { node_id: 'city', depth: 1, kind: 'condition', held, observed: city },
    { node_id: 'spend', depth: 1, kind: 'condition', held: true, observed: 45921 },
  ];
  switch (customerId) {
    case 'C0000001':
      return previewResponse.parse({
        ...common,
        membership: 'recipient',
        render: email(
          'Olivier, c’est nouveau, il vous le faut !',
          '<p>Bonjour Olivier, le coffret à 99,99 €</p>',
        ),
        offer,
        recommendations: [],
        verdicts: [
          {
            guardrail: 'meaningless_discount',
            severity: 'warn',
            params: {
              rule: 'threshold',
              sku: 'BR-LOTR-BOX',
              title: offer.title,
              list_price_cents: 10032,
              offer_price_cents: 9999,
              discount_cents: 33,
              discount_percent: 0.33,
              min_discount_percent: 5,
              min_discount_cents: 200,
              paid_cents: null,
              paid_at: null,
            },
            evidence: [{ kind: 'product', sku: 'BR-LOTR-BOX', title: offer.title }],
          },
          {
            guardrail: 'already_owned',
            severity: 'block',
            params: {
              sku: 'BR-LOTR-BOX',
              title: offer.title,
              role: 'offer',
              owned_sku: 'BR-LOTR-BOX',
              owned_title: offer.title,
              owned_format: 'blu_ray',
              same_work: false,
              order_id: BOX_SET_ORDER,
              bought_at: '2026-10-01T15:00:00.000Z',
              order_channel: 'store',
              store_name: 'Lyon Part-Dieu',
              loyalty_card: true,
            },
            evidence: [boxSetEvidence],
          },
        ],
        trace: trace('Lyon', true),
      });
    case 'C0000002':
      return previewResponse.parse({
        ...common,
        membership: 'recipient',
        render: email('Bonjour', '<p>Bonjour</p>'),
        offer: null,
        recommendations: [],
        verdicts: [
          {
            guardrail: 'missing_data',
            severity: 'warn',
            params: {
              rule: 'fallback',
              field: 'customer.first_name',
              token: '{{ customer.first_name | default: "Bonjour" }}',
              raw: XSS_NAME,
              reason: 'no_letters',
              replacement: 'Bonjour',
            },
            evidence: [{ kind: 'customer_field', field: 'first_name', value: XSS_NAME }],
          },
        ],
        trace: trace('Paris', false),
      });
    case 'C0000003':
      return previewResponse.parse({
        ...common,
        membership: 'not_member',
        render: {
          ok: true,
          message: {
            channel: 'sms',
            text: 'Bonjour, le coffret est arrivé. STOP au 36111',
            sms: {
              encoding: 'gsm7',
              units: 45,
              characters: 45,
              parts: 1,
              per_part: 160,
              remaining: 115,
              extension_characters: 0,
              ucs2_characters: [],
            },
          },
          fallbacks: [],
          removed_links: [],
          warnings: [],
        },
        offer: null,
        recommendations: [],
        verdicts: [],
        trace: trace(null, false),
      });
    default:
      return null;
  }
}
