import { describe, expect, test } from 'vitest';
import { campaignBody, type CampaignBody } from '../campaign/campaign.ts';
import { consentRow, customerRow } from '../profile/history.fixture.ts';
import type { CustomerHistory } from '../profile/history.ts';
import type { Customer } from '../profile/schema.ts';
import {
  contextOf,
  historyOfPurchases,
  reference,
  statsOf,
  type Bought,
} from '../recommend/recommend.fixture.ts';
import type { RenderRequest } from '../template/render.ts';
import { renderTemplate } from '../template/render.ts';
import { DEFAULT_POLICY } from './policy.ts';
import {
  FALLBACK_OFFER_TITLE,
  RECIPIENT_SCOPE,
  recipientMessage,
  type RecipientCampaign,
  type Renderer,
} from './recipient.ts';

/** Two days before the data's present (16 November), 9:30 in Paris: a Monday. */
const AT = '2026-11-18T08:30:00.000Z';

function sms(text: string, over: Record<string, unknown> = {}): CampaignBody {
  return campaignBody.parse({
    name: 'Films de Noël',
    channel: 'sms',
    template: { text: `${text} STOP au 36111` },
    ...over,
  });
}

/** A recipient who bought `purchases` (orders on 1 October 2026 unless dated), with e-mail and SMS consent. */
function recipient(
  purchases: readonly Bought[],
  customer: Partial<Customer> = {},
): CustomerHistory {
  const history = historyOfPurchases(purchases);
  return {
    ...history,
    customer: customerRow({ phone: '+33612345678', ...customer }),
    consents: [consentRow({ channel: 'email' }), consentRow({ consent_id: 'K2', channel: 'sms' })],
  };
}

function campaign(body: CampaignBody, over: Partial<RecipientCampaign> = {}): RecipientCampaign {
  return {
    body,
    reference,
    recommendations: contextOf(statsOf({ 'FI-DUNE': 5, 'FI-SOON': 9, 'FI-LOTR-4K': 3 })),
    policy: DEFAULT_POLICY,
    at: AT,
    render: renderTemplate,
    ...over,
  };
}

/** A renderer that keeps what it was asked. */
function spy(): { render: Renderer; asked: RenderRequest[] } {
  const asked: RenderRequest[] = [];
  return {
    asked,
    render: (request) => {
      asked.push(request);
      return renderTemplate(request);
    },
  };
}

const textOf = (result: Awaited<ReturnType<typeof recipientMessage>>) =>
  result.render.ok && result.render.message.channel === 'sms' ? result.render.message.text : null;

const offerOn = (sku: string, price: Record<string, unknown>, title = '') => ({
  offer: { target: { kind: 'product', sku }, price, title },
});

describe('the offer', () => {
  test('says « au lieu de » the catalogue’s list price, worked out from the price it leaves', async () => {
    const body = sms(
      '{{ offer.title }} : {{ offer.price | money }} au lieu de {{ offer.regular_price | money }}',
      offerOn('FI-LOTR-BR', { kind: 'price', cents: 9_999 }),
    );
    const result = await recipientMessage(recipient([]), null, campaign(body));
    expect(textOf(result)).toBe(
      'Le Seigneur des Anneaux, Blu-ray : 99,99 € au lieu de 100,32 € STOP au 36111',
    );
    expect(result.offer).toMatchObject({
      list_price_cents: 10_032,
      price_cents: 9_999,
      discount_cents: 33,
      discount_percent: 0.33,
    });
  });

  test('a percentage gives the template the price and the amount off too', async () => {
    const body = sms(
      '{{ offer.price | money }} ({{ offer.discount_percent }} %, {{ offer.discount_amount | money }})',
      offerOn('FI-DUNE', { kind: 'percent', percent: 20 }),
    );
    const result = await recipientMessage(recipient([]), null, campaign(body));
    expect(textOf(result)).toBe('80,26 € (20 %, 20,06 €) STOP au 36111');
  });

  test('a blank title on a category offer reads in the recipient’s language', async () => {
    const body = sms('{{ offer.title }}', {
      offer: {
        target: { kind: 'category', category: 'films' },
        price: { kind: 'percent', percent: 10 },
      },
    });
    const fr = await recipientMessage(recipient([]), null, campaign(body));
    const en = await recipientMessage(recipient([], { language: 'en' }), null, campaign(body));
    expect(textOf(fr)).toBe(`${FALLBACK_OFFER_TITLE.fr} STOP au 36111`);
    expect(textOf(en)).toBe(`${FALLBACK_OFFER_TITLE.en} STOP au 36111`);
    expect(fr.offer).toMatchObject({
      list_price_cents: null,
      price_cents: null,
      discount_percent: 10,
    });
  });

  test('no offer: nothing offered, the template’s offer is empty', async () => {
    const result = await recipientMessage(
      recipient([]),
      null,
      campaign(sms('{{ offer.title | default: "rien" }}')),
    );
    expect(result.offer).toBeNull();
    expect(textOf(result)).toBe('rien STOP au 36111');
  });
});

describe('the recommendations', () => {
  test('are the slot’s strategy ranked for this recipient, at most its count', async () => {
    const body = sms('{{ recommendations[0].title }}', {
      recommendation: { strategy: 'complements', count: 2 },
    });
    const result = await recipientMessage(recipient([{ sku: 'CO-PS5' }]), null, campaign(body));
    expect(result.recommendations.map((r) => r.product.sku)).toEqual([
      'GA-DUALSENSE',
      'VG-NINJA-PS5',
    ]);
    expect(textOf(result)).toBe('Manette DualSense STOP au 36111');
  });

  test('none without a slot', async () => {
    const result = await recipientMessage(
      recipient([{ sku: 'CO-PS5' }]),
      null,
      campaign(sms('{{ recommendations.size }}')),
    );
    expect(result.recommendations).toEqual([]);
    expect(textOf(result)).toBe('0 STOP au 36111');
  });

  test('are ranked as of the send: a film out by then is offered, one launched after is not', async () => {
    const body = sms('x', {
      offer: {
        target: { kind: 'category', category: 'films' },
        price: { kind: 'percent', percent: 10 },
      },
      recommendation: { strategy: 'offer', count: 3 },
    });
    const skus = async (at: string) =>
      (await recipientMessage(recipient([]), null, campaign(body, { at }))).recommendations.map(
        (r) => r.product.sku,
      );
    // FI-SOON is launched on 1 December 2026; a list holds one edition of The Lord of the Rings.
    expect(await skus('2026-12-05T08:30:00.000Z')).toEqual(['FI-SOON', 'FI-DUNE', 'FI-LOTR-4K']);
    expect(await skus('2026-11-20T08:30:00.000Z')).toEqual(['FI-DUNE', 'FI-LOTR-4K']);
  });

  test('leave out what the recipient owns, and every other edition of it', async () => {
    const body = sms('x', {
      ...offerOn('FI-LOTR-BR', { kind: 'price', cents: 9_999 }),
      recommendation: { strategy: 'offer', count: 3 },
    });
    const owner = await recipientMessage(recipient([{ sku: 'FI-LOTR-DVD' }]), null, campaign(body));
    const other = await recipientMessage(recipient([]), null, campaign(body));
    expect(owner.recommendations).toEqual([]);
    expect(other.recommendations.map((r) => r.product.sku)).toEqual(['FI-LOTR-BR']);
  });
});

describe('the render', () => {
  test('is asked at the send instant, in the recipient’s language, with their reasons worded', async () => {
    const body = sms('{{ customer.civility }} {{ recommendations[0].reason }}', {
      recommendation: { strategy: 'complements', count: 1 },
    });
    const { render, asked } = spy();
    const result = await recipientMessage(
      recipient([{ sku: 'CO-PS5' }], { language: 'en', gender: 'female' }),
      { churn_band: 'low' },
      campaign(body, { render }),
    );
    expect(asked).toHaveLength(1);
    expect(asked[0]).toMatchObject({ now: Date.parse(AT), language: 'en' });
    expect(asked[0]?.personalisation.context.customer.scores).toMatchObject({ churn_band: 'low' });
    expect(asked[0]?.personalisation.context.campaign).toEqual({
      name: 'Films de Noël',
      channel: 'sms',
    });
    expect(result.language).toBe('en');
    expect(textOf(result)).toMatch(/^Ms .*Sony PlayStation 5.* STOP au 36111$/);
  });

  test('a template error is the render’s answer; the guardrails still run', async () => {
    const body = sms('{% if %}', offerOn('FI-LOTR-BR', { kind: 'price', cents: 9_999 }));
    const result = await recipientMessage(recipient([{ sku: 'FI-LOTR-BR' }]), null, campaign(body));
    expect(result.render.ok).toBe(false);
    expect(result.verdicts.map((v) => v.guardrail)).toContain('already_owned');
  });
});

describe('the verdicts', () => {
  test('flag the offer of a box set they bought, with the order as evidence', async () => {
    const body = sms('{{ offer.title }}', offerOn('FI-LOTR-BR', { kind: 'percent', percent: 20 }));
    const result = await recipientMessage(
      recipient([{ sku: 'FI-LOTR-BR', at: '2026-10-26T16:30:00.000Z', order: 'O-BOX' }]),
      null,
      campaign(body),
    );
    const owned = result.verdicts.find((v) => v.guardrail === 'already_owned');
    expect(owned).toMatchObject({
      severity: 'block',
      params: { sku: 'FI-LOTR-BR', role: 'offer', order_id: 'O-BOX' },
    });
  });

  test('come blocking first', async () => {
    const body = sms('{{ offer.title }}', offerOn('FI-LOTR-BR', { kind: 'price', cents: 9_999 }));
    const result = await recipientMessage(
      recipient([{ sku: 'FI-LOTR-BR' }], { first_name: null }),
      null,
      campaign(body),
    );
    const severities = result.verdicts.map((v) => v.severity);
    expect(severities).toEqual([...severities].sort());
    expect(severities.length).toBeGreaterThan(0);
  });
});

describe('what it reads', () => {
  const body = sms('{{ offer.title }}', offerOn('FI-LOTR-BR', { kind: 'percent', percent: 20 }));
  const whole = recipient([{ sku: 'FI-LOTR-BR', at: '2026-10-26T16:30:00.000Z', order: 'O-BOX' }]);

  test('a history without its browsing events gives the same message and verdicts', async () => {
    const withoutEvents = { ...whole, events: [], scope: RECIPIENT_SCOPE };
    expect(RECIPIENT_SCOPE.tables).not.toContain('events');
    expect(await recipientMessage(withoutEvents, null, campaign(body))).toEqual(
      await recipientMessage(whole, null, campaign(body)),
    );
  });

  test.each([
    'orders',
    'messages',
    'consents',
    'identities',
    'preferences',
    'offer_responses',
  ] as const)('a history without its %s is refused, not answered from', async (table) => {
    const partial = {
      ...whole,
      scope: { tables: whole.scope.tables.filter((t) => t !== table), since: null },
    };
    await expect(recipientMessage(partial, null, campaign(body))).rejects.toThrow(`lacks ${table}`);
  });

  test('a history cut in time is refused', async () => {
    const recent = { ...whole, scope: { ...whole.scope, since: '2026-01-01T00:00:00.000Z' } };
    await expect(recipientMessage(recent, null, campaign(body))).rejects.toThrow('starts at');
  });
});

describe('the channel', () => {
  const email = (over: Record<string, unknown> = {}) =>
    campaignBody.parse({
      name: 'Films de Noël',
      channel: 'email',
      template: { subject: 'Noël', html: '<p>Bonjour {{ customer.first_name }}</p>' },
      ...over,
    });
  const withdrawnEmail = (history: CustomerHistory): CustomerHistory => ({
    ...history,
    consents: [
      ...history.consents,
      consentRow({
        consent_id: 'K3',
        channel: 'email',
        status: 'withdrawn',
        at: '2026-11-01T00:00:00.000Z',
      }),
    ],
  });

  test('without alternates, the campaign’s: a withdrawn e-mail consent blocks it', async () => {
    const message = await recipientMessage(withdrawnEmail(recipient([])), null, campaign(email()));
    expect(message.channel).toBe('email');
    expect(message.verdicts.map((v) => v.guardrail)).toContain('no_consent');
  });

  test('with an SMS alternate, a recipient the e-mail no longer reaches gets the SMS, checked as one', async () => {
    const { render, asked } = spy();
    const body = email({
      alternates: { sms: { text: 'Bonjour {{ customer.first_name }} STOP au 36111' } },
    });
    const message = await recipientMessage(
      withdrawnEmail(recipient([])),
      null,
      campaign(body, { render }),
    );
    expect(message.channel).toBe('sms');
    expect(asked[0]?.template.channel).toBe('sms');
    expect(message.render.ok && message.render.message.channel).toBe('sms');
    expect(message.verdicts.filter((v) => v.guardrail === 'no_consent')).toEqual([]);
    // Reachable by e-mail: the campaign's channel.
    const kept = await recipientMessage(recipient([]), null, campaign(body));
    expect(kept.channel).toBe('email');
  });
});
