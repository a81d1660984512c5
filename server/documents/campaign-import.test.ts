import { describe, expect, test } from 'vitest';
import type { Campaign, Offer } from '../../src/domain/profile/schema.ts';
import { firstSends, importedCampaign, importedCampaigns, textToHtml } from './campaign-import.ts';

const row = (overrides: Partial<Campaign> = {}): Campaign => ({
  campaign_id: 'cmp_noel',
  name: 'Noël',
  channel: 'email',
  template: 'Bonjour {{ customer.first_name }} !\n\nNos idées <cadeaux> & plus.\nÀ bientôt',
  offer_id: null,
  recommendation_slot: false,
  segment_id: null,
  holdout_share: 0.1,
  status: 'sent',
  version: 3,
  author: 'Camille Roux',
  updated_at: '2026-11-14T15:12:00.000Z',
  ...overrides,
});

const offer = (overrides: Partial<Offer> = {}): Offer => ({
  offer_id: 'off_x',
  title: 'Le coffret à 99,99 €',
  sku: 'FI-1',
  category: null,
  discount_percent: null,
  discount_cents: 33,
  currency: 'EUR',
  valid_from: '2026-11-16T00:00:00.000Z',
  valid_to: '2026-12-30T23:59:59.999Z',
  ...overrides,
});

const references = (offers: Offer[] = []) => ({
  offers: new Map(offers.map((o) => [o.offer_id, o])),
  products: new Map([['FI-1', { price_cents: 10_032 }]]),
  firstSends: new Map([['cmp_noel', '2026-11-02T08:30:00.000Z']]),
  segmentVersions: new Map([['seg_cinephiles', 2]]),
});

test('text becomes HTML paragraphs; Liquid is kept as written, the rest escaped', () => {
  expect(textToHtml('Bonjour {{ a | default: "<b>" }},\n\nLigne 1 & <2>\nLigne 2\n\n\n')).toBe(
    '<p>Bonjour {{ a | default: "<b>" }},</p>\n<p>Ligne 1 &amp; &lt;2&gt;<br>\nLigne 2</p>',
  );
});

describe('a loaded campaign as a document', () => {
  test('keeps its version, author and time, with an import note, and sends at its first message in Paris time', () => {
    const imported = importedCampaign(row(), references());
    expect(imported).toMatchObject({
      id: 'cmp_noel',
      version: 3,
      author: 'Camille Roux',
      at: '2026-11-14T15:12:00.000Z',
      note: 'imported at version 3',
    });
    expect(imported?.body).toMatchObject({
      name: 'Noël',
      status: 'sent',
      send_at: '2026-11-02T09:30',
      time_zone: 'Europe/Paris',
      template: {
        subject: 'Bonjour {{ customer.first_name }} !',
        preheader: '',
        html: '<p>Nos idées &lt;cadeaux&gt; &amp; plus.<br>\nÀ bientôt</p>',
      },
    });
  });

  test.each([
    ['sms', { text: row().template }],
    [
      'push',
      {
        title: 'Bonjour {{ customer.first_name }} !',
        body: 'Nos idées <cadeaux> & plus.\nÀ bientôt',
      },
    ],
    [
      'web_banner',
      {
        headline: 'Bonjour {{ customer.first_name }} !',
        text: 'Nos idées <cadeaux> & plus.\nÀ bientôt',
        link: '',
      },
    ],
  ] as const)('on %s, the first line is the heading and the rest the text', (channel, template) => {
    expect(importedCampaign(row({ channel }), references())?.body.template).toEqual(template);
  });

  test('an offer on a product in euros is the price it leaves; others their discount', () => {
    const price = importedCampaign(row({ offer_id: 'off_x' }), references([offer()]));
    expect(price?.body.offer).toEqual({
      target: { kind: 'product', sku: 'FI-1' },
      price: { kind: 'price', cents: 9_999 },
      valid_from: '2026-11-16',
      valid_to: '2026-12-30',
      title: 'Le coffret à 99,99 €',
    });
    const percent = offer({
      sku: null,
      category: 'films',
      discount_cents: null,
      discount_percent: 20,
    });
    expect(
      importedCampaign(row({ offer_id: 'off_x' }), references([percent]))?.body.offer,
    ).toMatchObject({
      target: { kind: 'category', category: 'films' },
      price: { kind: 'percent', percent: 20 },
    });
    const unknownProduct = offer({ sku: 'GONE' });
    expect(
      importedCampaign(row({ offer_id: 'off_x' }), references([unknownProduct]))?.body.offer?.price,
    ).toEqual({
      kind: 'amount_off',
      cents: 33,
    });
    expect(importedCampaign(row({ offer_id: 'off_missing' }), references())?.body.offer).toBeNull();
  });

  test('targets the saved segment at its version, or nothing when it is not a saved segment', () => {
    expect(
      importedCampaign(row({ segment_id: 'seg_cinephiles' }), references())?.body.segment,
    ).toEqual({
      segment_id: 'seg_cinephiles',
      version: 2,
    });
    expect(
      importedCampaign(row({ segment_id: 'seg_unparsed' }), references())?.body.segment,
    ).toBeNull();
  });

  test('a recommendation slot is three complements', () => {
    expect(
      importedCampaign(row({ recommendation_slot: true }), references())?.body.recommendation,
    ).toEqual({
      strategy: 'complements',
      count: 3,
    });
  });

  test('scheduled is ready when complete, else a draft', () => {
    const complete = row({ status: 'scheduled', segment_id: 'seg_cinephiles' });
    expect(importedCampaign(complete, references())?.body.status).toBe('ready');
    const unplanned = row({
      campaign_id: 'cmp_later',
      status: 'scheduled',
      segment_id: 'seg_cinephiles',
    });
    expect(importedCampaign(unplanned, references())?.body.status).toBe('draft');
  });

  test('a row that does not fit a campaign is not imported; a repeated id is imported once', () => {
    expect(importedCampaign(row({ holdout_share: 0.9 }), references())).toBeNull();
    expect(importedCampaign(row({ name: '' }), references())).toBeNull();
    const twice = importedCampaigns(
      [row(), row({ name: 'Autre' }), row({ holdout_share: 1 })],
      references(),
    );
    expect(twice.map((d) => d.body.name)).toEqual(['Noël']);
  });
});

test('each campaign’s first message', () => {
  expect(
    firstSends([
      { campaign_id: 'a', sent_at: '2026-01-02T00:00:00.000Z' },
      { campaign_id: 'b', sent_at: '2026-01-03T00:00:00.000Z' },
      { campaign_id: 'a', sent_at: '2026-01-01T00:00:00.000Z' },
    ]),
  ).toEqual(
    new Map([
      ['a', '2026-01-01T00:00:00.000Z'],
      ['b', '2026-01-03T00:00:00.000Z'],
    ]),
  );
});
